/**
 * Live collection benchmark (part of `npm run bench`, or alone: `npm run build && node bench/live.js`).
 * Starts its own moto, provisions 1,000+ resources over three regions in one account (S3 buckets, IAM
 * roles, security groups, log groups, KMS keys, SSM parameters), then runs collectLive for the baseline
 * policy's resource types: default concurrency vs serial (concurrency 1), without and with ~20 ms of
 * latency added per request by a loopback proxy. Prints API calls per resource (in all and per service),
 * wall time and the speed-up from concurrency.
 *
 * Options: BENCH_LIVE_SCALE (1 = about 1,100 resources), BENCH_LIVE_LATENCY_MS (20), BENCH_LIVE_SERIAL (1: run the serial passes).
 */
import { spawn } from "node:child_process";
import { createServer, request as httpRequest } from "node:http";
import { createServer as netServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = (p) => pathToFileURL(join(process.env.BENCH_DIST ?? join(here, "..", "dist"), p)).href;
const SCALE = Number(process.env.BENCH_LIVE_SCALE ?? 1);
const LATENCY = Number(process.env.BENCH_LIVE_LATENCY_MS ?? 20);
const SERIAL = process.env.BENCH_LIVE_SERIAL !== "0";
const REGIONS = ["eu-west-1", "us-east-1", "us-west-2"];
const ACCOUNT = "200000000900";
const fmt = (n, d = 0) => n.toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d });

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = netServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startMoto() {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const proc = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: "ignore",
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: "false" },
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) return { endpoint, stop: () => proc.kill("SIGTERM") };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill("SIGTERM");
  throw new Error("moto did not start (is moto installed for python3?)");
}

/** A loopback proxy that forwards every request to moto after `latencyMs` (a far-away endpoint, cheaply). */
async function startLatencyProxy(target, latencyMs) {
  const t = new URL(target);
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () =>
      setTimeout(() => {
        const up = httpRequest({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        up.on("error", () => res.destroy());
        up.end(Buffer.concat(chunks));
      }, latencyMs),
    );
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { endpoint: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

async function pool(n, tasks) {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < tasks.length) await tasks[i++]();
  }));
}

async function provision(endpoint, credentials) {
  const [{ S3Client, CreateBucketCommand }, { IAMClient, CreateRoleCommand }, { EC2Client, CreateSecurityGroupCommand }, { CloudWatchLogsClient, CreateLogGroupCommand }, { KMSClient, CreateKeyCommand }, { SSMClient, PutParameterCommand }] =
    await Promise.all(["client-s3", "client-iam", "client-ec2", "client-cloudwatch-logs", "client-kms", "client-ssm"].map((m) => import(`@aws-sdk/${m}`)));
  const cfg = (region) => ({ endpoint, region, credentials, forcePathStyle: true });
  const n = (x) => Math.round(x * SCALE);
  const tasks = [];
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
  const iam = new IAMClient(cfg("us-east-1"));
  for (let i = 0; i < n(150); i++) tasks.push(() => iam.send(new CreateRoleCommand({ RoleName: `bench-role-${i}`, AssumeRolePolicyDocument: trust })));
  for (const region of REGIONS) {
    const s3 = new S3Client(cfg(region));
    const ec2 = new EC2Client(cfg(region));
    const logs = new CloudWatchLogsClient(cfg(region));
    const kms = new KMSClient(cfg(region));
    const ssm = new SSMClient(cfg(region));
    for (let i = 0; i < n(25); i++) {
      tasks.push(() => s3.send(new CreateBucketCommand({ Bucket: `bench-${region}-${i}`, ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }) })));
    }
    for (let i = 0; i < n(100); i++) tasks.push(() => ec2.send(new CreateSecurityGroupCommand({ GroupName: `bench-${i}`, Description: "bench" })));
    for (let i = 0; i < n(100); i++) tasks.push(() => logs.send(new CreateLogGroupCommand({ logGroupName: `/bench/${i}` })));
    for (let i = 0; i < n(30); i++) tasks.push(() => kms.send(new CreateKeyCommand({ Description: `bench ${i}` })));
    for (let i = 0; i < n(50); i++) tasks.push(() => ssm.send(new PutParameterCommand({ Name: `/bench/${i}`, Value: "x", Type: "String" })));
  }
  await pool(16, tasks);
  return tasks.length;
}

export async function liveBench() {
  const moto = await startMoto();
  try {
    const { STSClient, AssumeRoleCommand } = await import("@aws-sdk/client-sts");
    const base = { accessKeyId: "testing", secretAccessKey: "testing" };
    const sts = new STSClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: base });
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/setup`, RoleSessionName: "bench" }))).Credentials;
    const t0 = Date.now();
    const created = await provision(moto.endpoint, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });
    const provisionMs = Date.now() - t0;

    const { collectLiveRun, DEFAULT_CONCURRENCY } = await import(dist("sources/aws/collect.js"));
    const { DEFAULT_POLICY, loadRuleSet } = await import(dist("audit.js"));
    const { loadPolicy } = await import(dist("policy/loader.js"));
    const { preparePolicy } = await import(dist("policy/select.js"));
    const { ruleResourceTypes, rulePropReads } = await import(dist("rules/reads.js"));
    const [policy, rules] = await Promise.all([loadPolicy(DEFAULT_POLICY), loadRuleSet()]);
    // What `audit --aws` passes: the types and props the enabled rules read.
    const enabled = preparePolicy(policy, rules).rules;
    const types = ruleResourceTypes(enabled);
    const reads = rulePropReads(enabled, { tags: Boolean(policy.scope?.tags) });

    const collect = async (endpoint, concurrency) => {
      const run = await collectLiveRun({ credentials: base, endpoint, assumeRoles: [`arn:aws:iam::${ACCOUNT}:role/plumbline-audit`], regions: REGIONS, types, reads, concurrency, homeRegion: "us-east-1" });
      const ev = run.evidence[0];
      const t = run.stats.total();
      return { ms: run.wallMs, resources: ev.resources.length, calls: t.calls, gaps: ev.gaps.length, services: ev.api, peak: run.peakConcurrency };
    };

    console.log(`\n(d) live collection (moto, one account, ${REGIONS.join(", ")}): ${fmt(created)} resources provisioned in ${fmt(provisionMs)} ms`);
    const proxy = await startLatencyProxy(moto.endpoint, LATENCY);
    try {
      const rows = [];
      // One unmeasured pass first: moto's first answers for each service (and Node's JIT) are slow, which
      // would otherwise be charged to whichever row runs first.
      await collect(moto.endpoint, DEFAULT_CONCURRENCY);
      rows.push(["no added latency", DEFAULT_CONCURRENCY, await collect(moto.endpoint, DEFAULT_CONCURRENCY)]);
      if (SERIAL) rows.push(["no added latency", 1, await collect(moto.endpoint, 1)]);
      rows.push([`+${LATENCY} ms per request`, DEFAULT_CONCURRENCY, await collect(proxy.endpoint, DEFAULT_CONCURRENCY)]);
      if (SERIAL) rows.push([`+${LATENCY} ms per request`, 1, await collect(proxy.endpoint, 1)]);
      const first = rows[0][2];
      console.log(`    ${fmt(first.resources)} resources collected, ${fmt(first.calls)} API calls = ${fmt(first.calls / first.resources, 2)} calls per resource (target ≤ 1.5)`);
      const per = Object.entries(first.services)
        .filter(([, s]) => s.calls > 0)
        .sort(([, a], [, b]) => b.calls - a.calls)
        .map(([k, s]) => `${k} ${fmt(s.calls)}`)
        .join(", ");
      console.log(`    calls by service: ${per}`);
      for (const [label, conc, r] of rows) {
        console.log(`    ${label.padEnd(22)} concurrency ${String(conc).padStart(2)}  ${fmt(r.ms).padStart(7)} ms  (${fmt(r.calls)} calls, peak ${r.peak} in flight)`);
      }
      if (SERIAL) {
        console.log(`    speed-up from concurrency: ${fmt(rows[1][2].ms / rows[0][2].ms, 1)}x without latency, ${fmt(rows[3][2].ms / rows[2][2].ms, 1)}x with +${LATENCY} ms`);
      }
    } finally {
      await proxy.close();
    }
  } finally {
    moto.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await liveBench();
