/**
 * Drift end to end: test/fixtures/drift/main.tf is applied with real Terraform against the suite's moto
 * server in this file's own account (230000000001, reached by STS AssumeRole), then changed out of band
 * through the SDK: bucket encryption and versioning turned off, SSH opened to the world, a tag changed,
 * a bucket deleted, a bucket created by hand. `plumbline drift` (runDrift, live via collectLive) must
 * report exactly those items, flagged and ordered; CloudTrail attribution comes from a replay server
 * (moto has no LookupEvents), whose recorded requests are asserted too.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateBucketCommand, DeleteBucketCommand, DeleteBucketEncryptionCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDrift } from "../../src/drift/run.js";
import type { DriftItem } from "../../src/drift/types.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import type { AuditReport } from "../../src/report/model.js";
import { SCHEMAS_DIR } from "../../src/paths.js";
import { motoClientConfig, motoEndpoint } from "../support/moto.js";
import { awsJsonError, startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { main } from "../../src/cli/main.js";
import { runAudit } from "../../src/audit.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");
const ACCOUNT = "230000000001";
const REGION = "eu-west-1";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/plumbline-drift`;

let work = "";
let creds: AwsCredentialIdentity;
let sgId = "";
let replay: ReplayServer;
let report: AuditReport;

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
  try {
    await run("terraform", args, { cwd: work, env, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`terraform ${args[0]} failed:\n${(err.stderr ?? "").slice(-3000)}\n${(err.stdout ?? "").slice(-3000)}`);
  }
}

function providerFile(endpoint: string): string {
  const services = ["ec2", "kms", "s3", "sts", "iam"];
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

/** A LookupEvents event in the wire format: CloudTrailEvent is a JSON string. */
function ctEvent(name: string, resource: string, readOnly: boolean, time: number, who: { arn: string; type: string }, ip: string) {
  const detail = {
    eventVersion: "1.09",
    userIdentity: { type: who.type, arn: who.arn, accountId: ACCOUNT, principalId: "AROAEXAMPLE:alice" },
    eventTime: new Date(time * 1000).toISOString(),
    eventSource: name.startsWith("Authorize") ? "ec2.amazonaws.com" : "s3.amazonaws.com",
    eventName: name,
    awsRegion: REGION,
    sourceIPAddress: ip,
    readOnly,
    eventType: "AwsApiCall",
    recipientAccountId: ACCOUNT,
  };
  return {
    EventId: `ev-${name}-${time}`,
    EventName: name,
    ReadOnly: String(readOnly),
    EventTime: time,
    EventSource: detail.eventSource,
    Username: "alice",
    Resources: [{ ResourceType: "AWS::S3::Bucket", ResourceName: resource }],
    CloudTrailEvent: JSON.stringify(detail),
  };
}

const ALICE = { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`, type: "AssumedRole" };
const BOB = { arn: `arn:aws:iam::${ACCOUNT}:user/bob`, type: "IAMUser" };

beforeAll(async () => {
  const endpoint = motoEndpoint();
  work = await mkdtemp(join(tmpdir(), "plumbline-drift-"));
  await copyFile(join(ROOT, "test/fixtures/drift/main.tf"), join(work, "main.tf"));
  await writeFile(join(work, "provider.tf"), providerFile(endpoint));
  await writeFile(
    join(work, "terraformrc"),
    `provider_installation {\n  filesystem_mirror {\n    path    = "${process.env.TF_PLUGIN_MIRROR ?? "/opt/tf-plugins"}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
  );
  await terraform(["init", "-input=false", "-no-color"]);
  await terraform(["apply", "-auto-approve", "-input=false", "-no-color"]);

  // Out-of-band changes, as someone with console access would make them.
  const sts = new STSClient({ ...motoClientConfig(), region: REGION });
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "drift-test" }))).Credentials!;
  sts.destroy();
  creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
  const cfg = { ...motoClientConfig(), region: REGION, credentials: creds };
  const s3 = new S3Client(cfg);
  const ec2 = new EC2Client(cfg);
  await s3.send(new DeleteBucketEncryptionCommand({ Bucket: "plumbline-drift-data" }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: "plumbline-drift-data", VersioningConfiguration: { Status: "Suspended" } }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: "plumbline-drift-assets", Tagging: { TagSet: [{ Key: "Owner", Value: "mobile" }, { Key: "Environment", Value: "test" }] } }));
  await s3.send(new DeleteBucketCommand({ Bucket: "plumbline-drift-scratch" }));
  await s3.send(new CreateBucketCommand({ Bucket: "plumbline-drift-handmade", CreateBucketConfiguration: { LocationConstraint: REGION } }));
  const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: ["drift-web"] }] }));
  sgId = groups.SecurityGroups![0].GroupId!;
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({ GroupId: sgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }),
  );
  s3.destroy();
  ec2.destroy();
  // A plan made now (without refresh: the planned values are Terraform's intent) is desired state too.
  await terraform(["plan", "-refresh=false", "-input=false", "-no-color", "-out=tfplan"]);
  const shown = await run("terraform", ["show", "-json", "tfplan"], { cwd: work, env: { ...process.env, TF_DATA_DIR: join(work, ".terraform"), TF_CLI_CONFIG_FILE: join(work, "terraformrc") }, maxBuffer: 16 * 1024 * 1024 });
  await writeFile(join(work, "plan.json"), shown.stdout);

  // Recorded CloudTrail history for the changed resources; nothing for the rest.
  const history: Record<string, unknown[]> = {
    "plumbline-drift-data": [
      ctEvent("GetBucketEncryption", "plumbline-drift-data", true, 1764100900, ALICE, "203.0.113.7"),
      ctEvent("PutBucketVersioning", "plumbline-drift-data", false, 1764100800, ALICE, "203.0.113.7"),
      ctEvent("DeleteBucketEncryption", "plumbline-drift-data", false, 1764100700, ALICE, "203.0.113.7"),
    ],
    [sgId]: [ctEvent("AuthorizeSecurityGroupIngress", sgId, false, 1764100600, BOB, "198.51.100.23")],
    "plumbline-drift-handmade": [ctEvent("CreateBucket", "plumbline-drift-handmade", false, 1764100500, BOB, "198.51.100.23")],
  };
  replay = await startReplayServer((req) => {
    if (req.action !== "LookupEvents") return undefined;
    const name = req.json?.LookupAttributes?.[0]?.AttributeValue as string;
    return { body: { Events: history[name] ?? [] } };
  });

  report = await runDrift({
    states: [join(work, "terraform.tfstate")],
    plans: [],
    live: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, endpoint, assumeRoles: [ROLE], regions: [REGION], homeRegion: REGION, maxAttempts: 2, quiet: true },
    failOn: "any",
    attribution: { endpoint: replay.endpoint, minIntervalMs: 20 },
    now: new Date("2026-11-26T00:00:00Z"),
  });
}, 300_000);

afterAll(async () => {
  await replay?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const summary = (i: DriftItem) => `${i.kind} ${i.address ?? i.id}${i.security ? " security" : ""}${i.tagOnly ? " tag-only" : ""}`;

describe("plumbline drift against moto", () => {
  it("finds exactly the out-of-band changes, security drift first and tag-only drift last", () => {
    const d = report.drift!;
    // Security drift by the severity of the rule broken: SSH to the world (high) before the bucket (medium).
    expect(d.items.map(summary)).toEqual([
      "changed aws_security_group.web security",
      "changed aws_s3_bucket.data security",
      "unmanaged plumbline-drift-handmade",
      "missing aws_s3_bucket.scratch",
      "changed aws_s3_bucket.assets tag-only",
    ]);
    expect(d.counts).toEqual({ changed: 3, security: 2, missing: 1, unmanaged: 1, tagOnly: 1, total: 5, notCompared: 0, unknownLive: 2 });
    expect(d.notCompared).toEqual([]);
    // The live EC2 collector does not read the VPC's DNS attributes (one call per VPC): listed, never "no drift".
    expect(d.partlyCompared).toEqual([
      {
        type: "AWS::EC2::VPC",
        id: expect.stringMatching(/^vpc-/),
        address: "aws_vpc.main",
        notCompared: [
          { path: "EnableDnsHostnames", reason: expect.stringContaining("not read by the live collector"), side: "actual" },
          { path: "EnableDnsSupport", reason: expect.stringContaining("not read by the live collector"), side: "actual" },
        ],
      },
    ]);
    expect(d.decision).toMatchObject({ exitCode: 1, decision: "drift", failOn: "any" });
  });

  it("names the attributes with desired and actual values and the rules that turned", () => {
    const [sg, data, , , assets] = report.drift!.items;
    expect(data.rules).toEqual(["s3-bucket-versioning", "s3-bucket-sse-kms-cmk"]);
    expect(data.severity).toBe("medium");
    expect(sg.severity).toBe("high");
    expect(data.changes!.map((c) => c.path)).toEqual(["BucketEncryption.ServerSideEncryptionConfiguration", "VersioningConfiguration.Status"]);
    expect(data.changes![1]).toMatchObject({ desired: "Enabled", actual: "Suspended" });
    expect(data.changes![0].added).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }]);
    expect(sg.id).toBe(sgId);
    expect(sg.rules).toEqual(["sg-no-public-ssh-rdp"]);
    expect(sg.changes).toEqual([
      expect.objectContaining({ path: "SecurityGroupIngress", added: [{ CidrIp: "0.0.0.0/0", FromPort: 22, IpProtocol: "tcp", ToPort: 22 }] }),
    ]);
    expect(sg.changes![0].removed).toBeUndefined();
    expect(report.drift!.items[2].failingRules).toEqual(expect.arrayContaining(["s3-bucket-versioning", "s3-bucket-sse-kms-cmk", "required-tags"]));
    expect(assets.changes).toEqual([{ path: "Tags.Owner", desired: "web", actual: "mobile", text: "Tags.Owner: web → mobile" }]);
  });

  it("attributes changes to the newest write events from CloudTrail, skipping reads", () => {
    const [sg, data, handmade, scratch, assets] = report.drift!.items;
    expect(data.attribution).toEqual({
      status: "found",
      events: [
        { eventName: "PutBucketVersioning", eventTime: "2025-11-25T20:00:00.000Z", eventSource: "s3.amazonaws.com", who: ALICE.arn, identityType: "AssumedRole", sourceIPAddress: "203.0.113.7" },
        { eventName: "DeleteBucketEncryption", eventTime: "2025-11-25T19:58:20.000Z", eventSource: "s3.amazonaws.com", who: ALICE.arn, identityType: "AssumedRole", sourceIPAddress: "203.0.113.7" },
      ],
    });
    expect(sg.attribution).toMatchObject({ status: "found", events: [{ eventName: "AuthorizeSecurityGroupIngress", who: BOB.arn, sourceIPAddress: "198.51.100.23" }] });
    expect(handmade.attribution).toMatchObject({ status: "found", events: [{ eventName: "CreateBucket", who: BOB.arn }] });
    expect(scratch.attribution).toEqual({ status: "none", reason: "no write events found in CloudTrail's 90-day event history" });
    expect(assets.attribution?.status).toBe("none");
    // Wire requests: one ResourceName lookup per name, signed for the drift account's region.
    const asked = replay.requests.map((r) => r.json.LookupAttributes[0]);
    expect(asked).toContainEqual({ AttributeKey: "ResourceName", AttributeValue: "plumbline-drift-data" });
    expect(asked).toContainEqual({ AttributeKey: "ResourceName", AttributeValue: sgId });
    expect(replay.requests.every((r) => r.target === "CloudTrail_20131101.LookupEvents")).toBe(true);
    expect(replay.requests.every((r) => String(r.headers.authorization).includes(`/${REGION}/cloudtrail/`))).toBe(true);
    expect(report.drift!.attribution).toMatchObject({ lookups: replay.requests.length, capped: false });
  });

  it("the report validates against schemas/report.schema.json and renders the drift section in Markdown", async () => {
    const schema = JSON.parse(await readFile(join(SCHEMAS_DIR, "report.schema.json"), "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const json = JSON.parse(JSON.stringify(report));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const md = renderMarkdown(report);
    expect(md).toContain("### Drift");
    expect(md).toContain("aws\\_s3\\_bucket.data");
    expect(md).toContain("s3-bucket-sse-kms-cmk");
    expect(md).toContain("PutBucketVersioning");
  });
});

describe("plumbline drift --plan", () => {
  it("a plan's planned values are the desired side; with the state too, each resource is compared once", async () => {
    const live = { credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, endpoint: motoEndpoint(), assumeRoles: [ROLE], regions: [REGION], homeRegion: REGION, maxAttempts: 2, quiet: true };
    const fromPlan = await runDrift({ states: [], plans: [join(work, "plan.json")], live, failOn: "any", attribution: false });
    expect(fromPlan.drift!.items.map(summary)).toEqual(report.drift!.items.map(summary));
    const both = await runDrift({ states: [join(work, "terraform.tfstate")], plans: [join(work, "plan.json")], live, failOn: "security", attribution: false });
    expect(both.drift!.items.map(summary)).toEqual(report.drift!.items.map(summary));
    expect(both.drift!.decision).toMatchObject({ exitCode: 1, failOn: "security" });
  }, 60_000);

  it("types not collected live are 'not compared', never missing: exit 3 when nothing else blocks", async () => {
    const live = { credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, endpoint: motoEndpoint(), assumeRoles: [ROLE], regions: [REGION], homeRegion: REGION, maxAttempts: 2, quiet: true, types: ["AWS::KMS::Key"] };
    const r = await runDrift({ states: [join(work, "terraform.tfstate")], plans: [], live, failOn: "any", attribution: false });
    const d = r.drift!;
    expect(d.items).toEqual([]);
    expect(d.notCompared.map((n) => `${n.type} ${n.account ?? "?"} ${n.region ?? "?"} ${n.resources}`).sort()).toEqual([
      `AWS::EC2::SecurityGroup ${ACCOUNT} ${REGION} 1`,
      `AWS::EC2::VPC ${ACCOUNT} ${REGION} 1`,
      `AWS::S3::Bucket ${ACCOUNT} ${REGION} 3`,
    ]);
    expect(d.notCompared.every((n) => /was not collected live/.test(n.reason))).toBe(true);
    expect(d.decision).toMatchObject({ exitCode: 3, decision: "incomplete" });
  }, 60_000);
});

describe("audit --state --aws links one resource's verdicts across sources", () => {
  it("gives the state and live records of a bucket one link, and shows where their verdicts differ", async () => {
    const audit = await runAudit({
      hcl: [],
      plans: [],
      states: [join(work, "terraform.tfstate")],
      aws: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, endpoint: motoEndpoint(), assumeRoles: [ROLE], regions: [REGION], homeRegion: REGION, maxAttempts: 2, quiet: true },
      now: new Date("2026-11-26T00:00:00Z"),
    });
    const versioning = audit.results.filter((r) => r.ruleId === "s3-bucket-versioning" && r.resource.link === "arn:aws:s3:::plumbline-drift-data");
    expect(versioning.map((r) => `${r.resource.source} ${r.status}`).sort()).toEqual(["aws FAIL", "tf-state PASS"]);
    const ssh = audit.results.filter((r) => r.ruleId === "sg-no-public-ssh-rdp" && r.resource.id === sgId);
    expect(ssh.map((r) => `${r.resource.source} ${r.status}`).sort()).toEqual(["aws FAIL", "tf-state PASS"]);
    expect(new Set(ssh.map((r) => r.resource.link)).size).toBe(1);
    // Every result of the audit carries a link; the handmade bucket's links only to itself.
    expect(audit.results.filter((r) => r.resource.type !== "AWS::::Account").every((r) => typeof r.resource.link === "string")).toBe(true);
    const md = renderMarkdown(audit);
    expect(md).toContain("### Verdicts by source");
    expect(md).toContain("| aws\\_s3\\_bucket.data | `s3-bucket-versioning` | – | – | PASS | FAIL | – |");
    expect(md).toContain("| aws\\_security\\_group.web | `sg-no-public-ssh-rdp` | – | – | PASS | FAIL | – |");
  }, 60_000);
});

describe("plumbline drift CLI", () => {
  it("exits 1 on drift, writes the report, and 2 on bad input", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const prev = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_ENDPOINT_URL: motoEndpoint(), AWS_REGION: REGION });
    delete process.env.AWS_PROFILE;
    try {
      const dir = join(work, "cli-out");
      const code = await main(
        ["node", "plumbline", "drift", "--state", join(work, "terraform.tfstate"), "--aws", "--assume-role", ROLE, "--regions", REGION, "--no-attribution", "--format", "json,md", "--out", dir],
        { stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: false },
      );
      expect(err.join("")).toBe("");
      expect(code).toBe(1);
      const written = JSON.parse(await readFile(join(dir, "report.json"), "utf8")) as AuditReport;
      expect(written.drift!.items.map(summary)).toEqual(report.drift!.items.map(summary));
      expect(written.drift!.attribution.notes).toEqual(["attribution not requested"]);
      expect(out.join("")).toContain("drift: 5 item(s): 2 security");
      expect(await main(["node", "plumbline", "drift", "--state", join(work, "terraform.tfstate")], { stdout: () => {}, stderr: (s) => err.push(s), isTTY: false })).toBe(2);
      expect(err.join("")).toContain("add --aws");
      expect(await main(["node", "plumbline", "drift", "--state", "x", "--aws", "--fail-on", "some"], { stdout: () => {}, stderr: () => {}, isTTY: false })).toBe(2);
    } finally {
      for (const k of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL", "AWS_REGION"]) {
        if (prev[k] === undefined) delete process.env[k];
        else process.env[k] = prev[k];
      }
    }
  }, 120_000);
});

describe("attribution failures", () => {
  it("AccessDenied gives 'attribution unavailable' for every item there, after one call", async () => {
    const denied = await startReplayServer(() => awsJsonError("AccessDeniedException", "User: arn:aws:sts::230000000001:assumed-role/ReadOnly/x is not authorized to perform: cloudtrail:LookupEvents"));
    try {
      const { attributeItems } = await import("../../src/drift/attribution.js");
      const { CloudTrailClient } = await import("@aws-sdk/client-cloudtrail");
      const items: DriftItem[] = report.drift!.items.map((i) => ({ ...i, attribution: undefined }));
      const client = new CloudTrailClient({ endpoint: denied.endpoint, region: REGION, credentials: creds, maxAttempts: 1 });
      const stats = await attributeItems(items, { client: () => client, minIntervalMs: 0 });
      client.destroy();
      expect(denied.requests).toHaveLength(1);
      expect(stats.lookups).toBe(1);
      for (const i of items) {
        expect(i.attribution?.status).toBe("unavailable");
        expect((i.attribution as { reason: string }).reason).toMatch(/^AccessDeniedException: .*cloudtrail:LookupEvents/);
      }
    } finally {
      await denied.close();
    }
  });
});
