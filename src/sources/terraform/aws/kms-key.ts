import { KMS_KEY_TYPE } from "../../../model/types/kms-key.js";
import { normalizePolicyDocument } from "../../../model/policy-document.js";
import { Unknown } from "../../../model/values.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { bool, num, str, tfType } from "./tf-reader.js";

/** aws_kms_key (+ aws_kms_key_policy, aws_kms_alias) → AWS::KMS::Key. */
export const TF_KMS_KEY = tfType("aws_kms_key", [
  "key_id", "id", "arn", "description", "is_enabled", "enable_key_rotation", "rotation_period_in_days", "policy",
  "customer_master_key_spec", "key_usage", "multi_region", "deletion_window_in_days",
]);
export const TF_KMS_KEY_POLICY = tfType("aws_kms_key_policy", ["key_id", "policy"]);
export const TF_KMS_ALIAS = tfType("aws_kms_alias", ["name", "target_key_id"]);

export const KMS_KEY_MAPPING = resourceMapping(TF_KMS_KEY, KMS_KEY_TYPE, (r, b) => {
  const keyId = r.get("key_id") ?? r.get("id");
  b.set("KeyId", str(keyId), "key_id");
  b.set("Description", str(r.get("description")), "description");
  // Provider docs (aws_kms_key): is_enabled "Defaults to true"; enable_key_rotation "Defaults to false";
  // key_usage "Defaults to ENCRYPT_DECRYPT"; customer_master_key_spec "Defaults to SYMMETRIC_DEFAULT";
  // deletion_window_in_days "Defaults to 30"; multi_region "Defaults to false".
  b.set("Enabled", bool(r.get("is_enabled")), "is_enabled");
  b.default("Enabled", true);
  b.set("EnableKeyRotation", bool(r.get("enable_key_rotation")), "enable_key_rotation");
  b.default("EnableKeyRotation", false);
  b.set("RotationPeriodInDays", num(r.get("rotation_period_in_days")), "rotation_period_in_days");
  b.set("KeySpec", str(r.get("customer_master_key_spec")), "customer_master_key_spec");
  b.default("KeySpec", "SYMMETRIC_DEFAULT");
  b.set("KeyUsage", str(r.get("key_usage")), "key_usage");
  b.default("KeyUsage", "ENCRYPT_DECRYPT");
  b.set("MultiRegion", bool(r.get("multi_region")), "multi_region");
  b.default("MultiRegion", false);
  b.set("PendingWindowInDays", num(r.get("deletion_window_in_days")), "deletion_window_in_days");
  b.default("PendingWindowInDays", 30);
  b.set("KeyPolicy", normalizePolicyDocument(r.get("policy")), "policy");
  // Without a policy AWS attaches its default key policy, which names the account root; its text is not
  // in the evidence (and aws_kms_key_policy may still set it), so it is unknown rather than absent.
  b.default("KeyPolicy", new Unknown("no key policy is set here: AWS applies its default key policy (account root has kms:*)", "policy"));
  return { ident: { id: keyId, arn: r.get("arn") }, keys: [keyId, r.get("id"), r.get("arn")] };
});

export const KMS_CHILD_MAPPINGS = [
  childMapping(TF_KMS_KEY_POLICY, KMS_KEY_TYPE, ["key_id"], (r, b, inst) => {
    b.set("KeyPolicy", normalizePolicyDocument(r.get("policy")), "policy", inst);
  }),
  childMapping(TF_KMS_ALIAS, KMS_KEY_TYPE, ["target_key_id"], (r, b, inst) => {
    b.append("Aliases", [str(r.get("name")) ?? new Unknown("alias name is not knowable", `${inst.address}.name`)], "name", inst);
  }),
];
