/**
 * The contract between the live collection framework (src/sources/aws/collect*.ts), the per-service
 * collectors (src/sources/aws/collectors/) and the per-type mappers (src/sources/aws/mappers/), and
 * the AWS Config source (src/sources/config/), which feeds the same mappers from configuration items.
 *
 *   collector: calls read APIs for one service in one account+region, assembles a per-type *shape*
 *   mapper:    shape -> canonical Resource. Pure, no I/O. The ONE place an AWS API shape is mapped.
 *   config:    configuration item -> the same shape -> the same mapper.
 */
import type { Resource } from "../../model/resource.js";

/** Where a collector runs. */
export interface AwsScope {
  account: string;
  region: string;
  partition: string; // "aws"
}

/** Why a piece of evidence is missing; becomes an Unknown value or an evidence gap. */
export interface CallFailure {
  /** "AccessDenied", "Throttling", "Timeout", "RegionUnreachable", "NotImplemented", ... */
  code: string;
  /** A sentence a person reads: "s3:GetEncryptionConfiguration was denied (AccessDenied)". */
  reason: string;
  /** The IAM action the failed call needs, e.g. "s3:GetEncryptionConfiguration". */
  action?: string;
}

/** A resource type that could not be enumerated in a scope: rules over that type there are UNKNOWN, never PASS. */
export interface EvidenceGap {
  type: string;
  account?: string;
  region?: string;
  reason: string;
  action?: string;
}

/** Per-service API counters, reported in the evidence section. */
export interface ApiServiceStats {
  calls: number;
  retries: number;
  throttles: number;
  errors: number;
}

/** Evidence read from AWS (live APIs or AWS Config), already mapped to canonical resources. */
export interface ResourceEvidence {
  source: "aws" | "aws-config";
  /** "aws://111122223333" (one per account), "aws-config://aggregator/NAME" or "aws-config://111122223333". */
  location: string;
  resources: Resource[];
  notes: string[];
  gaps: EvidenceGap[];
  /** ISO time the collection finished. */
  collectedAt: string;
  /** Per service ("s3", "iam", ...). */
  api?: Record<string, ApiServiceStats>;
  /** The account this evidence covers (live: one evidence per account). */
  account?: string;
  /** The regions collected (live), or recorded (AWS Config). */
  regions?: string[];
}

/** A mapper: one AWS Config type, from its assembled API shape to a canonical Resource. */
export interface TypeMapper<Shape> {
  type: string;
  map(shape: Shape, scope: AwsScope): Resource;
}

/**
 * What a collector is given. The framework builds clients with the account's credentials, the region,
 * AWS_ENDPOINT_URL, adaptive retries, per-call timeouts and the counting middleware.
 */
export interface CollectContext {
  scope: AwsScope;
  /** An SDK v3 client for this account and region (or the given region, for global services). */
  client<C>(ctor: new (config: any) => C, region?: string): C;
  /** Turns a thrown SDK error into a failure (AccessDenied names the action). Never throws. */
  failure(err: unknown, action: string): CallFailure;
  /** Records that a type could not be listed in this scope. */
  gap(type: string, failure: CallFailure): void;
  note(text: string): void;
  /** Bounded concurrency for per-resource calls inside one collector. */
  map<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]>;
  /**
   * The regions audited in this account. A global collector listing regional records (S3 buckets) may
   * skip per-resource calls for records elsewhere: the framework leaves those records out anyway.
   */
  regions?: readonly string[];
  /**
   * The props the enabled rules read, per type (src/rules/reads.ts); undefined: every prop (drift, or
   * no rule set). A collector may skip a per-resource call that feeds none of them; the props it would
   * have fed are then an Unknown saying so, never a default.
   */
  reads?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** One service's collector. Registered in src/sources/aws/collectors/index.ts. */
export interface Collector {
  /** SDK service name used in stats and progress: "s3", "iam", "rds". */
  service: string;
  /** AWS Config types it produces. */
  types: readonly string[];
  /** Global services (IAM, CloudFront, WAF CLOUDFRONT scope, S3 ListBuckets) run once per account, in us-east-1. */
  global?: boolean;
  /**
   * Of a global collector's types, those whose records each live in one region (S3 buckets, listed once
   * per account). Their records in a region that was not audited are left out, with a note, so they make
   * no region scope where nothing else was collected ("GuardDuty in every region" would count zero there).
   */
  regionalTypes?: readonly string[];
  /** Every IAM action it may call, for `plumbline iam-policy`. Read-only actions only. */
  actions: readonly string[];
  collect(ctx: CollectContext): Promise<Resource[]>;
}
