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

export class TfReader<P extends string> {
  constructor(
    readonly spec: TfTypeSpec<P>,
    private readonly obj: Record<string, unknown>,
    private readonly prefix = "",
  ) {}

  /** The value at a declared path ("a.b.c"), taking the first element of each nested block on the way. */
  get(path: P): unknown {
    let cur: unknown = this.obj;
    const segs = this.relative(path);
    for (const [i, seg] of segs.entries()) {
      if (isUnknown(cur)) return cur;
      if (Array.isArray(cur)) cur = cur[0];
      if (cur === undefined || cur === null) return undefined;
      if (typeof cur !== "object") return undefined;
      cur = (cur as Record<string, unknown>)[seg];
      if (i === segs.length - 1) break;
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

  private relative(path: P): string[] {
    if (!this.prefix) return path.split(".");
    if (!path.startsWith(`${this.prefix}.`)) {
      throw new Error(`mapper bug: ${path} read from a reader positioned at ${this.prefix}`);
    }
    return path.slice(this.prefix.length + 1).split(".");
  }
}

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
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? (out as T) : undefined;
}

/** Map each element of a nested block list; the list being Unknown makes the result that Unknown. */
export function mapEach<P extends string, T>(r: TfReader<P>, path: P, fn: (item: TfReader<P>) => T): T[] | Unknown | undefined {
  const items = r.each(path);
  if (isUnknown(items)) return items;
  if (r.get(path) === undefined) return undefined;
  return items.map(fn);
}
