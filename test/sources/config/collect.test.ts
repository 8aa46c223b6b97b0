/**
 * `audit --config [--aggregator NAME]`: advanced queries and batch gets over HTTP against a replay server
 * (moto returns no rows for SelectResourceConfig and lacks the aggregate calls), then the whole CLI.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { afterEach, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../../src/paths.js";
import { collectConfig } from "../../../src/sources/config/collect.js";
import { awsJsonError, startReplayServer, type RecordedRequest, type ReplayResponse, type ReplayServer } from "../../support/replay-server.js";
import { ACCOUNT, configClient, fixture, s3ApiItem } from "../../configrule/helpers.js";
import { runCli } from "../../cli/run-cli.js";

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat("date-time", fullFormats["date-time"]);
const validateReport = ajv.compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, "schemas/report.schema.json"), "utf8")));

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const role = () => {
  const i = fixture("iam-role-item.json");
  return { ...i, configurationItemCaptureTime: Date.parse(i.configurationItemCaptureTime) / 1000, resourceCreationTime: Date.parse(i.resourceCreationTime) / 1000, tags: undefined, relationships: undefined };
};

function configService(items: any[], opts: { aggregator?: boolean; pageSize?: number } = {}) {
  const pageSize = opts.pageSize ?? 100;
  return (req: RecordedRequest): ReplayResponse | undefined => {
    const b = req.json ?? {};
    const find = (type: string, id: string) => items.find((i) => i.resourceType === type && i.resourceId === id);
    switch (req.action) {
      case "SelectResourceConfig":
      case "SelectAggregateResourceConfig": {
        const start = b.NextToken ? Number(b.NextToken) : 0;
        const rows = items.slice(start, start + pageSize).map((i) => JSON.stringify({ resourceId: i.resourceId, resourceType: i.resourceType, resourceName: i.resourceName, accountId: i.accountId, awsRegion: i.awsRegion }));
        return { body: { Results: rows, QueryInfo: { SelectFields: [{ Name: "resourceId" }] }, ...(start + pageSize < items.length ? { NextToken: String(start + pageSize) } : {}) } };
      }
      case "BatchGetResourceConfig":
        return { body: { baseConfigurationItems: b.resourceKeys.map((k: any) => find(k.resourceType, k.resourceId)).filter(Boolean), unprocessedResourceKeys: [] } };
      case "BatchGetAggregateResourceConfig":
        return { body: { BaseConfigurationItems: b.ResourceIdentifiers.map((k: any) => find(k.ResourceType, k.ResourceId)).filter(Boolean), UnprocessedResourceIdentifiers: [] } };
    }
    return undefined;
  };
}

describe("collectConfig", () => {
  it("one account: an advanced query (every page), batch gets of 100, items mapped by the live mappers", async () => {
    const items = [...Array.from({ length: 120 }, (_, i) => s3ApiItem(`b-${i}`, { versioning: i % 2 ? "Enabled" : "Off" })), role()];
    server = await startReplayServer(configService(items, { pageSize: 50 }));
    const [ev] = await collectConfig({ client: configClient(server.endpoint), types: ["AWS::S3::Bucket", "AWS::IAM::Role", "AWS::SSM::Parameter", "AWS::Shield::Protection"], region: "eu-west-1" });
    const selects = server.requests.filter((r) => r.action === "SelectResourceConfig");
    expect(selects).toHaveLength(3);
    expect(selects[0].json.Expression).toBe("SELECT resourceId, resourceType, resourceName, accountId, awsRegion WHERE resourceType IN ('AWS::IAM::Role', 'AWS::S3::Bucket', 'AWS::Shield::Protection', 'AWS::ShieldRegional::Protection')");
    expect(selects.map((r) => r.json.NextToken ?? null)).toEqual([null, "50", "100"]);
    expect(server.requests.filter((r) => r.action === "BatchGetResourceConfig").map((r) => r.json.resourceKeys.length)).toEqual([100, 21]);
    expect(ev).toMatchObject({ source: "aws-config", location: `aws-config://${ACCOUNT}`, account: ACCOUNT });
    expect(ev.resources).toHaveLength(121);
    const b1 = ev.resources.find((r) => r.id === "b-1")!;
    expect(b1).toMatchObject({ type: "AWS::S3::Bucket", arn: "arn:aws:s3:::b-1", region: "eu-west-1", account: ACCOUNT, tags: { env: "prod" }, origin: { source: "aws-config" } });
    expect(b1.props.VersioningConfiguration).toMatchObject({ Status: "Enabled" });
    // Config's "Off" (never enabled) reads as the live mapper reads GetBucketVersioning without a Status.
    expect(ev.resources.find((r) => r.id === "b-0")!.props.VersioningConfiguration).toMatchObject({ Status: "Suspended" });
    const r = ev.resources.find((x) => x.type === "AWS::IAM::Role")!;
    expect(r).toMatchObject({ id: "AROAEXAMPLEROLEID0001", name: "support-read-only", tags: { team: "support" } });
    expect(r.props.AttachedManagedPolicyArns).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    expect((r.props.Policies as any[])[0].PolicyName).toBe("everything");
    // A type AWS Config does not record is a gap (its rules UNKNOWN), never silently empty.
    expect(ev.gaps).toEqual([{ type: "AWS::SSM::Parameter", reason: "AWS Config does not record Systems Manager parameters (no AWS::SSM::Parameter resource type)" }]);
  });

  it("through an aggregator: SelectAggregateResourceConfig + BatchGetAggregateResourceConfig with each item's source account and region", async () => {
    const items = [s3ApiItem("org-a", { account: "240000000002", region: "eu-west-1" }), s3ApiItem("org-b", { account: "240000000003", region: "us-east-1" })];
    server = await startReplayServer(configService(items));
    const [ev] = await collectConfig({ client: configClient(server.endpoint), aggregator: "org", types: ["AWS::S3::Bucket"] });
    const sel = server.requests.find((r) => r.action === "SelectAggregateResourceConfig")!;
    expect(sel.json).toMatchObject({ ConfigurationAggregatorName: "org", Limit: 100 });
    const get = server.requests.find((r) => r.action === "BatchGetAggregateResourceConfig")!;
    expect(get.json.ResourceIdentifiers).toEqual([
      { SourceAccountId: "240000000002", SourceRegion: "eu-west-1", ResourceId: "org-a", ResourceType: "AWS::S3::Bucket", ResourceName: "org-a" },
      { SourceAccountId: "240000000003", SourceRegion: "us-east-1", ResourceId: "org-b", ResourceType: "AWS::S3::Bucket", ResourceName: "org-b" },
    ]);
    expect(ev.location).toBe("aws-config://aggregator/org");
    expect(ev.resources.map((r) => [r.id, r.account, r.region])).toEqual([
      ["org-a", "240000000002", "eu-west-1"],
      ["org-b", "240000000003", "us-east-1"],
    ]);
  });

  it("a failed query is a gap for every type, with the action it needs", async () => {
    server = await startReplayServer(() => awsJsonError("NoSuchConfigurationAggregatorException", "The configuration aggregator does not exist"));
    const [ev] = await collectConfig({ client: configClient(server.endpoint), aggregator: "missing", types: ["AWS::S3::Bucket"] });
    expect(ev.resources).toEqual([]);
    expect(ev.gaps).toEqual([
      { type: "AWS::S3::Bucket", action: "config:SelectAggregateResourceConfig", reason: expect.stringMatching(/^the AWS Config query on aggregator missing failed \(NoSuchConfigurationAggregatorException/) },
    ]);
  });
});

describe("plumbline audit --config", () => {
  it("judges recorded items with the same rules and reports them as aws-config evidence", async () => {
    server = await startReplayServer(configService([s3ApiItem("cfg-off", { versioning: "Off" }), s3ApiItem("cfg-on", { versioning: "Enabled" })]));
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL: server.endpoint, AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" });
    try {
      const out = await runCli(["audit", "--config", "--format", "json", "--now", "2026-11-21T00:00:00Z"]);
      expect(out.stderr).toBe("");
      expect(out.code).toBe(0);
      const report = JSON.parse(out.stdout);
      expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
      expect(report.evidence).toEqual([expect.objectContaining({ source: "aws-config", location: `aws-config://${ACCOUNT}`, resources: 2 })]);
      const versioning = report.results.filter((r: any) => r.ruleId === "s3-bucket-versioning");
      expect(versioning.map((r: any) => [r.resource.id, r.status])).toEqual(
        expect.arrayContaining([
          ["cfg-off", "FAIL"],
          ["cfg-on", "PASS"],
        ]),
      );
      expect(versioning.every((r: any) => r.resource.source === "aws-config")).toBe(true);
    } finally {
      process.env = saved;
    }
  });

  it("--aggregator without --config is an input error (exit 2)", async () => {
    const out = await runCli(["audit", "--state", "none.tfstate", "--aggregator", "org"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe("plumbline: --aggregator needs --config\n");
  });
});
