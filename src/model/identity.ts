/**
 * Identity: how two records of the same real resource are recognised across sources (HCL ↔ plan ↔ state
 * ↔ live AWS ↔ AWS Config), and lookups rules use to resolve references. Pure: no I/O.
 *
 * Matching precedence (the first rule that applies decides, later ones are not consulted):
 *   0. Singleton types (one record per account, or per account and region: the type registry's
 *      `singleton` flag, e.g. the IAM password policy, EBS encryption by default), when both records'
 *      accounts are known: (type, account[, region]).      key `single:<type>:<account>[:<region>]`
 *      A Terraform record rarely knows its account (state has no ARN for these): it takes the account of
 *      the other records of its evidence location (a state file whose other resources have ARNs), else
 *      the audit's one live account (in its region, for per-region types) when there is exactly one.
 *   1. ARN, when both records know it.                       key `arn:<arn>`
 *   2. (type, id), when both ids are real (not placeholders). key `id:<type>:<id>`
 *   3. Terraform address, when both come from Terraform and their workspaces agree: links the HCL, plan
 *      and state records of the same root.                   key `tf:<type>:<address>`
 * Because an earlier rule decides, two records whose ARNs differ never match by address.
 *
 * The id per type is the one AWS Config uses as `resourceId` (checked against Cloud Custodian's
 * `config_id` table and recorded configuration items):
 *   AWS::S3::Bucket                bucket name
 *   AWS::KMS::Key                  key id (UUID)
 *   AWS::RDS::DBInstance           DbiResourceId "db-XXXX" (resourceName = DB identifier)
 *   AWS::RDS::DBCluster            DbClusterResourceId "cluster-XXXX" (resourceName = cluster identifier)
 *   AWS::ElastiCache::ReplicationGroup  replication group id
 *   AWS::SecretsManager::Secret    secret ARN
 *   AWS::SSM::Parameter            parameter name (not a Config-recorded type; live collector's choice)
 *   AWS::IAM::Role                 RoleId "AROA..." (resourceName = role name)
 *   AWS::IAM::User                 UserId "AIDA..." (resourceName = user name)
 *   AWS::IAM::Policy               PolicyId "ANPA..." (resourceName = policy name)
 *   AWS::WAFv2::WebACL             web ACL id (UUID) — unverified, prefer ARN
 *   AWS::CloudFront::Distribution  distribution id
 *   AWS::CloudTrail::Trail         trail name
 *   AWS::GuardDuty::Detector       detector id
 *   AWS::Config::ConfigurationRecorder / DeliveryChannel  name
 *   AWS::EC2::SecurityGroup / VPC  sg- / vpc- id
 *   AWS::DynamoDB::Table           table name
 *   AWS::Logs::LogGroup            log group name
 *   AWS::ECS::TaskDefinition / Service  ARN
 * When a Terraform source cannot know the id (a plan before apply, HCL), the mapper uses a placeholder
 * made by placeholderId(address): it never matches by id, only by ARN or address.
 */
import type { Resource } from "./resource.js";
import { isRef, isUnknown } from "./values.js";
import { isArn, parseArn } from "./arn.js";
import { RESOURCE_TYPES } from "./types/index.js";

const PLACEHOLDER_PREFIX = "(not known before apply) ";

/** The id a Terraform record gets when the real id is not knowable from its evidence. */
export function placeholderId(address: string): string {
  return `${PLACEHOLDER_PREFIX}${address}`;
}

export function isPlaceholderId(id: string): boolean {
  return id.startsWith(PLACEHOLDER_PREFIX);
}

const TERRAFORM_SOURCES = new Set(["hcl", "tf-plan", "tf-state"]);
const LIVE_SOURCES = new Set(["aws", "aws-config"]);

/** "account" / "region" for a type with one record per account (and region), from the type registry. */
export function singletonScope(type: string): "account" | "region" | undefined {
  return RESOURCE_TYPES[type]?.singleton;
}

/** The account a record names itself: its own field, else its ARN's. */
function ownAccount(r: Resource): string | undefined {
  if (r.account) return r.account;
  return knownArn(r) ? parseArn(r.arn!)?.account || undefined : undefined;
}

/**
 * Where records that do not know their account belong, for singleton identity: the sole account of the
 * other records of their evidence location, else the sole live account (of the record's region, for a
 * per-region type). Built over every record being matched or linked.
 */
export class AccountContext {
  private readonly byLocation = new Map<string, Set<string>>();
  private readonly live = new Set<string>();
  private readonly liveByRegion = new Map<string, Set<string>>();

  constructor(resources: Iterable<Resource>) {
    for (const r of resources) {
      const acct = ownAccount(r);
      if (!acct) continue;
      if (r.origin.location !== undefined) add(this.byLocation, r.origin.location, acct);
      if (LIVE_SOURCES.has(r.origin.source)) {
        this.live.add(acct);
        if (r.region) add(this.liveByRegion, r.region, acct);
      }
    }
  }

  /** The record's account: its own, else its location's sole account, else the sole live one (see above). */
  accountOf(r: Resource): string | undefined {
    const own = ownAccount(r);
    if (own) return own;
    const loc = r.origin.location !== undefined ? this.byLocation.get(r.origin.location) : undefined;
    if (loc?.size === 1) return [...loc][0];
    const live = singletonScope(r.type) === "region" ? (r.region ? this.liveByRegion.get(r.region) : undefined) : this.live;
    return live?.size === 1 ? [...live][0] : undefined;
  }
}

function add(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (s) s.add(v);
  else m.set(k, new Set([v]));
}

/** `single:<type>:<account>[:<region>]` for a singleton type whose account (and region) is known. */
export function singletonKey(r: Resource, ctx?: AccountContext): string | undefined {
  const scope = singletonScope(r.type);
  if (!scope) return undefined;
  const account = ctx ? ctx.accountOf(r) : ownAccount(r);
  if (!account) return undefined;
  if (scope === "account") return `single:${r.type}:${account}`;
  return r.region ? `single:${r.type}:${account}:${r.region}` : undefined;
}

export function identityKeys(r: Resource, ctx?: AccountContext): string[] {
  const keys: string[] = [];
  const single = singletonKey(r, ctx);
  if (single) keys.push(single);
  if (knownArn(r)) keys.push(`arn:${r.arn}`);
  if (!isPlaceholderId(r.id)) keys.push(`id:${r.type}:${r.id}`);
  const tf = terraformAddress(r);
  if (tf) keys.push(`tf:${r.type}:${tf}`);
  return keys;
}

export type MatchedBy = "singleton" | "arn" | "id" | "tf";

export interface ResourceMatch {
  a: Resource;
  b: Resource;
  by: MatchedBy;
}

export interface MatchResult {
  matched: ResourceMatch[];
  onlyA: Resource[];
  onlyB: Resource[];
}

/** How (if at all) two records are the same resource, by the precedence in the header. */
export function sameResource(a: Resource, b: Resource, ctx?: AccountContext): MatchedBy | undefined {
  if (a.type !== b.type) return undefined;
  const sa = singletonKey(a, ctx);
  const sb = sa !== undefined ? singletonKey(b, ctx) : undefined;
  if (sa !== undefined && sb !== undefined) return sa === sb ? "singleton" : undefined;
  if (knownArn(a) && knownArn(b)) return a.arn === b.arn ? "arn" : undefined;
  if (!isPlaceholderId(a.id) && !isPlaceholderId(b.id)) return a.id === b.id ? "id" : undefined;
  const ta = terraformAddress(a);
  const tb = terraformAddress(b);
  if (ta && tb && ta === tb && workspacesAgree(a, b)) return "tf";
  return undefined;
}

/**
 * One-to-one matching of two record sets; each record is matched at most once, in input order. The
 * account context for singleton types is built over both sets unless given.
 */
export function matchResources(a: Resource[], b: Resource[], ctx: AccountContext = new AccountContext([...a, ...b])): MatchResult {
  const byKey = new Map<string, number[]>();
  b.forEach((r, i) => {
    for (const k of identityKeys(r, ctx)) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  const used = new Set<number>();
  const matched: ResourceMatch[] = [];
  const onlyA: Resource[] = [];
  for (const ra of a) {
    let found: ResourceMatch | undefined;
    for (const k of identityKeys(ra, ctx)) {
      for (const i of byKey.get(k) ?? []) {
        if (used.has(i)) continue;
        const by = sameResource(ra, b[i], ctx);
        if (by) {
          found = { a: ra, b: b[i], by };
          used.add(i);
          break;
        }
      }
      if (found) break;
    }
    if (found) matched.push(found);
    else onlyA.push(ra);
  }
  return { matched, onlyA, onlyB: b.filter((_, i) => !used.has(i)) };
}

/**
 * Lookups over one set of resources, for rules that follow references (a bucket's logging target, a
 * distribution's WebACL, a trail's KMS key). Addresses are looked up within one evidence location, since
 * two roots can both have `aws_s3_bucket.logs`.
 */
export class ResourceIndex {
  private readonly byAddr = new Map<string, Resource[]>();
  private readonly byArnMap = new Map<string, Resource[]>();
  private readonly byIdMap = new Map<string, Resource[]>();
  private readonly byNameMap = new Map<string, Resource[]>();

  constructor(readonly resources: readonly Resource[]) {
    for (const r of resources) {
      const loc = r.origin.location ?? "";
      for (const addr of [r.origin.address, ...(r.origin.mergedFrom ?? [])]) {
        if (addr) push(this.byAddr, `${loc}\u0000${addr}`, r);
      }
      if (knownArn(r)) push(this.byArnMap, r.arn!, r);
      if (!isPlaceholderId(r.id)) push(this.byIdMap, `${r.type}\u0000${r.id}`, r);
      if (r.name) push(this.byNameMap, `${r.type}\u0000${r.name}`, r);
    }
  }

  /**
   * The resource at a Terraform address in one evidence location (a merged child's address finds its
   * parent). An address without an index key finds the single instance of a counted resource.
   */
  byAddress(address: string, location: string | undefined): Resource | undefined {
    const loc = location ?? "";
    const exact = this.byAddr.get(`${loc}\u0000${address}`);
    if (exact) return exact[0];
    const candidates = new Set<Resource>();
    for (const [key, rs] of this.byAddr) {
      const [l, a] = key.split("\u0000");
      if (l === loc && stripIndex(a) === address) rs.forEach((r) => candidates.add(r));
    }
    return candidates.size === 1 ? [...candidates][0] : undefined;
  }

  byArn(arn: string): Resource | undefined {
    return this.byArnMap.get(arn)?.[0];
  }

  byId(type: string, id: string): Resource | undefined {
    return this.byIdMap.get(`${type}\u0000${id}`)?.[0];
  }

  byName(type: string, name: string): Resource | undefined {
    return this.byNameMap.get(`${type}\u0000${name}`)?.[0];
  }

  /**
   * Resolve a prop value that points at another resource: a Ref (by address, in `from`'s evidence
   * location), an ARN, or an id / name of the given type. Undefined when it cannot be resolved.
   */
  resolve(value: unknown, opts: { type?: string; from?: Resource } = {}): Resource | undefined {
    if (isRef(value)) {
      const r = this.byAddress(value.target, opts.from?.origin.location);
      return r && (!opts.type || r.type === opts.type) ? r : undefined;
    }
    if (typeof value !== "string" || isUnknown(value)) return undefined;
    if (isArn(value)) {
      const r = this.byArn(value);
      if (r && (!opts.type || r.type === opts.type)) return r;
    }
    if (!opts.type) return undefined;
    return this.byId(opts.type, value) ?? this.byName(opts.type, value);
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function knownArn(r: Resource): boolean {
  return typeof r.arn === "string" && isArn(r.arn);
}

function terraformAddress(r: Resource): string | undefined {
  return TERRAFORM_SOURCES.has(r.origin.source) ? r.origin.address : undefined;
}

function workspacesAgree(a: Resource, b: Resource): boolean {
  return a.origin.workspace === undefined || b.origin.workspace === undefined || a.origin.workspace === b.origin.workspace;
}

/** module.a.aws_s3_bucket.b[0] → module.a.aws_s3_bucket.b (only the last index key). */
export function stripIndex(address: string): string {
  return address.replace(/\[[^\]]*\]$/, "");
}
