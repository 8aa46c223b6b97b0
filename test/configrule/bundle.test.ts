/**
 * The built Lambda (npm run build:lambda): one file, rules embedded, run in a fresh Node process from an
 * empty directory (no rule or policy file to read) with AWS_ENDPOINT_URL pointing at a replay server, as
 * the Lambda runtime would invoke index.handler.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { fixture } from "./helpers.js";

let out: string;
let server: ReplayServer;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "plumbline-lambda-"));
  execFileSync(process.execPath, [join(PACKAGE_ROOT, "scripts", "build-lambda.mjs")], { env: { ...process.env, LAMBDA_OUT_DIR: join(out, "dist") }, stdio: "pipe" });
  server = await startReplayServer((req) => {
    switch (req.action) {
      case "PutEvaluations":
        return { body: { FailedEvaluations: [] } };
      case "ListDiscoveredResources":
        return { body: { resourceIdentifiers: [] } };
      case "GetComplianceDetailsByConfigRule":
        return { body: { EvaluationResults: [] } };
      case "GetAccountPasswordPolicy":
        // IAM's query protocol answers in XML (IAM API reference, GetAccountPasswordPolicy example).
        return {
          headers: { "content-type": "text/xml" },
          body: `<GetAccountPasswordPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountPasswordPolicyResult><PasswordPolicy><AllowUsersToChangePassword>true</AllowUsersToChangePassword><RequireUppercaseCharacters>true</RequireUppercaseCharacters><RequireSymbols>true</RequireSymbols><ExpirePasswords>false</ExpirePasswords><PasswordReusePrevention>24</PasswordReusePrevention><RequireLowercaseCharacters>true</RequireLowercaseCharacters><MinimumPasswordLength>16</MinimumPasswordLength><RequireNumbers>true</RequireNumbers></PasswordPolicy></GetAccountPasswordPolicyResult><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></GetAccountPasswordPolicyResponse>`,
        };
    }
    return undefined;
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

function invoke(event: unknown): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = join(out, "run.mjs");
  writeFileSync(run, `import { handler } from ${JSON.stringify(join(out, "dist", "index.mjs"))};\nconst r = await handler(JSON.parse(process.argv[2]));\nconsole.log("RESULT " + JSON.stringify(r));\n`);
  const empty = mkdtempSync(join(out, "cwd-"));
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--no-warnings", run, JSON.stringify(event)], {
      cwd: empty,
      env: { PATH: process.env.PATH, AWS_ENDPOINT_URL: server.endpoint, AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" },
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("dist-lambda/index.mjs", () => {
  it("is one file within 1.5 MB, plus a zip holding it", () => {
    const size = statSync(join(out, "dist", "index.mjs")).size;
    expect(size).toBeLessThan(1.5 * 1024 * 1024);
    const zip = readFileSync(join(out, "dist", "plumbline-config-rule.zip"));
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    // The bundle names no path of the build machine.
    expect(readFileSync(join(out, "dist", "index.mjs"), "utf8")).not.toContain(PACKAGE_ROOT);
  });

  it("handles a change notification with the embedded rules and sends PutEvaluations through AWS_ENDPOINT_URL", async () => {
    const before = server.requests.length;
    const r = await invoke(fixture("s3-bucket-change-event.json"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout.split("\n").find((l) => l.startsWith("RESULT "))!.slice(7));
    expect(result).toMatchObject({ status: "ok", trigger: "change", evaluations: 1, calls: 1 });
    const put = server.requests.slice(before).find((q) => q.action === "PutEvaluations")!;
    expect(put.json.Evaluations[0]).toMatchObject({ ComplianceResourceType: "AWS::S3::Bucket", ComplianceResourceId: "mobilytics-support-ui-assets", ComplianceType: "NON_COMPLIANT" });
    // One JSON log line per invocation, naming the rules run.
    const log = JSON.parse(r.stdout.split("\n")[0]);
    expect(log).toMatchObject({ level: "info", configRuleName: "plumbline-s3", trigger: "change", rules: expect.arrayContaining(["s3-bucket-versioning", "s3-bucket-sse-enabled", "s3-bucket-public-access-blocked"]) });
  });

  it("a periodic account rule loads the live account facts on first use and reads them (IAM through AWS_ENDPOINT_URL)", async () => {
    const before = server.requests.length;
    const event = {
      ...fixture("s3-bucket-change-event.json"),
      invokingEvent: JSON.stringify({ awsAccountId: "240000000001", notificationCreationTime: "2026-11-21T00:00:00.000Z", messageType: "ScheduledNotification", recordVersion: "1.0" }),
      ruleParameters: JSON.stringify({ rules: "iam-password-policy" }),
    };
    const r = await invoke(event);
    expect(r.code).toBe(0);
    const asked = server.requests.slice(before).map((q) => q.action);
    expect(asked).toContain("GetAccountPasswordPolicy");
    const put = server.requests.slice(before).find((q) => q.action === "PutEvaluations")!;
    expect(put.json.Evaluations).toEqual([expect.objectContaining({ ComplianceResourceType: "AWS::::Account", ComplianceResourceId: "240000000001", ComplianceType: "COMPLIANT" })]);
  });

  it("bad parameters: an error line, no evaluations, a normal return", async () => {
    const before = server.requests.length;
    const event = { ...fixture("s3-bucket-change-event.json"), ruleParameters: JSON.stringify({ pack: "prodd" }) };
    const r = await invoke(event);
    expect(r.code).toBe(0);
    expect(server.requests.length).toBe(before);
    expect(JSON.parse(r.stderr.trim())).toMatchObject({ level: "error", msg: expect.stringContaining("unknown policy pack 'prodd' (available: baseline, dev, prod, staging)") });
  });
});
