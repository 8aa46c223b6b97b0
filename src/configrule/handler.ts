/**
 * The AWS Config custom-rule Lambda handler. It holds no rule logic: it reads the event, turns
 * configuration items into canonical resources (src/sources/config), judges them with the selected
 * plumbline rules (src/rules), and reports one evaluation per resource with PutEvaluations.
 *
 *   ConfigurationItemChangeNotification           the item in the event
 *   OversizedConfigurationItemChangeNotification  the item fetched with GetResourceConfigHistory
 *   ScheduledNotification                         every resource of the rules' types (ListDiscoveredResources
 *                                                 + BatchGetResourceConfig), account rules on AWS::::Account,
 *                                                 and stale evaluations (resources gone) set NOT_APPLICABLE
 *
 * Bad ruleParameters or an unreadable event: one error line in the log, no evaluations, no throw (Config
 * invokes asynchronously; a retry would fail the same way). Evaluations Config still rejects after the
 * bounded retries make the invocation throw, so the failure shows in the function's error metrics.
 */
import { ConfigServiceClient, GetComplianceDetailsByConfigRuleCommand, type ComplianceType, type Evaluation } from "@aws-sdk/client-config-service";
import { EventError, checkEnvelope, parseInvokingEvent, type ConfigRuleEvent, type Invocation } from "./event.js";
import { evaluation, unknownAnnotation, type Target } from "./evaluations.js";
import { judgeItems } from "./judge.js";
import { ParameterError, selectFromParameters, type Selection } from "./parameters.js";
import { defaultSleep, putEvaluations, type PutOptions } from "./put.js";
import { typesToEnumerate, type RuleSet } from "./ruleset.js";
import type { AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { ACCOUNT_TYPE, type Resource } from "../model/resource.js";
import { rulePropReads } from "../rules/reads.js";
import { batchGet, latestItem, listDiscovered } from "../sources/config/read.js";
import type { ConfigItem } from "../sources/config/item.js";
import { joinParts } from "../sources/config/join.js";
import { configReadableTypes } from "../sources/config/resource.js";
import { configTypesFor, PART_TYPES, unreadableReason } from "../sources/config/types.js";
import type { ClientMaker } from "./live-facts.js";
import { LIVE_FACT_TYPES } from "./live-fact-types.js";

export type LogLevel = "info" | "warn" | "error";
export type Logger = (level: LogLevel, msg: string, extra?: Record<string, unknown>) => void;

/** One JSON line per message: CloudWatch Logs Insights can filter on level and rule. */
export const jsonLogger: Logger = (level, msg, extra) => {
  const line = JSON.stringify({ level, msg, ...extra });
  if (level === "error") console.error(line);
  else console.log(line);
};

export interface HandlerDeps {
  ruleSet: RuleSet | (() => RuleSet | Promise<RuleSet>);
  /**
   * Default: a ConfigServiceClient from the Lambda environment (region, credentials, AWS_ENDPOINT_URL);
   * with PLUMBLINE_ASSUME_ROLE_NAME set (organization rules), one per member account, with that role's
   * credentials in the account the event names.
   */
  client?: ConfigServiceClient;
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Default: the region in configRuleArn, else AWS_REGION. */
  region?: string;
  put?: Pick<PutOptions, "retries" | "baseDelayMs">;
  /**
   * Builds the clients of the live account facts (live-facts.ts). Default: the Lambda environment's
   * credentials (or the member role, as for the Config client) and AWS_ENDPOINT_URL.
   */
  liveClient?: ClientMaker;
}

export interface Outcome {
  status: "ok" | "bad-parameters" | "bad-event" | "incomplete";
  trigger?: Invocation["kind"];
  evaluations: number;
  calls: number;
  failed: number;
  message?: string;
}

/** Per client class (not its name: minified bundles rename classes), per account and region. */
const clients = new Map<unknown, Map<string, unknown>>();
const memberCredentials = new Map<string, AwsCredentialIdentityProvider>();

function partitionOf(event: ConfigRuleEvent): string {
  return event.configRuleArn?.split(":")[1] || "aws";
}

/**
 * The credentials for the event's account: undefined for the function's own role, or the member role an
 * organization rule assumes (PLUMBLINE_ASSUME_ROLE_NAME). The STS credential provider is loaded only
 * when a member role is configured (it is not needed, and not paid for at cold start, by account rules).
 */
async function credentialsFor(event: ConfigRuleEvent): Promise<AwsCredentialIdentityProvider | undefined> {
  const roleName = process.env.PLUMBLINE_ASSUME_ROLE_NAME;
  if (!roleName) return undefined;
  let p = memberCredentials.get(event.accountId);
  if (!p) {
    const { fromTemporaryCredentials } = await import("@aws-sdk/credential-providers");
    p = fromTemporaryCredentials({ params: { RoleArn: `arn:${partitionOf(event)}:iam::${event.accountId}:role/${roleName}`, RoleSessionName: "plumbline-config-rule" } });
    memberCredentials.set(event.accountId, p);
  }
  return p;
}

/** SDK clients for the event's account, one per service and region, kept across invocations. */
function clientMaker(account: string, credentials: AwsCredentialIdentityProvider | undefined): ClientMaker {
  return (ctor, region) => {
    let byKey = clients.get(ctor);
    if (!byKey) clients.set(ctor, (byKey = new Map()));
    const key = `${credentials ? account : ""}/${region}`;
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = new ctor({ region, ...(credentials ? { credentials } : {}) })));
    return c as InstanceType<typeof ctor>;
  };
}

/** The Config client for the event's account: the function's own role, or the member role it assumes. */
async function defaultClient(event: ConfigRuleEvent, region: string): Promise<ConfigServiceClient> {
  return clientMaker(event.accountId, await credentialsFor(event))(ConfigServiceClient, region);
}

function regionOf(event: ConfigRuleEvent): string | undefined {
  const r = event.configRuleArn?.split(":")[3];
  return r ? r : undefined;
}

function errText(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err?.name ?? "Error"}: ${err?.message ?? String(e)}`.replace(/\s+/g, " ").slice(0, 200);
}

/** Resources this Config rule evaluated before (compliant or not), for stale cleanup. */
async function priorEvaluations(client: ConfigServiceClient, configRuleName: string): Promise<Target[]> {
  const out: Target[] = [];
  let NextToken: string | undefined;
  const types: ComplianceType[] = ["COMPLIANT", "NON_COMPLIANT"];
  do {
    const res = await client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: configRuleName, ComplianceTypes: types, Limit: 100, NextToken }));
    for (const r of res.EvaluationResults ?? []) {
      const q = r.EvaluationResultIdentifier?.EvaluationResultQualifier;
      if (q?.ResourceType && q.ResourceId) out.push({ resourceType: q.ResourceType, resourceId: q.ResourceId });
    }
    NextToken = res.NextToken;
  } while (NextToken);
  return out;
}

interface RunContext {
  event: ConfigRuleEvent;
  sel: Selection;
  client: ConfigServiceClient;
  liveClient?: ClientMaker;
  log: Logger;
  sleep: (ms: number) => Promise<void>;
  now: Date;
  region: string;
}

async function changeEvaluations(ctx: RunContext, inv: Extract<Invocation, { kind: "change" | "oversized" }>): Promise<Evaluation[]> {
  const { event } = ctx;
  let item: ConfigItem | undefined = inv.kind === "change" ? inv.item : undefined;
  const summary = inv.kind === "change" ? inv.item : inv.summary;
  const target = { resourceType: summary.resourceType, resourceId: summary.resourceId };
  const at = summary.captureTime ? new Date(summary.captureTime) : ctx.now;
  // Out of scope or deleted: NOT_APPLICABLE, whatever the item says (landscape.md §11.5 #1).
  if (event.eventLeftScope === true) return [evaluation(target, "NOT_APPLICABLE", "the resource left this Config rule's scope", at)];
  if (inv.kind === "oversized" && !(summary.status === "ResourceDeleted" || summary.status === "ResourceDeletedNotRecorded")) {
    try {
      item = await latestItem(ctx.client, summary.resourceType, summary.resourceId, summary.captureTime ? new Date(summary.captureTime) : undefined);
    } catch (e) {
      ctx.log("warn", "GetResourceConfigHistory failed for an oversized item", { resourceType: target.resourceType, error: errText(e) });
      return [evaluation(target, "NOT_APPLICABLE", unknownAnnotation(`the oversized configuration item could not be fetched (${errText(e)})`), at)];
    }
    if (!item) return [evaluation(target, "NOT_APPLICABLE", unknownAnnotation("GetResourceConfigHistory returned no configuration item for the oversized notification"), at)];
  }
  const judged = judgeItems(ctx.sel, [item ?? summary], { mode: "change", account: event.accountId, region: ctx.region, at, now: ctx.now });
  return judged.evaluations;
}

async function periodicEvaluations(ctx: RunContext, inv: Extract<Invocation, { kind: "periodic" }>): Promise<Evaluation[]> {
  const at = new Date(inv.notificationCreationTime);
  const types = typesToEnumerate(ctx.sel.rules);
  const failedTypes = new Map<string, string>();
  let items: ConfigItem[] = [];
  const unreadable: Target[] = [];
  const readable = new Set(configReadableTypes());
  const judged = new Set(ctx.sel.rules.flatMap((r) => (r.scope === "resource" ? r.resourceTypes : [])));
  const listed = new Set<string>();
  for (const type of types) {
    if (LIVE_FACT_TYPES.has(type)) continue;
    // A type read only through references that plumbline cannot map is not fetched: rules reading it are UNKNOWN.
    if (!readable.has(type) && !judged.has(type)) {
      failedTypes.set(type, unreadableReason(type));
      continue;
    }
    // Some types are recorded under two Config types, or in parts (src/sources/config/types.ts).
    for (const configType of configTypesFor([type])) {
      try {
        const keys = await listDiscovered(ctx.client, configType);
        const got = await batchGet(ctx.client, keys, ctx.sleep);
        items.push(...got.items);
        for (const k of got.unprocessed) unreadable.push({ resourceType: k.resourceType!, resourceId: k.resourceId! });
        // Parts (a plan's selections) joined from an incomplete list would be wrong: Unknown instead.
        if (!(PART_TYPES.has(configType) && got.unprocessed.length)) listed.add(configType);
      } catch (e) {
        failedTypes.set(type, errText(e));
        ctx.log("warn", `could not enumerate ${configType}`, { error: errText(e) });
      }
    }
  }
  items = joinParts(items, listed);
  // Account facts Config does not record: read live (live-facts.ts), with this account's credentials.
  const liveTypes = types.filter((t) => LIVE_FACT_TYPES.has(t));
  const accountReads = [...(rulePropReads(ctx.sel.rules).get(ACCOUNT_TYPE) ?? [])].filter((p) => p !== "$tags");
  if (accountReads.length) liveTypes.push(ACCOUNT_TYPE);
  let extra: Resource[] = [];
  if (liveTypes.length) {
    // Loaded on first use: the IAM and S3 Control clients cost module init that change notifications never need.
    const { collectLiveFacts } = await import("./live-facts.js");
    const live = await collectLiveFacts(liveTypes, {
      account: ctx.event.accountId,
      region: ctx.region,
      partition: partitionOf(ctx.event),
      client: ctx.liveClient ?? clientMaker(ctx.event.accountId, await credentialsFor(ctx.event)),
    });
    extra = live.resources;
    for (const [type, why] of live.failed) {
      failedTypes.set(type, why);
      ctx.log("warn", `could not read ${type} live`, { error: why });
    }
  }
  const result = judgeItems(ctx.sel, items, { mode: "periodic", account: ctx.event.accountId, region: ctx.region, at, now: ctx.now, failedTypes, unreadable, extra });
  const evaluations = result.evaluations;
  // Stale cleanup (landscape.md §11.5 #2): what was evaluated before and is gone now is NOT_APPLICABLE.
  // A type that could not be listed keeps its old evaluations: absence of evidence is not deletion.
  try {
    const current = new Set(evaluations.map((e) => `${e.ComplianceResourceType}\u0000${e.ComplianceResourceId}`));
    let stale = 0;
    for (const t of await priorEvaluations(ctx.client, ctx.event.configRuleName)) {
      const k = `${t.resourceType}\u0000${t.resourceId}`;
      if (current.has(k) || failedTypes.has(t.resourceType)) continue;
      current.add(k);
      evaluations.push(evaluation(t, "NOT_APPLICABLE", "the resource is no longer in AWS Config's inventory", at));
      stale++;
    }
    if (stale) ctx.log("info", `cleared ${stale} stale evaluation(s)`);
  } catch (e) {
    ctx.log("warn", "stale evaluations were not cleared: GetComplianceDetailsByConfigRule failed", { error: errText(e) });
  }
  ctx.log("info", "periodic inventory judged", { types: types.length, failedTypes: failedTypes.size, ...result.counts });
  return evaluations;
}

export function createHandler(deps: HandlerDeps): (event: unknown, context?: unknown) => Promise<Outcome> {
  const log = deps.log ?? jsonLogger;
  let set: RuleSet | undefined;
  return async (raw: unknown) => {
    const now = deps.now?.() ?? new Date();
    let event: ConfigRuleEvent;
    let inv: Invocation;
    try {
      event = checkEnvelope(raw);
      inv = parseInvokingEvent(event.invokingEvent);
    } catch (e) {
      if (!(e instanceof EventError)) throw e;
      log("error", `plumbline: unreadable event, no evaluations sent: ${e.message}`);
      return { status: "bad-event", evaluations: 0, calls: 0, failed: 0, message: e.message };
    }
    set ??= typeof deps.ruleSet === "function" ? await deps.ruleSet() : deps.ruleSet;
    let sel: Selection;
    try {
      sel = selectFromParameters(event.ruleParameters, set);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      log("error", `plumbline: bad ruleParameters for Config rule ${event.configRuleName}, no evaluations sent: ${e.message}`, { configRuleName: event.configRuleName });
      return { status: "bad-parameters", trigger: inv.kind, evaluations: 0, calls: 0, failed: 0, message: e.message };
    }
    const region = deps.region ?? regionOf(event) ?? process.env.AWS_REGION ?? "us-east-1";
    const client = deps.client ?? (await defaultClient(event, region));
    const ctx: RunContext = { event, sel, client, log, sleep: deps.sleep ?? defaultSleep, now, region, ...(deps.liveClient ? { liveClient: deps.liveClient } : {}) };
    const evaluations = inv.kind === "periodic" ? await periodicEvaluations(ctx, inv) : await changeEvaluations(ctx, inv);
    const put = await putEvaluations(client, evaluations, event.resultToken, { ...deps.put, sleep: ctx.sleep, log });
    const outcome: Outcome = { status: put.failed.length ? "incomplete" : "ok", trigger: inv.kind, evaluations: evaluations.length, calls: put.calls, failed: put.failed.length };
    log(put.failed.length ? "error" : "info", `plumbline: ${put.sent} evaluation(s) sent for Config rule ${event.configRuleName}`, {
      configRuleName: event.configRuleName,
      trigger: inv.kind,
      rules: sel.rules.map((r) => r.id),
      calls: put.calls,
      failed: put.failed.length,
    });
    if (put.failed.length) {
      const sample = put.failed.slice(0, 5).map((e) => `${e.ComplianceResourceType}/${e.ComplianceResourceId}`);
      throw new Error(`PutEvaluations: ${put.failed.length} evaluation(s) were not accepted after retries (${sample.join(", ")})${put.lastError ? `; last error ${put.lastError}` : ""}`);
    }
    return outcome;
  };
}
