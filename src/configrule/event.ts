/**
 * The AWS Config custom-rule Lambda event (AWS Config Developer Guide, "Example Events for AWS Config
 * Rules"): an envelope whose `invokingEvent` and `ruleParameters` are JSON *strings*. Three invoking
 * events matter: a configuration item change, its oversized variant (only a summary: the item is fetched
 * with GetResourceConfigHistory), and the periodic ScheduledNotification.
 */
import { normalizeItem, type ConfigItem } from "../sources/config/item.js";

export interface ConfigRuleEvent {
  invokingEvent: string;
  ruleParameters?: string;
  resultToken: string;
  eventLeftScope?: boolean;
  executionRoleArn?: string;
  configRuleArn?: string;
  configRuleName: string;
  configRuleId?: string;
  accountId: string;
  version?: string;
  evaluationMode?: string;
}

export type Invocation =
  | { kind: "change"; item: ConfigItem; notificationCreationTime?: string }
  | { kind: "oversized"; summary: ConfigItem; notificationCreationTime?: string }
  | { kind: "periodic"; accountId?: string; notificationCreationTime: string };

/** An event plumbline cannot act on: logged as one line, no evaluations sent. */
export class EventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EventError";
  }
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Checks the envelope's required fields. */
export function checkEnvelope(raw: unknown): ConfigRuleEvent {
  const e = obj(raw);
  if (!e) throw new EventError("the event is not a JSON object (expected an AWS Config rule event)");
  for (const k of ["invokingEvent", "resultToken", "configRuleName"] as const) {
    if (typeof e[k] !== "string" || e[k] === "") throw new EventError(`the event has no ${k} (expected an AWS Config rule event)`);
  }
  if (e.ruleParameters !== undefined && typeof e.ruleParameters !== "string") throw new EventError("ruleParameters is not a JSON string");
  return e as unknown as ConfigRuleEvent;
}

/** invokingEvent (JSON text) → what to evaluate. */
export function parseInvokingEvent(text: string): Invocation {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new EventError("invokingEvent is not valid JSON");
  }
  const ev = obj(v);
  if (!ev) throw new EventError("invokingEvent is not a JSON object");
  const created = typeof ev.notificationCreationTime === "string" ? ev.notificationCreationTime : undefined;
  switch (ev.messageType) {
    case "ConfigurationItemChangeNotification": {
      try {
        return { kind: "change", item: normalizeItem(ev.configurationItem), notificationCreationTime: created };
      } catch (e) {
        throw new EventError(`configurationItem: ${(e as Error).message}`);
      }
    }
    case "OversizedConfigurationItemChangeNotification": {
      try {
        return { kind: "oversized", summary: normalizeItem(ev.configurationItemSummary), notificationCreationTime: created };
      } catch (e) {
        throw new EventError(`configurationItemSummary: ${(e as Error).message}`);
      }
    }
    case "ScheduledNotification":
      return {
        kind: "periodic",
        accountId: typeof ev.awsAccountId === "string" ? ev.awsAccountId : undefined,
        notificationCreationTime: created ?? new Date().toISOString(),
      };
    default:
      throw new EventError(`invokingEvent messageType '${String(ev.messageType).slice(0, 60)}' is not handled (expected ConfigurationItemChangeNotification, OversizedConfigurationItemChangeNotification or ScheduledNotification)`);
  }
}
