/**
 * Load-time redaction with the one secret heuristic (./secret-names.ts), for every source: a walk over a
 * freshly read value that replaces, in place, whatever is secret by its name or by its shape with REDACTED.
 * Sources call it before a record leaves them, so no rule, report, drift diff or log ever holds the secret.
 *
 * - an attribute / prop / map key whose name is secret: its string or number value (each scalar element of
 *   a list; an object under it is walked, so `master_user_secret { secret_arn }` keeps its ARN);
 * - a name/value pair ({name, value}, {Key, Value}, {HeaderName, HeaderValue}: ECS environment, tag lists,
 *   CloudFront origin headers) whose name is secret: its value;
 * - a string that is secret by shape anywhere (isSecretValue);
 * - JSON text (container_definitions in Terraform, policies) is walked inside and written back only when
 *   something in it was redacted; JSON text that does not parse but holds a secret is redacted whole;
 * - an Unknown whose expression or reason quotes a secret (an HCL template around a literal password).
 * Booleans are flags (force_overwrite_replica_secret), never secret material; null stays null ("not set"
 * is a fact rules need).
 */
import { isSecretName, isSecretValue } from "./secret-names.js";
import { isPartialJson, REDACTED, Unknown } from "./values.js";

/** Deeper than any real document nests; stops a hostile one from exhausting the stack. */
export const MAX_REDACT_DEPTH = 512;

export class NestingTooDeepError extends Error {
  constructor() {
    super(`values nest deeper than ${MAX_REDACT_DEPTH} levels`);
  }
}

export interface RedactOptions {
  /**
   * Source-specific names secret by nature whatever the heuristic says (Terraform's `value` of an
   * aws_ssm_parameter, `plaintext`): the whole value under them is redacted, objects and lists included.
   */
  secretKey?: (key: string) => boolean;
}

const NAME_KEYS = ["name", "Name", "key", "Key", "ParameterKey", "HeaderName", "OptionName"] as const;
const VALUE_KEYS = ["value", "Value", "ParameterValue", "HeaderValue"] as const;

/** Only JSON text that mentions something secret-looking is parsed (policies mostly do not). */
const JSON_HINT = /pass|pwd|secret|token|cred|auth|key|dsn|conn|_url|database|BEGIN|:\/\/|AKIA|ASIA|=/i;

interface Walk {
  opts: RedactOptions;
  redacted: number;
}

function redacted(v: unknown): unknown {
  return v === null || v === undefined ? v : REDACTED;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Redacts `value` in place and returns what to store in its place (REDACTED for a secret string, the
 * rewritten text for JSON text). Throws NestingTooDeepError past MAX_REDACT_DEPTH.
 */
export function redactSecrets(value: unknown, opts: RedactOptions = {}): unknown {
  return walk(value, { opts, redacted: 0 }, 0);
}

/**
 * One leaf as redactSecrets would store it, for sources that copy rather than redact in place: a string
 * (REDACTED when secret by shape; JSON text rewritten with its secret members redacted) or an Unknown
 * (REDACTED when its expression quotes a secret). Anything else is returned as it is.
 */
export function redactSecretLeaf(v: unknown): unknown {
  const w: Walk = { opts: {}, redacted: 0 };
  if (typeof v === "string") return secretString(v, w, 0);
  if (v instanceof Unknown && !isPartialJson(v)) return unknownValue(v, w, 0);
  return v;
}

/** The number of values redactSecrets replaced (for tests and notes). */
export function countSecrets(value: unknown, opts: RedactOptions = {}): { value: unknown; redacted: number } {
  const w: Walk = { opts, redacted: 0 };
  const out = walk(value, w, 0);
  return { value: out, redacted: w.redacted };
}

function walk(v: unknown, w: Walk, depth: number): unknown {
  if (typeof v === "string") return secretString(v, w, depth);
  if (typeof v !== "object" || v === null) return v;
  if (depth > MAX_REDACT_DEPTH) throw new NestingTooDeepError();
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const el = v[i];
      if (typeof el === "string" || typeof el === "object") v[i] = walk(el, w, depth + 1);
    }
    return v;
  }
  if (v instanceof Unknown) return unknownValue(v, w, depth);
  if (!isPlainObject(v)) return v;
  for (const key in v) {
    const x = v[key];
    if (x === null || x === undefined || typeof x === "boolean") continue;
    if (w.opts.secretKey?.(key)) {
      v[key] = hide(x, w);
    } else if (isSecretName(key)) {
      v[key] = secretNamed(x, w, depth + 1);
    } else if (typeof x === "string" || typeof x === "object") {
      v[key] = walk(x, w, depth + 1);
    }
  }
  pair(v, w);
  return v;
}

function hide(x: unknown, w: Walk): unknown {
  if (x === REDACTED || x === null || x === undefined) return x;
  w.redacted++;
  return redacted(x);
}

/** The value under a secret name: scalars go, an object is walked (it may describe the secret, not hold it). */
function secretNamed(x: unknown, w: Walk, depth: number): unknown {
  if (typeof x === "string" || typeof x === "number" || typeof x === "bigint") return hide(x, w);
  if (Array.isArray(x)) {
    if (depth > MAX_REDACT_DEPTH) throw new NestingTooDeepError();
    for (let i = 0; i < x.length; i++) {
      const el = x[i];
      x[i] = typeof el === "string" || typeof el === "number" ? hide(el, w) : walk(el, w, depth + 1);
    }
    return x;
  }
  if (x instanceof Unknown && !isPartialJson(x)) return x;
  return walk(x, w, depth);
}

/** {name: "API_TOKEN", value: "..."}: the value goes when the name is secret. */
function pair(o: Record<string, unknown>, w: Walk): void {
  for (const nk of NAME_KEYS) {
    const name = o[nk];
    if (typeof name !== "string" || !isSecretName(name)) continue;
    for (const vk of VALUE_KEYS) {
      const x = o[vk];
      if (vk in o && x !== null && x !== undefined && typeof x !== "boolean" && !(x instanceof Unknown && !isPartialJson(x))) o[vk] = hide(x, w);
    }
    return;
  }
}

function secretString(s: string, w: Walk, depth: number): unknown {
  if (s === REDACTED) return s;
  const t = s.trimStart();
  if ((t.startsWith("{") || t.startsWith("[")) && JSON_HINT.test(s)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch {
      return isSecretValue(s) ? hide(s, w) : s;
    }
    const before = w.redacted;
    const out = walk(parsed, w, depth + 1);
    return w.redacted === before ? s : JSON.stringify(out);
  }
  return isSecretValue(s) ? hide(s, w) : s;
}

/**
 * An Unknown keeps its reason and expression for reports. When either quotes a secret (an HCL template
 * around a literal password), the value is reported as sensitive instead. A PartialJson's known structure
 * is walked like any value.
 */
function unknownValue(u: Unknown, w: Walk, depth: number): unknown {
  if ((u.expression !== undefined && isSecretValue(u.expression)) || isSecretValue(u.reason)) return hide(u, w);
  if (isPartialJson(u)) {
    const s = walk(u.structure, w, depth + 1);
    if (s !== u.structure) (u as { structure: unknown }).structure = s;
  }
  return u;
}
