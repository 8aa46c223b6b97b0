/**
 * Helpers for collectors-B's collectors (RDS, ElastiCache, DynamoDB, EC2, ECS, CloudFront, WAFv2).
 * Pure apart from what the caller passes in.
 */
import type { Resource } from "../../../model/resource.js";
import { RESOURCE_TYPES } from "../../../model/types/index.js";
import { Unknown } from "../../../model/values.js";
import type { AwsScope, CallFailure, CollectContext } from "../contract.js";
import { failed, liveResource } from "../mappers/common.js";

/** A "not found" error: the resource went away between the list call and the per-resource call. */
export function isNotFound(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name ?? "";
  return /NotFound|NoSuch|(^|\.)ResourceNotFound/.test(name);
}

/**
 * A resource that was listed (so it exists, with this identity) but whose describe call failed: every
 * prop of its type is that Unknown, and so are its tags, so every rule on it is UNKNOWN with the reason,
 * and drift can still match it by identity. Built from the type's schema, not per type.
 */
export function unreadableResource(
  scope: AwsScope,
  ident: { type: string; id: string; arn?: string; name?: string; region?: string },
  failure: CallFailure,
): Resource {
  const why: Unknown = failed(failure);
  const schema = RESOURCE_TYPES[ident.type]?.schema as { properties?: Record<string, unknown> } | undefined;
  const props: Record<string, unknown> = {};
  for (const k of Object.keys(schema?.properties ?? {})) if (k !== "DefaultedProps" && k !== "TagsUnknown") props[k] = why;
  return liveResource(scope, { ...ident, region: ident.region ?? scope.region, tags: why, props });
}

/** Calls `fn`, turning a thrown error into the Unknown a shape holds for a value that could not be read. */
export async function readOr<T>(ctx: CollectContext, action: string, fn: () => Promise<T>): Promise<T | Unknown> {
  try {
    return await fn();
  } catch (err) {
    return failed(ctx.failure(err, action));
  }
}

/** A list call whose failure makes the whole type a gap in this scope (its rules are UNKNOWN there). */
export async function listAll(ctx: CollectContext, types: string | readonly string[], action: string, fn: () => Promise<Resource[]>): Promise<Resource[]> {
  try {
    return await fn();
  } catch (err) {
    const failure = ctx.failure(err, action);
    for (const t of typeof types === "string" ? [types] : types) ctx.gap(t, failure);
    return [];
  }
}
