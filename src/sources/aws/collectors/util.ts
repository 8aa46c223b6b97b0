/** Small helpers the collectors share: one read that may fail, and "not configured" errors. */
import { Unknown } from "../../../model/values.js";
import type { CallFailure, CollectContext } from "../contract.js";
import { failed } from "../mappers/common.js";

/** The error code an SDK v3 error carries (its name; some S3 errors only have Code). */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { name?: unknown; Code?: unknown; code?: unknown };
  for (const v of [e.Code, e.name, e.code]) if (typeof v === "string" && v !== "Error") return v;
  return undefined;
}

/**
 * One per-resource read: its value, `undefined` when AWS answers with one of `notFound` (the setting is
 * not configured: NoSuchBucketPolicy...), or an Unknown naming the failure (AccessDenied names `action`).
 */
export async function read<T>(ctx: CollectContext, action: string, fn: () => Promise<T>, notFound: readonly string[] = []): Promise<T | undefined | Unknown> {
  try {
    return await fn();
  } catch (err) {
    const code = errorCode(err);
    if (code && notFound.includes(code)) return undefined;
    return failed(ctx.failure(err, action));
  }
}

/** A list call (all pages): the items, or the failure after recording gaps for every type it feeds. */
export async function list<T>(ctx: CollectContext, action: string, types: readonly string[], fn: () => Promise<T[]>): Promise<T[] | CallFailure> {
  try {
    return await fn();
  } catch (err) {
    const f = ctx.failure(err, action);
    for (const t of types) ctx.gap(t, f);
    return f;
  }
}

export function isFailure(v: unknown): v is CallFailure {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as CallFailure).code === "string" && typeof (v as CallFailure).reason === "string";
}

/** Every item of an SDK v3 paginator. */
export async function all<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}
