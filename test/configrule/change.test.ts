/**
 * Change-triggered invocations end to end over HTTP: the real S3 configuration-item event goes through
 * the handler, the Config client sends real PutEvaluations requests to a replay server, and the tests
 * assert the exact requests.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createHandler } from "../../src/configrule/handler.js";
import { startReplayServer, type RecordedRequest, type ReplayResponse, type ReplayServer } from "../support/replay-server.js";
import { captureLog, configClient, fixture, noSleep, ruleSet, s3ChangeEvent } from "./helpers.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const CAPTURE = Date.parse("2026-11-20T09:12:45.288Z") / 1000;

const acceptAll = (req: RecordedRequest): ReplayResponse | undefined => (req.action === "PutEvaluations" ? { body: { FailedEvaluations: [] } } : undefined);

async function run(event: unknown, handler: (req: RecordedRequest) => ReplayResponse | undefined = acceptAll) {
  server = await startReplayServer(handler);
  const { lines, log } = captureLog();
  const h = createHandler({ ruleSet: await ruleSet(), client: configClient(server.endpoint), log, sleep: noSleep });
  const outcome = await h(event);
  const puts = server.requests.filter((r) => r.action === "PutEvaluations").map((r) => r.json);
  return { outcome, puts, lines, requests: server.requests };
}

describe("ConfigurationItemChangeNotification", () => {
  it("sends one NON_COMPLIANT evaluation naming the failing rule, with the item's capture time and the result token", async () => {
    const { outcome, puts } = await run(fixture("s3-bucket-change-event.json"));
    expect(outcome).toMatchObject({ status: "ok", trigger: "change", evaluations: 1, calls: 1, failed: 0 });
    expect(puts).toHaveLength(1);
    expect(puts[0].ResultToken).toBe("eyJlbmNyeXB0ZWREYXRhIjpbLTQ2LDEyNSwtMjhdfQ==");
    expect(puts[0].TestMode).toBeUndefined();
    expect(puts[0].Evaluations).toEqual([
      {
        ComplianceResourceType: "AWS::S3::Bucket",
        ComplianceResourceId: "mobilytics-support-ui-assets",
        ComplianceType: "NON_COMPLIANT",
        OrderingTimestamp: CAPTURE,
        Annotation: expect.stringMatching(/^s3-bucket-versioning: /),
      },
    ]);
    // Versioning is the only failure: encryption (AES256) and the public access block pass.
    expect(puts[0].Evaluations[0].Annotation).not.toMatch(/s3-bucket-sse-enabled|public-access/);
  });

  it("sends COMPLIANT (no annotation) when every rule passes", async () => {
    const event = s3ChangeEvent((ci) => (ci.supplementaryConfiguration.BucketVersioningConfiguration = { status: "Enabled", isMfaDeleteEnabled: null }));
    const { puts } = await run(event);
    expect(puts[0].Evaluations).toEqual([{ ComplianceResourceType: "AWS::S3::Bucket", ComplianceResourceId: "mobilytics-support-ui-assets", ComplianceType: "COMPLIANT", OrderingTimestamp: CAPTURE }]);
  });

  it("judges the supplementary configuration as JSON text too (the API spelling)", async () => {
    const event = s3ChangeEvent((ci) => {
      for (const k of Object.keys(ci.supplementaryConfiguration)) ci.supplementaryConfiguration[k] = JSON.stringify(ci.supplementaryConfiguration[k]);
      ci.supplementaryConfiguration.BucketVersioningConfiguration = JSON.stringify({ status: "Enabled" });
    });
    const { puts } = await run(event);
    expect(puts[0].Evaluations[0].ComplianceType).toBe("COMPLIANT");
  });

  it("a deleted resource is NOT_APPLICABLE", async () => {
    for (const status of ["ResourceDeleted", "ResourceDeletedNotRecorded"]) {
      const event = s3ChangeEvent((ci) => {
        ci.configurationItemStatus = status;
        ci.configuration = null;
        ci.supplementaryConfiguration = {};
      });
      const { puts } = await run(event);
      expect(puts[0].Evaluations).toEqual([
        { ComplianceResourceType: "AWS::S3::Bucket", ComplianceResourceId: "mobilytics-support-ui-assets", ComplianceType: "NOT_APPLICABLE", OrderingTimestamp: CAPTURE, Annotation: `the resource was deleted (${status})` },
      ]);
      await server?.close();
      server = undefined;
    }
  });

  it("eventLeftScope is NOT_APPLICABLE even when the item would fail", async () => {
    const event = s3ChangeEvent((_ci, e) => (e.eventLeftScope = true));
    const { puts } = await run(event);
    expect(puts[0].Evaluations).toEqual([
      { ComplianceResourceType: "AWS::S3::Bucket", ComplianceResourceId: "mobilytics-support-ui-assets", ComplianceType: "NOT_APPLICABLE", OrderingTimestamp: CAPTURE, Annotation: "the resource left this Config rule's scope" },
    ]);
  });

  it("missing evidence is NOT_APPLICABLE with an annotation starting UNKNOWN:, never COMPLIANT", async () => {
    // Config left the versioning configuration out of the item: the versioning rule cannot decide.
    const event = s3ChangeEvent((ci) => delete ci.supplementaryConfiguration.BucketVersioningConfiguration);
    const { puts } = await run(event);
    const e = puts[0].Evaluations[0];
    expect(e.ComplianceType).toBe("NOT_APPLICABLE");
    expect(e.Annotation).toMatch(/^UNKNOWN: s3-bucket-versioning: .*versioning configuration/);
  });

  it("a type plumbline cannot read is UNKNOWN (NOT_APPLICABLE), never COMPLIANT", async () => {
    // AWS Config records no SSM parameters: an item of a type without an adapter is never guessed at.
    const event = s3ChangeEvent((ci) => {
      ci.resourceType = "AWS::SSM::Parameter";
      ci.resourceId = "/orders/db-password";
    }, { rules: "required-tags" });
    const { puts } = await run(event);
    expect(puts[0].Evaluations).toEqual([
      expect.objectContaining({ ComplianceResourceType: "AWS::SSM::Parameter", ComplianceType: "NOT_APPLICABLE", Annotation: "UNKNOWN: AWS Config does not record Systems Manager parameters (no AWS::SSM::Parameter resource type)" }),
    ]);
  });

  it("a resource no rule of this Config rule judges gets no evaluation and no PutEvaluations call", async () => {
    const event = s3ChangeEvent((ci) => {
      ci.resourceType = "AWS::ECR::Repository";
      ci.resourceId = "repo";
    }, { rules: "s3-bucket-versioning" });
    const { puts, outcome } = await run(event);
    expect(outcome).toMatchObject({ status: "ok", evaluations: 0, calls: 0 });
    expect(puts).toEqual([]);
  });

  it("truncates long annotations to 256 characters, ending in …", async () => {
    const event = s3ChangeEvent((ci) => {
      ci.supplementaryConfiguration.PublicAccessBlockConfiguration = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
      ci.supplementaryConfiguration.ServerSideEncryptionConfiguration = { rules: [] };
    });
    const { puts } = await run(event);
    const a: string = puts[0].Evaluations[0].Annotation;
    expect(puts[0].Evaluations[0].ComplianceType).toBe("NON_COMPLIANT");
    expect(Array.from(a)).toHaveLength(256);
    expect(a.endsWith("…")).toBe(true);
    expect(a).toMatch(/^s3-bucket-/);
  });

  it("TESTMODE result tokens send TestMode: true", async () => {
    const event = s3ChangeEvent((_ci, e) => (e.resultToken = "TESTMODE"));
    const { puts } = await run(event);
    expect(puts[0]).toMatchObject({ ResultToken: "TESTMODE", TestMode: true });
  });
});

describe("bad ruleParameters: a clear error in the log and no evaluations", () => {
  const cases: [string, unknown, RegExp][] = [
    ["an unknown rule", { rules: "s3-bucket-versioning,no-such-rule" }, /unknown rule id 'no-such-rule'/],
    ["no rules or pack", {}, /set rules .* or pack/],
    ["an unknown pack", { pack: "nope" }, /unknown policy pack 'nope' \(available: baseline, dev, prod, staging\)/],
    ["an unknown key", { rules: "s3-bucket-versioning", rule: "x" }, /unknown parameter 'rule'/],
    ["a parameter of the wrong type", { rules: "rds-backup-retention", "rds-backup-retention.minRetentionDays": "two weeks" }, /rds-backup-retention.minRetentionDays: 'two weeks' is not a number/],
    ["a parameter the rule lacks", { rules: "s3-bucket-versioning", "s3-bucket-versioning.days": "3" }, /rule s3-bucket-versioning has no parameter 'days'/],
    ["invalid JSON", "{rules: s3", /ruleParameters is not valid JSON/],
  ];
  for (const [name, params, message] of cases) {
    it(name, async () => {
      const { outcome, requests, lines } = await run(s3ChangeEvent(() => {}, params));
      expect(outcome.status).toBe("bad-parameters");
      expect(requests).toHaveLength(0);
      const errors = lines.filter((l) => l.level === "error");
      expect(errors).toHaveLength(1);
      expect(errors[0].msg).toMatch(/^plumbline: bad ruleParameters for Config rule plumbline-s3, no evaluations sent: /);
      expect(errors[0].msg).toMatch(message);
    });
  }

  it("parameters given as strings are read by the parameter's type", async () => {
    const { outcome } = await run(s3ChangeEvent(() => {}, { rules: "s3-bucket-versioning,rds-backup-retention", "rds-backup-retention.minRetentionDays": "14" }));
    expect(outcome.status).toBe("ok");
  });
});

describe("OversizedConfigurationItemChangeNotification", () => {
  it("fetches the item with GetResourceConfigHistory (laterTime = capture time, limit 1) and judges it", async () => {
    const item = fixture("iam-role-item.json");
    const event = {
      ...fixture("s3-bucket-change-event.json"),
      ruleParameters: JSON.stringify({ rules: "iam-role-no-admin-inline" }),
      invokingEvent: JSON.stringify({
        configurationItemSummary: {
          changeType: "UPDATE",
          configurationItemVersion: "1.3",
          configurationItemCaptureTime: "2026-11-20T10:01:02.000Z",
          configurationStateId: 1763632862000,
          awsAccountId: "240000000001",
          configurationItemStatus: "OK",
          resourceType: "AWS::IAM::Role",
          resourceId: "AROAEXAMPLEROLEID0001",
          resourceName: "support-read-only",
          ARN: "arn:aws:iam::240000000001:role/support-read-only",
          awsRegion: "global",
          availabilityZone: "Not Applicable",
          configurationStateMd5Hash: "",
          resourceCreationTime: "2026-10-01T08:00:00.000Z",
        },
        messageType: "OversizedConfigurationItemChangeNotification",
        notificationCreationTime: "2026-11-20T10:01:03.000Z",
        recordVersion: "1.0",
      }),
    };
    const apiItem = { ...item, configurationItemCaptureTime: Date.parse(item.configurationItemCaptureTime) / 1000, resourceCreationTime: Date.parse(item.resourceCreationTime) / 1000 };
    const { puts, requests } = await run(event, (req) => {
      if (req.action === "GetResourceConfigHistory") return { body: { configurationItems: [apiItem] } };
      if (req.action === "PutEvaluations") return { body: { FailedEvaluations: [] } };
      return undefined;
    });
    expect(requests[0].action).toBe("GetResourceConfigHistory");
    expect(requests[0].json).toEqual({ resourceType: "AWS::IAM::Role", resourceId: "AROAEXAMPLEROLEID0001", limit: 1, laterTime: Date.parse("2026-11-20T10:01:02.000Z") / 1000 });
    expect(puts[0].Evaluations).toEqual([
      expect.objectContaining({ ComplianceResourceType: "AWS::IAM::Role", ComplianceResourceId: "AROAEXAMPLEROLEID0001", ComplianceType: "NON_COMPLIANT", OrderingTimestamp: Date.parse("2026-11-20T10:01:02.000Z") / 1000 }),
    ]);
    expect(puts[0].Evaluations[0].Annotation).toMatch(/^iam-role-no-admin-inline: /);
  });

  it("an item that cannot be fetched is UNKNOWN (NOT_APPLICABLE), never COMPLIANT", async () => {
    const event = s3ChangeEvent();
    const inv = JSON.parse(event.invokingEvent);
    event.invokingEvent = JSON.stringify({ configurationItemSummary: { ...inv.configurationItem, configuration: undefined }, messageType: "OversizedConfigurationItemChangeNotification" });
    const { puts } = await run(event, (req) => {
      if (req.action === "GetResourceConfigHistory") return { status: 400, headers: { "x-amzn-errortype": "AccessDeniedException" }, body: { __type: "AccessDeniedException", message: "not allowed" } };
      if (req.action === "PutEvaluations") return { body: { FailedEvaluations: [] } };
      return undefined;
    });
    expect(puts[0].Evaluations[0]).toMatchObject({ ComplianceType: "NOT_APPLICABLE", Annotation: expect.stringMatching(/^UNKNOWN: the oversized configuration item could not be fetched \(AccessDeniedException/) });
  });
});
