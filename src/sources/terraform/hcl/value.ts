/**
 * Runtime values of the evaluator: plain JSON, `Unknown` / `Ref` (not knowable here), and `Sensitive`
 * (derived from a sensitive variable: opaque, holds nothing, becomes REDACTED on output).
 */
import { PartialJson, REDACTED, Unknown } from "../../../model/values.js";

/** A value derived from a sensitive input. Holds no data, so the secret cannot leak from here. */
export class Sensitive {
  toJSON(): string {
    return REDACTED;
  }
}
export const SENSITIVE = new Sensitive();

/** An error Terraform itself would report (bad index, wrong type). `try()` / `can()` catch these. */
export class EvalError extends Error {
  constructor(message: string) {
    // Thrown and caught routinely (try(), can()); a stack trace would only cost time.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export type Opaque = Unknown | Sensitive;

export function isOpaque(v: unknown): v is Opaque {
  return v instanceof Unknown || v instanceof Sensitive;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isOpaque(v);
}

/** The first opaque value anywhere inside v, preferring Sensitive (it must win over Unknown). */
export function findOpaque(v: unknown): Opaque | undefined {
  if (v === null || typeof v !== "object") return undefined;
  if (v instanceof Sensitive) return v;
  if (v instanceof Unknown) return v;
  let found: Opaque | undefined;
  const items = Array.isArray(v) ? v : Object.values(v as object);
  for (const x of items) {
    const o = findOpaque(x);
    if (o instanceof Sensitive) return o;
    found ??= o;
  }
  return found;
}

/** Carry an opaque operand into the result of a larger expression. */
export function propagate(o: Opaque, expression?: string): Opaque {
  if (o instanceof Sensitive) return SENSITIVE;
  return new Unknown(o.reason, expression ?? o.expression);
}

/**
 * A JSON text whose structure is known but some of whose values are not (Unknown / Ref leaves, nothing
 * sensitive: callers check that first). `subject` starts the reason: "the JSON", "data.x.json".
 */
export function partialJson(structure: unknown, subject: string, expression: string): PartialJson {
  return new PartialJson(structure, `${subject} ${describeUnknownLeaves(structure)}`, expression);
}

/** Whether v holds an Unknown anywhere (itself included). */
export function hasUnknown(v: unknown): boolean {
  if (v instanceof Unknown) return true;
  if (v === null || typeof v !== "object") return false;
  return (Array.isArray(v) ? v : Object.values(v as object)).some(hasUnknown);
}

const AFTER_APPLY = /^([^]*) is known only after apply$/;
const MAX_LEAVES = 3;

/** "has values known only after apply: aws_s3_bucket.b.arn, aws_kms_key.k.arn", or the leaves' reasons. */
function describeUnknownLeaves(v: unknown): string {
  const reasons: string[] = [];
  const walk = (x: unknown): void => {
    if (x instanceof PartialJson) return walk(x.structure);
    if (x instanceof Unknown) {
      if (!reasons.includes(x.reason)) reasons.push(x.reason);
      return;
    }
    if (x !== null && typeof x === "object") for (const y of Array.isArray(x) ? x : Object.values(x as object)) walk(y);
  };
  walk(v);
  const more = reasons.length > MAX_LEAVES ? ` and ${reasons.length - MAX_LEAVES} more` : "";
  const shown = reasons.slice(0, MAX_LEAVES);
  if (reasons.every((r) => AFTER_APPLY.test(r))) {
    return `has values known only after apply: ${shown.map((r) => AFTER_APPLY.exec(r)![1]).join(", ")}${more}`;
  }
  return `has values not known statically: ${shown.join("; ")}${more}`;
}

export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (isOpaque(v)) return "unknown";
  if (typeof v === "object") return "object";
  return typeof v === "boolean" ? "bool" : typeof v;
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

export function toStr(v: unknown, what = "value"): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  throw new EvalError(`${what}: a string is required, got ${typeName(v)}`);
}

export function toNum(v: unknown, what = "value"): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !isNaN(Number(v))) return Number(v);
  throw new EvalError(`${what}: a number is required, got ${typeName(v)}`);
}

export function toBool(v: unknown, what = "value"): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  throw new EvalError(`${what}: a bool is required, got ${typeName(v)}`);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Object keys in Terraform's iteration order (lexical). */
export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
