import { normalizePolicyDocument } from "../../../model/policy-document.js";
import { isUnknown } from "../../../model/values.js";
import type { PropsBuilder } from "./build.js";
import type { TfInstance } from "../instance.js";

/**
 * Shared by roles and users. In state the principal's own `managed_policy_arns` / `inline_policy` are
 * computed mirrors that already include what attachment resources attached, so additions are de-duplicated
 * (by ARN, and by policy name for inline policies, the later definition winning).
 */
export function attachManagedPolicy(b: PropsBuilder, arn: unknown, attr: string, from: TfInstance): void {
  const cur = b.props.AttachedManagedPolicyArns;
  if (Array.isArray(cur) && typeof arn === "string" && cur.includes(arn)) return;
  b.append("AttachedManagedPolicyArns", [arn], attr, from);
}

export function addInlinePolicy(b: PropsBuilder, name: unknown, policy: unknown, attr: string, from: TfInstance): void {
  const entry = { PolicyName: name, PolicyDocument: normalizePolicyDocument(policy) };
  const cur = b.props.Policies;
  if (Array.isArray(cur) && typeof name === "string") {
    const i = cur.findIndex((p) => (p as { PolicyName?: unknown }).PolicyName === name);
    if (i >= 0) {
      cur[i] = entry;
      return;
    }
  }
  if (isUnknown(cur)) return;
  b.append("Policies", [entry], attr, from);
}
