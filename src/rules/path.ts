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
  /** The key is not also a name on Object.prototype ("constructor"...): a plain read is an own read. */
  plain: boolean;
}

function seg(kind: Segment["kind"], key: string, index: number): Segment {
  return { kind, key, index, plain: kind === KEY && !(key in Object.prototype) };
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
        segs.push(seg(KEY, text.slice(text.indexOf(q, i) + 1, endQuote), 0));
        i = close2 + 1;
      } else if (inner === "*") {
        segs.push(seg(WILD, "", 0));
        i = close + 1;
      } else if (/^-?\d+$/.test(inner)) {
        segs.push(seg(INDEX, "", Number(inner)));
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
      segs.push(seg(KEY, text.slice(i, j), 0));
      expectName = false;
      i = j;
    }
  }
  if (expectName && segs.length > 0) throw new PathSyntaxError("path ends with '.'");
  return segs;
}

/** What a tag not knowable from this evidence reads as: "tag Owner is known only after apply". */
const TAG_UNKNOWN = new Unknown("known only after apply");
const tagViews = new WeakMap<Resource, unknown>();

/**
 * `$tags` as rules see it: the resource's tags, where a key listed in props.TagsUnknown (the mappers
 * list there the tags whose value is not knowable) reads as an Unknown, and the whole map is one
 * Unknown when TagsUnknown has "*". So a tag rule says UNKNOWN rather than guess from the known tags.
 */
function tagsView(res: Resource): unknown {
  const unknown = res.props.TagsUnknown;
  if (!Array.isArray(unknown) || unknown.length === 0) return res.tags;
  let view = tagViews.get(res);
  if (view === undefined) {
    if (unknown.includes("*")) view = TAG_UNKNOWN;
    else {
      const tags: Record<string, unknown> = { ...res.tags };
      for (const k of unknown) if (typeof k === "string") tags[k] = TAG_UNKNOWN;
      view = tags;
    }
    tagViews.set(res, view);
  }
  return view;
}

function fieldValue(res: Resource, field: ResourceField): unknown {
  switch (field) {
    case "tags":
      return tagsView(res);
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
  return new Path(text, root, field, multi, label, segs);
}

/** A parsed path. A class (not closures per path) so that every read site calls one method: inlinable. */
class Path implements CompiledPath {
  private readonly rootText: string;
  constructor(
    readonly text: string,
    readonly root: "props" | "field",
    readonly field: ResourceField | undefined,
    readonly multi: boolean,
    readonly label: string,
    private readonly segs: readonly Segment[],
  ) {
    this.rootText = field !== undefined ? `$${field}` : "";
  }

  private start(res: Resource, base: unknown): unknown {
    return this.field === undefined ? base : fieldValue(res, this.field);
  }

  get(res: Resource, base: unknown): unknown {
    let cur = this.field === undefined ? base : fieldValue(res, this.field);
    const segs = this.segs;
    // One step down per segment; Unknown and REDACTED swallow the rest of the path (what is inside them
    // is not knowable). Written out here and in walk(): this is the hottest loop of evaluation.
    for (let i = 0; i < segs.length; i++) {
      if (typeof cur !== "object" || cur === null) return cur === REDACTED ? cur : undefined;
      if (cur instanceof Unknown) return cur;
      const seg = segs[i];
      if (seg.kind === KEY) {
        if (Array.isArray(cur)) return undefined;
        cur = seg.plain || Object.hasOwn(cur, seg.key) ? (cur as Record<string, unknown>)[seg.key] : undefined;
      } else {
        if (!Array.isArray(cur)) return undefined;
        cur = seg.index < 0 ? cur[cur.length + seg.index] : cur[seg.index];
      }
      if (cur === undefined) return undefined;
    }
    return cur;
  }

  all(res: Resource, base: unknown, out: unknown[]): void {
    this.walk(this.start(res, base), 0, out, undefined, this.rootText);
  }

  allWithPaths(res: Resource, base: unknown): { values: unknown[]; paths: string[] } {
    const values: unknown[] = [];
    const paths: string[] = [];
    this.walk(this.start(res, base), 0, values, paths, this.rootText);
    return { values, paths };
  }

  private walk(cur: unknown, i: number, out: unknown[], paths: string[] | undefined, at: string): void {
    const segs = this.segs;
    const n = segs.length;
    for (; i < n; i++) {
      const seg = segs[i];
      if (seg.kind === WILD) {
        if (cur instanceof Unknown || cur === REDACTED) {
          out.push(cur);
          paths?.push(at);
          return;
        }
        if (Array.isArray(cur)) {
          for (let k = 0; k < cur.length; k++) this.walk(cur[k], i + 1, out, paths, paths ? `${at}[${k}]` : at);
        } else if (cur !== null && typeof cur === "object") {
          for (const key of Object.keys(cur)) this.walk((cur as Record<string, unknown>)[key], i + 1, out, paths, paths ? joinText(at, keyText(key)) : at);
        }
        // Anything else has no elements: it contributes no values.
        return;
      }
      // One step down (as in get()).
      if (typeof cur !== "object" || cur === null) cur = cur === REDACTED ? cur : undefined;
      else if (!(cur instanceof Unknown)) {
        if (seg.kind === KEY) cur = Array.isArray(cur) ? undefined : seg.plain || Object.hasOwn(cur, seg.key) ? (cur as Record<string, unknown>)[seg.key] : undefined;
        else cur = !Array.isArray(cur) ? undefined : seg.index < 0 ? cur[cur.length + seg.index] : cur[seg.index];
      }
      if (paths) at = joinText(at, segText(seg));
      if (cur === undefined) break;
    }
    out.push(cur);
    paths?.push(at);
  }
}

/** The name of a key of the value at `label`: "Tags.Owner", 'Condition["aws:SecureTransport"]'. */
export function keyLabel(label: string, key: string): string {
  return joinText(label, keyText(key));
}

/** The name a reason uses for a path met inside a quantifier element: "Statement[0]" + "Effect". */
export function joinLabel(prefix: string, label: string): string {
  if (prefix === "") return label;
  if (label === "@") return prefix;
  return label.startsWith("[") ? prefix + label : `${prefix}.${label}`;
}
