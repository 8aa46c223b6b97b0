/**
 * The read-only IAM policy live collection needs: the actions of every collector that the enabled rules'
 * resource types call for, plus what the framework itself calls (sts:GetCallerIdentity,
 * ec2:DescribeRegions). Printed by `plumbline iam-policy`; deploy/iam/plumbline-readonly-policy.json is
 * this policy for the built-in baseline.
 */
import type { Collector } from "./contract.js";
import { neededCollectors } from "./collect.js";

export const FRAMEWORK_ACTIONS = ["ec2:DescribeRegions", "sts:GetCallerIdentity"] as const;

/** Operation-name prefixes that never change anything. A collector action outside them is a bug. */
const READ_ONLY = /^[a-z0-9-]+:(Get|List|Describe|Lookup|Search|Select|BatchGet|Generate(CredentialReport|ServiceLastAccessedDetails)|Head)[A-Za-z0-9]*$/;

export function isReadOnlyAction(action: string): boolean {
  return READ_ONLY.test(action);
}

export interface IamPolicyDocument {
  Version: "2012-10-17";
  Statement: { Sid: string; Effect: "Allow"; Action: string[]; Resource: "*" }[];
}

/** The policy for `types` (every collector's when undefined). Throws if a collector declares a write action. */
export function iamPolicyFor(collectors: readonly Collector[], types: readonly string[] | undefined): IamPolicyDocument {
  const actions = new Set<string>(FRAMEWORK_ACTIONS);
  for (const c of neededCollectors(collectors, types)) {
    for (const a of c.actions) {
      if (!isReadOnlyAction(a)) throw new Error(`collector ${c.service} declares '${a}', which is not a read-only action`);
      actions.add(a);
    }
  }
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "PlumblineReadOnlyAudit", Effect: "Allow", Action: [...actions].sort(), Resource: "*" }],
  };
}

export function renderIamPolicy(doc: IamPolicyDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
