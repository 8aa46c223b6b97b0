/**
 * Paths into a resource, parsed once at rule load into segment arrays (evaluation never re-parses).
 *
 *   StorageEncrypted                       a prop (bare paths are props, or relative to the element inside `where`)
 *   BucketEncryption.Rules[0].SSEAlgorithm index
 *   Rules[*].SSEAlgorithm                  wildcard over an array (or an object's values)
 *   Condition["aws:SecureTransport"]       a key that is not a plain name
 *   @                                      the current element inside a quantifier's `where`
 *   $tags.Owner  $tags  $name  $id  $arn  $type  $account  $region  $source  $workspace  $address  $location
 *                                          fields of the resource itself, never props
 */
import type { Resource } from "../model/resource.js";
import { REDACTED, Unknown } from "../model/values.js";

const KEY = 0;
const INDEX = 1;
const WILD = 2;

interface Segment {
  kind: typeof KEY | typeof INDEX | typeof WILD;
  key: string;
  index: number;
}

export const RESOURCE_FIELDS = ["tags", "name", "id", "arn", "type", "account", "region", "source", "workspace", "address", "location"] as const;
export type ResourceField = (typeof RESOURCE_FIELDS)[number];

/** Counts parses, so a test can prove evaluation works on compiled paths only. */
export const pathStats = { parsed: 0 };

export class PathSyntaxError extends Error {}

export interface CompiledPath {
  readonly text: string;
  /** "props" resolves from the base (props, or the quantifier element); "field" from the resource. */
  readonly root: "props" | "field";
  readonly field?: ResourceField;
  /** True when the path has a wildcard and may yield several values. */
  readonly multi: boolean;
  /** How reasons name it: "StorageEncrypted", "tag Owner". */
  readonly label: string;
  /** Single-valued paths: the value, an Unknown / REDACTED met on the way, or undefined. */
  get(res: Resource, base: unknown): unknown;
  /** Wildcard paths: every matched value (missing ones as undefined) appended to `out`. */
  all(res: Resource, base: unknown, out: unknown[]): void;
  /** Wildcard paths: matched values with their concrete paths ("Rules[1].SSEAlgorithm"). Slow; for explanations. */
  allWithPaths(res: Resource, base: unknown): { values: unknown[]; paths: string[] };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function segText(s: Segment): string {
  if (s.kind === WILD) return "[*]";
  if (s.kind === INDEX) return `[${s.index}]`;
  return IDENT.test(s.key) ? `.${s.key}` : `[${JSON.stringify(s.key)}]`;
}

function keyText(key: string): string {
  return IDENT.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** "a" + ".b" → "a.b"; "" + ".b" → "b". */
function joinText(prefix: string, seg: string): string {
  return prefix === "" && seg.startsWith(".") ? seg.slice(1) : prefix + seg;
}

function parseSegments(text: string, start: number): Segment[] {
  const segs: Segment[] = [];
  let i = start;
  let expectName = true;
  while (i < text.length) {
    const c = text[i];
    if (c === "[") {
      const close = text.indexOf("]", i);
      if (close < 0) throw new PathSyntaxError(`'[' at position ${i + 1} is never closed`);
      let inner = text.slice(i + 1, close).trim();
      if (inner.startsWith('"') || inner.startsWith("'")) {
        // Quoted keys may contain ']' and '.', so scan for the closing quote instead.
        const q = inner[0];
        const endQuote = text.indexOf(q, text.indexOf(q, i) + 1);
        if (endQuote < 0) throw new PathSyntaxError(`unterminated quoted key at position ${i + 1}`);
        const close2 = text.indexOf("]", endQuote);
        if (close2 < 0 || text.slice(endQuote + 1, close2).trim() !== "") throw new PathSyntaxError(`expected ']' after the quoted key at position ${endQuote + 1}`);
        segs.push({ kind: KEY, key: text.slice(text.indexOf(q, i) + 1, endQuote), index: 0 });
        i = close2 + 1;
      } else if (inner === "*") {
        segs.push({ kind: WILD, key: "", index: 0 });
        i = close + 1;
      } else if (/^-?\d+$/.test(inner)) {
        segs.push({ kind: INDEX, key: "", index: Number(inner) });
        i = close + 1;
      } else {
        inner = inner.length > 20 ? inner.slice(0, 20) + "…" : inner;
        throw new PathSyntaxError(`'[${inner}]' is not an index: use [0], [-1], [*] or ["key"]`);
      }
      expectName = false;
    } else if (c === ".") {
      if (expectName) throw new PathSyntaxError(`empty name at position ${i + 1}`);
      expectName = true;
      i++;
    } else {
      if (!expectName) throw new PathSyntaxError(`expected '.' or '[' at position ${i + 1}`);
      let j = i;
      while (j < text.length && text[j] !== "." && text[j] !== "[") {
        if (text[j] === "]") throw new PathSyntaxError(`unexpected ']' at position ${j + 1}`);
        j++;
      }
      segs.push({ kind: KEY, key: text.slice(i, j), index: 0 });
      expectName = false;
      i = j;
    }
  }
  if (expectName && segs.length > 0) throw new PathSyntaxError("path ends with '.'");
  return segs;
}

function fieldValue(res: Resource, field: ResourceField): unknown {
  switch (field) {
    case "tags":
      return res.tags;
    case "source":
      return res.origin.source;
    case "workspace":
      return res.origin.workspace;
    case "address":
      return res.origin.address;
    case "location":
      return res.origin.location;
    default:
      return res[field];
  }
}

function fieldLabel(field: ResourceField, segs: Segment[]): string {
  if (field === "tags" && segs.length === 1 && segs[0].kind === KEY) return `tag ${segs[0].key}`;
  return field + segs.map(segText).join("");
}

/** One step down; Unknown and REDACTED swallow the rest of the path (what is inside them is not knowable). */
function step(cur: unknown, seg: Segment): unknown {
  if (cur === null || cur === undefined) return undefined;
  if (typeof cur !== "object") return cur === REDACTED ? cur : undefined;
  if (cur instanceof Unknown) return cur;
  if (seg.kind === KEY) {
    if (Array.isArray(cur)) return undefined;
    return Object.hasOwn(cur, seg.key) ? (cur as Record<string, unknown>)[seg.key] : undefined;
  }
  if (!Array.isArray(cur)) return undefined;
  return seg.index < 0 ? cur[cur.length + seg.index] : cur[seg.index];
}

export function parsePath(text: string): CompiledPath {
  pathStats.parsed++;
  if (typeof text !== "string" || text.trim() === "") throw new PathSyntaxError("empty path");
  text = text.trim();
  let root: "props" | "field" = "props";
  let field: ResourceField | undefined;
  let segs: Segment[];
  if (text === "@") {
    segs = [];
  } else if (text.startsWith("@")) {
    throw new PathSyntaxError("'@' stands alone: inside `where`, bare paths are already relative to the element");
  } else if (text.startsWith("$")) {
    const m = /^\$([A-Za-z]+)/.exec(text);
    const name = m?.[1] ?? "";
    if (!(RESOURCE_FIELDS as readonly string[]).includes(name)) {
      throw new PathSyntaxError(`unknown resource field '$${name}' (expected one of ${RESOURCE_FIELDS.map((f) => "$" + f).join(", ")})`);
    }
    root = "field";
    field = name as ResourceField;
    const rest = text.slice(1 + name.length);
    if (rest !== "" && rest[0] !== "." && rest[0] !== "[") throw new PathSyntaxError(`expected '.' or '[' after $${name}`);
    segs = parseSegments(rest.startsWith(".") ? rest.slice(1) : rest, 0);
    if (rest.startsWith(".") && segs.length === 0) throw new PathSyntaxError("path ends with '.'");
  } else {
    segs = parseSegments(text, 0);
  }
  if (field !== undefined && field !== "tags" && segs.length > 0) {
    throw new PathSyntaxError(`$${field} is a plain value: it has no ${segText(segs[0]).replace(/^\./, "")}`);
  }
  const multi = segs.some((s) => s.kind === WILD);
  const label = field !== undefined ? fieldLabel(field, segs) : text;
  const f = field;
  const start = (res: Resource, base: unknown): unknown => (f === undefined ? base : fieldValue(res, f));
  const n = segs.length;

  const get = (res: Resource, base: unknown): unknown => {
    let cur = start(res, base);
    for (let i = 0; i < n; i++) {
      cur = step(cur, segs[i]);
      if (cur === undefined) return undefined;
    }
    return cur;
  };

  const walk = (cur: unknown, i: number, out: unknown[], paths: string[] | undefined, at: string): void => {
    for (; i < n; i++) {
      const seg = segs[i];
      if (seg.kind === WILD) {
        if (cur instanceof Unknown || cur === REDACTED) {
          out.push(cur);
          paths?.push(at);
          return;
        }
        if (Array.isArray(cur)) {
          for (let k = 0; k < cur.length; k++) walk(cur[k], i + 1, out, paths, paths ? `${at}[${k}]` : at);
        } else if (cur !== null && typeof cur === "object") {
          for (const key of Object.keys(cur)) walk((cur as Record<string, unknown>)[key], i + 1, out, paths, paths ? joinText(at, keyText(key)) : at);
        }
        // Anything else has no elements: it contributes no values.
        return;
      }
      cur = step(cur, seg);
      if (paths) at = joinText(at, segText(seg));
      if (cur === undefined) break;
    }
    out.push(cur);
    paths?.push(at);
  };

  const rootText = field !== undefined ? `$${field}` : "";
  return {
    text,
    root,
    field,
    multi,
    label,
    get,
    all: (res, base, out) => walk(start(res, base), 0, out, undefined, rootText),
    allWithPaths: (res, base) => {
      const values: unknown[] = [];
      const paths: string[] = [];
      walk(start(res, base), 0, values, paths, rootText);
      return { values, paths };
    },
  };
}

/** The name a reason uses for a path met inside a quantifier element: "Statement[0]" + "Effect". */
export function joinLabel(prefix: string, label: string): string {
  if (prefix === "") return label;
  if (label === "@") return prefix;
  return label.startsWith("[") ? prefix + label : `${prefix}.${label}`;
}
