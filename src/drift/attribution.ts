/**
 * Who changed it: CloudTrail LookupEvents for changed, unmanaged and missing items, newest write events
 * first. Never fails the drift run: AccessDenied or any other error gives "attribution unavailable" with
 * the reason. LookupEvents allows 2 calls per second per account and region, so calls to one account +
 * region are spaced out, and the number of lookups is capped (the report says when the cap was hit).
 */
import { CloudTrailClient, LookupEventsCommand, type Event } from "@aws-sdk/client-cloudtrail";
import type { Attribution, AttributionEvent, DriftItem } from "./types.js";

export interface AttributionOptions {
  /** A CloudTrail client for the account (undefined when unknown) and region. */
  client(account: string | undefined, region: string): CloudTrailClient;
  /** Most LookupEvents calls in one run (default 40). */
  maxLookups?: number;
  /** Spacing between calls to one account + region (default 550 ms: under the 2/s limit). */
  minIntervalMs?: number;
  /** Write events kept per item (default 3). */
  eventsPerItem?: number;
  /** Where global services log (IAM, CloudFront): default us-east-1. */
  globalRegion?: string;
}

export interface AttributionStats {
  lookups: number;
  capped: boolean;
  notes: string[];
}

const GLOBAL_TYPES = /^AWS::(IAM|CloudFront|Route53)::/;

/**
 * Which of a record's names CloudTrail files events under (the event's `resources[].ARN` / name, which
 * LookupEvents' ResourceName matches), per type pattern, best first; the first matching row applies.
 */
const LOOKUP_NAMES: readonly { type: RegExp; fields: readonly ("name" | "id" | "arn")[] }[] = [
  { type: /^AWS::EC2::/, fields: ["id", "arn"] },
  { type: /^AWS::S3::Bucket$/, fields: ["id", "arn"] },
  { type: /^AWS::IAM::/, fields: ["name", "arn"] },
  { type: /^AWS::(KMS|RDS|SecretsManager|ECS)::/, fields: ["arn", "name", "id"] },
  { type: /./, fields: ["name", "id", "arn"] },
];

/** At most two names to look the item up by. */
function lookupNames(item: DriftItem): string[] {
  const fields = LOOKUP_NAMES.find((r) => r.type.test(item.type))!.fields;
  const names = fields.map((f) => item[f]).filter((n): n is string => typeof n === "string" && n !== "");
  return [...new Set(names)].slice(0, 2);
}

export async function attributeItems(items: readonly DriftItem[], opts: AttributionOptions): Promise<AttributionStats> {
  const max = opts.maxLookups ?? 40;
  const interval = opts.minIntervalMs ?? 550;
  const keep = opts.eventsPerItem ?? 3;
  const stats: AttributionStats = { lookups: 0, capped: false, notes: [] };
  const wanted = items.filter((i) => i.kind === "changed" || i.kind === "unmanaged" || i.kind === "missing");
  // One queue per account + region: calls there are spaced; queues run side by side.
  const queues = new Map<string, DriftItem[]>();
  for (const it of wanted) {
    const region = GLOBAL_TYPES.test(it.type) ? (opts.globalRegion ?? "us-east-1") : (it.region ?? opts.globalRegion ?? "us-east-1");
    const key = `${it.account ?? ""}\u0000${region}`;
    const q = queues.get(key);
    if (q) q.push(it);
    else queues.set(key, [it]);
  }
  let budget = max;
  const take = () => (budget > 0 ? (budget--, true) : false);
  await Promise.all(
    [...queues].map(async ([key, queue]) => {
      const [account, region] = key.split("\u0000");
      let client: CloudTrailClient;
      try {
        client = opts.client(account || undefined, region);
      } catch (e) {
        for (const it of queue) it.attribution = { status: "unavailable", reason: errorText(e) };
        return;
      }
      let last = 0;
      const call = async (name: string): Promise<Event[]> => {
        // A loop: timers may fire a millisecond early, and the limit is per second.
        for (let wait = last + interval - Date.now(); wait > 0; wait = last + interval - Date.now()) await new Promise((r) => setTimeout(r, wait));
        last = Date.now();
        stats.lookups++;
        const out = await client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "ResourceName", AttributeValue: name }], MaxResults: 50 }));
        return out.Events ?? [];
      };
      let denied: string | undefined;
      for (const it of queue) {
        if (denied) {
          it.attribution = { status: "unavailable", reason: denied };
          continue;
        }
        it.attribution = await attributeOne(it, call, take, keep, (reason) => (denied = reason));
      }
    }),
  );
  const capped = wanted.filter((i) => i.attribution?.status === "unavailable" && i.attribution.reason.startsWith("not looked up:")).length;
  if (capped > 0) {
    stats.capped = true;
    stats.notes.push(`attribution capped at ${max} CloudTrail lookup(s): ${capped} item(s) not looked up`);
  }
  return stats;
}

async function attributeOne(
  item: DriftItem,
  call: (name: string) => Promise<Event[]>,
  take: () => boolean,
  keep: number,
  deny: (reason: string) => void,
): Promise<Attribution> {
  const names = lookupNames(item);
  let looked = 0;
  for (const name of names) {
    if (!take()) {
      return looked === 0
        ? { status: "unavailable", reason: "not looked up: the run's CloudTrail lookup cap was reached" }
        : { status: "none", reason: "no write events found in CloudTrail's 90-day event history" };
    }
    looked++;
    let events: Event[];
    try {
      events = await call(name);
    } catch (e) {
      const reason = errorText(e);
      // Denied for one resource is denied for all in this account + region: do not ask again.
      if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(reason)) deny(reason);
      return { status: "unavailable", reason };
    }
    const writes = events.map(toEvent).filter((e): e is AttributionEvent & { readOnly: boolean } => e !== undefined && !e.readOnly);
    if (writes.length > 0) {
      writes.sort((a, b) => b.eventTime.localeCompare(a.eventTime));
      return { status: "found", events: writes.slice(0, keep).map(({ readOnly: _r, ...e }) => e) };
    }
  }
  return { status: "none", reason: "no write events found in CloudTrail's 90-day event history" };
}

/** One LookupEvents event; the who / from-where are inside the CloudTrailEvent JSON text. */
function toEvent(e: Event): (AttributionEvent & { readOnly: boolean }) | undefined {
  if (!e.EventName || !e.EventTime) return undefined;
  let detail: any;
  try {
    detail = e.CloudTrailEvent ? JSON.parse(e.CloudTrailEvent) : undefined;
  } catch {
    detail = undefined;
  }
  const readOnly = e.ReadOnly !== undefined ? e.ReadOnly === "true" : detail?.readOnly === true;
  const out: AttributionEvent & { readOnly: boolean } = { eventName: e.EventName, eventTime: e.EventTime.toISOString(), readOnly };
  if (e.EventSource) out.eventSource = e.EventSource;
  const who = str(detail?.userIdentity?.arn) ?? e.Username;
  if (who) out.who = who;
  const type = str(detail?.userIdentity?.type);
  if (type) out.identityType = type;
  const ip = str(detail?.sourceIPAddress);
  if (ip) out.sourceIPAddress = ip;
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** An SDK error as one line: "AccessDeniedException: User ... is not authorized to perform cloudtrail:LookupEvents". */
function errorText(e: unknown): string {
  if (e instanceof Error) {
    const name = e.name && e.name !== "Error" ? `${e.name}: ` : "";
    const action = /AccessDenied/i.test(e.name) ? " (needs cloudtrail:LookupEvents)" : "";
    return `${name}${e.message.replace(/\s+/g, " ").slice(0, 300)}${action}`;
  }
  return String(e).slice(0, 300);
}
