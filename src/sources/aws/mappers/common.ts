/**
 * Helpers every live mapper shares: building the Resource, tag lists, policy text, and the "could not
 * read" marker. Pure: no I/O.
 *
 * Shape convention (every mapper's input): the describe-API shape (SDK v3) as the collector assembled it.
 * A field the collector could not read holds an `Unknown` (from failed()), so the prop it feeds is
 * UNKNOWN, never a default that could PASS. A field that is `undefined` was read and is not set.
 */
import type { Resource } from "../../../model/resource.js";
import { normalizePolicyDocument, type PolicyDocument } from "../../../model/policy-document.js";
import { redactSecrets } from "../../../model/redact-secrets.js";
import { Unknown, isUnknown } from "../../../model/values.js";
import type { AwsScope, CallFailure } from "../contract.js";

/** A value read from AWS, or the Unknown that says why it could not be read. */
export type Read<T> = T | Unknown;

/** The Unknown a failed per-resource call leaves in a shape. */
export function failed(failure: CallFailure): Unknown {
  return new Unknown(failure.reason, failure.action);
}

/** Where live records say they came from. The AWS Config source rewrites origin for its own records. */
export function liveLocation(scope: AwsScope): string {
  return `aws://${scope.account}`;
}

export interface LiveResourceInput {
  type: string;
  id: string;
  arn?: string;
  name?: string;
  /** Omitted for global resources (IAM): the same as Terraform state, whose IAM ARNs carry no region. */
  region?: string;
  tags?: Read<Record<string, string>>;
  props: Record<string, unknown>;
}

/** The canonical Resource for a live record; undefined props are dropped (not set). */
export function liveResource(scope: AwsScope, input: LiveResourceInput): Resource {
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input.props)) if (v !== undefined) props[k] = v;
  let tags: Record<string, string> = {};
  if (isUnknown(input.tags)) props.TagsUnknown = ["*"];
  else if (input.tags) tags = input.tags;
  // Load-time redaction with the heuristic every source shares: a tag or prop value secret by its name or
  // shape (a DeployToken tag, a description holding user:password@) never leaves the live or Config source.
  redactSecrets(props);
  redactSecrets(tags);
  const r: Resource = { type: input.type, id: input.id, account: scope.account, tags, props, origin: { source: "aws", location: liveLocation(scope) } };
  if (input.arn) r.arn = input.arn;
  if (input.name) r.name = input.name;
  if (input.region) r.region = input.region;
  return r;
}

/** [{Key, Value}] (most services) → a tag record; an unreadable list stays Unknown. */
export function tagRecord(list: Read<ReadonlyArray<{ Key?: string; Value?: string }> | undefined>): Read<Record<string, string>> {
  if (isUnknown(list)) return list;
  const out: Record<string, string> = {};
  for (const t of list ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? "";
  return out;
}

/** KMS spells tags [{TagKey, TagValue}]. */
export function kmsTagRecord(list: Read<ReadonlyArray<{ TagKey?: string; TagValue?: string }> | undefined>): Read<Record<string, string>> {
  if (isUnknown(list)) return list;
  return tagRecord((list ?? []).map((t) => ({ Key: t.TagKey, Value: t.TagValue })));
}

/**
 * A policy document as IAM returns it: GetRole / GetPolicyVersion / GAAD inline and managed documents are
 * URL-encoded JSON (RFC 3986), while GAAD's AssumeRolePolicyDocument is plain JSON in moto, and resource
 * policies (S3, KMS, Secrets Manager) are plain. Decoded only when the text does not already start as JSON.
 */
export function policyFromText(text: Read<string | undefined>): PolicyDocument | Unknown | undefined {
  if (isUnknown(text) || text === undefined) return text;
  let json = text;
  if (!/^\s*[{[]/.test(text)) {
    try {
      json = decodeURIComponent(text);
    } catch {
      return new Unknown("the policy document is neither JSON nor URL-encoded JSON");
    }
  }
  return normalizePolicyDocument(json);
}

/** Keep a read value, or the Unknown; `fn` maps a known value. */
export function mapRead<T, R>(v: Read<T>, fn: (x: T) => R): R | Unknown {
  return isUnknown(v) ? v : fn(v);
}

/** Drop undefined fields; undefined for an object that ends up empty. */
export function compact<T extends Record<string, unknown>>(o: T): T | undefined {
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = v;
    n++;
  }
  return n ? (out as T) : undefined;
}

/** A string that is set: "" is how several APIs say "none". */
export function nonEmpty(v: string | undefined | null): string | undefined {
  return v === undefined || v === null || v === "" ? undefined : v;
}
