/** How values appear in reasons: short, quoted, never a secret (secrets are REDACTED before rules see them). */
import { isRef, REDACTED, Unknown } from "../model/values.js";

const MAX = 80;

export function truncate(s: string, max = MAX): string {
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

/** Text from evidence (an Unknown's expression or reason, often a multi-line HCL expression) as one short line. */
export function oneLine(s: string, max = MAX): string {
  return truncate(s.replace(/\s+/g, " ").trim(), max);
}

function replacer(_k: string, v: unknown): unknown {
  if (v instanceof Unknown) return "(unknown)";
  if (v === REDACTED) return "(sensitive)";
  return v;
}

export function renderValue(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (v === REDACTED) return "(sensitive)";
  if (v instanceof Unknown) return "(unknown)";
  switch (typeof v) {
    case "string":
      return truncate(JSON.stringify(v));
    case "number":
    case "boolean":
      return String(v);
    default:
      try {
        return truncate(JSON.stringify(v, replacer) ?? String(v));
      } catch {
        return "(unprintable)";
      }
  }
}

/** "KmsKeyId is known only after apply (aws_kms_key.db.arn)", "X is sensitive", "X is unknown: access denied". */
export function unknownText(label: string, v: unknown): string {
  if (v === REDACTED) return `${label} is sensitive`;
  if (isRef(v)) return `${label} is known only after apply (${oneLine(v.expression ?? v.target)})`;
  if (v instanceof Unknown) {
    const expr = v.expression && !v.reason.includes(v.expression) ? ` (${oneLine(v.expression)})` : "";
    const reason = oneLine(v.reason, 160);
    return reason.startsWith("known") ? `${label} is ${reason}${expr}` : `${label} is unknown: ${reason}${expr}`;
  }
  return `${label} is unknown`;
}

/** The first Unknown or REDACTED inside a value (depth-first), for explaining an UNKNOWN deep comparison. */
export function firstUnknown(v: unknown, depth = 0): unknown {
  if (v === REDACTED || v instanceof Unknown) return v;
  if (depth > 32 || v === null || typeof v !== "object") return undefined;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const u = firstUnknown(x, depth + 1);
    if (u !== undefined) return u;
  }
  return undefined;
}

export function shortType(type: string): string {
  const i = type.lastIndexOf("::");
  return i >= 0 ? type.slice(i + 2) : type;
}
