import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, int, obj, str, strArr, typeSchema } from "./schema.js";

/** AWS::Backup::BackupPlan. Config id: the backup plan id. Selections (aws_backup_selection) are merged in. */
export const BACKUP_PLAN_TYPE = "AWS::Backup::BackupPlan";

export interface BackupPlanProps extends CommonProps {
  BackupPlan?: Val<{ BackupPlanName?: Val<string>; BackupPlanRule?: Val<unknown[]> }>;
  Selections?: Val<unknown[]>;
}

const lifecycle = obj({ DeleteAfterDays: int(), MoveToColdStorageAfterDays: int() });

export const BACKUP_PLAN_SCHEMA = typeSchema({
  type: BACKUP_PLAN_TYPE,
  description: "An AWS Backup plan (CloudFormation BackupPlan shape) with its selections merged in.",
  properties: {
    BackupPlan: obj({
      BackupPlanName: str(),
      BackupPlanRule: arr(
        obj({
          RuleName: str(),
          TargetBackupVault: str(),
          ScheduleExpression: str(),
          EnableContinuousBackup: bool(),
          Lifecycle: lifecycle,
          CopyActions: arr(obj({ DestinationBackupVaultArn: str(), Lifecycle: lifecycle })),
        }),
      ),
    }),
    Selections: arr(
      obj({
        SelectionName: str(),
        IamRoleArn: str(),
        Resources: strArr("ARNs (or ARN patterns with *) of the resources selected."),
        NotResources: strArr(),
        ListOfTags: arr(obj({ ConditionType: str(), ConditionKey: str(), ConditionValue: str() })),
      }),
      "Normalized extra: the plan's backup selections (aws_backup_selection; AWS::Backup::BackupSelection in CloudFormation).",
    ),
  },
});

export const BACKUP_PLAN: ResourceTypeInfo = {
  type: BACKUP_PLAN_TYPE,
  schema: BACKUP_PLAN_SCHEMA,
  description: "AWS Backup plan: rules (schedule, vault, retention) and the resources it selects.",
  taggable: true,
};
