/**
 * The live collection framework against moto, with small test-local collectors: pagination through the
 * framework's clients, per-service counters, global collectors once per account, multi-account through
 * AssumeRole into other moto accounts, multi-region, the global concurrency limit (measured at a proxy in
 * front of moto), and failures turned into gaps instead of exceptions.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand, ListTagsForResourceCommand, paginateDescribeLogGroups } from "@aws-sdk/client-cloudwatch-logs";
import { CreateRoleCommand, IAMClient, paginateListRoles } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Collector } from "../../../../src/sources/aws/contract.js";
import { collectLiveRun } from "../../../../src/sources/aws/collect.js";
import { startFaultProxy, type FaultProxy } from "../../../support/fault-proxy.js";
import { motoClientConfig, motoEndpoint } from "../../../support/moto.js";
import { motoAccount, record, roleArn } from "./helpers.js";

const A = "200000000001";
const B = "200000000002";
const REGIONS = ["eu-west-1", "us-east-1", "us-west-2"];
const LOG_GROUPS: Record<string, Record<string, number>> = { [A]: { "eu-west-1": 3, "us-east-1": 2, "us-west-2": 0 }, [B]: { "eu-west-1": 1 } };
const ROLES: Record<string, number> = { [A]: 5, [B]: 1 };

/** IAM roles, two per page: a global collector. */
const ROLE_COLLECTOR: Collector = {
  service: "iam",
  types: ["AWS::IAM::Role"],
  global: true,
  actions: ["iam:ListRoles"],
  async collect(ctx) {
    const iam = ctx.client(IAMClient);
    const out = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 2 }, {})) {
      for (const r of page.Roles ?? []) out.push(record(ctx, "AWS::IAM::Role", r.RoleName!));
    }
    return out;
  },
};

/** Log groups (two per page) and one tag call per group: a regional collector with per-resource calls. */
const LOG_COLLECTOR: Collector = {
  service: "logs",
  types: ["AWS::Logs::LogGroup"],
  actions: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
  async collect(ctx) {
    const logs = ctx.client(CloudWatchLogsClient);
    const groups = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 2 }, {})) groups.push(...(page.logGroups ?? []));
    return ctx.map(groups, async (g) => {
      const tags = await logs.send(new ListTagsForResourceCommand({ resourceArn: g.arn!.replace(/:\*$/, "") }));
      return record(ctx, "AWS::Logs::LogGroup", g.logGroupName!, ctx.scope.region, { Tags: tags.tags ?? {} });
    });
  },
};

async function provision(account: string): Promise<void> {
  const cfg = await motoAccount(account);
  const iam = new IAMClient(cfg);
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });
  for (let i = 0; i < ROLES[account]; i++) await iam.send(new CreateRoleCommand({ RoleName: `fw-role-${i}`, AssumeRolePolicyDocument: trust }));
  for (const [region, n] of Object.entries(LOG_GROUPS[account])) {
    const logs = new CloudWatchLogsClient({ ...cfg, region });
    for (let i = 0; i < n; i++) await logs.send(new CreateLogGroupCommand({ logGroupName: `/fw/${region}/${i}`, tags: { n: String(i) } }));
  }
}

describe("collectLive against moto", () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    await Promise.all([provision(A), provision(B)]);
    proxy = await startFaultProxy({ target: motoEndpoint(), latencyMs: 15 });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  const base = () => ({ credentials: motoClientConfig().credentials, collectors: [ROLE_COLLECTOR, LOG_COLLECTOR] });

  it("collects two accounts (AssumeRole) over three regions, global collectors once per account", async () => {
    const run = await collectLiveRun({ ...base(), endpoint: motoEndpoint(), assumeRoles: [roleArn(A), roleArn(B)], regions: REGIONS });
    expect(run.evidence.map((e) => e.location).sort()).toEqual([`aws://${A}`, `aws://${B}`]);
    for (const ev of run.evidence) {
      const account = ev.account!;
      expect(ev.gaps).toEqual([]);
      expect(ev.regions).toEqual(REGIONS);
      expect(Number.isNaN(Date.parse(ev.collectedAt))).toBe(false);
      const roles = ev.resources.filter((r) => r.type === "AWS::IAM::Role");
      expect(roles.map((r) => r.id).sort()).toEqual(Array.from({ length: ROLES[account] }, (_, i) => `fw-role-${i}`));
      // Roles are listed once per account even though three regions were collected: 2 per page.
      expect(ev.api!.iam).toEqual({ calls: Math.ceil(ROLES[account] / 2), retries: 0, throttles: 0, errors: 0 });
      for (const [region, n] of Object.entries(LOG_GROUPS[account])) {
        const groups = ev.resources.filter((r) => r.type === "AWS::Logs::LogGroup" && r.region === region);
        expect(groups.map((g) => g.id).sort()).toEqual(Array.from({ length: n }, (_, i) => `/fw/${region}/${i}`));
        for (const g of groups) expect(g.account).toBe(account);
      }
      const groups = Object.values(LOG_GROUPS[account]).reduce((a, b) => a + b, 0);
      // Every page followed: at least one DescribeLogGroups per region, one tag call per group.
      expect(ev.api!.logs.calls).toBeGreaterThanOrEqual(REGIONS.length + groups);
      expect(ev.api!.logs.errors).toBe(0);
    }
    // Each account's evidence counts only its own calls; the run's counters are their sum.
    const total = run.evidence.reduce((n, e) => n + e.api!.iam.calls, 0);
    expect(run.stats.of("iam").calls).toBe(total);
    expect(run.stats.operations.filter((o) => o === "iam:ListRoles")).toHaveLength(total);
  });

  it("sends IAM calls (global) to us-east-1 only, and regional calls to each region", async () => {
    const before = proxy.requests.length;
    await collectLiveRun({ ...base(), endpoint: proxy.endpoint, assumeRoles: [roleArn(A)], regions: REGIONS, concurrency: 4 });
    const reqs = proxy.requests.slice(before);
    const iam = reqs.filter((r) => r.service === "iam");
    expect(iam).toHaveLength(Math.ceil(ROLES[A] / 2));
    expect(new Set(iam.map((r) => r.region))).toEqual(new Set(["us-east-1"]));
    const logRegions = new Set(reqs.filter((r) => r.service === "logs").map((r) => r.region));
    expect(logRegions).toEqual(new Set(REGIONS));
  });

  it("holds the global concurrency limit over accounts, regions and per-resource calls", async () => {
    // 20 per-resource calls in each of 3 regions × 2 accounts, with 10 ms latency at the proxy.
    const BUSY: Collector = {
      service: "sts",
      types: ["AWS::Test::Busy"],
      actions: ["sts:GetCallerIdentity"],
      async collect(ctx) {
        const sts = ctx.client(STSClient);
        const items = Array.from({ length: 20 }, (_, i) => i);
        return ctx.map(items, async (i) => {
          await sts.send(new GetCallerIdentityCommand({}));
          return record(ctx, "AWS::Test::Busy", String(i), ctx.scope.region);
        });
      },
    };
    for (const limit of [1, 3, 8]) {
      const p = await startFaultProxy({ target: motoEndpoint(), latencyMs: 10 });
      try {
        const run = await collectLiveRun({ ...base(), collectors: [BUSY], endpoint: p.endpoint, assumeRoles: [roleArn(A), roleArn(B)], regions: REGIONS, concurrency: limit });
        expect(run.evidence.flatMap((e) => e.resources)).toHaveLength(2 * 3 * 20);
        expect(run.peakConcurrency).toBeLessThanOrEqual(limit);
        // The proxy saw at most `limit` of the framework's requests at once (AssumeRole included).
        expect(p.peakInFlight).toBeLessThanOrEqual(limit);
        if (limit > 1) expect(p.peakInFlight).toBeGreaterThan(1);
      } finally {
        await p.close();
      }
    }
  });

  it("runs concurrency 8 at least twice as fast as serially with latency", async () => {
    const BUSY: Collector = {
      service: "sts",
      types: ["AWS::Test::Busy"],
      actions: ["sts:GetCallerIdentity"],
      async collect(ctx) {
        const sts = ctx.client(STSClient);
        return ctx.map(Array.from({ length: 30 }, (_, i) => i), async (i) => {
          await sts.send(new GetCallerIdentityCommand({}));
          return record(ctx, "AWS::Test::Busy", String(i));
        });
      },
    };
    const time = async (concurrency: number) =>
      (await collectLiveRun({ ...base(), collectors: [BUSY], endpoint: proxy.endpoint, assumeRoles: [roleArn(A)], regions: REGIONS, concurrency })).wallMs;
    const serial = await time(1);
    const parallel = await time(8);
    expect(serial / parallel).toBeGreaterThan(2);
  });

  it("defaults to the account's enabled regions (EC2 DescribeRegions)", async () => {
    const run = await collectLiveRun({ ...base(), collectors: [LOG_COLLECTOR], endpoint: motoEndpoint(), assumeRoles: [roleArn(A)] });
    const regions = run.evidence[0].regions!;
    expect(regions.length).toBeGreaterThan(10);
    expect(regions).toEqual(expect.arrayContaining(REGIONS));
    expect(run.evidence[0].resources.filter((r) => r.type === "AWS::Logs::LogGroup")).toHaveLength(5);
    expect(run.stats.operations).toContain("ec2:DescribeRegions");
  });

  it("runs only the collectors producing the types asked for", async () => {
    const run = await collectLiveRun({ ...base(), endpoint: motoEndpoint(), assumeRoles: [roleArn(A)], regions: REGIONS, types: ["AWS::IAM::Role"] });
    expect(run.evidence[0].resources.every((r) => r.type === "AWS::IAM::Role")).toBe(true);
    expect(run.stats.operations.some((o) => o.startsWith("logs:"))).toBe(false);
  });

  it("turns a collector's failure and an unassumable role into gaps, never an exception", async () => {
    const BROKEN: Collector = {
      service: "logs",
      types: ["AWS::Logs::LogGroup"],
      actions: ["logs:DescribeLogGroups"],
      async collect(ctx) {
        const logs = ctx.client(CloudWatchLogsClient);
        // Lets the SDK error escape, as a buggy collector would.
        for await (const page of paginateDescribeLogGroups({ client: logs }, {})) void page;
        return [];
      },
    };
    const p = await startFaultProxy({ target: motoEndpoint(), denyServices: ["logs"] });
    try {
      const run = await collectLiveRun({ ...base(), collectors: [ROLE_COLLECTOR, BROKEN], endpoint: p.endpoint, assumeRoles: [roleArn(A)], regions: ["eu-west-1", "us-west-2"] });
      const ev = run.evidence[0];
      expect(ev.resources.filter((r) => r.type === "AWS::IAM::Role")).toHaveLength(ROLES[A]);
      expect(ev.gaps.map((g) => [g.type, g.region, g.action]).sort()).toEqual([
        ["AWS::Logs::LogGroup", "eu-west-1", "logs:DescribeLogGroups"],
        ["AWS::Logs::LogGroup", "us-west-2", "logs:DescribeLogGroups"],
      ]);
      expect(ev.gaps[0].reason).toMatch(/^logs:DescribeLogGroups was denied \(AccessDeniedException\)$/);
      expect(ev.api!.logs.errors).toBe(2);
    } finally {
      await p.close();
    }
  });
});
