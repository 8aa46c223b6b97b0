/**
 * The evidence index rules resolve references and counts through. Rules see it only as the
 * `ResourceIndex` interface, so a caller can inject another (e.g. one backed by src/model identity).
 */
import type { Resource } from "../model/resource.js";
import { isRef } from "../model/values.js";

/** The resources of one account (or, when the account is unknown, one evidence location), or of one region in it. */
export interface ScopeGroup {
  readonly kind: "account" | "region";
  readonly key: string;
  readonly account?: string;
  /** The evidence location, when the group is keyed by it because the account is unknown. */
  readonly location?: string;
  readonly region?: string;
  readonly resources: readonly Resource[];
}

export interface ResourceIndex {
  /**
   * The resources of one of `types` that `value` (read from `from`) points at: by ARN, by Terraform
   * address for a `Ref` (in `from`'s evidence location), else by id or name. [] when it points at
   * something of another type; "unresolved" when the target is not in the evidence.
   */
  byRef(from: Resource, value: unknown, types: readonly string[]): Resource[] | "unresolved";
  ofType(type: string, group: ScopeGroup): readonly Resource[];
  groups(kind: "account" | "region"): readonly ScopeGroup[];
  groupOf(resource: Resource, kind: "account" | "region"): ScopeGroup;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** module.a[0].aws_x.y["k"] → module.a.aws_x.y: a Ref written without instance keys still finds its target. */
function looseAddress(address: string): string {
  if (!address.includes("[")) return address;
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, "");
}

/**
 * Account groups pool every record of one account, whatever evidence it came from (an estate split over
 * several Terraform roots still has one CloudTrail). A resource whose account is unknown (no ARN: a
 * security group rule, a plan's new resource) belongs to its location's account when that location has
 * exactly one; otherwise its group is its evidence location (HCL, which never knows the account).
 */
function groupKey(location: string | undefined, account: string | undefined): string {
  if (account) return `account:${account}`;
  return location !== undefined ? `location:${location}` : "unknown";
}

interface MutableGroup extends ScopeGroup {
  resources: Resource[];
  byType?: Map<string, Resource[]>;
}

/** location → address (own, or of a split resource merged in) → resources. */
interface AddressTables {
  exact: Map<string, Map<string, Resource[]>>;
  loose: Map<string, Map<string, Resource[]>>;
}

/**
 * The index over one evaluation's Resource[]. Every table is built on first use, and only the ones a
 * rule set needs: state evidence never resolves a Ref, most rule sets resolve ids of one or two types.
 */
export class EvidenceIndex implements ResourceIndex {
  private arns: Map<string, Resource[]> | undefined;
  private types: Map<string, Resource[]> | undefined;
  private readonly typeIds = new Map<string, { ids: Map<string, Resource[]>; names: Map<string, Resource[]> }>();
  private addresses: AddressTables | undefined;
  private grouped = false;
  private readonly accountGroups = new Map<string, MutableGroup>();
  private readonly regionGroups = new Map<string, MutableGroup>();
  private regionKeys: Map<Resource, string> | undefined;

  constructor(readonly resources: readonly Resource[]) {}

  private byArn(): Map<string, Resource[]> {
    if (!this.arns) {
      this.arns = new Map();
      const all = this.resources;
      for (let i = 0; i < all.length; i++) if (all[i].arn) push(this.arns, all[i].arn!, all[i]);
    }
    return this.arns;
  }

  private idsOf(type: string): { ids: Map<string, Resource[]>; names: Map<string, Resource[]> } {
    let t = this.typeIds.get(type);
    if (!t) {
      if (!this.types) {
        this.types = new Map();
        const all = this.resources;
        for (let i = 0; i < all.length; i++) push(this.types, all[i].type, all[i]);
      }
      t = { ids: new Map(), names: new Map() };
      for (const r of this.types.get(type) ?? []) {
        push(t.ids, r.id, r);
        if (r.name) push(t.names, r.name, r);
      }
      this.typeIds.set(type, t);
    }
    return t;
  }

  private byAddress(): AddressTables {
    if (!this.addresses) {
      const t: AddressTables = { exact: new Map(), loose: new Map() };
      const add = (loc: string, a: string, r: Resource) => {
        let m = t.exact.get(loc);
        if (!m) t.exact.set(loc, (m = new Map()));
        push(m, a, r);
        const loose = looseAddress(a);
        if (loose !== a) {
          let l = t.loose.get(loc);
          if (!l) t.loose.set(loc, (l = new Map()));
          push(l, loose, r);
        }
      };
      for (const r of this.resources) {
        const loc = r.origin.location ?? "";
        if (r.origin.address) add(loc, r.origin.address, r);
        for (const a of r.origin.mergedFrom ?? []) if (a) add(loc, a, r);
      }
      this.addresses = t;
    }
    return this.addresses;
  }

  private ensureGroups(): void {
    if (this.grouped) return;
    this.grouped = true;
    // A region-less resource (HCL without a provider region, a global type) takes its location's region
    // when that location has exactly one.
    const all = this.resources;
    const locRegions = new Map<string, Set<string>>();
    for (let i = 0; i < all.length; i++) {
      const r = all[i];
      if (r.region && r.origin.location) {
        let s = locRegions.get(r.origin.location);
        if (!s) locRegions.set(r.origin.location, (s = new Set()));
        s.add(r.region);
      }
    }
    const sole = new Map<string, string | undefined>();
    for (const [loc, s] of locRegions) sole.set(loc, s.size === 1 ? [...s][0] : undefined);
    const effRegion = (r: Resource): string | undefined => r.region || (r.origin.location ? sole.get(r.origin.location) : undefined);
    const effAccount = this.effectiveAccount();
    const byKey = new Map<string, MutableGroup>();
    for (let i = 0; i < all.length; i++) {
      const r = all[i];
      const loc = r.origin.location;
      const acct = effAccount(r);
      const key = groupKey(loc, acct);
      let g = byKey.get(key);
      if (!g) {
        g = { kind: "account", key, account: acct, location: acct ? undefined : loc, resources: [] };
        this.accountGroups.set(key, g);
        byKey.set(key, g);
      }
      g.resources.push(r);
    }
    for (const g of this.accountGroups.values()) {
      const regionless: Resource[] = [];
      const byRegion = new Map<string, MutableGroup>();
      for (let i = 0; i < g.resources.length; i++) {
        const r = g.resources[i];
        const region = effRegion(r);
        if (!region) {
          regionless.push(r);
          continue;
        }
        let rg = byRegion.get(region);
        if (!rg) {
          const key = `${g.key}|${region}`;
          rg = { kind: "region", key, account: g.account, location: g.location, region, resources: [] };
          this.regionGroups.set(key, rg);
          byRegion.set(region, rg);
        }
        rg.resources.push(r);
      }
      // Only when nothing in the group has a region do region-less resources form a group of their own:
      // otherwise global resources (IAM, CloudFront) would make a phantom "unknown region".
      if (regionless.length === g.resources.length) {
        const key = `${g.key}|`;
        this.regionGroups.set(key, { kind: "region", key, account: g.account, location: g.location, region: undefined, resources: regionless });
      }
    }
  }

  /** Resource → the key of its region group (none for a region-less resource in a group with regions). */
  private regionKeyOf(r: Resource): string | undefined {
    if (!this.regionKeys) {
      this.regionKeys = new Map();
      for (const g of this.regionGroups.values()) for (const x of g.resources) this.regionKeys.set(x, g.key);
    }
    return this.regionKeys.get(r);
  }

  byRef(from: Resource, value: unknown, types: readonly string[]): Resource[] | "unresolved" {
    let found: Resource[] | undefined;
    // A derived Ref ("${aws_s3_bucket.b.id}-logs") is set, but it is not b's attribute: it names nothing.
    if (isRef(value) && value.derived) return "unresolved";
    if (isRef(value)) {
      const loc = from.origin.location ?? "";
      const t = this.byAddress();
      const exact = t.exact.get(loc);
      found = exact?.get(value.target);
      if (!found) {
        const loose = looseAddress(value.target);
        found = t.loose.get(loc)?.get(loose) ?? exact?.get(loose);
      }
      if (!found) return "unresolved";
    } else if (typeof value === "string" && value !== "") {
      found = this.byArn().get(value);
      if (!found && !value.startsWith("arn:")) {
        for (const type of types) {
          const t = this.idsOf(type);
          const hits = t.ids.get(value) ?? t.names.get(value);
          if (hits) found = found ? found.concat(hits) : hits;
        }
      }
      if (!found) return "unresolved";
      found = this.nearest(from, found);
    } else {
      return "unresolved";
    }
    // Usually every target is of a wanted type: hand the table's list back rather than a copy.
    for (const r of found) if (!types.includes(r.type)) return found.filter((x) => types.includes(x.type));
    return found;
  }

  /** Ids and names repeat across accounts: prefer targets in the referencing resource's account group. */
  private nearest(from: Resource, found: Resource[]): Resource[] {
    if (found.length < 2) return found;
    const acct = this.effectiveAccount();
    const mine = acct(from);
    const same = mine
      ? found.filter((r) => acct(r) === mine)
      : found.filter((r) => !acct(r) && r.origin.location === from.origin.location);
    return same.length > 0 ? same : found;
  }

  ofType(type: string, group: ScopeGroup): readonly Resource[] {
    this.ensureGroups();
    const g = group as MutableGroup;
    if (!g.byType) {
      g.byType = new Map();
      for (let i = 0; i < g.resources.length; i++) push(g.byType, g.resources[i].type, g.resources[i]);
    }
    return g.byType.get(type) ?? [];
  }

  groups(kind: "account" | "region"): readonly ScopeGroup[] {
    this.ensureGroups();
    return [...(kind === "account" ? this.accountGroups : this.regionGroups).values()];
  }

  private accountOf?: (r: Resource) => string | undefined;

  /** A resource's account, or its location's sole account when it has none of its own. */
  private effectiveAccount(): (r: Resource) => string | undefined {
    if (!this.accountOf) {
      const seen = new Map<string, Set<string>>();
      for (const r of this.resources) {
        if (!r.account || r.origin.location === undefined) continue;
        let s = seen.get(r.origin.location);
        if (!s) seen.set(r.origin.location, (s = new Set()));
        s.add(r.account);
      }
      const sole = new Map<string, string>();
      for (const [loc, s] of seen) if (s.size === 1) sole.set(loc, [...s][0]);
      this.accountOf = (r) => r.account || (r.origin.location !== undefined ? sole.get(r.origin.location) : undefined);
    }
    return this.accountOf;
  }

  groupOf(resource: Resource, kind: "account" | "region"): ScopeGroup {
    this.ensureGroups();
    const akey = groupKey(resource.origin.location, this.effectiveAccount()(resource));
    if (kind === "account") {
      return this.accountGroups.get(akey) ?? { kind, key: akey, account: resource.account, location: resource.origin.location, resources: [] };
    }
    const rkey = this.regionKeyOf(resource);
    const g = rkey ? this.regionGroups.get(rkey) : [...this.regionGroups.values()].find((x) => x.key.startsWith(akey + "|"));
    return g ?? { kind, key: `${akey}|${resource.region ?? ""}`, account: resource.account, region: resource.region, resources: [] };
  }
}
