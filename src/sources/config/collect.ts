/**
 * `audit --config [--aggregator NAME]`: the recorded configuration items of the types the rules read, as
 * evidence. One advanced query lists the resources (SelectResourceConfig for the account and region of
 * the credentials, SelectAggregateResourceConfig for every account and region an aggregator covers;
 * paginated), the batch gets read the full items 100 at a time, and each item goes through its adapter
 * and the live mapper. No role is assumed into any account: the aggregator already holds their items.
 *
 * What cannot be read becomes a gap (rules over it are UNKNOWN, never PASS): a type plumbline has no
 * adapter for, a failed query, items the batch get left unprocessed.
 */
import { ConfigServiceClient, type AggregateResourceIdentifier, type ResourceKey } from "@aws-sdk/client-config-service";
import type { Resource } from "../../model/resource.js";
import type { EvidenceGap, ResourceEvidence } from "../aws/contract.js";
import type { ConfigItem } from "./item.js";
import { joinParts } from "./join.js";
import { batchGet, batchGetAggregate, inventoryQuery, selectAll } from "./read.js";
import { configReadableTypes, itemToResource, plumblineType } from "./resource.js";
import { configTypesFor, PART_TYPES, unreadableReason } from "./types.js";

export interface ConfigOptions {
  /** Read through this configuration aggregator (organization-wide) instead of the account's own recorder. */
  aggregator?: string;
  /** The region whose recorder (or aggregator) is queried: AWS_REGION, else us-east-1. */
  region?: string;
  /** Instead of AWS_ENDPOINT_URL. */
  endpoint?: string;
  /** The resource types the rules read; all readable types when absent. */
  types?: readonly string[];
  /** A client to use (tests); otherwise one from the standard credential chain. */
  client?: ConfigServiceClient;
}

function errText(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err?.name ?? "Error"}: ${err?.message ?? String(e)}`.replace(/\s+/g, " ").slice(0, 200);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

export async function collectConfig(opts: ConfigOptions): Promise<ResourceEvidence[]> {
  const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  const endpoint = opts.endpoint ?? process.env.AWS_ENDPOINT_URL;
  const client = opts.client ?? new ConfigServiceClient({ region, ...(endpoint ? { endpoint } : {}) });
  const readable = new Set(configReadableTypes());
  const wanted = [...new Set(opts.types ?? [...readable])].filter((t) => t !== "AWS::::Account").sort();
  const types = wanted.filter((t) => readable.has(t));
  const gaps: EvidenceGap[] = wanted
    .filter((t) => !readable.has(t))
    .map((type) => ({ type, reason: unreadableReason(type) }));
  const notes: string[] = [];
  let items: ConfigItem[] = [];
  // The Config types recorded for these (Shield's two, a backup plan's selection items).
  const queried = configTypesFor(types);
  let listed = new Set<string>();
  const incomplete = new Set<string>();
  const where = opts.aggregator ? `aggregator ${opts.aggregator}` : `the AWS Config recorder in ${region}`;
  if (types.length) {
    try {
      const rows = await selectAll(client, inventoryQuery(queried), opts.aggregator);
      notes.push(`${rows.length} resource(s) of ${types.length} type(s) listed by an advanced query on ${where}`);
      if (opts.aggregator) {
        const ids: AggregateResourceIdentifier[] = rows.flatMap((r) => {
          const [acct, reg, id, type] = [str(r.accountId), str(r.awsRegion), str(r.resourceId), str(r.resourceType)];
          return acct && reg && id && type ? [{ SourceAccountId: acct, SourceRegion: reg, ResourceId: id, ResourceType: type as AggregateResourceIdentifier["ResourceType"], ResourceName: str(r.resourceName) }] : [];
        });
        const got = await batchGetAggregate(client, opts.aggregator, ids);
        items.push(...got.items);
        for (const u of got.unprocessed) incomplete.add(u.ResourceType ?? "");
        for (const u of got.unprocessed) gaps.push({ type: plumblineType(u.ResourceType ?? "unknown"), account: u.SourceAccountId, region: u.SourceRegion, reason: `AWS Config did not return ${u.ResourceId}'s configuration item (BatchGetAggregateResourceConfig left it unprocessed)` });
      } else {
        const keys: ResourceKey[] = rows.flatMap((r) => {
          const [id, type] = [str(r.resourceId), str(r.resourceType)];
          return id && type ? [{ resourceId: id, resourceType: type as ResourceKey["resourceType"] }] : [];
        });
        const got = await batchGet(client, keys);
        items.push(...got.items);
        for (const u of got.unprocessed) incomplete.add(u.resourceType ?? "");
        for (const u of got.unprocessed) gaps.push({ type: plumblineType(u.resourceType ?? "unknown"), region, reason: `AWS Config did not return ${u.resourceId}'s configuration item (BatchGetResourceConfig left it unprocessed)` });
      }
      // A part type (a plan's selections) with unprocessed items is not joined: Unknown rather than incomplete.
      listed = new Set(queried.filter((t) => !(PART_TYPES.has(t) && incomplete.has(t))));
    } catch (e) {
      const reason = `the AWS Config query on ${where} failed (${errText(e)})`;
      for (const type of types) gaps.push({ type, reason, action: opts.aggregator ? "config:SelectAggregateResourceConfig" : "config:SelectResourceConfig" });
      notes.push(reason);
    }
  }
  items = joinParts(items, listed);
  const accounts = [...new Set(items.map((i) => i.accountId).filter((a): a is string => Boolean(a)))].sort();
  const location = opts.aggregator ? `aws-config://aggregator/${opts.aggregator}` : `aws-config://${accounts[0] ?? region}`;
  const resources: Resource[] = [];
  let deleted = 0;
  for (const item of items) {
    if (item.status === "ResourceDeleted" || item.status === "ResourceDeletedNotRecorded") {
      deleted++;
      continue;
    }
    const mapped = itemToResource(item, location, item.accountId);
    if ("unknown" in mapped) gaps.push({ type: item.resourceType, account: item.accountId, region: item.region, reason: mapped.unknown });
    else resources.push(mapped.resource);
  }
  if (deleted) notes.push(`${deleted} deleted resource(s) left out`);
  const regions = [...new Set(items.map((i) => i.region).filter((r): r is string => Boolean(r) && r !== "global"))].sort();
  const ev: ResourceEvidence = { source: "aws-config", location, resources, notes, gaps, collectedAt: new Date().toISOString(), regions: regions.length ? regions : [region] };
  if (!opts.aggregator && accounts.length === 1) ev.account = accounts[0];
  return [ev];
}
