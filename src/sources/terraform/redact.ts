/**
 * Load-time redaction shared by the state and plan sources. Everything here works in place on the
 * freshly parsed document (it is ours, and copying a 100 MB state would double its memory), and runs
 * before any instance is handed on, so no later layer ever holds a secret.
 *
 * A null value stays null: "no password set" is a fact rules may need and is not itself a secret.
 */
import { MAX_REDACT_DEPTH, NestingTooDeepError, redactSecrets } from "../../model/redact-secrets.js";
import { REDACTED } from "../../model/values.js";
import { isWholeSecretAttribute } from "./sensitive.js";

/** Deeper than any provider schema nests; stops a hostile document from exhausting the stack. */
export const MAX_NESTING_DEPTH = MAX_REDACT_DEPTH;
export { NestingTooDeepError };

type Json = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Json {
  return typeof v === "object" && v !== null;
}

function redacted(v: unknown): unknown {
  return v === null || v === undefined ? v : REDACTED;
}

const wholeKeyCache = new Map<string, (key: string) => boolean>();

/** Per Terraform type, the names whose whole value is secret (./sensitive.ts). */
function wholeSecretKey(tfType: string): (key: string) => boolean {
  let f = wholeKeyCache.get(tfType);
  if (!f) {
    f = (key) => isWholeSecretAttribute(tfType, key);
    // Types come from input: cap the cache so a hostile file cannot grow it without bound.
    if (wholeKeyCache.size < 5_000) wholeKeyCache.set(tfType, f);
  }
  return f;
}

/**
 * Replaces, at any depth, whatever is secret by its name or its shape (the shared heuristic,
 * src/model/redact-secrets.ts), plus Terraform's own secret attributes (./sensitive.ts). Reaches inside
 * JSON text too: container_definitions' environment, a connection string in a description.
 */
export function redactSecretNames(tfType: string, value: unknown): void {
  if (!isContainer(value)) return;
  redactSecrets(value, { secretKey: wholeSecretKey(tfType) });
}

/**
 * Applies a Terraform sensitivity mask (plan `after_sensitive` / `before_sensitive`, or the
 * `sensitive_values` of a state representation): `true` marks a sensitive leaf or a whole subtree.
 * Returns the value to store in place of `value` (REDACTED when the whole value is sensitive).
 */
export function redactByMask(value: unknown, mask: unknown, depth = 0): unknown {
  if (mask === true) return redacted(value);
  if (!isContainer(mask) || !isContainer(value)) return value;
  if (depth > MAX_NESTING_DEPTH) throw new NestingTooDeepError();
  if (Array.isArray(mask)) {
    if (!Array.isArray(value)) return value;
    for (let i = 0; i < mask.length && i < value.length; i++) {
      if (mask[i] !== false) value[i] = redactByMask(value[i], mask[i], depth + 1);
    }
    return value;
  }
  if (Array.isArray(value)) return value;
  for (const key in mask) {
    const m = (mask as Record<string, unknown>)[key];
    if (m !== false && key in value) value[key] = redactByMask(value[key], m, depth + 1);
  }
  return value;
}

/** One step of a cty path as state files write it. */
export interface PathStep {
  type: "get_attr" | "index";
  value: unknown;
}
export type SensitivePath = PathStep[];

function isStep(v: unknown): v is PathStep {
  return isContainer(v) && !Array.isArray(v) && (v.type === "get_attr" || v.type === "index");
}

/**
 * Reads a state instance's `sensitive_attributes` in the shapes Terraform has written:
 * - `[[{type,value}, ...], ...]`: a list of paths (Terraform 0.15 to 1.x);
 * - `[{type,value}, ...]`: a flat list of steps. When every step is a get_attr it is read as a list of
 *   sensitive top-level attributes (which over-redacts if it was one nested path: the safe error);
 *   otherwise as one path;
 * - `{attr: true, nested: {x: true}}`: a sensitivity mask like a plan's, returned as `mask`.
 * Anything else is reported as unreadable so the caller can redact the whole instance.
 */
export function readSensitiveAttributes(
  raw: unknown,
): { paths: SensitivePath[]; mask?: unknown; unreadable?: boolean } {
  if (raw === undefined || raw === null) return { paths: [] };
  if (!Array.isArray(raw)) return isContainer(raw) || raw === true ? { paths: [], mask: raw } : { paths: [], unreadable: true };
  if (raw.length === 0) return { paths: [] };
  if (raw.every((p) => Array.isArray(p) && p.every(isStep))) return { paths: raw as SensitivePath[] };
  if (raw.every(isStep)) {
    const steps = raw as PathStep[];
    return steps.every((s) => s.type === "get_attr") ? { paths: steps.map((s) => [s]) } : { paths: [steps] };
  }
  return { paths: [], unreadable: true };
}

/** The key an index step addresses: a number, a string, or cty's `{value, type}` wrapper. */
function stepKey(step: PathStep): string | number | undefined {
  let v = step.value;
  if (step.type === "index" && isContainer(v) && !Array.isArray(v) && "value" in v) v = v.value;
  return typeof v === "string" || typeof v === "number" ? v : undefined;
}

/**
 * Replaces the value at each path. When a step cannot be followed exactly (a set element addressed by
 * value, a type mismatch), the container reached so far is redacted whole: over-redacting is safe,
 * leaking is not. A path to something absent redacts nothing.
 */
export function redactPaths(attrs: Record<string, unknown>, paths: SensitivePath[]): void {
  for (const path of paths) {
    if (path.length === 0) {
      for (const k in attrs) attrs[k] = redacted(attrs[k]);
      continue;
    }
    let parent: Record<string, unknown> | unknown[] = attrs;
    let parentKey: string | number | undefined;
    let grand: Record<string, unknown> | unknown[] | undefined;
    for (let s = 0; s < path.length; s++) {
      const key = stepKey(path[s]);
      const exact =
        key !== undefined &&
        (Array.isArray(parent) ? typeof key === "number" : path[s].type === "get_attr" || typeof key === "string");
      if (!exact) {
        // Cannot address the element: redact the container itself (or everything, at the top).
        if (grand !== undefined && parentKey !== undefined) setAt(grand, parentKey, redacted(getAt(grand, parentKey)));
        else for (const k in attrs) attrs[k] = redacted(attrs[k]);
        break;
      }
      const v = getAt(parent, key);
      if (s === path.length - 1) {
        if (v !== undefined) setAt(parent, key, redacted(v));
        break;
      }
      if (!isContainer(v)) break;
      grand = parent;
      parentKey = key;
      parent = v;
    }
  }
}

function getAt(c: Json, k: string | number): unknown {
  return (c as Record<string | number, unknown>)[k];
}
function setAt(c: Json, k: string | number, v: unknown): void {
  (c as Record<string | number, unknown>)[k] = v;
}

/** State `outputs` / plan `output_changes` values marked sensitive become REDACTED. */
export function redactSensitiveOutputs(outputs: unknown): void {
  if (!isContainer(outputs) || Array.isArray(outputs)) return;
  for (const name in outputs) {
    const o = outputs[name];
    if (!isContainer(o) || Array.isArray(o)) continue;
    if (o.sensitive === true && "value" in o) o.value = redacted(o.value);
    // Plan output_changes carry before/after with their own masks.
    if ("after" in o) o.after = redactByMask(o.after, o.after_sensitive);
    if ("before" in o) o.before = redactByMask(o.before, o.before_sensitive);
  }
}
