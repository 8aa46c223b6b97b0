/**
 * EQUIVALENCE: one rule, one verdict, whether it reads Terraform state or the live account.
 *
 * test/fixtures/live-equivalence/b/main.tf (passing and failing resources of every collectors-B type) is
 * applied with real Terraform against a moto server of this test's own (test/fixtures/live-equivalence/b/
 * moto_server.py: scripts/example-moto-server.py's fixes the AWS provider needs, e.g. ElastiCache member
 * clusters and CloudFront origin access control ids, plus unique RDS DbiResourceIds) in account 220000000002, reached through STS AssumeRole. The state Terraform writes
 * goes through the state loader + tfToResources; the same account is collected with the live framework
 * (collectLive) running collectors-B's collectors; the whole rule library runs on both; every (rule,
 * resource) pair matched by identity (src/model/identity.ts) must get the same verdict. Differences that
 * are inherent are listed in INHERENT with the reason (and in docs/live.md).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchResources } from "../../../../src/model/identity.js";
import type { Resource } from "../../../../src/model/resource.js";
import { validateProps } from "../../../../src/model/types/index.js";
import { evaluate } from "../../../../src/rules/evaluate.js";
import { loadRules } from "../../../../src/rules/loader.js";
import type { Rule, RuleResult } from "../../../../src/rules/types.js";
import { collectLive } from "../../../../src/sources/aws/collect.js";
import { CLOUDFRONT_COLLECTOR } from "../../../../src/sources/aws/collectors/cloudfront.js";
import { DYNAMODB_COLLECTOR } from "../../../../src/sources/aws/collectors/dynamodb.js";
import { EC2_COLLECTOR } from "../../../../src/sources/aws/collectors/ec2.js";
import { ECS_COLLECTOR } from "../../../../src/sources/aws/collectors/ecs.js";
import { ELASTICACHE_COLLECTOR } from "../../../../src/sources/aws/collectors/elasticache.js";
import { RDS_COLLECTOR } from "../../../../src/sources/aws/collectors/rds.js";
import { WAFV2_CLOUDFRONT_COLLECTOR, WAFV2_COLLECTOR } from "../../../../src/sources/aws/collectors/wafv2.js";
import type { EvidenceGap } from "../../../../src/sources/aws/contract.js";
import { tfToResources } from "../../../../src/sources/terraform/aws/index.js";
import { loadStateEvidence } from "../../../../src/sources/terraform/state.js";
import { accountCredentials } from "./support.js";

const execFileP = promisify(execFile);
const ROOT = join(import.meta.dirname, "../../../..");
const FIXTURE = join(ROOT, "test/fixtures/live-equivalence/b/main.tf");
const ACCOUNT = "220000000002";
const REGION = "eu-west-1";
const COLLECTORS_B = [RDS_COLLECTOR, ELASTICACHE_COLLECTOR, DYNAMODB_COLLECTOR, EC2_COLLECTOR, ECS_COLLECTOR, CLOUDFRONT_COLLECTOR, WAFV2_COLLECTOR, WAFV2_CLOUDFRONT_COLLECTOR];
const TYPES_B = new Set(COLLECTORS_B.flatMap((c) => c.types));
const SECRETS = ["FIXTURE-EQ-B-DB-PASSWORD", "FIXTURE-EQ-B-REDIS-TOKEN", "FIXTURE-EQ-B-ENV-TOKEN"];

/**
 * Rule × type pairs whose verdicts may differ between state and live for a reason no collector can fix.
 * Keep docs/live.md ("Known differences") in step.
 */
const INHERENT: ReadonlyArray<{ rule: string; type: string; why: string }> = [];

let moto: ChildProcess | undefined;
let work = "";
let stateResources: Resource[] = [];
let liveResources: Resource[] = [];
let liveGaps: EvidenceGap[] = [];
let liveApi: Record<string, { calls: number; retries: number }> = {};
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
  moto = spawn("python3", [join(ROOT, "test/fixtures/live-equivalence/b/moto_server.py"), "-H", "127.0.0.1", "-p", String(port)], {
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
  const services = ["cloudfront", "cloudwatchlogs", "dynamodb", "ec2", "ecs", "elasticache", "iam", "rds", "sts", "wafv2"];
  const block = (extra: string, region: string) => `provider "aws" {
  ${extra}
  region                      = "${region}"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  assume_role {
    role_arn = "arn:aws:iam::${ACCOUNT}:role/terraform"
  }
  endpoints {
${services.map((s) => `    ${s} = "${url}"`).join("\n")}
  }
}
`;
  return `${block("", REGION)}\n${block('alias = "us_east_1"', "us-east-1")}`;
}

async function terraform(args: string[]): Promise<void> {
  const env: Record<string, string | undefined> = {
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
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  try {
    await execFileP("terraform", args, { cwd: work, env, timeout: 280_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`terraform ${args[0]} failed:\n${(err.stderr ?? "").slice(-3000)}\n${(err.stdout ?? "").slice(-3000)}`);
  }
}

beforeAll(async () => {
  const endpoint = await startMoto();
  work = await mkdtemp(join(tmpdir(), "plumbline-eq-b-"));
  await copyFile(FIXTURE, join(work, "main.tf"));
  await writeFile(join(work, "provider.tf"), providerFile(endpoint));
  await writeFile(
    join(work, "terraformrc"),
    `provider_installation {\n  filesystem_mirror {\n    path    = "${process.env.TF_PLUGIN_MIRROR ?? "/opt/tf-plugins"}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
  );
  await terraform(["init", "-input=false", "-no-color"]);
  await terraform(["apply", "-auto-approve", "-input=false", "-no-color"]);

  stateResources = tfToResources(await loadStateEvidence(join(work, "terraform.tfstate"))).resources.filter((r) => TYPES_B.has(r.type));
  const [evidence] = await collectLive({
    credentials: await accountCredentials(ACCOUNT, endpoint),
    endpoint,
    regions: [REGION],
    homeRegion: "us-east-1",
    collectors: COLLECTORS_B,
    maxAttempts: 2,
  });
  liveResources = evidence.resources;
  liveGaps = evidence.gaps;
  liveApi = evidence.api ?? {};
  rules = await loadRules([join(ROOT, "rules")]);
}, 300_000);

afterAll(async () => {
  moto?.kill("SIGTERM");
  if (work) await rm(work, { recursive: true, force: true });
});

/** "ruleId|key" → result, for resource-scoped rules only (account-scoped ones judge facts neither side here holds). */
function verdicts(results: RuleResult[], key: (r: Resource) => string | undefined): Map<string, RuleResult> {
  const out = new Map<string, RuleResult>();
  for (const r of results) {
    const k = key(r.resource);
    if (k !== undefined) out.set(`${r.rule.id}|${k}`, r);
  }
  return out;
}

describe("state and live give the same verdicts (collectors-B types)", () => {
  it("collects without gaps, valid props, no secret, and matches every state resource to a live one", async () => {
    expect(liveGaps).toEqual([]);
    for (const r of liveResources) expect(validateProps(r.type, r.props), `${r.type} ${r.id}`).toEqual({ valid: true, errors: [] });
    const text = JSON.stringify(liveResources);
    for (const s of SECRETS) expect(text).not.toContain(s);
    // The state really holds them (so the check above means something)... except what Terraform marks sensitive.
    expect(await readFile(join(work, "terraform.tfstate"), "utf8")).toContain("FIXTURE-EQ-B-ENV-TOKEN");
    const m = matchResources(stateResources, liveResources);
    expect(m.onlyA.map((r) => `${r.type} ${r.origin.address}`)).toEqual([]);
    expect(m.matched.length).toBe(stateResources.length);
    expect(stateResources.length).toBeGreaterThanOrEqual(18);
    // Live-only: what Terraform did not create (the default VPC, each VPC's default security group, the
    // engines' default parameter groups, the region's EBS encryption default).
    for (const r of m.onlyB) {
      expect(
        ["AWS::EC2::VPC", "AWS::EC2::SecurityGroup", "AWS::RDS::DBParameterGroup", "AWS::RDS::DBClusterParameterGroup", "AWS::EC2::EBSEncryptionByDefault"],
        `${r.type} ${r.id}`,
      ).toContain(r.type);
    }
  });

  it("every rule gives the same verdict for the same resource on state and on live", () => {
    const m = matchResources(stateResources, liveResources);
    const stateKey = new Map<Resource, string>();
    const liveKey = new Map<Resource, string>();
    m.matched.forEach((p, i) => {
      stateKey.set(p.a, `${p.a.type}#${i}`);
      liveKey.set(p.b, `${p.a.type}#${i}`);
    });
    const onState = verdicts(evaluate(rules, stateResources), (r) => stateKey.get(r));
    const onLive = verdicts(evaluate(rules, liveResources), (r) => liveKey.get(r));

    const differences: string[] = [];
    for (const [k, s] of onState) {
      const l = onLive.get(k);
      const label = `${s.rule.id} on ${s.resource.type} ${s.resource.origin.address}`;
      if (!l) {
        differences.push(`${label}: no live result`);
        continue;
      }
      if (l.verdict === s.verdict) continue;
      if (INHERENT.some((x) => x.rule === s.rule.id && x.type === s.resource.type)) continue;
      differences.push(`${label}: state ${s.verdict} (${s.reason}) but live ${l.verdict} (${l.reason})`);
    }
    for (const k of onLive.keys()) if (!onState.has(k)) differences.push(`${k}: live result without a state result`);
    expect(differences).toEqual([]);

    // Built to give both verdicts: equal verdicts over all-PASS would prove little.
    const counts: Record<string, number> = { PASS: 0, FAIL: 0, UNKNOWN: 0, NOT_APPLICABLE: 0 };
    for (const r of onLive.values()) counts[r.verdict]++;
    expect(counts.PASS).toBeGreaterThan(15);
    expect(counts.FAIL).toBeGreaterThan(15);
  });

  it("gives the verdicts the estate was built to give", () => {
    const live = verdicts(evaluate(rules, liveResources), (r) => `${r.type}:${r.name ?? r.id}`);
    const v = (rule: string, type: string, name: string) => live.get(`${rule}|${type}:${name}`)?.verdict;
    const DB = "AWS::RDS::DBInstance";
    expect(v("rds-storage-encrypted", DB, "eq-db-good")).toBe("PASS");
    expect(v("rds-storage-encrypted", DB, "eq-db-bad")).toBe("FAIL");
    expect(v("rds-not-publicly-accessible", DB, "eq-db-bad")).toBe("FAIL");
    expect(v("rds-backup-retention", DB, "eq-db-good")).toBe("PASS");
    expect(v("rds-backup-retention", DB, "eq-db-bad")).toBe("FAIL");
    expect(v("rds-deletion-protection", DB, "eq-db-good")).toBe("PASS");
    expect(v("rds-multi-az", DB, "eq-db-good")).toBe("PASS");
    // Follows DBParameterGroupName to the group collected live, whose user-set rds.force_ssl is 1.
    expect(v("rds-force-ssl", DB, "eq-db-good")).toBe("PASS");
    expect(v("rds-cluster-encrypted", "AWS::RDS::DBCluster", "eq-aurora")).toBe("PASS");
    expect(v("rds-cluster-deletion-protection", "AWS::RDS::DBCluster", "eq-aurora")).toBe("FAIL");
    const RG = "AWS::ElastiCache::ReplicationGroup";
    for (const rule of ["elasticache-encrypted-at-rest", "elasticache-encrypted-in-transit", "elasticache-automatic-failover", "elasticache-snapshot-retention"]) {
      expect(v(rule, RG, "eq-redis-good"), rule).toBe("PASS");
      expect(v(rule, RG, "eq-redis-bad"), rule).toBe("FAIL");
    }
    const T = "AWS::DynamoDB::Table";
    expect(v("dynamodb-pitr-enabled", T, "eq-tf-locks")).toBe("PASS");
    expect(v("dynamodb-pitr-enabled", T, "eq-plain")).toBe("FAIL");
    expect(v("dynamodb-table-encrypted-kms", T, "eq-plain")).toBe("FAIL");
    expect(v("tf-lock-table-protected", T, "eq-tf-locks")).toBe("PASS");
    expect(v("tf-lock-table-protected", T, "eq-plain")).toBe("NOT_APPLICABLE");
    const SG = "AWS::EC2::SecurityGroup";
    expect(v("sg-no-public-ssh-rdp", SG, "eq-open")).toBe("FAIL");
    expect(v("sg-no-public-ssh-rdp", SG, "eq-app")).toBe("PASS");
    expect(v("sg-no-public-all-ports", SG, "eq-wide")).toBe("FAIL");
    expect(v("sg-no-public-all-ports", SG, "eq-open")).toBe("PASS");
    const vpcs = liveResources.filter((r) => r.type === "AWS::EC2::VPC");
    const vpcVerdict = (name: string) => {
      const vpc = vpcs.find((r) => r.tags.Name === name)!;
      return live.get(`vpc-flow-logs-enabled|AWS::EC2::VPC:${vpc.id}`)?.verdict;
    };
    expect(vpcVerdict("eq-logged")).toBe("PASS");
    expect(vpcVerdict("eq-bare")).toBe("FAIL");
    const TD = "AWS::ECS::TaskDefinition";
    expect(v("ecs-no-privileged-containers", TD, "eq-api")).toBe("PASS");
    expect(v("ecs-no-privileged-containers", TD, "eq-worker")).toBe("FAIL");
    expect(v("ecs-no-secrets-in-environment", TD, "eq-worker")).toBe("FAIL");
    expect(v("ecs-no-secrets-in-environment", TD, "eq-api")).toBe("PASS");
    expect(v("ecs-readonly-root-filesystem", TD, "eq-api")).toBe("PASS");
    expect(v("ecs-task-logging", TD, "eq-worker")).toBe("FAIL");
    expect(v("ecs-service-circuit-breaker", "AWS::ECS::Service", "eq-api")).toBe("FAIL");
    const cf = (comment: string) => liveResources.find((r) => r.type === "AWS::CloudFront::Distribution" && (r.props.DistributionConfig as { Comment?: string }).Comment === comment)!;
    const cv = (rule: string, comment: string) => live.get(`${rule}|AWS::CloudFront::Distribution:${cf(comment).id}`)?.verdict;
    expect(cv("cloudfront-associated-with-waf", "eq good")).toBe("PASS");
    expect(cv("cloudfront-associated-with-waf", "eq bad")).toBe("FAIL");
    expect(cv("cloudfront-access-logging", "eq good")).toBe("PASS");
    expect(cv("cloudfront-access-logging", "eq bad")).toBe("FAIL");
    expect(cv("cloudfront-viewer-https", "eq good")).toBe("PASS");
    expect(cv("cloudfront-viewer-https", "eq bad")).toBe("FAIL");
    // Follows DistributionConfig.WebACLId to the CLOUDFRONT web ACL collected in us-east-1.
    expect(cv("cloudfront-waf-rate-limit", "eq good")).toBe("PASS");
    // The API's IPSetReferenceStatement.ARN read as CloudFormation's Arn, as the rule and Terraform spell it.
    expect(cv("cloudfront-waf-ip-sets", "eq good")).toBe("PASS");
    expect(v("required-tags", "AWS::WAFv2::WebACL", "eq-edge")).toBe("PASS");
    expect(v("required-tags", "AWS::WAFv2::WebACL", "eq-regional")).toBe("FAIL");
    expect(v("waf-logging-enabled", "AWS::WAFv2::WebACL", "eq-edge")).toBe("FAIL");
  });

  it("stays within the API-call budget (bulk describes, no per-resource call where the list carries the fields)", () => {
    const calls = Object.values(liveApi).reduce((n, s) => n + s.calls, 0);
    // Figures for docs/live.md: calls per collected resource for this estate.
    expect(calls / liveResources.length, `${calls} calls for ${liveResources.length} resources: ${JSON.stringify(liveApi)}`).toBeLessThan(Number(process.env.B_CALLS_PER_RESOURCE_MAX ?? 2.5));
    // Instances, clusters, both parameter-group lists, both snapshot lists; per group: parameters + tags.
    const groups = liveResources.filter((r) => r.type === "AWS::RDS::DBParameterGroup" || r.type === "AWS::RDS::DBClusterParameterGroup").length;
    expect(liveApi.rds?.calls).toBe(6 + 2 * groups);
    // Six EC2 operations per region whatever the estate (moto's HTTP 500 for GetEbsDefaultKmsKeyId is retried once).
    const ec2 = liveApi.ec2 as { calls: number; retries: number };
    expect(ec2.calls - ec2.retries).toBe(6);
  });
});
