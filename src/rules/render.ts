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

/** Characters JSON.stringify escapes: quote, backslash, control characters, lone surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

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
      // Nothing to escape (the usual id, ARN or enum value): JSON.stringify would only add the quotes.
      return truncate(NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`);
    case "number":
    case "boolean":
      return String(v);
    default:
      try {
        if (typeof v === "object") return truncate(boundedJson(v, MAX));
        return truncate(JSON.stringify(v, replacer) ?? String(v));
      } catch {
        return "(unprintable)";
      }
  }
}

/**
 * JSON.stringify(v, replacer), but only as far as a reason shows it: a policy document or a container
 * definition is hundreds of characters of which 80 are kept. Writes until the text is longer than
 * `limit`, then only walks the rest (so a cycle still throws, as JSON.stringify would).
 */
function boundedJson(v: object, limit: number): string {
  // One writer, reused: rendering never re-enters itself (a toJSON does not render reasons).
  const w = WRITER;
  w.parts.length = 0;
  w.length = 0;
  w.full = false;
  w.limit = limit;
  w.stack.length = 0;
  if (!serialize("", v, w)) return String(v);
  return w.parts.join("");
}

interface Writer {
  /** The text so far, in pieces (joined once at the end). */
  parts: string[];
  length: number;
  /** Set once the text is longer than limit: from then on nothing is appended. */
  full: boolean;
  limit: number;
  /** Objects being written (JSON.stringify's cycle check). */
  stack: object[];
}

const WRITER: Writer = { parts: [], length: 0, full: false, limit: 0, stack: [] };

function emit(w: Writer, text: string): void {
  if (w.full) return;
  w.parts.push(text);
  w.length += text.length;
  if (w.length > w.limit) w.full = true;
}

/** A JSON string literal, in pieces when nothing needs escaping (no concatenation per string). */
function emitQuoted(w: Writer, s: string): void {
  emit(w, NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);
}

/** One property as JSON.stringify serializes it (toJSON, then the replacer); false when it is left out. */
function serialize(key: string, value: unknown, w: Writer): boolean {
  if (typeof value === "object" && value !== null) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") value = toJSON.call(value, key);
  }
  value = replacer(key, value);
  if (value === null) {
    emit(w, "null");
    return true;
  }
  switch (typeof value) {
    case "boolean":
      emit(w, value ? "true" : "false");
      return true;
    case "string":
      if (!w.full) emitQuoted(w, value);
      return true;
    case "number":
      if (!w.full) emit(w, Number.isFinite(value) ? String(value) : "null");
      return true;
    case "bigint":
      throw new TypeError("Do not know how to serialize a BigInt");
    case "object": {
      if (w.stack.includes(value)) throw new TypeError("Converting circular structure to JSON");
      w.stack.push(value);
      if (Array.isArray(value)) {
        emit(w, "[");
        for (let i = 0; i < value.length; i++) {
          if (i > 0) emit(w, ",");
          if (!serialize(String(i), value[i], w)) emit(w, "null");
        }
        emit(w, "]");
      } else {
        emit(w, "{");
        let first = true;
        for (const k of Object.keys(value)) {
          const mark = w.parts.length;
          const markLength = w.length;
          if (!first) emit(w, ",");
          if (!w.full) {
            emitQuoted(w, k);
            emit(w, ":");
          }
          if (serialize(k, (value as Record<string, unknown>)[k], w)) first = false;
          else if (w.parts.length > mark) {
            // Left out after all: take back the comma and key (what was written is exact up to the limit).
            w.parts.length = mark;
            w.length = markLength;
            w.full = w.length > w.limit;
          }
        }
        emit(w, "}");
      }
      w.stack.pop();
      return true;
    }
    default:
      return false;
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
