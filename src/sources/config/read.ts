/**
 * Reading configuration items from the AWS Config API (read-only calls): one item's latest state
 * (oversized notifications), an account's inventory of a type (ListDiscoveredResources +
 * BatchGetResourceConfig) and advanced queries, for an account or through an aggregator
 * (SelectResourceConfig / SelectAggregateResourceConfig + the batch gets, 100 keys a call).
 */
import {
  BatchGetAggregateResourceConfigCommand,
  BatchGetResourceConfigCommand,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
  type AggregateResourceIdentifier,
  type ConfigServiceClient,
  type ResourceKey,
  type ResourceType,
} from "@aws-sdk/client-config-service";
import { normalizeItem, type ConfigItem } from "./item.js";

/** BatchGetResourceConfig / BatchGetAggregateResourceConfig take at most 100 keys. */
export const BATCH_GET_SIZE = 100;

/** Unprocessed keys are asked for again this many times before they are reported unreadable. */
const UNPROCESSED_RETRIES = 3;

/** The latest recorded state of one resource, as of `laterTime` (an oversized notification's capture time). */
export async function latestItem(client: ConfigServiceClient, resourceType: string, resourceId: string, laterTime?: Date): Promise<ConfigItem | undefined> {
  const res = await client.send(
    new GetResourceConfigHistoryCommand({ resourceType: resourceType as ResourceType, resourceId, limit: 1, ...(laterTime ? { laterTime } : {}) }),
  );
  const first = res.configurationItems?.[0];
  return first ? normalizeItem(first) : undefined;
}

/** Every discovered (not deleted) resource of one type in the client's account and region. */
export async function listDiscovered(client: ConfigServiceClient, resourceType: string): Promise<ResourceKey[]> {
  const keys: ResourceKey[] = [];
  let nextToken: string | undefined;
  do {
    const res = await client.send(new ListDiscoveredResourcesCommand({ resourceType: resourceType as ResourceType, limit: 100, nextToken, includeDeletedResources: false }));
    for (const r of res.resourceIdentifiers ?? []) if (r.resourceType && r.resourceId) keys.push({ resourceType: r.resourceType, resourceId: r.resourceId });
    nextToken = res.nextToken;
  } while (nextToken);
  return keys;
}

export interface BatchResult<K> {
  items: ConfigItem[];
  /** Keys Config left unprocessed every time it was asked. */
  unprocessed: K[];
}

/** BatchGetResourceConfig over any number of keys, 100 at a time, asking again for unprocessed ones. */
export async function batchGet(client: ConfigServiceClient, keys: readonly ResourceKey[], sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<BatchResult<ResourceKey>> {
  const out: BatchResult<ResourceKey> = { items: [], unprocessed: [] };
  for (let i = 0; i < keys.length; i += BATCH_GET_SIZE) {
    let pending = keys.slice(i, i + BATCH_GET_SIZE);
    for (let attempt = 0; pending.length && attempt <= UNPROCESSED_RETRIES; attempt++) {
      if (attempt > 0) await sleep(100 * 2 ** attempt);
      const res = await client.send(new BatchGetResourceConfigCommand({ resourceKeys: pending }));
      for (const b of res.baseConfigurationItems ?? []) out.items.push(normalizeItem(b));
      pending = res.unprocessedResourceKeys ?? [];
    }
    out.unprocessed.push(...pending);
  }
  return out;
}

/** BatchGetAggregateResourceConfig, the same way, for items read through an aggregator. */
export async function batchGetAggregate(client: ConfigServiceClient, aggregator: string, ids: readonly AggregateResourceIdentifier[], sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<BatchResult<AggregateResourceIdentifier>> {
  const out: BatchResult<AggregateResourceIdentifier> = { items: [], unprocessed: [] };
  for (let i = 0; i < ids.length; i += BATCH_GET_SIZE) {
    let pending = ids.slice(i, i + BATCH_GET_SIZE);
    for (let attempt = 0; pending.length && attempt <= UNPROCESSED_RETRIES; attempt++) {
      if (attempt > 0) await sleep(100 * 2 ** attempt);
      const res = await client.send(new BatchGetAggregateResourceConfigCommand({ ConfigurationAggregatorName: aggregator, ResourceIdentifiers: pending }));
      for (const b of res.BaseConfigurationItems ?? []) out.items.push(normalizeItem(b));
      pending = res.UnprocessedResourceIdentifiers ?? [];
    }
    out.unprocessed.push(...pending);
  }
  return out;
}

/** One advanced query's rows (JSON text each, parsed), every page; through an aggregator when named. */
export async function selectAll(client: ConfigServiceClient, expression: string, aggregator?: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let NextToken: string | undefined;
  do {
    const res = aggregator
      ? await client.send(new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: aggregator, Expression: expression, Limit: 100, NextToken }))
      : await client.send(new SelectResourceConfigCommand({ Expression: expression, Limit: 100, NextToken }));
    for (const r of res.Results ?? []) {
      try {
        const v = JSON.parse(r) as unknown;
        if (v && typeof v === "object" && !Array.isArray(v)) rows.push(v as Record<string, unknown>);
      } catch {
        // A row that is not JSON is skipped; the count of rows read is in the evidence notes.
      }
    }
    NextToken = res.NextToken;
  } while (NextToken);
  return rows;
}

/** The advanced query listing every resource of the given types (identity columns only; items come from the batch gets). */
export function inventoryQuery(types: readonly string[]): string {
  const list = types.map((t) => `'${t.replace(/'/g, "")}'`).join(", ");
  return `SELECT resourceId, resourceType, resourceName, accountId, awsRegion WHERE resourceType IN (${list})`;
}
