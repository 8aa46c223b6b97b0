/**
 * Identity: how two records of the same real resource are recognised across sources (HCL ↔ plan ↔ state
 * ↔ live AWS ↔ AWS Config), and lookups rules use to resolve references. Pure: no I/O.
 *
 * Matching precedence (the first rule that applies decides, later ones are not consulted):
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
import { isArn } from "./arn.js";

const PLACEHOLDER_PREFIX = "(not known before apply) ";

/** The id a Terraform record gets when the real id is not knowable from its evidence. */
export function placeholderId(address: string): string {
  return `${PLACEHOLDER_PREFIX}${address}`;
}

export function isPlaceholderId(id: string): boolean {
  return id.startsWith(PLACEHOLDER_PREFIX);
}

const TERRAFORM_SOURCES = new Set(["hcl", "tf-plan", "tf-state"]);

export function identityKeys(r: Resource): string[] {
  const keys: string[] = [];
  if (knownArn(r)) keys.push(`arn:${r.arn}`);
  if (!isPlaceholderId(r.id)) keys.push(`id:${r.type}:${r.id}`);
  const tf = terraformAddress(r);
  if (tf) keys.push(`tf:${r.type}:${tf}`);
  return keys;
}

export type MatchedBy = "arn" | "id" | "tf";

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
export function sameResource(a: Resource, b: Resource): MatchedBy | undefined {
  if (a.type !== b.type) return undefined;
  if (knownArn(a) && knownArn(b)) return a.arn === b.arn ? "arn" : undefined;
  if (!isPlaceholderId(a.id) && !isPlaceholderId(b.id)) return a.id === b.id ? "id" : undefined;
  const ta = terraformAddress(a);
  const tb = terraformAddress(b);
  if (ta && tb && ta === tb && workspacesAgree(a, b)) return "tf";
  return undefined;
}

/** One-to-one matching of two record sets; each record is matched at most once, in input order. */
export function matchResources(a: Resource[], b: Resource[]): MatchResult {
  const byKey = new Map<string, number[]>();
  b.forEach((r, i) => {
    for (const k of identityKeys(r)) {
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
    for (const k of identityKeys(ra)) {
      for (const i of byKey.get(k) ?? []) {
        if (used.has(i)) continue;
        const by = sameResource(ra, b[i]);
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
