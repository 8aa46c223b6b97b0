/**
 * The AWS Config rule Lambda bundle against its budgets (`node bench/lambda.js`, also run by bench/run.js):
 *
 *   bundle size                                   target ≤ 1.5 MB
 *   cold start: module init in a fresh process    target ≤ 150 ms
 *   evaluation per configuration item, API excluded target ≤ 5 ms
 *
 * Builds dist-lambda/index.mjs first (npm run build:lambda) unless BENCH_LAMBDA_NO_BUILD is set.
 * The per-item figure runs the bundled handler on change notifications (real S3 items) and on one
 * periodic run of BENCH_LAMBDA_ITEMS buckets, with a Config client whose send() answers at once: the
 * time measured is the handler's own (parse, map, evaluate, build the requests), not the network's.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist-lambda", "index.mjs");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ITEMS = Number(process.env.BENCH_LAMBDA_ITEMS ?? 1000);
const fmt = (n, d = 0) => n.toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!process.env.BENCH_LAMBDA_NO_BUILD) execFileSync(process.execPath, [join(root, "scripts", "build-lambda.mjs")], { stdio: ["ignore", "ignore", "inherit"] });

// Size
const bytes = statSync(bundle).size;

// Cold start: a fresh node process per run, timing the bundle's import (module init) only.
// CPU time is reported next to wall time: on a shared, loaded machine wall time mostly measures the queue.
const probe = `const c0 = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(bundle).href)}); const c = process.cpuUsage(c0); console.log(JSON.stringify({ wall: performance.now() - t, cpu: (c.user + c.system) / 1000 }));`;
const inits = [];
const initCpu = [];
for (let i = 0; i < RUNS; i++) {
  const r = JSON.parse(execFileSync(process.execPath, ["--no-warnings", "--input-type=module", "-e", probe], { encoding: "utf8" }).trim());
  inits.push(r.wall);
  initCpu.push(r.cpu);
}
const [load1] = (await import("node:os")).loadavg();

// The first periodic run with an account rule loads the live account-fact code (IAM and S3 Control
// clients, src/configrule/live-facts.ts) that module init skips: its cost is the first run's time minus
// the second's, in a fresh process. The clients are never reached (the client maker throws): no network.
const factsEvent = {
  invokingEvent: JSON.stringify({ awsAccountId: "123456789012", notificationCreationTime: "2026-11-21T00:00:00.000Z", messageType: "ScheduledNotification" }),
  ruleParameters: JSON.stringify({ rules: "iam-password-policy" }),
  resultToken: "bench",
  configRuleArn: "arn:aws:config:eu-west-1:123456789012:config-rule/config-rule-bench",
  configRuleName: "bench",
  accountId: "123456789012",
};
const factsProbe = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const client = { async send(cmd) { const i = cmd.input; if (i.Evaluations) return { FailedEvaluations: [] }; if (i.ConfigRuleName) return { EvaluationResults: [] }; return { resourceIdentifiers: [] }; } };
const h = m.createHandler({ ruleSet: m.ruleSet, client, log: () => {}, liveClient: () => { throw new Error("no network in the benchmark"); } });
const ev = ${JSON.stringify(factsEvent)};
let t = performance.now(); await h(ev); const first = performance.now() - t;
t = performance.now(); await h(ev); const second = performance.now() - t;
console.log(JSON.stringify({ load: first - second }));`;
const factLoads = [];
for (let i = 0; i < RUNS; i++) factLoads.push(JSON.parse(execFileSync(process.execPath, ["--no-warnings", "--input-type=module", "-e", factsProbe], { encoding: "utf8" }).trim()).load);

// Per-item evaluation
const mod = await import(pathToFileURL(bundle).href);
const event = JSON.parse(readFileSync(join(root, "test", "fixtures", "config", "s3-bucket-change-event.json"), "utf8"));
const ci = JSON.parse(event.invokingEvent).configurationItem;
const rules = "s3-bucket-sse-enabled,s3-bucket-versioning,s3-bucket-public-access-blocked,s3-bucket-tls-only,s3-bucket-sse-kms-cmk";
let sent = 0;
const instant = {
  // Answers what the handler asks: an inventory of ITEMS buckets, no prior evaluations, every evaluation accepted.
  async send(cmd) {
    // Minified bundles rename command classes: tell them apart by their input.
    const input = cmd.input;
    const name = input.Evaluations
      ? "PutEvaluationsCommand"
      : input.resourceKeys
        ? "BatchGetResourceConfigCommand"
        : input.ConfigRuleName
          ? "GetComplianceDetailsByConfigRuleCommand"
          : input.resourceType
            ? "ListDiscoveredResourcesCommand"
            : "?";
    if (name === "PutEvaluationsCommand") {
      sent += input.Evaluations.length;
      return { FailedEvaluations: [] };
    }
    if (name === "ListDiscoveredResourcesCommand") {
      return { resourceIdentifiers: Array.from({ length: ITEMS }, (_, i) => ({ resourceType: "AWS::S3::Bucket", resourceId: `b-${i}` })) };
    }
    if (name === "BatchGetResourceConfigCommand") {
      return {
        baseConfigurationItems: input.resourceKeys.map((k) => ({
          ...ci,
          arn: ci.ARN,
          accountId: ci.awsAccountId,
          resourceId: k.resourceId,
          configuration: JSON.stringify({ ...ci.configuration, name: k.resourceId }),
          supplementaryConfiguration: Object.fromEntries(Object.entries(ci.supplementaryConfiguration).map(([a, v]) => [a, typeof v === "string" ? v : JSON.stringify(v)])),
          tags: undefined,
        })),
        unprocessedResourceKeys: [],
      };
    }
    if (name === "GetComplianceDetailsByConfigRuleCommand") return { EvaluationResults: [] };
    throw new Error(`unexpected ${name}`);
  },
};
const quiet = () => {};
const h = mod.createHandler({ ruleSet: mod.ruleSet, client: instant, log: quiet });
const events = Array.from({ length: ITEMS }, (_, i) => {
  const item = { ...ci, resourceId: `bucket-${i}`, configuration: { ...ci.configuration, name: `bucket-${i}` } };
  return { ...event, ruleParameters: JSON.stringify({ rules }), invokingEvent: JSON.stringify({ ...JSON.parse(event.invokingEvent), configurationItem: item }) };
});
for (let i = 0; i < 50; i++) await h(events[i]); // warm-up
const changeRuns = [];
for (let r = 0; r < RUNS; r++) {
  const t = performance.now();
  for (const e of events) await h(e);
  changeRuns.push((performance.now() - t) / ITEMS);
}
const periodic = { ...event, ruleParameters: JSON.stringify({ rules }), invokingEvent: JSON.stringify({ awsAccountId: ci.awsAccountId, notificationCreationTime: "2026-11-21T00:00:00.000Z", messageType: "ScheduledNotification" }) };
const periodicRuns = [];
for (let r = 0; r < RUNS; r++) {
  const t = performance.now();
  await h(periodic);
  periodicRuns.push((performance.now() - t) / ITEMS);
}

const result = {
  bundleBytes: bytes,
  coldStartMs: median(inits),
  coldStartMinMs: Math.min(...inits),
  coldStartCpuMs: median(initCpu),
  accountFactsLoadMs: median(factLoads),
  loadAverage: load1,
  changeMsPerItem: median(changeRuns),
  periodicMsPerItem: median(periodicRuns),
  items: ITEMS,
  evaluationsSent: sent,
};
console.log(`(e) AWS Config rule Lambda (dist-lambda/index.mjs), ${RUNS} run(s), median`);
console.log(`    bundle size             ${fmt(bytes / 1024)} KiB = ${fmt(bytes / (1024 * 1024), 2)} MB (target ≤ 1.5 MB)`);
console.log(`    cold start (module init) ${fmt(result.coldStartMs, 1)} ms wall (min ${fmt(result.coldStartMinMs, 1)}), ${fmt(result.coldStartCpuMs, 1)} ms CPU, fresh node process, load average ${fmt(load1, 1)} (target ≤ 150 ms)`);
console.log(`    account facts, 1st load +${fmt(result.accountFactsLoadMs, 1)} ms: the first periodic run of an account-level rule over the second (loads the IAM / S3 Control code once per container; not in module init)`);
console.log(`    change notification     ${fmt(result.changeMsPerItem, 3)} ms per item, ${fmt(ITEMS)} items × 5 rules, API excluded (target ≤ 5 ms)`);
console.log(`    periodic run            ${fmt(result.periodicMsPerItem, 3)} ms per item, ${fmt(ITEMS)} buckets × 5 rules, API excluded (target ≤ 5 ms)`);
if (process.env.BENCH_JSON) console.log(JSON.stringify(result));
