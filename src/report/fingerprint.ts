import { createHash } from "node:crypto";
import type { ReportResource } from "./model.js";

/**
 * A finding's identity across runs: the rule and the resource's identity, never where the code sits
 * (file and line change with unrelated edits) nor the evidence path (differs between machines).
 * Terraform resources are identified by workspace + address; live ones by ARN, else type + id.
 */
export function fingerprint(ruleId: string, r: ReportResource): string {
  const identity = r.address
    ? `tf:${r.workspace ?? "default"}:${r.address}`
    : r.arn
      ? `arn:${r.arn}`
      : `id:${r.type}:${r.account ?? ""}:${r.region ?? ""}:${r.id}`;
  return createHash("sha256").update(`${ruleId}\n${r.source}\n${identity}`).digest("hex").slice(0, 32);
}
