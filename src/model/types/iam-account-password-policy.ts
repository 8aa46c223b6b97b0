import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, int, typeSchema } from "./schema.js";

/**
 * AWS::IAM::AccountPasswordPolicy: plumbline's own type for the account's IAM password policy
 * (GetAccountPasswordPolicy; no CloudFormation or Config type). Id: the account id when known, else the
 * Terraform address. An account without a policy has no record.
 */
export const IAM_ACCOUNT_PASSWORD_POLICY_TYPE = "AWS::IAM::AccountPasswordPolicy";

export interface IamAccountPasswordPolicyProps extends CommonProps {
  MinimumPasswordLength?: Val<number>;
  RequireSymbols?: Val<boolean>;
  RequireNumbers?: Val<boolean>;
  RequireUppercaseCharacters?: Val<boolean>;
  RequireLowercaseCharacters?: Val<boolean>;
  AllowUsersToChangePassword?: Val<boolean>;
  MaxPasswordAge?: Val<number>;
  PasswordReusePrevention?: Val<number>;
  HardExpiry?: Val<boolean>;
}

export const IAM_ACCOUNT_PASSWORD_POLICY_SCHEMA = typeSchema({
  type: IAM_ACCOUNT_PASSWORD_POLICY_TYPE,
  description: "The account's IAM password policy (IAM API names).",
  properties: {
    MinimumPasswordLength: int(),
    RequireSymbols: bool(),
    RequireNumbers: bool(),
    RequireUppercaseCharacters: bool(),
    RequireLowercaseCharacters: bool(),
    AllowUsersToChangePassword: bool(),
    MaxPasswordAge: int("Absent: passwords never expire."),
    PasswordReusePrevention: int("Absent: reuse is not prevented."),
    HardExpiry: bool(),
  },
});

export const IAM_ACCOUNT_PASSWORD_POLICY: ResourceTypeInfo = {
  type: IAM_ACCOUNT_PASSWORD_POLICY_TYPE,
  schema: IAM_ACCOUNT_PASSWORD_POLICY_SCHEMA,
  description: "Account IAM password policy: length, character classes, reuse, expiry.",
  taggable: false,
  singleton: "account",
};
