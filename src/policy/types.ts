/** Policy packs: which rules, with which params and severities, on which evidence, with which waivers. */
import type { Area, Severity } from "../rules/verdict.js";

/** A rule is selected when its id, area or (effective) severity is listed, or `all` is true. */
export interface RuleSelector {
  ids?: string[];
  areas?: Area[];
  severities?: Severity[];
  all?: boolean;
}

/** Which evidence the pack applies to; every given key must match (see inScope). */
export interface PolicyScope {
  workspaces?: string[];
  tags?: Record<string, string>;
  accounts?: string[];
}

export interface Waiver {
  /** Rule id, or a glob ("*", "s3-*"). */
  rule: string;
  /** Glob over the resource's Terraform address, id or ARN. */
  resource: string;
  reason: string;
  owner: string;
  ticket?: string;
  /** YYYY-MM-DD (or an ISO date-time): the waiver stops waiving at the start of that day, UTC. */
  expires: string;
  /** Where it was written. */
  file: string;
  line?: number;
}

/** Where a policy names a rule or a parameter, so checks against the rule set can point at the line. */
export interface PolicyMention {
  kind: "include" | "exclude" | "params" | "severity" | "waiver";
  ruleId: string;
  param?: string;
  file: string;
  line?: number;
}

/**
 * A drift ignore entry (`drift.ignore` in a policy): differences that are accepted, versioned with the
 * policy. Without `attributes` the whole resource is left out of drift (changed, missing, unmanaged).
 */
export interface DriftIgnore {
  /** AWS Config type, or a glob ("AWS::S3::*"). */
  type: string;
  /** Glob over the resource's id, ARN, name or Terraform address. */
  id: string;
  /** Canonical attribute paths (globs; a path covers everything under it): "Tags.LastDeployed", "DesiredCount". */
  attributes?: string[];
  reason: string;
  file: string;
  line?: number;
}

export interface Policy {
  name: string;
  description?: string;
  file: string;
  /** The files merged into this pack, bases first, this file last. */
  files: string[];
  include: RuleSelector[];
  exclude: RuleSelector[];
  /** Rule id (or "*") → param name → value. */
  params: Record<string, Record<string, unknown>>;
  severity: Record<string, Severity>;
  scope: PolicyScope;
  waivers: Waiver[];
  mentions: PolicyMention[];
  /** Drift settings (src/drift); absent when no pack sets them. */
  drift?: { ignore: DriftIgnore[] };
}
