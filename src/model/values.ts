/**
 * Values that are not plain data. Every source uses these two markers, so that
 * rules can tell "not set" from "not knowable" from "secret".
 */

/** A value that cannot be known from this evidence (known only after apply, unresolvable expression, API denied...). */
export class Unknown {
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
  ) {
    super(`${expression} is known only after apply`, expression);
  }
}

export function isRef(v: unknown): v is Ref {
  return v instanceof Ref;
}
