/**
 * Links the records different sources hold of one real resource (HCL ↔ plan ↔ state ↔ live ↔ AWS
 * Config), so a report can show their verdicts side by side. Records are grouped by the identity rules of
 * src/model/identity.ts (singleton types by account, ARN, then type + id, then Terraform address within a
 * workspace); two records
 * that both know their account (or region) and disagree on it are never linked.
 */
import { AccountContext, identityKeys, isPlaceholderId, sameResource, singletonScope } from "../model/identity.js";
import type { Resource } from "../model/resource.js";
import { accountOf } from "./diff.js";

const TERRAFORM = new Set(["hcl", "tf-plan", "tf-state"]);
const LIVE = new Set(["aws", "aws-config"]);

/**
 * sameResource, plus: known accounts and regions agree, and two records of one kind of evidence from
 * different files (two roots that both have aws_s3_bucket.logs) are one resource only by ARN.
 */
function linked(a: Resource, b: Resource, ctx: AccountContext): boolean {
  const by = sameResource(a, b, ctx);
  if (!by) return false;
  const aa = accountOf(a);
  const ba = accountOf(b);
  if (aa && ba && aa !== ba) return false;
  // A singleton's key already holds the region where it has one (an account-wide setting has none).
  if (by !== "singleton" && a.region && b.region && a.region !== b.region) return false;
  return by === "arn" || by === "singleton" || a.origin.source !== b.origin.source || a.origin.location === b.origin.location;
}

/**
 * The link of every record, or undefined when the evidence is not both Terraform and live / Config (a
 * single kind of evidence has nothing to put side by side). The link is the group's ARN, else
 * type|account|region|id of a record whose id is real, else tf:type:location:address.
 */
export function linkResources(resources: readonly Resource[]): Map<Resource, string> | undefined {
  let tf = false;
  let live = false;
  for (const r of resources) {
    if (TERRAFORM.has(r.origin.source)) tf = true;
    else if (LIVE.has(r.origin.source)) live = true;
    if (tf && live) break;
  }
  if (!tf || !live) return undefined;

  const parent = resources.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // Per identity key, the records seen so far; a record joins the first one it is the same resource as.
  const byKey = new Map<string, number[]>();
  const ctx = new AccountContext(resources);
  resources.forEach((r, i) => {
    for (const key of identityKeys(r, ctx)) {
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, [i]);
        continue;
      }
      const j = seen.find((x) => linked(resources[x], r, ctx));
      if (j !== undefined) parent[find(i)] = find(j);
      seen.push(i);
    }
  });

  const groups = new Map<number, number[]>();
  resources.forEach((_, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  const out = new Map<Resource, string>();
  for (const members of groups.values()) {
    const rs = members.map((i) => resources[i]);
    const withArn = rs.find((r) => r.arn && r.arn.startsWith("arn:"));
    const withId = rs.find((r) => !isPlaceholderId(r.id));
    // An account-wide setting has no region, whatever provider region Terraform read it through.
    const region = (r: Resource) => (singletonScope(r.type) === "account" ? "" : (r.region ?? rs.find((x) => x.region)?.region ?? ""));
    const link = withArn
      ? withArn.arn!
      : withId
        ? [withId.type, accountOf(withId) ?? rs.map((r) => ctx.accountOf(r)).find(Boolean) ?? "", region(withId), withId.id].join("|")
        : // The evidence location keeps two roots' aws_s3_bucket.logs apart.
          `tf:${rs[0].type}:${rs[0].origin.location ?? ""}:${rs[0].origin.address ?? rs[0].id}`;
    for (const r of rs) out.set(r, link);
  }
  return out;
}
