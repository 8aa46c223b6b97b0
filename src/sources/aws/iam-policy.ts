/**
 * The read-only IAM policy live collection needs: the actions of every collector that the enabled rules'
 * resource types call for, plus what the framework itself calls (sts:GetCallerIdentity,
 * ec2:DescribeRegions). Printed by `plumbline iam-policy`; deploy/iam/plumbline-readonly-policy.json is
 * this policy for the built-in baseline. With `drift`, every collector's actions (drift lists every type
 * it knows, to find unmanaged resources) plus cloudtrail:LookupEvents for attribution, in a statement of
 * its own: deploy/iam/plumbline-drift-policy.json.
 */
import type { Collector } from "./contract.js";
import { neededCollectors } from "./collect.js";

export const FRAMEWORK_ACTIONS = ["ec2:DescribeRegions", "sts:GetCallerIdentity"] as const;

/** What `plumbline drift` calls besides collection: who made a change (src/drift/attribution.ts). */
export const DRIFT_ACTIONS = ["cloudtrail:LookupEvents"] as const;

/** Operation-name prefixes that never change anything. A collector action outside them is a bug. */
const READ_ONLY = /^[a-z0-9-]+:(Get|List|Describe|Lookup|Search|Select|BatchGet|Generate(CredentialReport|ServiceLastAccessedDetails)|Head)[A-Za-z0-9]*$/;

export function isReadOnlyAction(action: string): boolean {
  return READ_ONLY.test(action);
}

export interface IamPolicyDocument {
  Version: "2012-10-17";
  Statement: { Sid: string; Effect: "Allow"; Action: string[]; Resource: "*" }[];
}

/**
 * The policy for `types` (every collector's when undefined). Throws if a collector declares a write action.
 * `drift`: for `plumbline drift`, which collects every type and looks up CloudTrail events.
 */
export function iamPolicyFor(collectors: readonly Collector[], types: readonly string[] | undefined, opts: { drift?: boolean } = {}): IamPolicyDocument {
  if (opts.drift) types = undefined;
  const actions = new Set<string>(FRAMEWORK_ACTIONS);
  for (const c of neededCollectors(collectors, types)) {
    for (const a of c.actions) {
      if (!isReadOnlyAction(a)) throw new Error(`collector ${c.service} declares '${a}', which is not a read-only action`);
      actions.add(a);
    }
  }
  const doc: IamPolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Sid: "PlumblineReadOnlyAudit", Effect: "Allow", Action: [...actions].sort(), Resource: "*" }],
  };
  // Its own statement: the event history says who did what from where, a wider read than configuration.
  if (opts.drift) doc.Statement.push({ Sid: "PlumblineDriftAttribution", Effect: "Allow", Action: [...DRIFT_ACTIONS], Resource: "*" });
  return doc;
}

export function renderIamPolicy(doc: IamPolicyDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
