/**
 * Values that are not plain data. Every source uses these two markers, so that
 * rules can tell "not set" from "not knowable" from "secret".
 */

/** A value that cannot be known from this evidence (known only after apply, unresolvable expression, API denied...). */
export class Unknown {
  /**
   * What the value must look like when only part of it is unknown: a string template such as
   * `"arn:aws:iam::${var.account}:root"` is known to match /^arn:aws:iam::[\s\S]*:root$/. Lets a rule
   * decide that such a value is certainly not "*", while anything finer stays UNKNOWN.
   */
  shape?: RegExp;
  constructor(
    /** Why it is unknown, in words a person understands: "known only after apply", "var.kms_key_id has no value". */
    readonly reason: string,
    /** The Terraform expression or API call it stands for, when there is one. */
    readonly expression?: string,
  ) {}
  toJSON(): string {
    return `(unknown: ${this.reason})`;
  }
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** The replacement for every sensitive value, applied at load time so no later layer ever holds the secret. */
export const REDACTED = "(sensitive value redacted)";

export function isRedacted(v: unknown): boolean {
  return v === REDACTED;
}

/**
 * A value that is another resource's attribute, known only after apply but known to *point at* that
 * resource (HCL `aws_kms_key.main.arn`, or a plan value whose configuration expression is that reference).
 * It is Unknown for comparisons, set for `exists`, and resolvable for cross-resource rules and merging.
 */
export class Ref extends Unknown {
  constructor(
    /** Address of the referenced resource, module path included: module.kms.aws_kms_key.this */
    readonly target: string,
    /** The attribute referenced: "arn", "id"... */
    readonly attribute: string | undefined,
    expression: string,
    /**
     * True when the value is built from the reference plus literal text ("${aws_s3_bucket.b.id}-logs"):
     * it is set, and known only after apply, but it is not the referenced resource's attribute, so it
     * must not be resolved to that resource.
     */
    readonly derived = false,
  ) {
    super(`${expression} is known only after apply`, expression);
  }
}

/**
 * A value that will be there only if the resource setting it exists (a split resource whose HCL count is
 * unknown). Unknown for every comparison; `value` is what it would be, so a reverse reference can still
 * tell that it could only ever point at one resource.
 */
export class MaybeValue extends Unknown {
  constructor(
    reason: string,
    expression: string | undefined,
    readonly value: unknown,
  ) {
    super(reason, expression);
  }
}

export function isRef(v: unknown): v is Ref {
  return v instanceof Ref;
}

/**
 * A JSON text that is unknown until apply but whose structure is known: HCL `jsonencode({...})` over values
 * some of which are references (`Resource = aws_s3_bucket.b.arn`). `structure` is the JSON value with
 * `Unknown` (or `Ref`) leaves where a value is not knowable. It *is* an Unknown: anything that reads it as
 * a plain value (a string comparison, a rule path) gets UNKNOWN; only readers of JSON text
 * (`parseJsonText`) look inside, and then every unknown leaf stays Unknown. Never holds a sensitive value
 * (a sensitive input makes the whole text redacted), and `toJSON` never shows the structure.
 */
export class PartialJson extends Unknown {
  constructor(
    /** The decoded JSON value, with Unknown leaves. */
    readonly structure: unknown,
    reason: string,
    expression?: string,
  ) {
    super(reason, expression);
  }
}

export function isPartialJson(v: unknown): v is PartialJson {
  return v instanceof PartialJson;
}

/**
 * The value of an attribute that holds JSON text (a policy, container_definitions, rule_json), decoded:
 * `{ json }` for a JSON string, an already-decoded value, or a PartialJson's structure (Unknown leaves
 * kept); undefined for "not set" (absent, null, ""); an Unknown for an unknown, sensitive or invalid text.
 * `what` names the value in reasons ("the policy document"). Reasons never quote the text.
 */
export function parseJsonText(input: unknown, what: string): { json: unknown } | Unknown | undefined {
  if (input === undefined || input === null) return undefined;
  if (input instanceof PartialJson) return { json: cloneJson(input.structure) };
  if (input instanceof Unknown) return input;
  if (input === REDACTED) return new Unknown(`${what} is marked sensitive`);
  if (typeof input !== "string") return { json: input };
  if (input.trim() === "") return undefined;
  try {
    return { json: JSON.parse(input) as unknown };
  } catch (e) {
    return new Unknown(`${what} is not valid JSON (${jsonErrorPosition(e)})`);
  }
}

/** V8's JSON.parse messages quote the input: keep only the position. */
function jsonErrorPosition(e: unknown): string {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : "");
  return m ? `error at character ${m[1]}` : "malformed JSON";
}

/** A fresh copy of a JSON value (as JSON.parse would give), sharing only the Unknown leaves. */
function cloneJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneJson);
  if (typeof v === "object" && v !== null && !(v instanceof Unknown)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneJson(x);
    return out;
  }
  return v;
}
