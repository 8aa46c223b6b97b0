/**
 * Periodic runs and the account facts AWS Config does not record (src/configrule/live-facts.ts): the IAM
 * account summary and password policy, the S3 account public access block, the recorder and delivery
 * channel. They are read live with the SAME collectors `audit --aws` uses: here against moto, in accounts
 * of their own (x-moto-account-id), while Config's inventory and PutEvaluations are on a replay server.
 */
import { ConfigServiceClient, PutConfigurationRecorderCommand, PutDeliveryChannelCommand, StartConfigurationRecorderCommand } from "@aws-sdk/client-config-service";
import { IAMClient, UpdateAccountPasswordPolicyCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { PutPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "../../src/audit.js";
import { createHandler } from "../../src/configrule/handler.js";
import { LIVE_FACT_TYPES } from "../../src/configrule/live-fact-types.js";
import { LIVE_FACT_ACTIONS, LIVE_FACT_COLLECTOR_TYPES, type ClientMaker } from "../../src/configrule/live-facts.js";
import { withIpEndpoint } from "../../src/sources/aws/collectors/account.js";
import { motoClientConfig, motoEndpoint } from "../support/moto.js";
import { startReplayServer, type RecordedRequest, type ReplayResponse, type ReplayServer } from "../support/replay-server.js";
import { captureLog, configClient, noSleep, periodicEvent, ruleSet } from "./helpers.js";

const SET_UP = "280000000010"; // password policy, account block, recorder + delivery channel
const BARE = "280000000011"; // nothing configured

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client of `ctor` on moto, acting as `account`. */
function moto<C extends { middlewareStack: any }>(ctor: new (config: any) => C, account: string, region = "us-east-1"): C {
  const c = new ctor({ ...motoClientConfig(), region });
  c.middlewareStack.add(
    (next: any) => async (args: any) => {
      args.request.headers["x-moto-account-id"] = account;
      return next(args);
    },
    { step: "build", name: "motoAccount" },
  );
  return c;
}

const motoFor = (account: string): ClientMaker => (ctor, region) => moto(ctor as any, account, region) as any;

/** Config's side: an empty inventory, no prior evaluations, PutEvaluations accepted. */
function emptyInventory(req: RecordedRequest): ReplayResponse | undefined {
  switch (req.action) {
    case "ListDiscoveredResources":
      return { body: { resourceIdentifiers: [] } };
    case "GetComplianceDetailsByConfigRule":
      return { body: { EvaluationResults: [] } };
    case "PutEvaluations":
      return { body: { FailedEvaluations: [] } };
  }
  return undefined;
}

function eventFor(account: string, rules: string) {
  return JSON.parse(JSON.stringify(periodicEvent({ rules })).replaceAll("240000000001", account));
}

async function run(account: string, rules: string, liveClient: ClientMaker) {
  server = await startReplayServer(emptyInventory);
  const { lines, log } = captureLog();
  const h = createHandler({ ruleSet: await ruleSet(), client: configClient(server.endpoint), liveClient, log, sleep: noSleep });
  const outcome = await h(eventFor(account, rules));
  const puts = server.requests.filter((r) => r.action === "PutEvaluations").map((r) => r.json);
  const evaluations = puts.flatMap((p) => p.Evaluations);
  await server.close();
  server = undefined;
  return { outcome, evaluations, lines };
}

beforeAll(async () => {
  const iam = moto(IAMClient, SET_UP);
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 16, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, PasswordReusePrevention: 24 }));
  const s3control = withIpEndpoint(moto(S3ControlClient, SET_UP));
  await s3control.send(new PutPublicAccessBlockCommand({ AccountId: SET_UP, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
  const s3 = moto(S3Client, SET_UP, "eu-west-1");
  await s3.send(new CreateBucketCommand({ Bucket: "plumbline-280000000010-config", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
  const config = moto(ConfigServiceClient, SET_UP, "eu-west-1");
  await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: "default", roleARN: `arn:aws:iam::${SET_UP}:role/config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
  await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: "default", s3BucketName: "plumbline-280000000010-config" } }));
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: "default" }));
});

describe("account facts read live in a periodic run", () => {
  it("the types and the read-only actions it needs", () => {
    expect([...LIVE_FACT_TYPES].sort()).toEqual(["AWS::::Account", "AWS::Config::ConfigurationRecorder", "AWS::Config::DeliveryChannel", "AWS::IAM::AccountPasswordPolicy", "AWS::S3::AccountPublicAccessBlock"]);
    // The handler's list (no collector loaded) is exactly what the collectors produce.
    expect([...LIVE_FACT_COLLECTOR_TYPES].sort()).toEqual([...LIVE_FACT_TYPES].sort());
    expect(LIVE_FACT_ACTIONS).toEqual([
      "config:DescribeConfigurationRecorderStatus",
      "config:DescribeConfigurationRecorders",
      "config:DescribeDeliveryChannels",
      "iam:GetAccountPasswordPolicy",
      "iam:GetAccountSummary",
      "s3:GetAccountPublicAccessBlock",
    ]);
  });

  it("a configured account: password policy, S3 account block and recorder are COMPLIANT on AWS::::Account", async () => {
    const { outcome, evaluations } = await run(SET_UP, "iam-password-policy,iam-password-min-length,s3-account-public-access-block,config-recorder-all-resources", motoFor(SET_UP));
    expect(outcome).toMatchObject({ status: "ok", trigger: "periodic", evaluations: 1 });
    expect(evaluations).toEqual([expect.objectContaining({ ComplianceResourceType: "AWS::::Account", ComplianceResourceId: SET_UP, ComplianceType: "COMPLIANT" })]);
  });

  it("an account with nothing configured: NON_COMPLIANT naming each failing rule", async () => {
    const { evaluations } = await run(BARE, "iam-password-policy,s3-account-public-access-block,config-recorder-all-resources", motoFor(BARE));
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0]).toMatchObject({ ComplianceResourceType: "AWS::::Account", ComplianceResourceId: BARE, ComplianceType: "NON_COMPLIANT" });
    expect(evaluations[0].Annotation).toMatch(/config-recorder-all-resources: .*iam-password-policy: .*s3-account-public-access-block: /);
  });

  it("root MFA from the account summary (moto has none): NON_COMPLIANT, not a stand-in without facts", async () => {
    const { evaluations } = await run(SET_UP, "iam-root-mfa", motoFor(SET_UP));
    expect(evaluations).toEqual([expect.objectContaining({ ComplianceResourceType: "AWS::::Account", ComplianceType: "NON_COMPLIANT", Annotation: expect.stringMatching(/^iam-root-mfa: /) })]);
  });

  it("denied live reads make the rules UNKNOWN with the action named, never COMPLIANT", async () => {
    const denied = await startReplayServer((req): ReplayResponse => {
      if (req.action) {
        // IAM (query protocol): an XML ErrorResponse; Config (JSON): __type.
        if (req.headers["x-amz-target"]) return { status: 400, headers: { "x-amzn-errortype": "AccessDeniedException" }, body: { __type: "AccessDeniedException", message: "not authorized" } };
        return { status: 403, headers: { "content-type": "text/xml" }, body: `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized</Message></Error><RequestId>1</RequestId></ErrorResponse>` };
      }
      return { status: 403, headers: { "content-type": "application/xml" }, body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>1</RequestId><HostId>h</HostId></Error>` };
    });
    try {
      const viaDenied: ClientMaker = (ctor, region) => new (ctor as any)({ endpoint: denied.endpoint, region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts: 1, forcePathStyle: true });
      const one = async (rule: string) => {
        const { evaluations, lines } = await run(SET_UP, rule, viaDenied);
        expect(evaluations).toEqual([expect.objectContaining({ ComplianceResourceType: "AWS::::Account", ComplianceType: "NOT_APPLICABLE" })]);
        return { annotation: evaluations[0].Annotation as string, lines };
      };
      const policy = await one("iam-password-policy");
      expect(policy.annotation).toMatch(/^UNKNOWN: iam-password-policy: AWS::IAM::AccountPasswordPolicy could not be listed \(iam:GetAccountPasswordPolicy was denied/);
      expect(policy.lines.some((l) => l.level === "warn" && /could not read AWS::IAM::AccountPasswordPolicy live/.test(l.msg))).toBe(true);
      expect((await one("iam-root-mfa")).annotation).toMatch(/^UNKNOWN: iam-root-mfa: .*iam:GetAccountSummary was denied/);
      expect((await one("config-recorder-all-resources")).annotation).toMatch(/^UNKNOWN: config-recorder-all-resources: AWS::Config::ConfigurationRecorder could not be listed \(config:DescribeConfigurationRecorders was denied/);
      const actions = new Set(denied.requests.map((r) => r.action));
      expect(actions).toContain("GetAccountPasswordPolicy");
      expect(actions).toContain("GetAccountSummary");
      expect(actions).toContain("DescribeConfigurationRecorders");
    } finally {
      await denied.close();
    }
  });

  it("gives the verdicts `audit --aws` gives for the same accounts (the same collectors)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-live-facts-"));
    try {
      const rules = ["iam-password-policy", "iam-password-min-length", "s3-account-public-access-block", "config-recorder-all-resources", "iam-root-mfa"];
      const policyFile = join(dir, "facts.yaml");
      writeFileSync(policyFile, `name: facts\nrules:\n  include:\n    ids: [${rules.join(", ")}]\n`);
      const now = new Date("2026-11-21T00:00:00Z");
      const live = await runAudit({
        hcl: [],
        plans: [],
        states: [],
        now,
        policyFile,
        aws: { endpoint: motoEndpoint(), assumeRoles: [`arn:aws:iam::${SET_UP}:role/plumbline-audit`, `arn:aws:iam::${BARE}:role/plumbline-audit`], regions: ["eu-west-1"], credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, quiet: true, maxAttempts: 1 } as any,
      });
      for (const account of [SET_UP, BARE]) {
        for (const rule of rules) {
          const fromLive = live.results.find((r) => r.ruleId === rule && r.resource.account === account && (r.resource.region === undefined || r.resource.region === "eu-west-1"))?.status;
          const { evaluations } = await run(account, rule, motoFor(account));
          const c = evaluations[0];
          const fromLambda = c.ComplianceType === "COMPLIANT" ? "PASS" : c.ComplianceType === "NON_COMPLIANT" ? "FAIL" : String(c.Annotation).startsWith("UNKNOWN:") ? "UNKNOWN" : "NOT_APPLICABLE";
          expect({ account, rule, lambda: fromLambda }).toEqual({ account, rule, lambda: fromLive });
        }
      }
      // Not vacuous: both outcomes occur.
      const statuses = new Set(live.results.filter((r) => rules.includes(r.ruleId)).map((r) => r.status));
      expect(statuses).toEqual(new Set(["PASS", "FAIL"]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("rules that read no account fact make no live call", async () => {
    const calls: string[] = [];
    const spy: ClientMaker = (ctor, region) => {
      calls.push(`${ctor.name}/${region}`);
      return motoFor(SET_UP)(ctor, region);
    };
    const { evaluations } = await run(SET_UP, "cloudtrail-multi-region", spy);
    expect(calls).toEqual([]);
    expect(evaluations).toEqual([expect.objectContaining({ ComplianceResourceType: "AWS::::Account", ComplianceType: "NON_COMPLIANT" })]);
  });
});
