/** Shared test helpers for the Config rule runtime: the rule set, clients, events and items built from real shapes. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { loadRuleSetFrom } from "../../src/configrule/load.js";
import type { RuleSet } from "../../src/configrule/ruleset.js";
import { BUILTIN_POLICIES_DIR, BUILTIN_RULES_DIR } from "../../src/paths.js";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures", "config");
export const ACCOUNT = "240000000001";

let cached: Promise<RuleSet> | undefined;
export function ruleSet(): Promise<RuleSet> {
  cached ??= loadRuleSetFrom([BUILTIN_RULES_DIR], BUILTIN_POLICIES_DIR);
  return cached;
}

export function configClient(endpoint: string, region = "eu-west-1"): ConfigServiceClient {
  return new ConfigServiceClient({ endpoint, region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts: 1 });
}

export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as T;
}

/** The real S3 change event, with its configuration item edited by `edit`. */
export function s3ChangeEvent(edit: (ci: any, event: any) => void = () => {}, ruleParameters?: unknown): any {
  const event = fixture("s3-bucket-change-event.json");
  const inv = JSON.parse(event.invokingEvent);
  edit(inv.configurationItem, event);
  event.invokingEvent = JSON.stringify(inv);
  if (ruleParameters !== undefined) event.ruleParameters = typeof ruleParameters === "string" ? ruleParameters : JSON.stringify(ruleParameters);
  return event;
}

/** The event's S3 item as BatchGetResourceConfig returns it (configuration and supplementary values as JSON text, epoch-seconds times, no tags). */
export function s3ApiItem(name: string, opts: { versioning?: "Enabled" | "Off" | "Suspended"; account?: string; region?: string } = {}): any {
  const ci = JSON.parse(fixture("s3-bucket-change-event.json").invokingEvent).configurationItem;
  const supp: Record<string, string> = {};
  for (const [k, v] of Object.entries(ci.supplementaryConfiguration)) supp[k] = typeof v === "string" ? v : JSON.stringify(v);
  supp.BucketVersioningConfiguration = JSON.stringify({ status: opts.versioning ?? "Enabled", isMfaDeleteEnabled: null });
  return {
    version: "1.3",
    accountId: opts.account ?? ACCOUNT,
    configurationItemCaptureTime: 1763629965.288,
    configurationItemStatus: "OK",
    configurationStateId: "1763629965288",
    arn: `arn:aws:s3:::${name}`,
    resourceType: "AWS::S3::Bucket",
    resourceId: name,
    resourceName: name,
    awsRegion: opts.region ?? "eu-west-1",
    availabilityZone: "Regional",
    resourceCreationTime: 1759769170,
    configuration: JSON.stringify({ ...ci.configuration, name }),
    supplementaryConfiguration: supp,
  };
}

export function periodicEvent(ruleParameters: unknown, resultToken = "token-periodic"): any {
  return {
    invokingEvent: JSON.stringify({ awsAccountId: ACCOUNT, notificationCreationTime: "2026-11-21T00:00:00.000Z", messageType: "ScheduledNotification", recordVersion: "1.0" }),
    ruleParameters: JSON.stringify(ruleParameters),
    resultToken,
    eventLeftScope: false,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/config-role`,
    configRuleArn: `arn:aws:config:eu-west-1:${ACCOUNT}:config-rule/config-rule-periodic`,
    configRuleName: "plumbline-periodic",
    configRuleId: "config-rule-periodic",
    accountId: ACCOUNT,
    version: "1.0",
  };
}

export interface LogLine {
  level: string;
  msg: string;
  extra?: Record<string, unknown>;
}

export function captureLog(): { lines: LogLine[]; log: (level: any, msg: string, extra?: Record<string, unknown>) => void } {
  const lines: LogLine[] = [];
  return { lines, log: (level, msg, extra) => lines.push({ level, msg, extra }) };
}

export const noSleep = async () => {};
