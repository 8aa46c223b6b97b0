/** Environment scoping: whether a resource belongs to the evidence a pack is meant for. */
import type { Resource } from "../model/resource.js";
import type { Policy } from "./types.js";

/**
 * Every scope key the pack sets must match. A fact the evidence does not have (no workspace on a live
 * AWS record, no account on HCL) does not exclude the resource: leaving it out could hide a failure.
 * Tags are known facts: a resource without the tag is out of scope, unless its value is unknown.
 */
export function inScope(policy: Pick<Policy, "scope">, resource: Resource): boolean {
  const s = policy.scope;
  if (s.workspaces && resource.origin.workspace !== undefined && !s.workspaces.includes(resource.origin.workspace)) return false;
  if (s.accounts && resource.account !== undefined && !s.accounts.includes(resource.account)) return false;
  if (s.tags) {
    // A tag whose value is known only after apply might be the one the pack wants: keep the resource.
    const unknownTags = resource.props.TagsUnknown;
    const unknown = (k: string) => Array.isArray(unknownTags) && (unknownTags.includes(k) || unknownTags.includes("*"));
    for (const [k, v] of Object.entries(s.tags)) if (resource.tags[k] !== v && !unknown(k)) return false;
  }
  return true;
}
