import { BACKUP_PLAN_TYPE } from "../../../model/types/backup-plan.js";
import { BACKUP_VAULT_TYPE } from "../../../model/types/backup-vault.js";
import { isUnknown } from "../../../model/values.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { bool, compact, mapEach, num, str, strList, tfType } from "./tf-reader.js";

/**
 * aws_backup_vault → AWS::Backup::BackupVault (id: the name); aws_backup_plan (+ aws_backup_selection)
 * → AWS::Backup::BackupPlan (id: the plan id), CloudFormation's BackupPlan shape.
 */
export const TF_BACKUP_VAULT = tfType("aws_backup_vault", ["name", "id", "arn", "kms_key_arn"]);
export const TF_BACKUP_PLAN = tfType("aws_backup_plan", [
  "name", "id", "arn", "rule", "rule.rule_name", "rule.target_vault_name", "rule.schedule", "rule.enable_continuous_backup",
  "rule.lifecycle.delete_after", "rule.lifecycle.cold_storage_after", "rule.copy_action", "rule.copy_action.destination_vault_arn",
  "rule.copy_action.lifecycle.delete_after", "rule.copy_action.lifecycle.cold_storage_after",
]);
export const TF_BACKUP_SELECTION = tfType("aws_backup_selection", [
  "plan_id", "name", "iam_role_arn", "resources", "not_resources", "selection_tag", "selection_tag.type", "selection_tag.key",
  "selection_tag.value",
]);

export const BACKUP_VAULT_MAPPING = resourceMapping(TF_BACKUP_VAULT, BACKUP_VAULT_TYPE, (r, b) => {
  const name = r.get("name") ?? r.get("id");
  b.set("BackupVaultName", str(name), "name");
  b.set("EncryptionKeyArn", str(r.get("kms_key_arn")), "kms_key_arn");
  return { ident: { id: name, name, arn: r.get("arn") }, keys: [name, r.get("id"), r.get("arn")] };
});

export const BACKUP_PLAN_MAPPING = resourceMapping(TF_BACKUP_PLAN, BACKUP_PLAN_TYPE, (r, b) => {
  const name = r.get("name");
  const rules = mapEach(r, "rule", (x) =>
    compact({
      RuleName: str(x.get("rule.rule_name")),
      TargetBackupVault: str(x.get("rule.target_vault_name")),
      ScheduleExpression: str(x.get("rule.schedule")),
      EnableContinuousBackup: bool(x.get("rule.enable_continuous_backup")),
      Lifecycle: compact({
        DeleteAfterDays: num(x.get("rule.lifecycle.delete_after")),
        MoveToColdStorageAfterDays: num(x.get("rule.lifecycle.cold_storage_after")),
      }),
      CopyActions: mapEach(x, "rule.copy_action", (c) =>
        compact({
          DestinationBackupVaultArn: str(c.get("rule.copy_action.destination_vault_arn")),
          Lifecycle: compact({
            DeleteAfterDays: num(c.get("rule.copy_action.lifecycle.delete_after")),
            MoveToColdStorageAfterDays: num(c.get("rule.copy_action.lifecycle.cold_storage_after")),
          }),
        }) ?? {},
      ),
    }) ?? {},
  );
  b.set("BackupPlan", compact({ BackupPlanName: str(name), BackupPlanRule: rules }) ?? {}, "rule");
  return { ident: { id: r.get("id"), name, arn: r.get("arn") }, keys: [r.get("id"), r.get("arn")] };
});

export const BACKUP_CHILD_MAPPINGS = [
  childMapping(TF_BACKUP_SELECTION, BACKUP_PLAN_TYPE, ["plan_id"], (r, b, inst) => {
    const tags = mapEach(r, "selection_tag", (t) =>
      compact({ ConditionType: str(t.get("selection_tag.type")), ConditionKey: str(t.get("selection_tag.key")), ConditionValue: str(t.get("selection_tag.value")) }) ?? {},
    );
    b.append(
      "Selections",
      [
        compact({
          SelectionName: str(r.get("name")),
          IamRoleArn: str(r.get("iam_role_arn")),
          Resources: strList(r.get("resources")),
          NotResources: strList(r.get("not_resources")),
          ListOfTags: isUnknown(tags) || (tags && tags.length) ? tags : undefined,
        }) ?? {},
      ],
      "resources",
      inst,
    );
  }),
];
