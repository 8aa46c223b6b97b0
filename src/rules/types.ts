/** The shapes of rule files and of evaluation results. The condition language is documented in docs/rules.md. */
import type { Resource } from "../model/resource.js";
import type { Area, Severity, Verdict } from "./verdict.js";

export type RuleScope = "resource" | "account" | "region";

export type ParamType = "string" | "number" | "integer" | "boolean" | "list";

/** A rule parameter: typed, defaulted, and set per rule by a policy pack. */
export interface ParamSpec {
  type: ParamType;
  /** Element type for `list` params. */
  items?: "string" | "number" | "boolean";
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
}

/** `{ param: name }`: the value comes from the rule's (policy-set) parameter. */
export interface ParamRef {
  param: string;
}

export interface LeafSpec {
  path: string;
  op: string;
  value?: unknown;
  /** Reason template for TRUE/FALSE outcomes: "{{path}} is {{actual}}" ({{value}}, {{op}} too). */
  message?: string;
}

export interface QuantifierSpec {
  path: string;
  where: ConditionSpec;
}

export interface RefSpec {
  path: string;
  type: string | string[];
  where?: ConditionSpec;
}

export interface CountSpec {
  type: string | string[];
  where?: ConditionSpec;
  /** Count only resources whose value at this path (of the counted resource) refers to the resource judged. */
  referencing?: string;
  eq?: number | ParamRef;
  gt?: number | ParamRef;
  gte?: number | ParamRef;
  lt?: number | ParamRef;
  lte?: number | ParamRef;
}

export type ConditionSpec =
  | LeafSpec
  | { all: ConditionSpec[] }
  | { any: ConditionSpec[] }
  | { not: ConditionSpec }
  | { some: QuantifierSpec }
  | { every: QuantifierSpec }
  | { none: QuantifierSpec }
  | { ref: RefSpec }
  | { count: CountSpec };

export interface Controls {
  /** The equivalent AWS Config managed rule identifier. */
  awsConfigRule?: string;
  fsbp?: string[];
  cis?: string[];
  /** Other frameworks: framework name -> control ids. */
  [framework: string]: string | string[] | undefined;
}

export interface Rule {
  id: string;
  title: string;
  description?: string;
  severity: Severity;
  area: Area;
  /** Resource types the rule judges (scope `resource`). Ignored by account / region scope. */
  resourceTypes: string[];
  scope: RuleScope;
  params: Record<string, ParamSpec>;
  applies?: ConditionSpec;
  condition: ConditionSpec;
  remediation: string;
  controls: Controls;
  references: string[];
  /** The rule file and the line of its `id`, when loaded from a file. */
  file?: string;
  line?: number;
}

/** An active or expired waiver attached to a result by a policy (src/policy/waivers.ts). */
export interface AppliedWaiver {
  reason: string;
  owner?: string;
  ticket?: string;
  expires: string;
  /** An expired waiver does not waive: the result keeps its verdict and the gate fails. */
  expired: boolean;
}

/** One verdict for one (rule, resource) pair. */
export interface RuleResult {
  rule: Rule;
  resource: Resource;
  verdict: Verdict;
  /** Why, in words, naming the value that decided it. Never holds a secret (values are redacted at load). */
  reason: string;
  /** The concrete prop path the verdict turned on (e.g. "BucketEncryption.Rules[0].SSEAlgorithm"), when there is one. */
  path?: string;
  waiver?: AppliedWaiver;
}
