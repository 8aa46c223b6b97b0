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

const SEP = "\u0000";

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** module.a[0].aws_x.y["k"] → module.a.aws_x.y: a Ref written without instance keys still finds its target. */
function looseAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, "");
}

function accountKey(r: Resource): string {
  if (r.account) return `account:${r.account}`;
  if (r.origin.location) return `location:${r.origin.location}`;
  return "unknown";
}

interface MutableGroup extends ScopeGroup {
  resources: Resource[];
  byType?: Map<string, Resource[]>;
}

/** The index over one evaluation's Resource[]. */
export class EvidenceIndex implements ResourceIndex {
  private readonly byArn = new Map<string, Resource[]>();
  private readonly byTypeId = new Map<string, Resource[]>();
  private readonly byTypeName = new Map<string, Resource[]>();
  private readonly byAddress = new Map<string, Resource[]>();
  private readonly byLooseAddress = new Map<string, Resource[]>();
  private readonly accountGroups = new Map<string, MutableGroup>();
  private readonly regionGroups = new Map<string, MutableGroup>();
  private readonly regionKeyOf = new Map<Resource, string>();

  constructor(readonly resources: readonly Resource[]) {
    for (const r of resources) {
      if (r.arn) push(this.byArn, r.arn, r);
      push(this.byTypeId, r.type + SEP + r.id, r);
      if (r.name) push(this.byTypeName, r.type + SEP + r.name, r);
      const loc = r.origin.location ?? "";
      for (const a of [r.origin.address, ...(r.origin.mergedFrom ?? [])]) {
        if (!a) continue;
        push(this.byAddress, loc + SEP + a, r);
        const loose = looseAddress(a);
        if (loose !== a) push(this.byLooseAddress, loc + SEP + loose, r);
      }
    }
    this.buildGroups();
  }

  private buildGroups(): void {
    // A region-less resource (HCL without a provider region, a global type) takes its location's region
    // when that location has exactly one.
    const locRegions = new Map<string, Set<string>>();
    for (const r of this.resources) {
      if (r.region && r.origin.location) {
        let s = locRegions.get(r.origin.location);
        if (!s) locRegions.set(r.origin.location, (s = new Set()));
        s.add(r.region);
      }
    }
    const effRegion = (r: Resource): string | undefined => {
      if (r.region) return r.region;
      const s = r.origin.location ? locRegions.get(r.origin.location) : undefined;
      return s && s.size === 1 ? [...s][0] : undefined;
    };
    for (const r of this.resources) {
      const key = accountKey(r);
      let g = this.accountGroups.get(key);
      if (!g) {
        g = { kind: "account", key, account: r.account, location: r.account ? undefined : r.origin.location, resources: [] };
        this.accountGroups.set(key, g);
      }
      g.resources.push(r);
    }
    for (const g of this.accountGroups.values()) {
      const regionless: Resource[] = [];
      for (const r of g.resources) {
        const region = effRegion(r);
        if (!region) {
          regionless.push(r);
          continue;
        }
        const key = `${g.key}|${region}`;
        let rg = this.regionGroups.get(key);
        if (!rg) this.regionGroups.set(key, (rg = { kind: "region", key, account: g.account, location: g.location, region, resources: [] }));
        rg.resources.push(r);
        this.regionKeyOf.set(r, key);
      }
      // Only when nothing in the group has a region do region-less resources form a group of their own:
      // otherwise global resources (IAM, CloudFront) would make a phantom "unknown region".
      const hasRegion = regionless.length < g.resources.length;
      if (!hasRegion) {
        const key = `${g.key}|`;
        this.regionGroups.set(key, { kind: "region", key, account: g.account, location: g.location, region: undefined, resources: regionless });
        for (const r of regionless) this.regionKeyOf.set(r, key);
      }
    }
  }

  byRef(from: Resource, value: unknown, types: readonly string[]): Resource[] | "unresolved" {
    let found: Resource[] | undefined;
    if (isRef(value)) {
      const loc = (from.origin.location ?? "") + SEP;
      found = this.byAddress.get(loc + value.target) ?? this.byLooseAddress.get(loc + looseAddress(value.target)) ?? this.byAddress.get(loc + looseAddress(value.target));
      if (!found) return "unresolved";
    } else if (typeof value === "string" && value !== "") {
      found = this.byArn.get(value);
      if (!found && !value.startsWith("arn:")) {
        for (const t of types) {
          const hits = this.byTypeId.get(t + SEP + value) ?? this.byTypeName.get(t + SEP + value);
          if (hits) found = found ? found.concat(hits) : hits;
        }
      }
      if (!found) return "unresolved";
      found = this.nearest(from, found);
    } else {
      return "unresolved";
    }
    return found.filter((r) => types.includes(r.type));
  }

  /** Ids and names repeat across accounts: prefer targets in the referencing resource's account group. */
  private nearest(from: Resource, found: Resource[]): Resource[] {
    if (found.length < 2) return found;
    const key = accountKey(from);
    const same = found.filter((r) => accountKey(r) === key);
    return same.length > 0 ? same : found;
  }

  ofType(type: string, group: ScopeGroup): readonly Resource[] {
    const g = group as MutableGroup;
    if (!g.byType) {
      g.byType = new Map();
      for (const r of g.resources) push(g.byType, r.type, r);
    }
    return g.byType.get(type) ?? [];
  }

  groups(kind: "account" | "region"): readonly ScopeGroup[] {
    return [...(kind === "account" ? this.accountGroups : this.regionGroups).values()];
  }

  groupOf(resource: Resource, kind: "account" | "region"): ScopeGroup {
    const akey = accountKey(resource);
    if (kind === "account") {
      return this.accountGroups.get(akey) ?? { kind, key: akey, account: resource.account, location: resource.origin.location, resources: [] };
    }
    const rkey = this.regionKeyOf.get(resource);
    const g = rkey ? this.regionGroups.get(rkey) : [...this.regionGroups.values()].find((x) => x.key.startsWith(akey + "|"));
    return g ?? { kind, key: `${akey}|${resource.region ?? ""}`, account: resource.account, region: resource.region, resources: [] };
  }
}
