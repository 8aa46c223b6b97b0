/** Configuration item → canonical Resource: the type's adapter (shape), then the live mapper. */
import type { Resource } from "../../model/resource.js";
import type { AwsScope } from "../aws/contract.js";
import { MAPPERS } from "../aws/mappers/index.js";
import { ADAPTERS } from "./adapters.js";
import type { ConfigItem } from "./item.js";

export type ItemResult = { resource: Resource } | { unknown: string };

function partitionOf(arn: string | undefined): string {
  const p = arn?.split(":")[1];
  return p ? p : "aws";
}

/** The AWS Config types plumbline can read: an adapter and a live mapper for each. */
export function configReadableTypes(): string[] {
  return Object.keys(ADAPTERS).filter((t) => MAPPERS[t] !== undefined).sort();
}

/**
 * Maps one item. `location` names the evidence ("aws-config://111122223333", ".../aggregator/NAME").
 * A type plumbline cannot read, or an item its mapper rejects, gives `unknown` with the reason.
 */
export function itemToResource(item: ConfigItem, location: string, fallbackAccount?: string): ItemResult {
  const adapter = ADAPTERS[item.resourceType];
  const mapper = MAPPERS[item.resourceType];
  if (!adapter || !mapper) return { unknown: `plumbline cannot read ${item.resourceType} configuration items (no adapter for this type)` };
  const scope: AwsScope = { account: item.accountId ?? fallbackAccount ?? "", region: item.region ?? "", partition: partitionOf(item.arn) };
  let resource: Resource;
  try {
    resource = mapper.map(adapter(item), scope);
  } catch (e) {
    return { unknown: `the ${item.resourceType} configuration item could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  resource.origin = { ...resource.origin, source: "aws-config", location };
  if (!resource.region && item.region && item.region !== "global") resource.region = item.region;
  if (!resource.arn && item.arn) resource.arn = item.arn;
  return { resource };
}
