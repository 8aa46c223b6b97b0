/**
 * The drift section of the JSON report (`report.drift`), documented in schemas/report.schema.json.
 * Plain JSON: no Unknown, no REDACTED value and no secret ever lands here.
 */

import type { Severity } from "../rules/verdict.js";

export type DriftKind = "changed" | "missing" | "unmanaged";

/** One attribute that differs between Terraform's record (desired) and AWS (actual). */
export interface DriftChange {
  /** Canonical prop path: "VersioningConfiguration.Status", "SecurityGroupIngress", "Tags.Owner". */
  path: string;
  /** Absent when the desired side does not set it (or the value is sensitive). */
  desired?: unknown;
  /** Absent when AWS does not have it (or the value is sensitive). */
  actual?: unknown;
  /** For lists (compared as sets): elements only in AWS. */
  added?: unknown[];
  /** For lists (compared as sets): elements only in Terraform's record. */
  removed?: unknown[];
  /** The value is sensitive on one side: it was compared, never shown. */
  sensitive?: true;
  /** One line a person reads: "Status: Enabled → Suspended", "differs (sensitive)". */
  text: string;
}

/** An attribute (or a whole resource) that was not compared, and why. Missing evidence is never "no drift". */
export interface NotComparedAttribute {
  path: string;
  reason: string;
  /** Which side lacked the evidence: the live side makes the drift run incomplete. */
  side: "desired" | "actual" | "both";
}

/** Who last wrote the resource, from CloudTrail LookupEvents. */
export interface AttributionEvent {
  eventName: string;
  eventTime: string;
  eventSource?: string;
  /** userIdentity.arn (or the user name when there is no ARN). */
  who?: string;
  /** userIdentity.type: IAMUser, AssumedRole, Root, AWSService... */
  identityType?: string;
  sourceIPAddress?: string;
}

export type Attribution =
  | { status: "found"; events: AttributionEvent[] }
  | { status: "none"; reason: string }
  | { status: "unavailable"; reason: string };

export interface DriftItem {
  kind: DriftKind;
  type: string;
  id: string;
  arn?: string;
  name?: string;
  account?: string;
  region?: string;
  /** Terraform address, for changed and missing items. */
  address?: string;
  workspace?: string;
  /** The state (or plan) file the desired record came from. */
  location?: string;
  /** Changed items whose actual value breaks a rule the desired value passed ("encryption turned off by hand"). */
  security: boolean;
  /** The rules that turned: PASS on desired, FAIL or UNKNOWN on actual. */
  rules?: string[];
  /** The highest severity among `rules` (security drift is ordered by it). */
  severity?: Severity;
  /** Unmanaged items: enabled rules the resource fails in AWS. */
  failingRules?: string[];
  /** Every difference is in tags. */
  tagOnly?: boolean;
  changes?: DriftChange[];
  notCompared?: NotComparedAttribute[];
  attribution?: Attribution;
}

/** A resource type that could not be compared in one account / region, and why. */
export interface NotComparedScope {
  type: string;
  account?: string;
  region?: string;
  reason: string;
  /** Desired records of that type there, whose drift is unknown. */
  resources: number;
}

export interface DriftCounts {
  changed: number;
  security: number;
  missing: number;
  unmanaged: number;
  tagOnly: number;
  total: number;
  /** Types × scopes not compared. */
  notCompared: number;
  /** Attributes not compared because the live value was unknown. */
  unknownLive: number;
}

export interface DriftDecision {
  failOn: "security" | "any";
  /** 0 no drift, 1 drift found, 3 incomplete (not compared because evidence was missing). */
  exitCode: 0 | 1 | 3;
  decision: "no-drift" | "drift" | "incomplete";
  reasons: string[];
}

/** A matched resource some of whose live attributes could not be read: compared only in part. */
export interface PartlyCompared {
  type: string;
  id: string;
  address?: string;
  notCompared: NotComparedAttribute[];
}

export interface DriftSection {
  counts: DriftCounts;
  /** Security drift first, then other changes, then unmanaged / missing, tag-only changes last. */
  items: DriftItem[];
  notCompared: NotComparedScope[];
  /** Resources without drift in what could be compared, but with live attributes that could not be. */
  partlyCompared: PartlyCompared[];
  attribution: { lookups: number; capped: boolean; notes: string[] };
  notes: string[];
  decision?: DriftDecision;
}
