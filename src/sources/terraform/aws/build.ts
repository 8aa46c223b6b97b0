import type { Resource, SourceLocation } from "../../../model/resource.js";
import { placeholderId } from "../../../model/identity.js";
import { isArn, parseArn } from "../../../model/arn.js";
import { REDACTED, isUnknown } from "../../../model/values.js";
import type { TfInstance } from "../instance.js";

/**
 * Collects one canonical resource's props while the mapper and then the merged child resources fill
 * them in. Records, per top-level prop, the Terraform attribute location it came from (so a finding can
 * point at the line to fix) and applies documented defaults only at the end, after split child
 * resources had their chance to set the prop.
 */
export class PropsBuilder {
  readonly props: Record<string, unknown> = {};
  readonly propLocations: Record<string, SourceLocation> = {};
  readonly mergedFrom: string[] = [];
  private readonly defaults = new Map<string, unknown>();

  constructor(readonly inst: TfInstance) {}

  /** Set a prop from an attribute of `from` (default: the parent instance). `undefined` leaves it unset. */
  set(prop: string, value: unknown, attr?: string, from: TfInstance = this.inst): void {
    if (value === undefined) return;
    this.props[prop] = value;
    const loc = locationOf(from, attr);
    if (loc) this.propLocations[prop] = loc;
  }

  /** Append items to an array prop (attachments, rules, aliases...). */
  append(prop: string, items: unknown[], attr?: string, from: TfInstance = this.inst): void {
    const cur = this.props[prop];
    if (isUnknown(cur)) return; // the whole list is unknown already; more items do not make it known
    this.props[prop] = Array.isArray(cur) ? [...cur, ...items] : [...items];
    const loc = locationOf(from, attr);
    if (loc && !this.propLocations[prop]) this.propLocations[prop] = loc;
  }

  /** The documented default for a prop, used only if nothing set it by the end. */
  default(prop: string, value: unknown): void {
    this.defaults.set(prop, value);
  }

  /** Record that a split child resource was merged in. */
  merged(child: TfInstance): void {
    this.mergedFrom.push(child.address);
  }

  /** Apply defaults; returns the props and the names that were defaulted. */
  finish(): { props: Record<string, unknown>; defaulted: string[] } {
    const defaulted: string[] = [];
    for (const [prop, value] of this.defaults) {
      if (this.props[prop] === undefined) {
        this.props[prop] = value;
        defaulted.push(prop);
      }
    }
    return { props: this.props, defaulted };
  }
}

function locationOf(inst: TfInstance, attr: string | undefined): SourceLocation | undefined {
  const top = attr?.split(".")[0];
  const loc = top ? inst.attributeLocations?.[top] : undefined;
  if (loc) return loc;
  // A merged child without per-attribute locations still points at its own block.
  return inst.file && inst.line !== undefined && attr !== undefined ? { file: inst.file, line: inst.line } : undefined;
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
  const arn = isArn(ident.arn) ? ident.arn : undefined;
  const parsed = arn ? parseArn(arn) : undefined;
  const r: Resource = {
    type,
    id: plainString(ident.id) ?? placeholderId(inst.address),
    tags,
    props,
    origin: {
      source: inst.source,
      address: inst.address,
      location: inst.location,
      ...(inst.file !== undefined && { file: inst.file }),
      ...(inst.line !== undefined && { line: inst.line }),
      ...(inst.workspace !== undefined && { workspace: inst.workspace }),
      ...(Object.keys(b.propLocations).length > 0 && { propLocations: b.propLocations }),
      ...(b.mergedFrom.length > 0 && { mergedFrom: b.mergedFrom }),
    },
  };
  if (arn) r.arn = arn;
  const name = plainString(ident.name);
  if (name) r.name = name;
  const account = inst.account ?? (parsed?.account || undefined);
  const region = inst.region ?? (parsed?.region || undefined);
  if (account) r.account = account;
  if (region) r.region = region;
  return r;
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
  const tags: Record<string, string> = {};
  const unknown = new Set<string>();
  const tagsAll = attrs.tags_all;
  const sources = [attrs.tags, tagsAll];
  for (const src of sources) {
    if (src === undefined || src === null) continue;
    if (isUnknown(src)) {
      // tags_all is computed: in a plan it is often unknown while tags is known. Only report the whole
      // map unknown when nothing else tells us the tags.
      if (src === tagsAll && attrs.tags !== undefined && attrs.tags !== null && !isUnknown(attrs.tags)) continue;
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
  return { tags, unknownKeys: [...unknown] };
}
