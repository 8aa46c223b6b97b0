/** CloudTrail attribution over the wire (replay server: moto has no LookupEvents): cap, spacing, failures. */
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { afterEach, describe, expect, it } from "vitest";
import { attributeItems } from "../../src/drift/attribution.js";
import type { DriftItem } from "../../src/drift/types.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";

const ACCT = "230000000003";
let server: ReplayServer | undefined;
const clients: CloudTrailClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = undefined;
});

function item(id: string, extra: Partial<DriftItem> = {}): DriftItem {
  return { kind: "changed", type: "AWS::S3::Bucket", id, account: ACCT, region: "eu-west-1", security: false, ...extra };
}

function clientFor(endpoint: string, maxAttempts = 1) {
  return (_account: string | undefined, region: string) => {
    const c = new CloudTrailClient({ endpoint, region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts });
    clients.push(c);
    return c;
  };
}

const write = (name: string, t: number) => ({
  EventId: `e${t}`,
  EventName: name,
  ReadOnly: "false",
  EventTime: t,
  EventSource: "s3.amazonaws.com",
  CloudTrailEvent: JSON.stringify({ userIdentity: { type: "Root", arn: `arn:aws:iam::${ACCT}:root` }, sourceIPAddress: "192.0.2.1", readOnly: false }),
});

describe("attributeItems", () => {
  it("stops at the lookup cap and says so", async () => {
    server = await startReplayServer(() => ({ body: { Events: [write("PutBucketTagging", 1764000000)] } }));
    const items = [item("a"), item("b"), item("c")];
    const stats = await attributeItems(items, { client: clientFor(server.endpoint), maxLookups: 2, minIntervalMs: 0 });
    expect(server.requests).toHaveLength(2);
    expect(stats).toEqual({ lookups: 2, capped: true, notes: ["attribution capped at 2 CloudTrail lookup(s): 1 item(s) not looked up"] });
    expect(items.map((i) => i.attribution?.status)).toEqual(["found", "found", "unavailable"]);
    expect(items[2].attribution).toEqual({ status: "unavailable", reason: "not looked up: the run's CloudTrail lookup cap was reached" });
    expect(items[0].attribution).toEqual({
      status: "found",
      events: [{ eventName: "PutBucketTagging", eventTime: "2025-11-24T16:00:00.000Z", eventSource: "s3.amazonaws.com", who: `arn:aws:iam::${ACCT}:root`, identityType: "Root", sourceIPAddress: "192.0.2.1" }],
    });
  });

  it("spaces calls to one account and region (LookupEvents allows 2 per second), and looks global types up in us-east-1", async () => {
    const times: number[] = [];
    server = await startReplayServer(() => {
      times.push(Date.now());
      return { body: { Events: [] } };
    });
    const items = [item("a"), item("b"), item("c"), item("role", { type: "AWS::IAM::Role", name: "deployer", id: "AROAEXAMPLE", region: undefined, arn: `arn:aws:iam::${ACCT}:role/deployer` })];
    const stats = await attributeItems(items, { client: clientFor(server.endpoint), minIntervalMs: 200 });
    const euCalls = server.requests.map((r, i) => ({ r, t: times[i] })).filter(({ r }) => String(r.headers.authorization).includes("/eu-west-1/"));
    // (Measured where the server receives them, so a little under the client's spacing.)
    // S3 buckets: one lookup each by name (the ARN is tried only when the name finds nothing and differs).
    expect(euCalls.map(({ r }) => r.json.LookupAttributes[0].AttributeValue)).toEqual(["a", "b", "c"]);
    for (let i = 1; i < euCalls.length; i++) expect(euCalls[i].t - euCalls[i - 1].t).toBeGreaterThanOrEqual(180);
    const global = server.requests.filter((r) => String(r.headers.authorization).includes("/us-east-1/"));
    // The role: by name, then (nothing found) by ARN.
    expect(global.map((r) => r.json.LookupAttributes[0].AttributeValue)).toEqual(["deployer", `arn:aws:iam::${ACCT}:role/deployer`]);
    expect(items[3].attribution).toEqual({ status: "none", reason: "no write events found in CloudTrail's 90-day event history" });
    expect(stats.lookups).toBe(5);
  });

  it("a failing call is 'attribution unavailable', never an error", async () => {
    server = await startReplayServer(() => ({ status: 500, body: "<html>oops</html>" }));
    const items = [item("a")];
    const stats = await attributeItems(items, { client: clientFor(server.endpoint), minIntervalMs: 0 });
    expect(items[0].attribution?.status).toBe("unavailable");
    expect(stats.lookups).toBe(1);
    const broken = [item("b")];
    await attributeItems(broken, { client: () => { throw new Error("could not assume arn:aws:iam::230000000003:role/x"); }, minIntervalMs: 0 });
    expect(broken[0].attribution).toEqual({ status: "unavailable", reason: "could not assume arn:aws:iam::230000000003:role/x" });
  });
});
