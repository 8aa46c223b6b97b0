/** Configuration item → canonical Resource: the type's adapter (shape), then the live mapper. */
import type { Resource } from "../../model/resource.js";
import type { AwsScope } from "../aws/contract.js";
import { MAPPERS } from "../aws/mappers/index.js";
import { ADAPTERS } from "./adapters.js";
import type { ConfigItem } from "./item.js";
import { PART_TYPES, PLUMBLINE_TYPE, unreadableReason } from "./types.js";

export type ItemResult = { resource: Resource } | { unknown: string };

function partitionOf(arn: string | undefined): string {
  const p = arn?.split(":")[1];
  return p ? p : "aws";
}

/** The plumbline type a Config type's items become (AWS::ShieldRegional::Protection → AWS::Shield::Protection). */
export function plumblineType(configType: string): string {
  return PLUMBLINE_TYPE[configType] ?? configType;
}

/** The plumbline types readable from Config items: an adapter and a live mapper for each. */
export function configReadableTypes(): string[] {
  const out = new Set<string>();
  for (const t of Object.keys(ADAPTERS)) if (!PART_TYPES.has(t) && MAPPERS[plumblineType(t)] !== undefined) out.add(plumblineType(t));
  return [...out].sort();
}

/**
 * Maps one item. `location` names the evidence ("aws-config://111122223333", ".../aggregator/NAME").
 * A type plumbline cannot read, or an item its mapper rejects, gives `unknown` with the reason.
 */
export function itemToResource(item: ConfigItem, location: string, fallbackAccount?: string): ItemResult {
  const adapter = ADAPTERS[item.resourceType];
  const mapper = MAPPERS[plumblineType(item.resourceType)];
  if (!adapter || !mapper) return { unknown: unreadableReason(item.resourceType) };
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
