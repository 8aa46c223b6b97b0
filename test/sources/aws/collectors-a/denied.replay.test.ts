/**
 * An endpoint that denies every call (recorded AccessDenied answers of each protocol, replayed over
 * HTTP): every collectors-A collector turns its denied list call into gaps naming the IAM action it
 * needs, and records nothing it did not read. Nothing escapes as an exception.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsJsonError, startReplayServer, type ReplayServer } from "../../../support/replay-server.js";
import type { EvidenceGap } from "../../../../src/sources/aws/contract.js";
import type { Resource } from "../../../../src/model/resource.js";
import { isUnknown } from "../../../../src/model/values.js";
import { COLLECTORS_A, testContext } from "./support.js";

let server: ReplayServer;
const gaps: EvidenceGap[] = [];
const resources: Resource[] = [];

beforeAll(async () => {
  server = await startReplayServer((req) => {
    if (req.target) return awsJsonError("AccessDeniedException", "User is not authorized to perform this operation");
    const xml = req.action
      ? `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error><RequestId>r</RequestId></ErrorResponse>`
      : `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>r</RequestId></Error>`;
    // REST-JSON services (GuardDuty) read the error type from this header.
    return { status: 403, headers: { "x-amzn-errortype": "AccessDeniedException", "content-type": req.path.startsWith("/detector") ? "application/json" : "text/xml" }, body: req.path.startsWith("/detector") ? JSON.stringify({ message: "denied" }) : xml };
  });
  for (const c of COLLECTORS_A) {
    const run = testContext("210000000005", c.global ? "us-east-1" : "eu-west-1", { accessKeyId: "AKIADENIED", secretAccessKey: "x" }, { endpoint: server.endpoint, maxAttempts: 1 });
    resources.push(...(await c.collect(run.ctx)));
    gaps.push(...run.gaps);
    run.factory.destroy();
  }
});

afterAll(async () => server?.close());

describe("every list call denied", () => {
  it("gives one gap per type, naming the list action that was denied", () => {
    const byType = Object.fromEntries(gaps.map((g) => [g.type, g.action]));
    expect(byType).toEqual({
      "AWS::IAM::Role": "iam:GetAccountAuthorizationDetails",
      "AWS::IAM::User": "iam:GetAccountAuthorizationDetails",
      "AWS::IAM::Policy": "iam:GetAccountAuthorizationDetails",
      "AWS::IAM::AccountPasswordPolicy": "iam:GetAccountPasswordPolicy",
      "AWS::S3::AccountPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
      "AWS::S3::Bucket": "s3:ListAllMyBuckets",
      "AWS::KMS::Key": "kms:ListKeys",
      "AWS::SecretsManager::Secret": "secretsmanager:ListSecrets",
      "AWS::SSM::Parameter": "ssm:DescribeParameters",
      "AWS::Logs::LogGroup": "logs:DescribeLogGroups",
      "AWS::CloudTrail::Trail": "cloudtrail:DescribeTrails",
      "AWS::GuardDuty::Detector": "guardduty:ListDetectors",
      "AWS::Config::ConfigurationRecorder": "config:DescribeConfigurationRecorders",
      "AWS::Config::DeliveryChannel": "config:DescribeDeliveryChannels",
    });
    for (const g of gaps) expect(g.reason, g.type).toMatch(/denied/);
    expect(gaps).toHaveLength(14);
  });

  it("records only the account, whose root facts are unknown", () => {
    expect(resources.map((r) => r.type)).toEqual(["AWS::::Account"]);
    expect(isUnknown(resources[0].props.AccountMFAEnabled)).toBe(true);
    expect(isUnknown(resources[0].props.AccountAccessKeysPresent)).toBe(true);
  });
});
