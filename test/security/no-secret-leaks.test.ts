/**
 * No secret leaks, end to end. Distinct canaries (every one contains "cnry", which nothing else in these
 * runs does) are planted where real estates keep secrets:
 * - Terraform (real Terraform 1.11 applied against moto, account 290000000001): sensitive variables from a
 *   tfvars file (DB password, an API token in a secret_string, a TLS private key), sensitive outputs, an SSM
 *   SecureString, a literal secret_string, an S3 tag, and an ECS task definition whose plain environment holds
 *   API_TOKEN, DATABASE_URL=postgres://app:<canary>@..., an access key pair, a PEM key and a URL password;
 * - the same HCL with its tfvars, a plan with new secret values, and the resulting state;
 * - live resources changed by hand (tags, a SecureString and a secret made in the console, a new task
 *   definition revision with secret environment values);
 * - AWS Config items (served over HTTP by a replay server: moto returns no rows for advanced queries);
 * - malformed inputs holding a canary, run with --debug.
 * audit, drift and gate --readiness run through the CLI with every format, and with probe rules that quote
 * every value they read (a user's rule sees what the sources kept). No canary may appear in any file
 * written, on stdout, on stderr, or in an error message.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PutBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { AddTagsToResourceCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ECSClient, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORMAT_NAMES } from "../../src/report/renderers.js";
import { runCli, type CliRun } from "../cli/run-cli.js";
import { motoEndpoint } from "../support/moto.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { motoAccount } from "../sources/aws/framework/helpers.js";

const exec = promisify(execFile);
const FIXTURE = join(import.meta.dirname, "fixtures/leaks");
const ACCOUNT = "290000000001";
const REGION = "eu-west-1";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/plumbline-leak-audit`;

/**
 * Probe rules: a user's rules that quote each value they read, one value per rule (a rule with several
 * leaves names only its UNKNOWN facts once one is sensitive, which would hide a kept value beside it).
 */
const PROBED: Array<[string, string[]]> = [
  ["AWS::ECS::TaskDefinition", Array.from({ length: 12 }, (_, i) => `ContainerDefinitions[0].Environment[${i}].Value`)],
  ...(["AWS::S3::Bucket", "AWS::SecretsManager::Secret", "AWS::SSM::Parameter"].map((t) => [t, ["$tags.DeployToken", "$tags.SessionSecret", "$tags.ApiToken", "$tags.Owner", "Description"]]) as Array<[string, string[]]>),
];

async function writeProbes(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  let n = 0;
  for (const [type, paths] of PROBED) {
    for (const path of paths) {
      const id = `probe-${++n}`;
      const rule = [
        `id: ${id}`,
        `title: Probe that quotes ${path} of ${type}`,
        "severity: low",
        "area: tagging",
        `resourceTypes: [${type}]`,
        "remediation: None; a probe for the leak test.",
        `condition: { path: "${path}", op: eq, value: probe }`,
        "",
      ].join("\n");
      await writeFile(join(dir, `${id}.yaml`), rule);
    }
  }
}

/** Values that are not secrets and that the probe rules must still show (the probes really quote values). */
const VISIBLE = ["jane-doe", "info", "platform"];

let work = "";
let privateKey = "";
let config: ReplayServer | undefined;
const saved = { ...process.env };

async function terraform(args: string[]): Promise<string> {
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
  delete env.AWS_ENDPOINT_URL;
  try {
    return (await exec("terraform", args, { cwd: join(work, "tf"), env, timeout: 240_000, maxBuffer: 32 * 1024 * 1024 })).stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`terraform ${args[0]} failed:\n${(err.stderr ?? "").slice(-3000)}\n${(err.stdout ?? "").slice(-3000)}`);
  }
}

function providerFile(endpoint: string): string {
  const services = ["s3", "rds", "secretsmanager", "ssm", "ecs", "iam", "sts"];
  return `provider "aws" {
  region                      = "${REGION}"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  assume_role {
    role_arn = "${ROLE}"
  }
  endpoints {
${services.map((s) => `    ${s} = "${endpoint}"`).join("\n")}
  }
}
`;
}

/** The private key's canaries: two slices of its base64 body (the whole PEM never appears if neither does). */
function keyCanaries(): string[] {
  const body = privateKey.split("\n").filter((l) => l && !l.startsWith("-----"));
  return [body[3], body[body.length - 3]];
}

/** Every canary found in `text`: any "cnry" token, the private key, and PEM private key headers. */
function canariesIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[\w/+=-]*cnry[\w/+=.:@-]*/gi)) found.add(m[0].slice(0, 80));
  for (const k of keyCanaries()) if (text.includes(k)) found.add(`private key body ${k.slice(0, 12)}...`);
  if (/PRIVATE KEY-----/.test(text)) found.add("PEM private key header");
  return [...found];
}

async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out.push({ path: p.slice(dir.length + 1), text: await readFile(p, "utf8") });
  }
  return out;
}

interface Leak {
  run: string;
  where: string;
  canaries: string[];
}

/** Runs the CLI and lists every canary in its stdout, stderr and --out files. */
async function leaksOf(label: string, args: string[], outDir?: string): Promise<{ run: CliRun; leaks: Leak[]; files: { path: string; text: string }[] }> {
  const run = await runCli(args);
  const files = outDir ? await filesUnder(outDir) : [];
  const leaks: Leak[] = [];
  const check = (where: string, text: string) => {
    const c = canariesIn(text);
    if (c.length) leaks.push({ run: label, where, canaries: c });
  };
  check("stdout", run.stdout);
  check("stderr", run.stderr);
  for (const f of files) check(f.path, f.text);
  return { run, leaks, files };
}

/** A Config item in the BatchGetResourceConfig spelling (configuration and supplementary values as JSON text). */
function configItem(type: string, id: string, name: string, arn: string, configuration: unknown, supplementary: Record<string, unknown> = {}) {
  return {
    version: "1.3",
    accountId: ACCOUNT,
    configurationItemCaptureTime: 1763629965.288,
    configurationItemStatus: "OK",
    configurationStateId: "1763629965288",
    arn,
    resourceType: type,
    resourceId: id,
    resourceName: name,
    awsRegion: REGION,
    availabilityZone: "Regional",
    resourceCreationTime: 1759769170,
    configuration: JSON.stringify(configuration),
    supplementaryConfiguration: Object.fromEntries(Object.entries(supplementary).map(([k, v]) => [k, JSON.stringify(v)])),
  };
}

const CONFIG_ITEMS = [
  configItem("AWS::S3::Bucket", "leak-config-bucket", "leak-config-bucket", "arn:aws:s3:::leak-config-bucket", { name: "leak-config-bucket", owner: { id: "abc" }, creationDate: "2025-10-06T16:46:10.000Z" }, {
    BucketTaggingConfiguration: { tagSets: [{ tags: { DeployToken: "cnry-config-tag-5401", Owner: "platform" } }] },
    BucketVersioningConfiguration: { status: "Enabled", isMfaDeleteEnabled: null },
  }),
  configItem(
    "AWS::SecretsManager::Secret",
    `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:leak-config-AbCdEf`,
    "leak-config",
    `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:leak-config-AbCdEf`,
    {
      Name: "leak-config",
      Description: "reach the API at https://ops:cnry-config-desc-5403@api.internal/v1",
      Tags: [{ Key: "ApiToken", Value: "cnry-config-tag-5402" }, { Key: "Owner", Value: "platform" }],
    },
  ),
];

function configService(req: { action?: string; json?: any }) {
  const b = req.json ?? {};
  if (req.action === "SelectResourceConfig") {
    const rows = CONFIG_ITEMS.map((i) => JSON.stringify({ resourceId: i.resourceId, resourceType: i.resourceType, resourceName: i.resourceName, accountId: i.accountId, awsRegion: i.awsRegion }));
    return { body: { Results: rows, QueryInfo: { SelectFields: [{ Name: "resourceId" }] } } };
  }
  if (req.action === "BatchGetResourceConfig") {
    const items = b.resourceKeys.map((k: any) => CONFIG_ITEMS.find((i) => i.resourceType === k.resourceType && i.resourceId === k.resourceId)).filter(Boolean);
    return { body: { baseConfigurationItems: items, unprocessedResourceKeys: [] } };
  }
  return undefined;
}

beforeAll(async () => {
  const endpoint = motoEndpoint();
  work = await mkdtemp(join(tmpdir(), "plumbline-leaks-"));
  const tf = join(work, "tf");
  await mkdir(tf);
  await copyFile(join(FIXTURE, "main.tf"), join(tf, "main.tf"));
  await writeFile(join(tf, "provider.tf"), providerFile(endpoint));
  await writeFile(
    join(work, "terraformrc"),
    `provider_installation {\n  filesystem_mirror {\n    path    = "${process.env.TF_PLUGIN_MIRROR ?? "/opt/tf-plugins"}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
  );
  // A real key and certificate, as a team would keep them in a tfvars file.
  await exec("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(work, "key.pem"), "-out", join(work, "cert.pem"), "-days", "2", "-subj", "/CN=leak-test.internal"]);
  privateKey = await readFile(join(work, "key.pem"), "utf8");
  const cert = await readFile(join(work, "cert.pem"), "utf8");
  await writeFile(
    join(tf, "secrets.tfvars"),
    [
      'db_password     = "cnry-db-password-5101"',
      'api_token       = "cnry-api-token-5102"',
      'ecs_api_token   = "cnry-ecs-api-token-5103"',
      'ssm_token       = "cnry-ssm-securestring-5105"',
      `tls_private_key = <<-EOT\n${privateKey.trimEnd()}\nEOT`,
      `tls_certificate = <<-EOT\n${cert.trimEnd()}\nEOT`,
      "",
    ].join("\n"),
  );
  await terraform(["init", "-input=false", "-no-color"]);
  await terraform(["apply", "-auto-approve", "-input=false", "-no-color", "-var-file=secrets.tfvars"]);
  // A plan that rotates three secrets: its before/after values and its variables hold new canaries.
  await terraform([
    "plan", "-refresh=false", "-input=false", "-no-color", "-var-file=secrets.tfvars", "-out=tfplan",
    "-var", "db_password=cnry-plan-db-password-5201", "-var", "ecs_api_token=cnry-plan-ecs-token-5202", "-var", "ssm_token=cnry-plan-ssm-5203",
  ]);
  await writeFile(join(work, "plan.json"), await terraform(["show", "-json", "tfplan"]));

  // Changes made by hand in the console: they exist only live.
  const acct = await motoAccount(ACCOUNT, REGION);
  const s3 = new S3Client(acct);
  await s3.send(
    new PutBucketTaggingCommand({
      Bucket: "leak-test-data",
      Tagging: { TagSet: [{ Key: "Owner", Value: "platform" }, { Key: "DeployToken", Value: "cnry-live-tag-5301" }, { Key: "SessionSecret", Value: "cnry-live-tag-5302" }] },
    }),
  );
  const ssm = new SSMClient(acct);
  await ssm.send(new PutParameterCommand({ Name: "/leak-test/handmade", Type: "SecureString", Value: "cnry-live-ssm-5303", Description: "postgres://u:cnry-live-desc-5307@h/db" }));
  await ssm.send(new AddTagsToResourceCommand({ ResourceType: "Parameter", ResourceId: "/leak-test/handmade", Tags: [{ Key: "ApiToken", Value: "cnry-live-tag-5310" }] }));
  const sm = new SecretsManagerClient(acct);
  await sm.send(
    new CreateSecretCommand({
      Name: "leak-test-handmade",
      SecretString: "cnry-live-secret-5304",
      Description: "https://svc:cnry-live-secret-desc-5308@x.internal",
      Tags: [{ Key: "ApiToken", Value: "cnry-live-tag-5309" }],
    }),
  );
  const ecs = new ECSClient(acct);
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "leak-test-app",
      containerDefinitions: [
        {
          name: "app",
          image: "public.ecr.aws/nginx/nginx:1.27",
          essential: true,
          memory: 256,
          environment: [
            { name: "API_TOKEN", value: "cnry-live-ecs-5305" },
            { name: "AUTH", value: "cnry-live-ecs-auth-5306" },
            { name: "AUTHOR", value: "jane-doe" },
            { name: "LOG_LEVEL", value: "info" },
          ],
        },
      ],
    }),
  );
  for (const c of [s3, ssm, sm, ecs]) c.destroy();

  config = await startReplayServer(configService);
  await writeProbes(join(work, "probes"));
  await writeFile(join(work, "policy.yaml"), "name: leak-test\nrules:\n  include: { all: true }\n");
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: REGION, AWS_ENDPOINT_URL: endpoint });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
}, 420_000);

afterAll(async () => {
  process.env = saved;
  await config?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const tfArgs = () => ["--hcl", join(work, "tf"), "--var-file", join(work, "tf/secrets.tfvars"), "--var", "db_password=cnry-cli-var-5112", "--state", join(work, "tf/terraform.tfstate"), "--plan", join(work, "plan.json")];
const awsArgs = ["--aws", "--assume-role", ROLE, "--regions", REGION, "--quiet"];
const common = () => ["--policy", join(work, "policy.yaml"), "--rules", join(work, "probes")];

describe("no secret leaks (canaries in Terraform, live AWS and AWS Config)", () => {
  it("the inputs really hold the canaries", async () => {
    const state = await readFile(join(work, "tf/terraform.tfstate"), "utf8");
    for (const c of ["cnry-hcl-expr-5111", "cnry-db-password-5101", "cnry-api-token-5102", "cnry-ecs-api-token-5103", "cnry-secret-string-literal-5104", "cnry-ssm-securestring-5105", "cnry-dsn-password-5107", "cnryPemBody5109", "cnry-url-password-5110"]) {
      expect(state, c).toContain(c);
    }
    expect(state).toContain(keyCanaries()[0].slice(0, 20));
    const plan = await readFile(join(work, "plan.json"), "utf8");
    for (const c of ["cnry-plan-db-password-5201", "cnry-plan-ecs-token-5202", "cnry-plan-ssm-5203"]) expect(plan, c).toContain(c);
  });

  it("audit of HCL + tfvars, plan, state and live AWS: every format, stdout and stderr", async () => {
    const out = join(work, "audit");
    const { run, leaks, files } = await leaksOf("audit", ["audit", ...tfArgs(), ...awsArgs, ...common(), "--format", FORMAT_NAMES.join(","), "--out", out], out);
    expect(run.code, run.stderr).toBe(0);
    expect(files.map((f) => f.path).length).toBe(FORMAT_NAMES.length);
    const report = JSON.parse(files.find((f) => f.path === "report.json")!.text);
    // Every source was read, and the probes quoted real values (so a kept secret would have shown).
    expect(report.evidence.map((e: any) => e.source).sort()).toEqual(["aws", "hcl", "tf-plan", "tf-state"]);
    const probes = report.results.filter((r: any) => r.ruleId.startsWith("probe-"));
    expect(new Set(probes.map((r: any) => r.resource.source))).toEqual(new Set(["aws", "hcl", "tf-plan", "tf-state"]));
    const reasons = probes.map((r: any) => r.reason).join("\n");
    for (const v of VISIBLE) expect(reasons).toContain(`"${v}"`);
    // Names are kept: the rule about secrets in plain environment variables still fails on every source.
    const ecs = report.results.filter((r: any) => r.ruleId === "ecs-no-secrets-in-environment" && (r.resource.address === "aws_ecs_task_definition.app" || r.resource.source === "aws"));
    expect(ecs.map((r: any) => `${r.resource.source} ${r.status}`).sort()).toEqual(["aws FAIL", "aws FAIL", "hcl FAIL", "tf-plan FAIL", "tf-state FAIL"]);
    expect(leaks).toEqual([]);
  });

  it("each format printed to stdout", async () => {
    const all: Leak[] = [];
    for (const f of FORMAT_NAMES) {
      const { run, leaks } = await leaksOf(`audit --format ${f}`, ["audit", ...tfArgs(), ...common(), "--format", f]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(100);
      all.push(...leaks);
    }
    expect(all).toEqual([]);
  });

  it("drift of state and plan against live AWS: every format", async () => {
    const out = join(work, "drift");
    const { run, leaks, files } = await leaksOf(
      "drift",
      ["drift", "--state", join(work, "tf/terraform.tfstate"), "--plan", join(work, "plan.json"), ...awsArgs, ...common(), "--no-attribution", "--format", FORMAT_NAMES.join(","), "--out", out],
      out,
    );
    expect([0, 1, 3], run.stderr).toContain(run.code);
    const report = JSON.parse(files.find((f) => f.path === "report.json")!.text);
    // The hand-made tag changes were compared (so a kept value would have been printed).
    const bucket = report.drift.items.find((i: any) => i.address === "aws_s3_bucket.data");
    expect(bucket?.kind).toBe("changed");
    expect(leaks).toEqual([]);
  });

  it("gate --readiness: the archived artifact and the printed decision", async () => {
    const out = join(work, "gate");
    const { run, leaks, files } = await leaksOf("gate --readiness", ["gate", ...tfArgs(), ...awsArgs, ...common(), "--readiness", "--format", FORMAT_NAMES.join(","), "--out", out], out);
    expect([0, 1, 3], run.stderr).toContain(run.code);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(["readiness.json", "readiness.html", "report.json", "SHA256SUMS"]));
    expect(leaks).toEqual([]);
  });

  it("audit --config: configuration items from AWS Config", async () => {
    const out = join(work, "config");
    process.env.AWS_ENDPOINT_URL = config!.endpoint;
    try {
      const { run, leaks, files } = await leaksOf("audit --config", ["audit", "--config", ...common(), "--format", FORMAT_NAMES.join(","), "--out", out], out);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(files.find((f) => f.path === "report.json")!.text);
      const probes = report.results.filter((r: any) => r.ruleId.startsWith("probe-") && r.resource.source === "aws-config");
      expect(probes.length).toBeGreaterThanOrEqual(2);
      expect(probes.map((r: any) => r.reason).join("\n")).toContain('"platform"');
      expect(leaks).toEqual([]);
    } finally {
      process.env.AWS_ENDPOINT_URL = motoEndpoint();
    }
  });

  it("error paths with --debug: malformed inputs holding a canary", async () => {
    const bad = join(work, "bad");
    await mkdir(join(bad, "hcl"), { recursive: true });
    await mkdir(join(bad, "tfvars"), { recursive: true });
    await writeFile(join(bad, "bad.tfstate"), '{"version":4,"resources":[{"type":"aws_db_instance","instances":[{"attributes":{"password":"cnry-bad-state-5501" oops}}]}]}');
    await writeFile(join(bad, "bad-plan.json"), '{"format_version":"1.2","variables":{"db_password":{"value":"cnry-bad-plan-5504"}}, "resource_changes": [cnry-bad-plan-5504]}');
    await writeFile(join(bad, "hcl/main.tf"), 'resource "aws_db_instance" "db" {\n  password = "cnry-bad-hcl-5503" "cnry-bad-hcl-5503b"\n}\n');
    await writeFile(join(bad, "tfvars/main.tf"), 'variable "db_password" {\n  type = number\n  sensitive = true\n}\nvariable "token" {}\n');
    await writeFile(join(bad, "tfvars/bad.tfvars"), 'db_password = "cnry-bad-tfvars-5502"\ntoken = cnry-bad-tfvars-5506 +\n');
    await writeFile(join(bad, "tfvars/type.tfvars"), 'db_password = "cnry-bad-type-5507"\ntoken = "x"\n');
    await mkdir(join(bad, "eval"), { recursive: true });
    await writeFile(
      join(bad, "eval/main.tf"),
      'variable "token" {\n  type = string\n}\nresource "aws_ssm_parameter" "p" {\n  name        = "/x"\n  type        = "String"\n  value       = "v"\n  description = tonumber(var.token)\n}\n',
    );
    const cases: Array<[string, string[]]> = [
      ["malformed state", ["audit", "--state", join(bad, "bad.tfstate")]],
      ["malformed plan", ["audit", "--plan", join(bad, "bad-plan.json")]],
      ["malformed HCL", ["audit", "--hcl", join(bad, "hcl")]],
      ["malformed tfvars", ["audit", "--hcl", join(bad, "tfvars"), "--var-file", join(bad, "tfvars/bad.tfvars")]],
      ["sensitive variable of the wrong type", ["audit", "--hcl", join(bad, "tfvars"), "--var-file", join(bad, "tfvars/type.tfvars")]],
      ["--var of the wrong type", ["audit", "--hcl", join(bad, "tfvars"), "--var", "db_password=cnry-bad-var-5505", "--var", "token=x"]],
      // Terraform only warns about an undeclared variable: this run may succeed, and must not leak either.
      ["--var not declared", ["audit", "--hcl", join(bad, "tfvars"), "--var", "api_key=cnry-bad-var-5508", "--var", "token=x", "--var", "db_password=1"]],
      ["malformed --var", ["audit", "--hcl", join(bad, "tfvars"), "--var", "cnry-bad-var-5509"]],
      // Not an input error: the failed function call makes the description unknown, with a reason a probe quotes.
      ["HCL evaluation error", ["audit", "--hcl", join(bad, "eval"), "--var", "token=cnry-bad-eval-5510", ...common()]],
      ["drift on a malformed state", ["drift", "--state", join(bad, "bad.tfstate"), ...awsArgs]],
      ["gate on a malformed plan", ["gate", "--plan", join(bad, "bad-plan.json"), "--readiness", "--out", join(bad, "gate-out")]],
    ];
    const all: Leak[] = [];
    for (const [label, args] of cases) {
      const { run, leaks } = await leaksOf(label, ["--debug", ...args]);
      // Each malformed input is refused as bad input (exit 2, one line on stderr).
      if (label.startsWith("malformed")) {
        expect(run.code, `${label}: ${run.stderr}`).toBe(2);
        expect(run.stderr.length, label).toBeGreaterThan(0);
      }
      all.push(...leaks);
    }
    expect(all).toEqual([]);
  });
});
