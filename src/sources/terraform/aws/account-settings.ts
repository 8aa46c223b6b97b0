import { IAM_ACCOUNT_PASSWORD_POLICY_TYPE } from "../../../model/types/iam-account-password-policy.js";
import { IAM_USER_TYPE } from "../../../model/types/iam-user.js";
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE } from "../../../model/types/s3-account-public-access-block.js";
import { Unknown } from "../../../model/values.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { bool, num, str, tfType } from "./tf-reader.js";

/**
 * Account-wide settings: aws_iam_account_password_policy → AWS::IAM::AccountPasswordPolicy,
 * aws_s3_account_public_access_block → AWS::S3::AccountPublicAccessBlock (id: the account id when known),
 * and aws_iam_access_key merged into its AWS::IAM::User as AccessKeys (never the secret).
 */
export const TF_PASSWORD_POLICY = tfType("aws_iam_account_password_policy", [
  "minimum_password_length", "require_symbols", "require_numbers", "require_uppercase_characters", "require_lowercase_characters",
  "allow_users_to_change_password", "max_password_age", "password_reuse_prevention", "hard_expiry",
]);
export const TF_S3_ACCOUNT_PAB = tfType("aws_s3_account_public_access_block", [
  "account_id", "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets",
]);
export const TF_IAM_ACCESS_KEY = tfType("aws_iam_access_key", ["user", "id", "status", "create_date"]);

export const PASSWORD_POLICY_MAPPING = resourceMapping(TF_PASSWORD_POLICY, IAM_ACCOUNT_PASSWORD_POLICY_TYPE, (r, b, inst) => {
  // IAM UpdateAccountPasswordPolicy: MinimumPasswordLength "default value of 6"; the Require* flags,
  // AllowUsersToChangePassword and HardExpiry "default value of false". MaxPasswordAge and
  // PasswordReusePrevention unset (or 0) mean no expiry / no reuse check.
  b.set("MinimumPasswordLength", num(r.get("minimum_password_length")), "minimum_password_length");
  b.default("MinimumPasswordLength", 6);
  for (const [prop, attr] of [
    ["RequireSymbols", "require_symbols"],
    ["RequireNumbers", "require_numbers"],
    ["RequireUppercaseCharacters", "require_uppercase_characters"],
    ["RequireLowercaseCharacters", "require_lowercase_characters"],
    ["AllowUsersToChangePassword", "allow_users_to_change_password"],
    ["HardExpiry", "hard_expiry"],
  ] as const) {
    b.set(prop, bool(r.get(attr)), attr);
    b.default(prop, false);
  }
  const age = num(r.get("max_password_age"));
  b.set("MaxPasswordAge", age === 0 ? undefined : age, "max_password_age");
  const reuse = num(r.get("password_reuse_prevention"));
  b.set("PasswordReusePrevention", reuse === 0 ? undefined : reuse, "password_reuse_prevention");
  return { ident: { id: inst.account }, keys: [inst.account] };
});

export const S3_ACCOUNT_PAB_MAPPING = resourceMapping(TF_S3_ACCOUNT_PAB, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE, (r, b, inst) => {
  // Provider docs (aws_s3_account_public_access_block): each flag "Defaults to false".
  const flag = (v: unknown) => bool(v) ?? false;
  b.set(
    "PublicAccessBlockConfiguration",
    {
      BlockPublicAcls: flag(r.get("block_public_acls")),
      IgnorePublicAcls: flag(r.get("ignore_public_acls")),
      BlockPublicPolicy: flag(r.get("block_public_policy")),
      RestrictPublicBuckets: flag(r.get("restrict_public_buckets")),
    },
    "block_public_acls",
  );
  const account = str(r.get("account_id"));
  const id = typeof account === "string" ? account : inst.account;
  return { ident: { id }, keys: [id] };
});

export const ACCOUNT_CHILD_MAPPINGS = [
  childMapping(TF_IAM_ACCESS_KEY, IAM_USER_TYPE, ["user"], (r, b, inst) => {
    b.append(
      "AccessKeys",
      [
        {
          ...(r.get("id") !== undefined ? { AccessKeyId: str(r.get("id")) } : {}),
          Status: str(r.get("status")) ?? "Active", // provider docs: status "Defaults to Active"
          // Computed: HCL has no create_date; a key being created is new, but only AWS knows its date.
          CreateDate: str(r.get("create_date")) ?? new Unknown("the access key's create_date is known only after apply", `${inst.address}.create_date`),
        },
      ],
      "user",
      inst,
    );
  }),
];
