/**
 * EQUIVALENCE: one rule, one verdict, whether it reads Terraform state or the live account.
 *
 * test/fixtures/live-equivalence/a/main.tf (passing and failing resources of every collectors-A type) is
 * applied with real Terraform against a moto server of this test's own (scripts/example-moto-server.py:
 * stock moto plus the CloudTrail-by-ARN fix the AWS provider needs) in account 210000000002. The state
 * Terraform writes goes through the state loader + tfToResources; the same account is collected live
 * with COLLECTORS; the whole rule library runs on both; every (rule, resource) pair matched by identity
 * (src/model/identity.ts) must get the same verdict. Differences that are inherent (a value state holds
 * that no read API returns) are listed in INHERENT with the reason, and in docs/live.md.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLLECTORS } from "../../../../src/sources/aws/collectors/index.js";
import { loadStateEvidence } from "../../../../src/sources/terraform/state.js";
import { tfToResources } from "../../../../src/sources/terraform/aws/index.js";
import { loadRules } from "../../../../src/rules/loader.js";
import { evaluate } from "../../../../src/rules/evaluate.js";
import type { Rule, RuleResult } from "../../../../src/rules/types.js";
import { matchResources } from "../../../../src/model/identity.js";
import { ACCOUNT_TYPE, type Resource } from "../../../../src/model/resource.js";
import { collectLiveRun } from "../../../../src/sources/aws/collect.js";
import { COLLECTORS_A as MINE } from "./support.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../../../..");
const FIXTURE = join(ROOT, "test/fixtures/live-equivalence/a/main.tf");
const ACCOUNT = "210000000002";
const REGION = "eu-west-1";

/**
 * Rule × type pairs whose verdicts may differ between state and live for a reason no collector can fix.
 * Keep docs/live.md in step.
 */
const INHERENT: ReadonlyArray<{ rule: string; type: string; why: string }> = [
  { rule: "iam-root-mfa", type: ACCOUNT_TYPE, why: "root MFA is visible only to live evidence; the rule is NOT_APPLICABLE on Terraform" },
  { rule: "iam-root-no-access-keys", type: ACCOUNT_TYPE, why: "root access keys are visible only to live evidence; NOT_APPLICABLE on Terraform" },
];

/** Props whose value differs between state and live for a reason no collector can fix (docs/live.md). */
const INHERENT_PROPS: ReadonlyArray<{ type: string; prop: string; why: string }> = [
  { type: "AWS::KMS::Key", prop: "PendingWindowInDays", why: "no read API returns the deletion window of a key not pending deletion" },
  { type: "AWS::KMS::Key", prop: "RotationPeriodInDays", why: "moto's GetKeyRotationStatus lacks it (AWS returns it; the provider stores 0)" },
  { type: "AWS::KMS::Key", prop: "MultiRegion", why: "moto's DescribeKey lacks it (AWS always returns it)" },
  { type: "AWS::SecretsManager::Secret", prop: "RecoveryWindowInDays", why: "a Terraform delete setting; no read API returns it" },
  { type: "AWS::S3::Bucket", prop: "ObjectLockEnabled", why: "not collected: GetObjectLockConfiguration would cost a call per bucket and no rule reads it" },
];

/** Canonical JSON: keys sorted; empty lists and objects are "not set", as rules read them. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(canonical) : undefined;
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

let moto: ChildProcess | undefined;
let endpoint = "";
let work = "";
let stateResources: Resource[] = [];
let liveResources: Resource[] = [];
let liveGaps: unknown[] = [];
let calls = 0;
let rules: Rule[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      const port = typeof a === "object" && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function startMoto(): Promise<string> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  moto = spawn("python3", [join(ROOT, "scripts/example-moto-server.py"), "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "ignore"],
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: "false" },
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) return url;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the equivalence moto server did not start");
}

function providerFile(url: string): string {
  const services = ["cloudtrail", "configservice", "guardduty", "iam", "kms", "logs", "s3", "secretsmanager", "ssm", "sts"];
  return `provider "aws" {
  region                      = "${REGION}"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  assume_role {
    role_arn = "arn:aws:iam::${ACCOUNT}:role/terraform"
  }
  endpoints {
${services.map((s) => `    ${s} = "${url}"`).join("\n")}
  }
}
`;
}

async function terraform(args: string[]): Promise<void> {
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: join(work, "terraformrc"),
    TF_DATA_DIR: join(work, ".terraform"),
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  delete (env as Record<string, string | undefined>).AWS_PROFILE;
  try {
    await run("terraform", args, { cwd: work, env, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`terraform ${args[0]} failed:\n${(err.stderr ?? "").slice(-3000)}\n${(err.stdout ?? "").slice(-3000)}`);
  }
}

beforeAll(async () => {
  endpoint = await startMoto();
  work = await mkdtemp(join(tmpdir(), "plumbline-eq-a-"));
  await copyFile(FIXTURE, join(work, "main.tf"));
  await writeFile(join(work, "provider.tf"), providerFile(endpoint));
  await writeFile(
    join(work, "terraformrc"),
    `provider_installation {\n  filesystem_mirror {\n    path    = "${process.env.TF_PLUGIN_MIRROR ?? "/opt/tf-plugins"}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
  );
  await terraform(["init", "-input=false", "-no-color"]);
  await terraform(["apply", "-auto-approve", "-input=false", "-no-color"]);

  stateResources = tfToResources(await loadStateEvidence(join(work, "terraform.tfstate"))).resources;
  // The framework's own run: AssumeRole into the account, clients, retries, counters, gaps.
  const live = await collectLiveRun({
    collectors: MINE,
    regions: [REGION],
    assumeRoles: [`arn:aws:iam::${ACCOUNT}:role/plumbline-audit`],
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    endpoint,
    homeRegion: REGION,
    quiet: true,
  });
  expect(live.evidence).toHaveLength(1);
  liveResources = live.evidence[0].resources;
  liveGaps = live.evidence[0].gaps;
  calls = live.stats.total().calls;
  rules = await loadRules([join(ROOT, "rules")]);
}, 300_000);

afterAll(async () => {
  moto?.kill("SIGTERM");
  if (work) await rm(work, { recursive: true, force: true });
});

/** "ruleId|resource identity" → verdict, the identity being the state record's (live records are re-keyed through the match). */
function verdicts(results: RuleResult[], key: (r: Resource) => string | undefined): Map<string, RuleResult> {
  const out = new Map<string, RuleResult>();
  for (const r of results) {
    const k = key(r.resource);
    if (k !== undefined) out.set(`${r.rule.id}|${k}`, r);
  }
  return out;
}

describe("state and live give the same verdicts (collectors-A types)", () => {
  it("registers every collectors-A collector", () => {
    for (const c of MINE) expect(COLLECTORS).toContain(c);
  });

  it("collects the account without gaps and matches every state resource to a live one", () => {
    expect(liveGaps).toEqual([]);
    const m = matchResources(stateResources, liveResources);
    // The Terraform password policy record cannot know its account (state holds no ARN for it): as a
    // singleton type it matches by account, the one of its state file's other records (model/identity.ts).
    expect(m.onlyA.map((r) => `${r.type} ${r.origin.address}`)).toEqual([]);
    expect(m.matched.find((x) => x.a.type === "AWS::IAM::AccountPasswordPolicy")?.by).toBe("singleton");
    // Live-only: the account record (Terraform models no account facts).
    expect(m.onlyB.map((r) => r.type).sort()).toEqual([ACCOUNT_TYPE]);
    expect(m.matched.length).toBe(stateResources.length);
    // Every resource is read with a handful of calls: print the figure for docs/live.md.
    console.log(`collectors-A equivalence: ${liveResources.length} live resources, ${calls} API calls (${(calls / liveResources.length).toFixed(2)} per resource)`);
  });

  it("every rule gives the same verdict for the same resource on state and on live", () => {
    const m = matchResources(stateResources, liveResources);
    const stateKey = new Map<Resource, string>();
    const liveKey = new Map<Resource, string>();
    m.matched.forEach((p, i) => {
      stateKey.set(p.a, `${p.a.type}#${i}`);
      liveKey.set(p.b, `${p.a.type}#${i}`);
    });
    // Account / region subjects: keyed by account (and region).
    const subjectKey = (r: Resource) => (r.type === ACCOUNT_TYPE ? `account:${r.account ?? r.id}|${r.region ?? ""}` : undefined);
    const onState = verdicts(evaluate(rules, stateResources), (r) => stateKey.get(r) ?? subjectKey(r));
    const onLive = verdicts(evaluate(rules, liveResources), (r) => liveKey.get(r) ?? subjectKey(r));

    const differences: string[] = [];
    for (const [k, s] of onState) {
      const l = onLive.get(k);
      const label = `${s.rule.id} on ${s.resource.type} ${s.resource.origin.address ?? s.resource.id}`;
      if (!l) {
        differences.push(`${label}: no live result`);
        continue;
      }
      if (l.verdict === s.verdict) continue;
      if (INHERENT.some((x) => x.rule === s.rule.id && x.type === s.resource.type)) continue;
      differences.push(`${label}: state ${s.verdict} (${s.reason}) but live ${l.verdict} (${l.reason})`);
    }
    for (const [k, l] of onLive) if (!onState.has(k) && !liveKey.has(l.resource)) differences.push(`${l.rule.id} on live ${l.resource.type} ${l.resource.id}: no state result`);
    expect(differences).toEqual([]);

    // The estate is built to give both verdicts: a test of equal verdicts over all-PASS would prove little.
    const counts = { PASS: 0, FAIL: 0, UNKNOWN: 0, NOT_APPLICABLE: 0 } as Record<string, number>;
    for (const r of onLive.values()) counts[r.verdict]++;
    expect(counts.PASS).toBeGreaterThan(10);
    expect(counts.FAIL).toBeGreaterThan(10);
  });

  it("gives the verdicts the estate was built to give", () => {
    const live = verdicts(evaluate(rules, liveResources), (r) => `${r.type}:${r.name ?? r.id}`);
    const v = (rule: string, type: string, name: string) => live.get(`${rule}|${type}:${name}`)?.verdict;
    expect(v("s3-bucket-sse-kms-cmk", "AWS::S3::Bucket", `eq-good-${ACCOUNT}`)).toBe("PASS");
    expect(v("s3-bucket-sse-kms-cmk", "AWS::S3::Bucket", `eq-bad-${ACCOUNT}`)).toBe("FAIL");
    expect(v("s3-bucket-tls-only", "AWS::S3::Bucket", `eq-good-${ACCOUNT}`)).toBe("PASS");
    expect(v("s3-bucket-public-access-blocked", "AWS::S3::Bucket", `eq-bad-${ACCOUNT}`)).toBe("FAIL");
    expect(v("iam-break-glass-requires-mfa", "AWS::IAM::Role", "eq-breakglass")).toBe("FAIL");
    expect(v("iam-support-role-read-only", "AWS::IAM::Role", "eq-support")).toBe("FAIL");
    expect(v("iam-policy-no-admin", "AWS::IAM::Policy", "eq-admin")).toBe("FAIL");
    expect(v("iam-policy-no-admin", "AWS::IAM::Policy", "eq-boundary")).toBe("PASS");
    expect(v("iam-user-no-policies", "AWS::IAM::User", "eq-ci")).toBe("FAIL");
    expect(v("secretsmanager-secret-cmk", "AWS::SecretsManager::Secret", "eq/db")).toBe("PASS");
    expect(v("secretsmanager-secret-cmk", "AWS::SecretsManager::Secret", "eq/plain")).toBe("FAIL");
    expect(v("ssm-parameter-secure-cmk", "AWS::SSM::Parameter", "/eq/db_password")).toBe("PASS");
    expect(v("ssm-parameter-secure-cmk", "AWS::SSM::Parameter", "/eq/api_token")).toBe("FAIL");
    expect(v("cloudwatch-log-group-encrypted", "AWS::Logs::LogGroup", "/eq/encrypted")).toBe("PASS");
    expect(v("cloudwatch-log-group-encrypted", "AWS::Logs::LogGroup", "/eq/plain")).toBe("FAIL");
    expect(v("cloudtrail-encrypted", "AWS::CloudTrail::Trail", "eq-trail")).toBe("PASS");
    expect(v("iam-access-keys-rotated", "AWS::IAM::User", "eq-ci")).toBe("PASS");
    const keys = liveResources.filter((r) => r.type === "AWS::KMS::Key");
    const rotation = keys.map((k) => live.get(`kms-key-rotation-enabled|AWS::KMS::Key:${k.id}`)?.verdict).sort();
    expect(rotation).toEqual(["FAIL", "PASS"]);
    expect(JSON.stringify(liveResources)).not.toMatch(/never-in-a-report/);
  });

  it("gives the same props on state and live, but for the documented inherent differences", () => {
    const diffs: string[] = [];
    for (const { a, b } of matchResources(stateResources, liveResources).matched) {
      const keys = new Set([...Object.keys(a.props), ...Object.keys(b.props)]);
      for (const k of keys) {
        if (k === "DefaultedProps") continue; // which side applied a documented default, not a value
        if (INHERENT_PROPS.some((x) => x.type === a.type && x.prop === k)) continue;
        const sa = JSON.stringify(canonical(a.props[k]));
        const sb = JSON.stringify(canonical(b.props[k]));
        if (sa !== sb) diffs.push(`${a.type} ${a.origin.address} ${k}: state ${sa} live ${sb}`);
      }
      if (JSON.stringify(canonical(a.tags)) !== JSON.stringify(canonical(b.tags))) diffs.push(`${a.type} ${a.origin.address} tags: state ${JSON.stringify(a.tags)} live ${JSON.stringify(b.tags)}`);
    }
    expect(diffs).toEqual([]);
  });
});
