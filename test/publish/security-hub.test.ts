/**
 * --to-security-hub: ASFF findings sent with BatchImportFindings, against moto (imports, then GetFindings
 * reads them back, in this helper's own moto account) and the replay server (exact requests: batches of
 * 100, one per region, FailedFindings turned into a failed run).
 */
import { GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from "@aws-sdk/client-securityhub";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { sendFindings } from "../../src/publish/security-hub.js";
import { buildAsff } from "../../src/report/render/asff.js";
import { runCli } from "../cli/run-cli.js";
import { formatsReport } from "../report/formats-fixture.js";
import { motoEndpoint } from "../support/moto.js";
import { awsJsonError, startReplayServer, type ReplayServer } from "../support/replay-server.js";

/** This helper's moto accounts: 250000000000–259999999999. */
const ACCOUNT = "250000000101";
const APP = join(PACKAGE_ROOT, "test/fixtures/cli/app");
const STRICT = join(PACKAGE_ROOT, "test/fixtures/cli/policy-strict.yaml");
const ENV_KEYS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_PROFILE"] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

function restoreEnv() {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
}

afterEach(restoreEnv);

/** Credentials moto files under ACCOUNT: AssumeRole into a role of that account. */
async function accountCredentials(account: string) {
  const sts = new STSClient({ endpoint: motoEndpoint(), region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/plumbline-publisher`, RoleSessionName: "formats" }));
  sts.destroy();
  return { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
}

describe("--to-security-hub against moto", () => {
  it("imports every result of an audit under the caller's account (from STS), and Security Hub returns them", async () => {
    const creds = await accountCredentials(ACCOUNT);
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_SESSION_TOKEN: creds.sessionToken,
      AWS_ENDPOINT_URL: motoEndpoint(),
      AWS_REGION: "eu-west-1",
    });
    delete process.env.AWS_PROFILE;
    const out = mkdtempSync(join(tmpdir(), "plumbline-sechub-"));
    const run = await runCli(["audit", "--hcl", APP, "--var", "env=dev", "--policy", STRICT, "--to-security-hub", "--format", "json,asff", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const n = report.results.length;
    expect(run.stderr).toContain(`security hub: imported ${n} of ${n} finding(s) in 1 batch(es)`);
    // The file written is what was sent: Terraform-only findings under the caller's account.
    const written = JSON.parse(readFileSync(join(out, "report.asff.json"), "utf8")).Findings as AwsSecurityFinding[];
    expect(written.every((f) => f.AwsAccountId === ACCOUNT && f.ProductArn === `arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default`)).toBe(true);

    const hub = new SecurityHubClient({ endpoint: motoEndpoint(), region: "eu-west-1", credentials: creds });
    const got = await hub.send(new GetFindingsCommand({}));
    hub.destroy();
    const mine = (got.Findings ?? []).filter((f) => written.some((w) => w.Id === f.Id));
    expect(mine).toHaveLength(n);
    const plain = mine.find((f) => f.GeneratorId === "rds-storage-encrypted" && f.Compliance?.Status === "FAILED")!;
    expect(plain.Resources![0]).toMatchObject({ Type: "AwsRdsDbInstance", Id: "aws_db_instance.plain", Region: "eu-west-1" });
    expect(plain.Severity?.Label).toBe("HIGH");
  });

  it("sends in batches of 100 and reports the findings Security Hub refuses", async () => {
    const creds = await accountCredentials("250000000102");
    const base = buildAsff(formatsReport(), { account: "250000000102", region: "eu-west-1" }).filter((f) => f.AwsAccountId === "250000000102")[0];
    const findings: AwsSecurityFinding[] = Array.from({ length: 250 }, (_, i) => ({ ...base, Id: `${base.Id}-${i}` }));
    // moto refuses a finding without resources (as Security Hub does).
    findings[137] = { ...findings[137], Resources: [] };
    const sizes: number[] = [];
    const res = await sendFindings(findings, {
      client: (region) => {
        const c = new SecurityHubClient({ endpoint: motoEndpoint(), region, credentials: creds });
        c.middlewareStack.add((next) => async (args) => {
          sizes.push(((args.input as { Findings: unknown[] }).Findings ?? []).length);
          return next(args);
        }, { step: "initialize", name: "countBatch" });
        return c;
      },
    });
    expect(sizes).toEqual([100, 100, 50]);
    expect(res).toMatchObject({ sent: 250, imported: 249, batches: 3 });
    expect(res.failed).toEqual([{ id: `${base.Id}-137`, region: "eu-west-1", code: "InvalidInput", message: expect.stringContaining("at least one resource") }]);
  });
});

describe("--to-security-hub against the replay server", () => {
  let server: ReplayServer;
  let refuse = new Set<string>();
  beforeAll(async () => {
    server = await startReplayServer((req) => {
      if (req.method !== "POST" || req.path !== "/findings/import") return awsJsonError("UnknownOperation", `${req.method} ${req.path}`);
      const ids: string[] = req.json.Findings.map((f: AwsSecurityFinding) => f.Id);
      const failed = ids.filter((id) => refuse.has(id));
      return { body: { FailedCount: failed.length, SuccessCount: ids.length - failed.length, FailedFindings: failed.map((Id) => ({ Id, ErrorCode: "InvalidInput", ErrorMessage: "Finding is invalid" })) } };
    });
  });
  afterAll(() => server.close());

  function useReplay() {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDREPLAY", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL: server.endpoint, AWS_REGION: "eu-west-1" });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
  }

  it("makes exactly one BatchImportFindings per region with --security-hub-account, no STS call", async () => {
    useReplay();
    refuse = new Set();
    server.requests.length = 0;
    const out = mkdtempSync(join(tmpdir(), "plumbline-sechub-"));
    const run = await runCli(["audit", "--hcl", APP, "--var", "env=dev", "--policy", STRICT, "--to-security-hub", "--security-hub-account", "250000000103", "--security-hub-region", "eu-central-1", "--format", "json", "--out", out, "--quiet"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /findings/import"]);
    const req = server.requests[0];
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDREPLAY\/\d{8}\/eu-central-1\/securityhub\/aws4_request/);
    const sent = req.json.Findings as AwsSecurityFinding[];
    expect(sent.map((f) => f.Id).sort()).toEqual(report.results.map((r: any) => r.fingerprint).sort());
    expect(new Set(sent.map((f) => f.ProductArn))).toEqual(new Set(["arn:aws:securityhub:eu-central-1:250000000103:product/250000000103/default"]));
    expect(sent[0]).toMatchObject({ SchemaVersion: "2018-10-08", AwsAccountId: "250000000103", RecordState: "ACTIVE" });
  });

  it("fails the run (exit 2) naming the refused findings, after the report is written", async () => {
    useReplay();
    server.requests.length = 0;
    const out = mkdtempSync(join(tmpdir(), "plumbline-sechub-"));
    const first = await runCli(["audit", "--hcl", APP, "--var", "env=dev", "--policy", STRICT, "--format", "json", "--out", out, "--quiet"]);
    expect(first.code).toBe(0);
    const fp = JSON.parse(readFileSync(join(out, "report.json"), "utf8")).results[0].fingerprint;
    refuse = new Set([fp]);
    const out2 = mkdtempSync(join(tmpdir(), "plumbline-sechub-"));
    const run = await runCli(["gate", "--hcl", APP, "--var", "env=dev", "--policy", STRICT, "--to-security-hub", "--security-hub-account", "250000000103", "--format", "json", "--out", out2, "--quiet"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`Security Hub refused 1 of \\d+ finding\\(s\\): ${fp} \\(eu-west-1\\): InvalidInput Finding is invalid`));
    expect(readFileSync(join(out2, "report.json"), "utf8")).toContain(fp);
  });

  it("refuses a malformed --security-hub-account and needs a region", async () => {
    useReplay();
    const bad = await runCli(["audit", "--hcl", APP, "--var", "env=dev", "--policy", STRICT, "--to-security-hub", "--security-hub-account", "12345"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--security-hub-account: '12345' is not a 12-digit account id/);
    delete process.env.AWS_REGION;
    const noRegion = await runCli(["audit", "--hcl", APP, "--var", "env=dev", "--policy", STRICT, "--to-security-hub", "--security-hub-account", "250000000103"]);
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toMatch(/--to-security-hub: no region for findings without one/);
  });
});
