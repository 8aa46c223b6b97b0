import { SECRETSMANAGER_SECRET_TYPE } from "../../../model/types/secretsmanager-secret.js";
import { normalizePolicyDocument } from "../../../model/policy-document.js";
import { isUnknown } from "../../../model/values.js";
import { resourceMapping, childMapping } from "./mapping.js";
import { bool, compact, mapEach, num, str, tfType } from "./tf-reader.js";

/** aws_secretsmanager_secret (+ _rotation) → AWS::SecretsManager::Secret. Id: the ARN (= Terraform id). */
export const TF_SECRET = tfType("aws_secretsmanager_secret", [
  "name", "id", "arn", "description", "kms_key_id", "policy", "recovery_window_in_days", "replica", "replica.region", "replica.kms_key_id",
]);
export const TF_SECRET_ROTATION = tfType("aws_secretsmanager_secret_rotation", [
  "secret_id", "rotation_lambda_arn", "rotation_rules", "rotation_rules.automatically_after_days",
  "rotation_rules.schedule_expression", "rotation_rules.duration",
]);

export const SECRET_MAPPING = resourceMapping(TF_SECRET, SECRETSMANAGER_SECRET_TYPE, (r, b) => {
  const arn = r.get("arn") ?? r.get("id");
  b.set("Name", str(r.get("name")), "name");
  b.set("Description", str(r.get("description")), "description");
  b.set("KmsKeyId", str(r.get("kms_key_id")), "kms_key_id");
  b.set("ResourcePolicy", normalizePolicyDocument(r.get("policy")), "policy");
  b.set("RecoveryWindowInDays", num(r.get("recovery_window_in_days")), "recovery_window_in_days");
  b.default("RecoveryWindowInDays", 30); // provider docs: "Defaults to 30"
  b.set(
    "ReplicaRegions",
    mapEach(r, "replica", (x) => compact({ Region: str(x.get("replica.region")), KmsKeyId: str(x.get("replica.kms_key_id")) }) ?? {}),
    "replica",
  );
  // No rotation resource means no rotation; an aws_secretsmanager_secret_rotation child overrides this.
  b.default("RotationEnabled", false);
  return { ident: { id: arn, name: r.get("name"), arn }, keys: [arn, r.get("id"), r.get("name")] };
});

export const SECRET_CHILD_MAPPINGS = [
  childMapping(TF_SECRET_ROTATION, SECRETSMANAGER_SECRET_TYPE, ["secret_id"], (r, b, inst) => {
    b.set("RotationEnabled", true, "secret_id", inst);
    b.set("RotationLambdaARN", str(r.get("rotation_lambda_arn")), "rotation_lambda_arn", inst);
    const rules = r.block("rotation_rules");
    b.set(
      "RotationRules",
      isUnknown(rules)
        ? rules
        : rules &&
            compact({
              AutomaticallyAfterDays: num(rules.get("rotation_rules.automatically_after_days")),
              ScheduleExpression: str(rules.get("rotation_rules.schedule_expression")),
              Duration: str(rules.get("rotation_rules.duration")),
            }),
      "rotation_rules",
      inst,
    );
  }),
];
