import type { Resource, SourceLocation } from "../../../model/resource.js";
import { placeholderId } from "../../../model/identity.js";
import { REDACTED, Unknown, isUnknown } from "../../../model/values.js";
import type { TfInstance } from "../instance.js";

/**
 * Collects one canonical resource's props while the mapper and then the merged child resources fill
 * them in. Records, per top-level prop, the Terraform attribute location it came from (so a finding can
 * point at the line to fix) and applies documented defaults only at the end, after split child
 * resources had their chance to set the prop.
 */
export class PropsBuilder {
  readonly props: Record<string, unknown> = {};
  /** Filled only when the source knows where attributes are set (HCL, plans with configuration). */
  propLocations: Record<string, SourceLocation> | undefined = undefined;
  mergedFrom: string[] | undefined = undefined;
  /** prop, value, prop, value...: documented defaults, applied by finish() to props nothing set. */
  private defaults: unknown[] | undefined = undefined;
  private defaultsLen = 0;

  constructor(readonly inst: TfInstance) {}

  /** Set a prop from an attribute of `from` (default: the parent instance). `undefined` leaves it unset. */
  set(prop: string, value: unknown, attr?: string, from: TfInstance = this.inst): void {
    if (value === undefined) return;
    this.props[prop] = value;
    const loc = locationOf(from, attr);
    if (loc) (this.propLocations ??= {})[prop] = loc;
  }

  /** Append items to an array prop (attachments, rules, aliases...). */
  append(prop: string, items: unknown[], attr?: string, from: TfInstance = this.inst): void {
    const cur = this.props[prop];
    if (isUnknown(cur)) return; // the whole list is unknown already; more items do not make it known
    this.props[prop] = Array.isArray(cur) ? [...cur, ...items] : [...items];
    const loc = locationOf(from, attr);
    if (loc && !this.propLocations?.[prop]) (this.propLocations ??= {})[prop] = loc;
  }

  /** The documented default for a prop, used only if nothing set it by the end. */
  default(prop: string, value: unknown): void {
    const d = (this.defaults ??= new Array(16));
    for (let i = 0; i < this.defaultsLen; i += 2) {
      if (d[i] === prop) {
        d[i + 1] = value; // the later default wins, as a Map.set would
        return;
      }
    }
    d[this.defaultsLen++] = prop;
    d[this.defaultsLen++] = value;
  }

  /** Record that a split child resource was merged in. */
  merged(child: TfInstance): void {
    (this.mergedFrom ??= []).push(child.address);
  }

  /** Apply defaults; returns the props and the names that were defaulted. */
  finish(): { props: Record<string, unknown>; defaulted: string[] } {
    const defaulted: string[] = [];
    const d = this.defaults;
    if (d) {
      for (let i = 0; i < this.defaultsLen; i += 2) {
        const prop = d[i] as string;
        if (this.props[prop] === undefined) {
          this.props[prop] = d[i + 1];
          defaulted.push(prop);
        }
      }
    }
    return { props: this.props, defaulted };
  }
}

function locationOf(inst: TfInstance, attr: string | undefined): SourceLocation | undefined {
  if (attr === undefined) return undefined;
  const locs = inst.attributeLocations;
  if (locs !== undefined) {
    const dot = attr.indexOf(".");
    const loc = locs[dot < 0 ? attr : attr.slice(0, dot)];
    if (loc) return loc;
  }
  // A merged child without per-attribute locations still points at its own block.
  return inst.file !== undefined && inst.line !== undefined ? { file: inst.file, line: inst.line } : undefined;
}

export interface Identity {
  /** The id AWS Config uses; an Unknown/REDACTED/absent value gives a placeholder (see model/identity.ts). */
  id: unknown;
  name?: unknown;
  arn?: unknown;
}

/** Assemble the Resource from an instance, its identity and its finished props. */
export function buildResource(inst: TfInstance, type: string, ident: Identity, b: PropsBuilder): Resource {
  const { props, defaulted } = b.finish();
  const { tags, unknownKeys } = tagsOf(inst.attributes);
  if (defaulted.length) props.DefaultedProps = defaulted;
  if (unknownKeys.length) props.TagsUnknown = unknownKeys;
  const arn = arnFields(ident.arn) ? (ident.arn as string) : undefined;
  const origin: Resource["origin"] = { source: inst.source, address: inst.address, location: inst.location };
  if (inst.file !== undefined) origin.file = inst.file;
  if (inst.line !== undefined) origin.line = inst.line;
  if (inst.workspace !== undefined) origin.workspace = inst.workspace;
  if (b.propLocations !== undefined) origin.propLocations = b.propLocations;
  if (b.mergedFrom !== undefined) origin.mergedFrom = b.mergedFrom;
  if (inst.mayNotExist !== undefined) origin.mayNotExist = inst.mayNotExist;
  const r: Resource = { type, id: plainString(ident.id) ?? placeholderId(inst.address), tags, props, origin };
  if (arn) r.arn = arn;
  const name = plainString(ident.name);
  if (name) r.name = name;
  let account = inst.account;
  let region = inst.region;
  if (arn) {
    // arnFields(arn) above set ARN_REGION / ARN_ACCOUNT.
    account ??= ARN_ACCOUNT || undefined;
    region ??= ARN_REGION || undefined;
  }
  if (account) r.account = account;
  if (region) r.region = region;
  return r;
}

let ARN_REGION = "";
let ARN_ACCOUNT = "";

/**
 * isArn() (src/model/arn.ts: arn:partition:service:region:account:resource, partition, service and
 * resource not empty) by scanning for the colons instead of a regular expression, leaving the region
 * and account in ARN_REGION / ARN_ACCOUNT: this runs for every resource mapped.
 */
function arnFields(v: unknown): boolean {
  if (typeof v !== "string" || !v.startsWith("arn:")) return false;
  const c2 = v.indexOf(":", 4);
  if (c2 <= 4) return false;
  const c3 = v.indexOf(":", c2 + 1);
  if (c3 <= c2 + 1) return false;
  const c4 = v.indexOf(":", c3 + 1);
  if (c4 < 0) return false;
  const c5 = v.indexOf(":", c4 + 1);
  if (c5 < 0 || c5 === v.length - 1) return false;
  ARN_REGION = v.slice(c3 + 1, c4);
  ARN_ACCOUNT = v.slice(c4 + 1, c5);
  return true;
}

/** A usable identifier string: known, not redacted (a secret never becomes an id or name), not empty. */
export function plainString(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && v !== REDACTED ? v : undefined;
}

/**
 * tags and tags_all (which adds the provider's default_tags) merged into one record, tags_all winning.
 * Values that are not knowable are left out of the record and listed in unknownKeys ("*" when the whole
 * map is unknown), so a tagging rule can say UNKNOWN rather than FAIL.
 */
export function tagsOf(attrs: Record<string, unknown>): { tags: Record<string, string>; unknownKeys: string[] } {
  const own = attrs.tags;
  const all = attrs.tags_all;
  // The common cases (state, most plans) need no merge: tags_all alone, tags alone, or both with the
  // same keys and values. Then the record is that map itself (shared, not copied: resources are
  // read-only), with the key order the merge would give (tags' keys first).
  if (own === undefined || own === null) {
    if (all === undefined || all === null) return { tags: NO_TAGS, unknownKeys: NO_KEYS };
    if (isPlainStrings(all)) return { tags: all as Record<string, string>, unknownKeys: NO_KEYS };
  } else if (isPlainStrings(own) && (all === undefined || all === null || sameStrings(own as Record<string, unknown>, all))) {
    return { tags: own as Record<string, string>, unknownKeys: NO_KEYS };
  }
  const tags: Record<string, string> = {};
  const unknown = new Set<string>();
  for (const src of [own, all]) {
    if (src === undefined || src === null) continue;
    if (isUnknown(src)) {
      // tags_all is computed: in a plan it is often unknown while tags is known. Only report the whole
      // map unknown when nothing else tells us the tags.
      if (src === all && own !== undefined && own !== null && !isUnknown(own)) continue;
      unknown.add("*");
      continue;
    }
    if (typeof src !== "object" || Array.isArray(src)) continue;
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      if (typeof v === "string") {
        tags[k] = v;
        unknown.delete(k);
      } else if (isUnknown(v)) {
        delete tags[k];
        unknown.add(k);
      }
    }
  }
  return { tags, unknownKeys: unknown.size ? [...unknown] : NO_KEYS };
}

const NO_KEYS: string[] = [];
const NO_TAGS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A plain object (not a list, not an Unknown) whose values are all strings. */
function isPlainStrings(v: unknown): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Unknown) return false;
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k in v) if (typeof (v as Record<string, unknown>)[k] !== "string") return false;
  return true;
}

/** `b` is a plain map with exactly `a`'s keys and values. */
function sameStrings(a: Record<string, unknown>, b: unknown): boolean {
  if (typeof b !== "object" || b === null || Array.isArray(b) || b instanceof Unknown) return false;
  const bb = b as Record<string, unknown>;
  let n = 0;
  for (const k in a) {
    if (bb[k] !== a[k] || !Object.hasOwn(bb, k)) return false;
    n++;
  }
  for (const _ in bb) n--;
  return n === 0;
}
