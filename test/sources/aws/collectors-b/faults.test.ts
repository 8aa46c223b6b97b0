/**
 * Failures never turn into a PASS: a loopback proxy in front of moto answers chosen operations with the
 * AccessDenied error AWS sends (real wire bytes, per protocol); everything else goes through to moto.
 * A denied per-resource call makes the props it feeds UNKNOWN naming the IAM action; a denied list call
 * makes the type an evidence gap.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateFlowLogsCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateClusterCommand, ECSClient } from "@aws-sdk/client-ecs";
import type { AwsCredentialIdentity } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { isUnknown } from "../../../../src/model/values.js";
import { evaluate } from "../../../../src/rules/evaluate.js";
import { loadRules } from "../../../../src/rules/loader.js";
import { DYNAMODB_COLLECTOR } from "../../../../src/sources/aws/collectors/dynamodb.js";
import { EC2_COLLECTOR } from "../../../../src/sources/aws/collectors/ec2.js";
import { ECS_COLLECTOR } from "../../../../src/sources/aws/collectors/ecs.js";
import { motoEndpoint } from "../../../support/moto.js";
import { accountCredentials, runCollector, seedConfig } from "./support.js";

const ACCOUNT = "220000000003";
const REGION = "eu-west-1";
/** Operations the proxy denies: DynamoDB (JSON 1.0), ECS (JSON 1.1) by X-Amz-Target; EC2 (query) by Action. */
const DENY = new Set(["DescribeContinuousBackups", "ListClusters", "DescribeFlowLogs"]);
let proxy: Server;
let endpoint = "";
let creds: AwsCredentialIdentity;
const denied: string[] = [];

function deny(op: string, target: string | undefined): { status: number; headers: Record<string, string>; body: string } {
  if (target) {
    // AWS JSON protocols: the error type in the body (and x-amzn-ErrorType), HTTP 400.
    return {
      status: 400,
      headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "AccessDeniedException" },
      body: JSON.stringify({ __type: "com.amazon.coral.service#AccessDeniedException", message: `User is not authorized to perform: ${op}` }),
    };
  }
  // EC2 query protocol.
  return {
    status: 403,
    headers: { "content-type": "text/xml" },
    body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>b-1</RequestID></Response>`,
  };
}

beforeAll(async () => {
  const upstream = new URL(motoEndpoint());
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const target = typeof req.headers["x-amz-target"] === "string" ? req.headers["x-amz-target"] : undefined;
      const op = target?.split(".").pop() ?? new URLSearchParams(body.toString("utf8")).get("Action") ?? "";
      if (DENY.has(op)) {
        denied.push(op);
        const d = deny(op, target);
        res.writeHead(d.status, d.headers).end(d.body);
        return;
      }
      const fwd = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      fwd.on("error", () => res.writeHead(502).end());
      fwd.end(body);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  creds = await accountCredentials(ACCOUNT);
  const ddb = new DynamoDBClient(seedConfig(creds, REGION));
  await ddb.send(new CreateTableCommand({
    TableName: "f-tf-locks", BillingMode: "PAY_PER_REQUEST", SSESpecification: { Enabled: true, SSEType: "KMS" },
    AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" }], KeySchema: [{ AttributeName: "LockID", KeyType: "HASH" }],
  }));
  ddb.destroy();
  const ec2 = new EC2Client(seedConfig(creds, REGION));
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.50.0.0/16" }))).Vpc!.VpcId!;
  await ec2.send(new CreateFlowLogsCommand({ ResourceIds: [vpc], ResourceType: "VPC", TrafficType: "ALL", LogDestinationType: "cloud-watch-logs", LogGroupName: "f", DeliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT}:role/f` }));
  ec2.destroy();
  const ecs = new ECSClient(seedConfig(creds, REGION));
  await ecs.send(new CreateClusterCommand({ clusterName: "f-cluster" }));
  ecs.destroy();
});

afterAll(() => new Promise<void>((r) => proxy.close(() => r())));

describe("denied calls", () => {
  it("a denied per-resource call: the props it feeds are UNKNOWN naming the action, the rest is read", async () => {
    const run = await runCollector(DYNAMODB_COLLECTOR, { account: ACCOUNT, region: REGION, creds, endpoint });
    expect(denied).toContain("DescribeContinuousBackups");
    expect(run.gaps).toEqual([]);
    const t = run.resources.find((r) => r.name === "f-tf-locks")!;
    expect(t.props.BillingMode).toBe("PAY_PER_REQUEST");
    const pitr = t.props.PointInTimeRecoverySpecification;
    expect(isUnknown(pitr) && pitr.expression).toBe("dynamodb:DescribeContinuousBackups");
    const rules = await loadRules([join(import.meta.dirname, "../../../../rules")]);
    // SSE is known (KMS) and PITR is not: both rules hinge on the unread value.
    const results = evaluate(rules.filter((r) => r.id === "dynamodb-pitr-enabled" || r.id === "tf-lock-table-protected"), [t]);
    for (const r of results) expect({ rule: r.rule.id, verdict: r.verdict, reason: r.reason }).toEqual({ rule: r.rule.id, verdict: "UNKNOWN", reason: expect.stringContaining("dynamodb:DescribeContinuousBackups was denied") });
  });

  it("a denied region-wide join: every VPC's flow logs are UNKNOWN, not 'none'", async () => {
    const run = await runCollector(EC2_COLLECTOR, { account: ACCOUNT, region: REGION, creds, endpoint, maxAttempts: 1 });
    const vpcs = run.resources.filter((r) => r.type === "AWS::EC2::VPC");
    expect(vpcs.length).toBeGreaterThanOrEqual(2);
    for (const v of vpcs) expect(isUnknown(v.props.FlowLogs) && v.props.FlowLogs.reason).toBe("ec2:DescribeFlowLogs was denied (UnauthorizedOperation)");
    expect(run.gaps).toEqual([]);
  });

  it("a denied list call: the type is an evidence gap with the action, nothing is invented", async () => {
    const run = await runCollector(ECS_COLLECTOR, { account: ACCOUNT, region: REGION, creds, endpoint });
    expect(run.gaps).toEqual([
      { type: "AWS::ECS::Service", account: ACCOUNT, region: REGION, reason: "ecs:ListClusters was denied (AccessDeniedException)", action: "ecs:ListClusters" },
    ]);
    expect(run.resources.filter((r) => r.type === "AWS::ECS::Service")).toEqual([]);
  });
});
