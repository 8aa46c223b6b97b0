/**
 * Live collection: runs every needed collector for every account × region concurrently, all HTTP calls
 * under ONE global concurrency limit, and returns one ResourceEvidence per account. A collector, region
 * or account that fails becomes gaps and notes in the evidence, never an exception that stops the audit:
 * rules over what could not be listed are UNKNOWN, never PASS.
 */
import type { Resource } from "../../model/resource.js";
import { resolveAccounts, type AccountTarget, type CredentialSource } from "./accounts.js";
import { ApiStats, ClientFactory, Limiter, defaultClientSettings, failedAction } from "./clients.js";
import type { CallFailure, CollectContext, Collector, EvidenceGap, ResourceEvidence } from "./contract.js";
import { COLLECTORS } from "./collectors/index.js";
import { toFailure } from "./failures.js";
import { SILENT_PROGRESS, type ProgressSink } from "./progress.js";
import { globalRegion, parseRegions, resolveRegions } from "./regions.js";

export const DEFAULT_CONCURRENCY = 16;

/** What `plumbline audit --aws` takes; the fields after `quiet` are for library callers and tests. */
export interface LiveOptions {
  profile?: string;
  /** Default: the account's enabled regions. */
  regions?: string[];
  assumeRoles?: string[];
  accounts?: string[];
  roleName?: string;
  org?: boolean;
  /** In-flight HTTP requests at once, over all accounts and regions. */
  concurrency?: number;
  quiet?: boolean;
  /** Base credentials instead of the standard chain. */
  credentials?: CredentialSource;
  /** Instead of AWS_ENDPOINT_URL. */
  endpoint?: string;
  /** Region for STS, Organizations and DescribeRegions (AWS_REGION, else us-east-1). */
  homeRegion?: string;
  maxAttempts?: number;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** The collectors to choose from (default: the registry). */
  collectors?: readonly Collector[];
  /** The resource types the rules need: only collectors producing one of them run. All when absent. */
  types?: readonly string[];
  /**
   * The props the rules read, per type (rulePropReads in src/rules/reads.ts): collectors may skip calls
   * feeding none of them. Every prop when absent (drift compares them all).
   */
  reads?: ReadonlyMap<string, ReadonlySet<string>>;
  progress?: ProgressSink;
}

/** A collection's evidence plus what tests and benchmarks look at: counters, operation log, peak concurrency. */
export interface LiveRun {
  evidence: ResourceEvidence[];
  /** Run-wide counters; per-account ones are in each evidence's `api`. */
  stats: ApiStats;
  /** The most HTTP requests that were in flight at once. */
  peakConcurrency: number;
  wallMs: number;
}

/** Collectors producing at least one of `types` (all of them when `types` is undefined). */
export function neededCollectors(collectors: readonly Collector[], types: readonly string[] | undefined): Collector[] {
  if (!types) return [...collectors];
  const want = new Set(types);
  return collectors.filter((c) => c.types.some((t) => want.has(t)));
}


/** Bounded parallel map, results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function collectLive(opts: LiveOptions): Promise<ResourceEvidence[]> {
  return (await collectLiveRun(opts)).evidence;
}

export async function collectLiveRun(opts: LiveOptions): Promise<LiveRun> {
  const started = Date.now();
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  const limiter = new Limiter(concurrency);
  const stats = new ApiStats();
  const factory = new ClientFactory(
    defaultClientSettings({
      endpoint: opts.endpoint,
      maxAttempts: opts.maxAttempts,
      requestTimeoutMs: opts.requestTimeoutMs,
      connectTimeoutMs: opts.connectTimeoutMs,
      limiter,
      stats,
    }),
  );
  const progress = opts.progress ?? SILENT_PROGRESS;
  const homeRegion = opts.homeRegion ?? (process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1");
  const regionsFlag = parseRegions(opts.regions);
  try {
    const collectors = neededCollectors(opts.collectors ?? COLLECTORS, opts.types);
    const targets = await resolveAccounts(
      { profile: opts.profile, credentials: opts.credentials, assumeRoles: opts.assumeRoles, accounts: opts.accounts, roleName: opts.roleName, org: opts.org, homeRegion },
      factory,
    );
    progress.accounts(targets.length);
    const evidence = await Promise.all(
      targets.map(async (t) => {
        const ev = await collectAccount(t, collectors, opts.types, opts.reads, regionsFlag, homeRegion, factory, concurrency, progress);
        progress.accountDone();
        return ev;
      }),
    );
    progress.finish();
    return { evidence, stats, peakConcurrency: limiter.peak, wallMs: Date.now() - started };
  } finally {
    factory.destroy();
  }
}

async function collectAccount(
  target: AccountTarget,
  collectors: readonly Collector[],
  types: readonly string[] | undefined,
  reads: ReadonlyMap<string, ReadonlySet<string>> | undefined,
  regionsFlag: string[] | undefined,
  homeRegion: string,
  factory: ClientFactory,
  concurrency: number,
  progress: ProgressSink,
): Promise<ResourceEvidence> {
  const { account, partition } = target;
  const stats = new ApiStats(factory.settings.stats);
  const gaps: EvidenceGap[] = [];
  const notes: string[] = [];
  const resources: Resource[] = [];
  const wanted = (t: string) => !types || types.includes(t);
  const evidence = (regions: string[]): ResourceEvidence => ({
    source: "aws",
    location: `aws://${account}`,
    account,
    regions,
    resources,
    notes,
    gaps,
    collectedAt: new Date().toISOString(),
    api: stats.snapshot(),
  });

  if (target.failure) {
    const f = target.failure;
    for (const c of collectors) for (const type of c.types) if (wanted(type)) gaps.push({ type, account, reason: f.reason, ...(f.action ? { action: f.action } : {}) });
    notes.push(f.reason);
    return evidence([]);
  }

  // A type the rules read that no collector produces would otherwise count as "none exist": a false FAIL or PASS.
  const produced = new Set(collectors.flatMap((c) => c.types));
  for (const type of types ?? []) {
    if (!produced.has(type)) gaps.push({ type, account, reason: "plumbline has no live collector for this type" });
  }

  const { regions, note } = await resolveRegions(factory, account, target.credentials, partition, regionsFlag, homeRegion);
  if (note) notes.push(note);
  const home = globalRegion(partition);
  const tasks: { collector: Collector; region: string }[] = [];
  for (const c of collectors) {
    if (c.global) tasks.push({ collector: c, region: home });
    else for (const r of regions) tasks.push({ collector: c, region: r });
  }
  progress.planned(tasks.length, regions.length);
  const audited = new Set(regions);
  const outside = new Map<string, number>();
  const leftPerRegion = new Map<string, number>();
  for (const t of tasks) if (!t.collector.global) leftPerRegion.set(t.region, (leftPerRegion.get(t.region) ?? 0) + 1);

  await Promise.all(
    tasks.map(async ({ collector, region }) => {
      const gapped = new Set<string>();
      const scope = { account, region, partition };
      // Global collectors' gaps cover every region: their resources are listed once for the account.
      const gapRegion = collector.global ? undefined : region;
      const ctx: CollectContext = {
        scope,
        client: (ctor, r) => factory.client(ctor, account, r ?? region, target.credentials, stats),
        failure: (err, action) => toFailure(err, action),
        gap: (type: string, f: CallFailure) => {
          gapped.add(type);
          gaps.push({ type, account, ...(gapRegion ? { region: gapRegion } : {}), reason: f.reason, ...(f.action ? { action: f.action } : {}) });
        },
        note: (text) => notes.push(text),
        map: (items, fn) => mapLimit(items, concurrency, fn),
        regions,
        ...(reads ? { reads } : {}),
      };
      let found: Resource[] = [];
      try {
        found = await collector.collect(ctx);
      } catch (err) {
        // A collector that lets an error escape lost what it was listing: every type it produces is a gap.
        const f = toFailure(err, failedAction(err) ?? `${collector.service}:*`);
        for (const type of collector.types) if (!gapped.has(type)) ctx.gap(type, f);
        notes.push(`${collector.service} in ${account}/${collector.global ? "global" : region}: ${f.reason}`);
      }
      if (collector.global) found = keepAudited(found, collector, audited, outside);
      for (let i = 0; i < found.length; i++) resources.push(found[i]);
      progress.taskDone(collector.service, found.length);
      if (!collector.global) {
        const left = (leftPerRegion.get(region) ?? 1) - 1;
        leftPerRegion.set(region, left);
        if (left === 0) progress.regionDone();
      }
    }),
  );
  for (const [key, n] of [...outside].sort()) {
    const [type, region] = key.split("|");
    notes.push(`${n} ${type} record(s) in ${region} left out: that region was not audited in ${account} (add it to --regions to judge them)`);
  }
  return evidence(regions);
}

/**
 * A global collector's records in regions that were not audited. A regional type listed globally (S3
 * buckets: ListBuckets names every bucket of the account) is left out there, counted for a note: its
 * region was not audited, so it must not open a region scope where GuardDuty, Config... were not
 * collected (a region-scoped rule would count zero detectors there and FAIL). A global type (a CloudFront
 * distribution, reported in us-east-1 where its API lives) is kept without that region, for the same reason.
 */
export function keepAudited(found: Resource[], collector: Collector, audited: ReadonlySet<string>, outside: Map<string, number>): Resource[] {
  const regional = new Set(collector.regionalTypes ?? []);
  const out: Resource[] = [];
  for (const r of found) {
    if (r.region === undefined || audited.has(r.region)) out.push(r);
    else if (regional.has(r.type)) {
      const key = `${r.type}|${r.region}`;
      outside.set(key, (outside.get(key) ?? 0) + 1);
    } else {
      const { region: _region, ...rest } = r;
      out.push(rest);
    }
  }
  return out;
}
