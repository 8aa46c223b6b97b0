/** Environment scoping: whether a resource belongs to the evidence a pack is meant for. */
import type { Resource } from "../model/resource.js";
import type { Policy } from "./types.js";

/**
 * Every scope key the pack sets must match. A fact the evidence does not have (no workspace on a live
 * AWS record, no account on HCL) does not exclude the resource: leaving it out could hide a failure.
 * Tags are known facts: a resource without the tag is out of scope.
 */
export function inScope(policy: Pick<Policy, "scope">, resource: Resource): boolean {
  const s = policy.scope;
  if (s.workspaces && resource.origin.workspace !== undefined && !s.workspaces.includes(resource.origin.workspace)) return false;
  if (s.accounts && resource.account !== undefined && !s.accounts.includes(resource.account)) return false;
  if (s.tags) {
    for (const [k, v] of Object.entries(s.tags)) if (resource.tags[k] !== v) return false;
  }
  return true;
}
