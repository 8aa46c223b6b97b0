import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { int, typeSchema } from "./schema.js";

/**
 * AWS::::Account: account-wide facts that belong to no other resource, from IAM GetAccountSummary
 * (root access keys, root MFA). Id: the account id. Account- and region-scoped rules are judged on this
 * record when the evidence has one (src/rules/evaluate.ts); Terraform cannot manage these facts, so only
 * live evidence carries it.
 */
export const ACCOUNT_RESOURCE_TYPE = "AWS::::Account";

export interface AccountProps extends CommonProps {
  AccountAccessKeysPresent?: Val<number>;
  AccountMFAEnabled?: Val<number>;
}

export const ACCOUNT_SCHEMA = typeSchema({
  type: ACCOUNT_RESOURCE_TYPE,
  description: "Account-wide facts (IAM GetAccountSummary names).",
  properties: {
    AccountAccessKeysPresent: int("1 when the root user has access keys, else 0."),
    AccountMFAEnabled: int("1 when the root user has MFA, else 0."),
  },
});

export const ACCOUNT: ResourceTypeInfo = {
  type: ACCOUNT_RESOURCE_TYPE,
  schema: ACCOUNT_SCHEMA,
  description: "The AWS account: root user access keys and MFA.",
  taggable: false,
  singleton: "account",
};
