import { REDACTED, Unknown, isUnknown } from "../../../model/values.js";

/**
 * Typed access to a TfInstance's attributes. Each mapper declares, per Terraform type, the attribute
 * paths it reads (dotted through nested blocks: "versioning.enabled"); the reader only accepts those
 * paths, so a misspelt attribute is a compile error, and test/sources/terraform-aws checks every declared
 * path against the AWS provider's schema (Trivy shipped silent bugs from stringly-typed names).
 *
 * Value rules, identical for HCL, plan and state: absent (HCL) and null (state, plan) are both "not set"
 * (undefined); an empty nested-block list has no elements; Unknown and REDACTED pass through untouched.
 */
export interface TfTypeSpec<P extends string = string> {
  readonly type: string;
  readonly attrs: readonly P[];
}

/** Declare a Terraform type and the attribute paths a mapper reads from it. */
export function tfType<const P extends string>(type: string, attrs: readonly P[]): TfTypeSpec<P> {
  return { type, attrs };
}

/** Declared paths split once ("a.b.c" → ["a", "b", "c"]): paths are few and fixed, reads are many. */
const SEGMENTS = new Map<string, readonly string[]>();
function segmentsOf(path: string): readonly string[] {
  let segs = SEGMENTS.get(path);
  if (segs === undefined) SEGMENTS.set(path, (segs = path.split(".")));
  return segs;
}

export class TfReader<P extends string> {
  /** The reader's position as segments: a nested block's reader reads paths below it. */
  private readonly base: readonly string[];

  constructor(
    readonly spec: TfTypeSpec<P>,
    private readonly obj: Record<string, unknown>,
    private readonly prefix = "",
  ) {
    this.base = prefix === "" ? EMPTY : segmentsOf(prefix);
  }

  /** The value at a declared path ("a.b.c"), taking the first element of each nested block on the way. */
  get(path: P): unknown {
    // Most reads are of a top-level attribute: no path to walk.
    if (this.base.length === 0 && !path.includes(".")) {
      const v = this.obj[path];
      return v === null ? undefined : v;
    }
    const segs = segmentsOf(path);
    const from = this.base.length;
    if (from > 0) this.checkBelow(path, segs);
    let cur: unknown = this.obj;
    for (let i = from; i < segs.length; i++) {
      if (Array.isArray(cur)) cur = cur[0];
      // An unknown block (or first block) makes everything under it unknown, never "not set".
      if (cur instanceof Unknown) return cur;
      if (typeof cur !== "object" || cur === null) return undefined;
      cur = (cur as Record<string, unknown>)[segs[i]];
    }
    return cur === null ? undefined : cur;
  }

  /** The elements of a nested block (or list of objects), as readers; Unknown if the list is unknown. */
  each(path: P): Array<TfReader<P>> | Unknown {
    const v = this.get(path);
    if (v === undefined) return [];
    if (isUnknown(v)) return v;
    if (!Array.isArray(v)) return isObject(v) ? [new TfReader(this.spec, v, path)] : [];
    const out: Array<TfReader<P>> = [];
    for (const item of v) {
      if (isUnknown(item)) return item;
      if (isObject(item)) out.push(new TfReader(this.spec, item, path));
    }
    return out;
  }

  /** The first element of a nested block; undefined when not set. */
  block(path: P): TfReader<P> | Unknown | undefined {
    const items = this.each(path);
    if (isUnknown(items)) return items;
    return items[0];
  }

  private checkBelow(path: string, segs: readonly string[]): void {
    const base = this.base;
    let ok = segs.length > base.length;
    for (let i = 0; ok && i < base.length; i++) ok = segs[i] === base[i];
    if (!ok) throw new Error(`mapper bug: ${path} read from a reader positioned at ${this.prefix}`);
  }
}

const EMPTY: readonly string[] = [];

export function reader<P extends string>(spec: TfTypeSpec<P>, attributes: Record<string, unknown>): TfReader<P> {
  return new TfReader(spec, attributes);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);
}

// --- value conversions: Unknown and REDACTED pass through, "not set" stays undefined ---------------

/** A string; "" (how state stores an unset optional string) is "not set". */
export function str(v: unknown): unknown {
  if (v === "" || v === null) return undefined;
  return v;
}

/** A boolean; "true"/"false" strings (a few provider attributes are typed string) become booleans. */
export function bool(v: unknown): unknown {
  if (v === "true") return true;
  if (v === "false") return false;
  if (v === "" || v === null) return undefined;
  return v;
}

/** A number; numeric strings become numbers. */
export function num(v: unknown): unknown {
  if (typeof v === "string" && v !== REDACTED && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  if (v === "" || v === null) return undefined;
  return v;
}

/** A list of strings (sets arrive as arrays); elements that are "" are dropped. */
export function strList(v: unknown): unknown {
  if (v === undefined || v === null || isUnknown(v) || !Array.isArray(v)) return v ?? undefined;
  return v.filter((x) => x !== "" && x !== null);
}

/** An Unknown explaining why a value cannot be read, keeping the original expression when there is one. */
export function unknownBecause(reason: string, like?: unknown): Unknown {
  return new Unknown(reason, isUnknown(like) ? like.expression : undefined);
}

/** Drop undefined fields, and return undefined for an object that ends up empty. */
export function compact<T extends Record<string, unknown>>(o: T): T | undefined {
  // Callers pass a fresh literal: when every field is set it is returned as it is, not copied.
  let set = 0;
  let unset = 0;
  for (const k in o) {
    if (o[k] === undefined) unset++;
    else set++;
  }
  if (set === 0) return undefined;
  if (unset === 0) return o;
  const out: Record<string, unknown> = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out as T;
}

/** Map each element of a nested block list; the list being Unknown makes the result that Unknown. */
export function mapEach<P extends string, T>(r: TfReader<P>, path: P, fn: (item: TfReader<P>) => T): T[] | Unknown | undefined {
  const items = r.each(path);
  if (isUnknown(items)) return items;
  if (r.get(path) === undefined) return undefined;
  return items.map(fn);
}
