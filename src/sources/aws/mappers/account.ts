/**
 * Account-wide settings, one record each, all with the account id as id and no region (IAM and the
 * account-level S3 setting are global):
 *   AWS::::Account                     GetAccountSummary: root access keys, root MFA
 *   AWS::IAM::AccountPasswordPolicy    GetAccountPasswordPolicy (no record when the account has none)
 *   AWS::S3::AccountPublicAccessBlock  s3control GetPublicAccessBlock (no record when none is set)
 */
import type { PasswordPolicy } from "@aws-sdk/client-iam";
import type { PublicAccessBlockConfiguration } from "@aws-sdk/client-s3-control";
import { ACCOUNT_TYPE } from "../../../model/resource.js";
import { IAM_ACCOUNT_PASSWORD_POLICY_TYPE } from "../../../model/types/iam-account-password-policy.js";
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE } from "../../../model/types/s3-account-public-access-block.js";
import { isUnknown } from "../../../model/values.js";
import type { TypeMapper } from "../contract.js";
import { liveResource, type Read } from "./common.js";

/**
 * AWS::::Account shape: the describe-API shape (SDK v3, PascalCase) assembled by the collector:
 * GetAccountSummary's SummaryMap; a value the collector could not read is an Unknown.
 */
export interface AccountShape {
  SummaryMap: Read<Record<string, number> | undefined>;
}

/** AWS::IAM::AccountPasswordPolicy shape: GetAccountPasswordPolicy's PasswordPolicy (SDK v3, PascalCase). */
export type AccountPasswordPolicyShape = PasswordPolicy;

/** AWS::S3::AccountPublicAccessBlock shape: s3control GetPublicAccessBlock's output (SDK v3, PascalCase). */
export interface AccountPublicAccessBlockShape {
  PublicAccessBlockConfiguration: PublicAccessBlockConfiguration;
}

export const ACCOUNT_MAPPER: TypeMapper<AccountShape> = {
  type: ACCOUNT_TYPE,
  map(s, scope) {
    const fact = (key: string) => (isUnknown(s.SummaryMap) ? s.SummaryMap : s.SummaryMap?.[key]);
    return liveResource(scope, {
      type: ACCOUNT_TYPE,
      id: scope.account,
      name: scope.account,
      props: { AccountAccessKeysPresent: fact("AccountAccessKeysPresent"), AccountMFAEnabled: fact("AccountMFAEnabled") },
    });
  },
};

export const ACCOUNT_PASSWORD_POLICY_MAPPER: TypeMapper<AccountPasswordPolicyShape> = {
  type: IAM_ACCOUNT_PASSWORD_POLICY_TYPE,
  map(p, scope) {
    return liveResource(scope, {
      type: IAM_ACCOUNT_PASSWORD_POLICY_TYPE,
      id: scope.account,
      props: {
        MinimumPasswordLength: p.MinimumPasswordLength,
        RequireSymbols: p.RequireSymbols,
        RequireNumbers: p.RequireNumbers,
        RequireUppercaseCharacters: p.RequireUppercaseCharacters,
        RequireLowercaseCharacters: p.RequireLowercaseCharacters,
        AllowUsersToChangePassword: p.AllowUsersToChangePassword,
        // 0 / absent: passwords never expire, reuse is not checked (as the Terraform mapper reads them).
        MaxPasswordAge: p.MaxPasswordAge || undefined,
        PasswordReusePrevention: p.PasswordReusePrevention || undefined,
        HardExpiry: p.HardExpiry,
      },
    });
  },
};

export const ACCOUNT_PUBLIC_ACCESS_BLOCK_MAPPER: TypeMapper<AccountPublicAccessBlockShape> = {
  type: S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE,
  map(s, scope) {
    const p = s.PublicAccessBlockConfiguration;
    return liveResource(scope, {
      type: S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE,
      id: scope.account,
      props: {
        // An absent flag is off (PutPublicAccessBlock: each flag defaults to false).
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: p.BlockPublicAcls ?? false,
          IgnorePublicAcls: p.IgnorePublicAcls ?? false,
          BlockPublicPolicy: p.BlockPublicPolicy ?? false,
          RestrictPublicBuckets: p.RestrictPublicBuckets ?? false,
        },
      },
    });
  },
};
