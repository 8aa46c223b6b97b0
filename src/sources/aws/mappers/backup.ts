import type { BackupRule, BackupSelection, BackupVaultListMember, Lifecycle } from "@aws-sdk/client-backup";
import { BACKUP_PLAN_TYPE } from "../../../model/types/backup-plan.js";
import { BACKUP_VAULT_TYPE } from "../../../model/types/backup-vault.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, nonEmpty, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: one ListBackupVaults item
 * (it carries EncryptionKeyArn) and ListTags' tags. A value the collector could not read is an Unknown.
 */
export interface BackupVaultShape {
  Vault: BackupVaultListMember;
  Tags: Read<Record<string, string> | undefined>;
}

/** AWS::Backup::BackupVault. Id: the vault name. */
export const BACKUP_VAULT_MAPPER: TypeMapper<BackupVaultShape> = {
  type: BACKUP_VAULT_TYPE,
  map({ Vault: v, Tags }, scope) {
    return liveResource(scope, {
      type: BACKUP_VAULT_TYPE,
      id: v.BackupVaultName ?? "",
      arn: v.BackupVaultArn,
      name: v.BackupVaultName,
      region: scope.region,
      tags: Tags ?? {},
      props: { BackupVaultName: v.BackupVaultName, EncryptionKeyArn: nonEmpty(v.EncryptionKeyArn) },
    });
  },
};

/**
 * The shape for a backup plan: GetBackupPlan's plan (name, rules), its id and ARN, its selections
 * (ListBackupSelections + GetBackupSelection per selection) and ListTags' tags. A value the collector
 * could not read is an Unknown.
 */
export interface BackupPlanShape {
  BackupPlanId: string;
  BackupPlanArn?: string;
  BackupPlanName?: string;
  Rules: Read<BackupRule[]>;
  Selections: Read<BackupSelection[]>;
  Tags: Read<Record<string, string> | undefined>;
}

const lifecycle = (l: Lifecycle | undefined) => l && compact({ DeleteAfterDays: l.DeleteAfterDays, MoveToColdStorageAfterDays: l.MoveToColdStorageAfterDays });

/** AWS::Backup::BackupPlan, in CloudFormation's shape. Id: the plan id. */
export const BACKUP_PLAN_MAPPER: TypeMapper<BackupPlanShape> = {
  type: BACKUP_PLAN_TYPE,
  map(p, scope) {
    return liveResource(scope, {
      type: BACKUP_PLAN_TYPE,
      id: p.BackupPlanId,
      arn: p.BackupPlanArn,
      name: p.BackupPlanName,
      region: scope.region,
      tags: p.Tags ?? {},
      props: {
        BackupPlan: {
          BackupPlanName: p.BackupPlanName,
          BackupPlanRule: mapRead(p.Rules, (rules) =>
            rules.map(
              (r) =>
                compact({
                  RuleName: r.RuleName,
                  TargetBackupVault: r.TargetBackupVaultName,
                  ScheduleExpression: r.ScheduleExpression,
                  EnableContinuousBackup: r.EnableContinuousBackup,
                  Lifecycle: lifecycle(r.Lifecycle),
                  CopyActions: r.CopyActions?.map((c) => compact({ DestinationBackupVaultArn: c.DestinationBackupVaultArn, Lifecycle: lifecycle(c.Lifecycle) }) ?? {}),
                }) ?? {},
            ),
          ),
        },
        Selections: mapRead(p.Selections, (list) =>
          list.map(
            (s) =>
              compact({
                SelectionName: s.SelectionName,
                IamRoleArn: s.IamRoleArn,
                Resources: s.Resources,
                NotResources: s.NotResources,
                ListOfTags: s.ListOfTags?.map((t) => compact({ ConditionType: t.ConditionType, ConditionKey: t.ConditionKey, ConditionValue: t.ConditionValue }) ?? {}),
              }) ?? {},
          ),
        ),
      },
    });
  },
};
