/**
 * AWS Config configuration items in one normalized form. Config hands out the same item in three
 * spellings: the Lambda event (`ARN`, `awsAccountId`, `configuration` as an object), the API
 * (GetResourceConfigHistory / BatchGetResourceConfig: `arn`, `accountId`, `configuration` as a JSON
 * string, `supplementaryConfiguration` values as JSON strings) and advanced-query rows (one JSON string
 * per row, in the API spelling). Everything downstream reads only `ConfigItem`.
 */

export interface ConfigItem {
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  arn?: string;
  accountId?: string;
  region?: string;
  /** ISO time: the evaluation's OrderingTimestamp for change-triggered rules. */
  captureTime?: string;
  /** OK | ResourceDiscovered | ResourceNotRecorded | ResourceDeleted | ResourceDeletedNotRecorded */
  status?: string;
  configuration: Record<string, unknown> | undefined;
  /** Values decoded from JSON text (Config double-encodes some, e.g. S3's AccessControlList). */
  supplementaryConfiguration: Record<string, unknown>;
  tags: Record<string, string>;
}

/** Statuses that mean the resource is gone: evaluations for it are NOT_APPLICABLE. */
export const DELETED_STATUSES: ReadonlySet<string> = new Set(["ResourceDeleted", "ResourceDeletedNotRecorded"]);

/** JSON text → value, repeatedly (Config nests JSON strings in JSON strings); other values unchanged. */
export function decodeJsonText(v: unknown, depth = 3): unknown {
  let out = v;
  for (let i = 0; i < depth && typeof out === "string"; i++) {
    const t = out.trim();
    if (!(t.startsWith("{") || t.startsWith("[") || t.startsWith('"'))) break;
    try {
      out = JSON.parse(t);
    } catch {
      break;
    }
  }
  return out;
}

function str(v: unknown): string | undefined {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}

function time(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  if (typeof v === "number") return new Date(v < 1e11 ? v * 1000 : v).toISOString();
  return str(v);
}

function record(v: unknown): Record<string, unknown> | undefined {
  const d = decodeJsonText(v);
  return d !== null && typeof d === "object" && !Array.isArray(d) ? (d as Record<string, unknown>) : undefined;
}

/** Tags come as a map ({"k":"v"}, events and rows) or as JSON text of one (the API). */
function tagMap(v: unknown): Record<string, string> {
  const d = decodeJsonText(v);
  const out: Record<string, string> = {};
  if (Array.isArray(d)) {
    // Rows of some types: [{key, value}] / [{Key, Value}]
    for (const t of d) {
      if (t && typeof t === "object") {
        const o = t as Record<string, unknown>;
        const k = str(o.key ?? o.Key);
        if (k !== undefined) out[k] = String(o.value ?? o.Value ?? "");
      }
    }
    return out;
  }
  if (d && typeof d === "object") for (const [k, val] of Object.entries(d)) out[k] = val === null || val === undefined ? "" : String(val);
  return out;
}

/**
 * BatchGetResourceConfig's items carry no `tags` field: the tags are then read from where the type keeps
 * them (S3: BucketTaggingConfiguration; most others: configuration.tags as [{key, value}]).
 */
function fallbackTags(configuration: Record<string, unknown> | undefined, supp: Record<string, unknown>): Record<string, string> {
  const bt = supp.BucketTaggingConfiguration as { tagSets?: { tags?: unknown }[] } | undefined;
  if (bt && Array.isArray(bt.tagSets)) return tagMap(bt.tagSets[0]?.tags);
  if (supp.Tags !== undefined) return tagMap(supp.Tags);
  const t = configuration?.tags ?? configuration?.Tags ?? configuration?.tagList ?? configuration?.TagList;
  return t === undefined ? {} : tagMap(t);
}

function supplementary(v: unknown): Record<string, unknown> {
  const r = record(v) ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(r)) out[k] = decodeJsonText(val);
  return out;
}

/**
 * Any spelling of a configuration item (event, API, query row: object or JSON text) → ConfigItem.
 * Throws with a short reason when the item has no type or id (nothing could be evaluated or reported).
 */
export function normalizeItem(raw: unknown): ConfigItem {
  const o = record(raw);
  if (!o) throw new Error("the configuration item is not a JSON object");
  const resourceType = str(o.resourceType);
  const resourceId = str(o.resourceId);
  if (!resourceType || !resourceId) throw new Error("the configuration item has no resourceType or resourceId");
  const configuration = record(o.configuration);
  const supp = supplementary(o.supplementaryConfiguration);
  const item: ConfigItem = {
    resourceType,
    resourceId,
    configuration,
    supplementaryConfiguration: supp,
    tags: o.tags === undefined || o.tags === null ? fallbackTags(configuration, supp) : tagMap(o.tags),
  };
  const name = str(o.resourceName);
  if (name) item.resourceName = name;
  const arn = str(o.ARN ?? o.arn);
  if (arn) item.arn = arn;
  const account = str(o.awsAccountId ?? o.accountId);
  if (account) item.accountId = account;
  const region = str(o.awsRegion);
  if (region) item.region = region;
  const capture = time(o.configurationItemCaptureTime);
  if (capture) item.captureTime = capture;
  const status = str(o.configurationItemStatus);
  if (status) item.status = status;
  return item;
}
