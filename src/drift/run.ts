/**
 * `plumbline drift` as a library call: read Terraform's records (state files or the S3 backend, plans),
 * collect the live records, diff, score against the policy, attribute through CloudTrail, and build a
 * report whose `drift` section holds the result. Rule verdicts are the audit's job: `results` is empty.
 */
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { DEFAULT_POLICY, loadEvidence, loadRuleSet } from "../audit.js";
import { InputError } from "../errors.js";
import { matchResources } from "../model/identity.js";
import type { Resource } from "../model/resource.js";
import { loadPolicy } from "../policy/loader.js";
import { inScope } from "../policy/scope.js";
import { preparePolicy } from "../policy/select.js";
import { toolVersion } from "../paths.js";
import { REPORT_SCHEMA_VERSION, type AuditReport, type ReportEvidence } from "../report/model.js";
import { summarize } from "../report/summary.js";
import { resolveAccounts, type CredentialSource } from "../sources/aws/accounts.js";
import { ClientFactory, defaultClientSettings } from "../sources/aws/clients.js";
import { collectLiveRun, neededCollectors, type LiveOptions } from "../sources/aws/collect.js";
import type { Collector, ResourceEvidence } from "../sources/aws/contract.js";
import { tfToResources } from "../sources/terraform/aws/index.js";
import type { AttributionOptions } from "./attribution.js";
import type { LiveCoverage } from "./coverage.js";
import { computeDrift, decideDrift, type FailOn } from "./drift.js";

export interface DriftRunOptions {
  states: string[];
  plans: string[];
  workspace?: string;
  policyFile?: string;
  rulesDirs?: string[];
  live: LiveOptions;
  failOn: FailOn;
  /** CloudTrail attribution (on by default); `endpoint` overrides AWS_ENDPOINT_URL_CLOUDTRAIL / the live endpoint. */
  attribution?: false | { endpoint?: string; maxLookups?: number; minIntervalMs?: number };
  now?: Date;
}

async function registry(): Promise<readonly Collector[]> {
  const mod = (await import("../sources/aws/collectors/index.js")) as { COLLECTORS: readonly Collector[] };
  return mod.COLLECTORS;
}

/**
 * One desired record per resource: with both a plan and the state, the plan's record (the intended
 * after-apply values) replaces the state's record of the same resource, which would otherwise be "missing".
 */
export function dedupeDesired(desired: readonly Resource[]): Resource[] {
  const plans = desired.filter((r) => r.origin.source === "tf-plan");
  if (plans.length === 0 || plans.length === desired.length) return [...desired];
  const rest = desired.filter((r) => r.origin.source !== "tf-plan");
  const { onlyB } = matchResources(plans, rest);
  return [...plans, ...onlyB];
}

/**
 * What each account's collection listed: global collectors once for every region, the others per
 * region. A regional type a global collector lists (S3 buckets) is kept only in the audited regions
 * (collect.ts leaves the others out), so it is covered there only: a bucket in another region is "not
 * compared", never "missing".
 */
export function liveCoverage(evidence: readonly ResourceEvidence[], collectors: readonly Collector[]): LiveCoverage[] {
  const out: LiveCoverage[] = [];
  for (const ev of evidence) {
    const account = ev.account ?? /^aws:\/\/(\d{12})/.exec(ev.location)?.[1];
    if (!account) continue;
    for (const c of collectors) {
      for (const type of c.types) {
        if (c.global && !c.regionalTypes?.includes(type)) out.push({ type, account });
        else for (const region of ev.regions ?? []) out.push({ type, account, region });
      }
    }
  }
  return out;
}

export async function runDrift(opts: DriftRunOptions): Promise<AuditReport> {
  const now = opts.now ?? new Date();
  if (opts.states.length + opts.plans.length === 0) throw new InputError("drift needs Terraform's records: --state FILE|s3://BUCKET/KEY or --plan FILE");
  const [policy, rules, tf, collectors] = await Promise.all([
    loadPolicy(opts.policyFile ?? DEFAULT_POLICY),
    loadRuleSet(opts.rulesDirs),
    loadEvidence({ hcl: [], plans: opts.plans, states: opts.states, workspace: opts.workspace }),
    opts.live.collectors ? Promise.resolve(opts.live.collectors) : registry(),
  ]);
  const prepared = preparePolicy(policy, rules);
  const evidence: ReportEvidence[] = [];
  const desired: Resource[] = [];
  for (const ev of tf) {
    const mapped = tfToResources(ev);
    const scoped = mapped.resources.filter((r) => inScope(policy, r));
    desired.push(...scoped);
    const workspace = ev.instances.find((i) => i.workspace)?.workspace;
    evidence.push({ source: ev.source, location: ev.location, ...(workspace ? { workspace } : {}), resources: scoped.length, notes: [...ev.notes, ...mapped.notes] });
  }
  const wanted = dedupeDesired(desired);
  // Drift needs every type the collectors know (unmanaged resources of any type), not only what rules read.
  const used = neededCollectors(collectors, opts.live.types);
  const run = await collectLiveRun({ ...opts.live, collectors: used });
  const actual: Resource[] = [];
  for (const ev of run.evidence) {
    const scoped = ev.resources.filter((r) => inScope(policy, r));
    actual.push(...scoped);
    evidence.push({ source: ev.source, location: ev.location, resources: scoped.length, notes: [...ev.notes, ...ev.gaps.map((g) => `${g.type}${g.region ? ` in ${g.region}` : ""}: ${g.reason}`)] });
  }
  const coverage = { collected: liveCoverage(run.evidence, used), gaps: run.evidence.flatMap((e) => e.gaps) };

  const ct = opts.attribution === false ? undefined : await cloudTrailClients(opts.live, opts.attribution?.endpoint);
  try {
    const section = await computeDrift({
      desired: wanted,
      actual,
      coverage,
      prepared,
      ignore: policy.drift?.ignore,
      attribution: ct ? { client: ct.client, maxLookups: opts.attribution ? opts.attribution.maxLookups : undefined, minIntervalMs: opts.attribution ? opts.attribution.minIntervalMs : undefined } : undefined,
    });
    section.decision = decideDrift(section, opts.failOn);
    const results: AuditReport["results"] = [];
    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: "plumbline", version: toolVersion() },
      generatedAt: now.toISOString(),
      policy: { name: policy.name, file: policy.file },
      evidence,
      summary: summarize(results),
      results,
      waivers: { unused: [], expired: [] },
      drift: section,
    };
  } finally {
    ct?.destroy();
  }
}

/**
 * CloudTrail clients per account, with the credentials the live collection used (the same --profile,
 * --assume-role or --accounts/--role-name). A failure here never stops the drift run: every lookup is
 * then "attribution unavailable" with the reason.
 */
async function cloudTrailClients(live: LiveOptions, endpointOverride: string | undefined): Promise<{ client: AttributionOptions["client"]; destroy(): void }> {
  const homeRegion = live.homeRegion ?? (process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1");
  const stsFactory = new ClientFactory(defaultClientSettings({ endpoint: live.endpoint, maxAttempts: live.maxAttempts }));
  const endpoint = endpointOverride ?? process.env.AWS_ENDPOINT_URL_CLOUDTRAIL ?? live.endpoint;
  const ctFactory = new ClientFactory(defaultClientSettings({ endpoint, maxAttempts: live.maxAttempts }));
  const destroy = () => {
    stsFactory.destroy();
    ctFactory.destroy();
  };
  let creds: Map<string, CredentialSource>;
  let failure: string | undefined;
  try {
    const targets = await resolveAccounts(
      { profile: live.profile, credentials: live.credentials, assumeRoles: live.assumeRoles, accounts: live.accounts, roleName: live.roleName, org: live.org, homeRegion, sessionName: "plumbline-drift" },
      stsFactory,
    );
    creds = new Map(targets.filter((t) => !t.failure).map((t) => [t.account, t.credentials]));
  } catch (e) {
    creds = new Map();
    failure = e instanceof Error ? e.message : String(e);
  }
  return {
    client: (account, region) => {
      const c = account ? creds.get(account) : creds.size === 1 ? [...creds.values()][0] : undefined;
      if (!c) throw new Error(failure ?? `no credentials for account ${account ?? "(unknown)"}`);
      return ctFactory.client(CloudTrailClient, account ?? "only", region, c);
    },
    destroy,
  };
}
