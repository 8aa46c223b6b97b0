/**
 * The JSON Schema of rule files, generated from the operator registry so the schema, the compiler and
 * docs/rules.md cannot disagree. schemas/rule.schema.json is this object, written out (a test keeps them equal).
 */
import { AREAS, SEVERITIES } from "./verdict.js";
import { OPERATORS } from "./operators.js";
import { COUNT_OPS } from "./compile.js";
import { PARAM_ITEM_TYPES, PARAM_TYPES } from "./params.js";

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });

function combinator(key: string, body: object, description: string): object {
  return { type: "object", description, required: [key], additionalProperties: false, properties: { [key]: body } };
}

export function conditionDefs(): Record<string, object> {
  const noValue = OPERATORS.filter((o) => o.value === "none").map((o) => o.name);
  const withValue = OPERATORS.filter((o) => o.value !== "none").map((o) => o.name);
  const quantBody = {
    type: "object",
    required: ["path", "where"],
    additionalProperties: false,
    properties: { path: ref("path"), where: ref("condition") },
  };
  const countValue = { oneOf: [{ type: "integer", minimum: 0 }, ref("paramRef")] };
  return {
    condition: {
      description: "A condition: a leaf {path, op, value} or one combinator. Three-valued: TRUE, FALSE or UNKNOWN.",
      type: "object",
      oneOf: [
        ref("leaf"),
        combinator("all", { type: "array", minItems: 1, items: ref("condition") }, "TRUE when every condition is TRUE; FALSE when any is FALSE; else UNKNOWN"),
        combinator("any", { type: "array", minItems: 1, items: ref("condition") }, "TRUE when any condition is TRUE; FALSE when all are FALSE; else UNKNOWN"),
        combinator("not", ref("condition"), "swaps TRUE and FALSE; UNKNOWN stays UNKNOWN"),
        combinator("some", quantBody, "at least one element satisfies `where`"),
        combinator("every", quantBody, "every element satisfies `where` (TRUE when there are none)"),
        combinator("none", quantBody, "no element satisfies `where`"),
        combinator(
          "ref",
          {
            type: "object",
            required: ["path", "type"],
            additionalProperties: false,
            properties: { path: ref("path"), type: ref("resourceTypes"), where: ref("condition") },
          },
          "the resource(s) the value at `path` points at (ARN, id, name or Terraform reference) satisfy `where`",
        ),
        combinator(
          "count",
          {
            type: "object",
            required: ["type"],
            additionalProperties: false,
            properties: {
              type: ref("resourceTypes"),
              where: ref("condition"),
              referencing: { ...ref("path"), description: "count only resources whose value at this path refers to the resource being judged" },
              ...Object.fromEntries(COUNT_OPS.map((o) => [o, countValue])),
            },
            oneOf: COUNT_OPS.map((o) => ({ required: [o] })),
          },
          "how many resources of `type` in the account (or region) satisfy `where`",
        ),
      ],
    },
    leaf: {
      type: "object",
      required: ["path", "op"],
      additionalProperties: false,
      properties: {
        path: ref("path"),
        op: { enum: OPERATORS.map((o) => o.name), description: OPERATORS.map((o) => `${o.name}: ${o.summary}`).join("; ") },
        value: { description: "the operand; `{ param: name }` takes it from the rule's params" },
        message: { type: "string", description: "reason template: {{path}}, {{actual}}, {{value}}, {{op}}" },
      },
      allOf: [
        { if: { properties: { op: { enum: noValue } } }, then: { not: { required: ["value"] } } },
        { if: { properties: { op: { enum: withValue } } }, then: { required: ["value"] } },
      ],
    },
    path: {
      type: "string",
      minLength: 1,
      description: "bare paths are props (A.B[0].C[*][\"k:x\"]); @ is the quantifier element; $tags.X, $name, $id, $arn, $type, $account, $region, $source, $workspace, $address, $location are resource fields",
    },
    paramRef: { type: "object", required: ["param"], additionalProperties: false, properties: { param: { type: "string" } } },
    resourceType: { type: "string", pattern: "^AWS::[A-Za-z0-9]*::[A-Za-z0-9]+$" },
    resourceTypes: { oneOf: [ref("resourceType"), { type: "array", minItems: 1, items: ref("resourceType") }] },
  };
}

export function buildRuleSchema(): object {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://plumbline.dev/schemas/rule.schema.json",
    title: "plumbline rule",
    description: "One compliance rule. The condition language is documented in docs/rules.md.",
    type: "object",
    required: ["id", "title", "severity", "area", "condition", "remediation"],
    additionalProperties: false,
    properties: {
      id: { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", description: "kebab-case, unique across all rule files" },
      title: { type: "string", minLength: 1 },
      description: { type: "string" },
      severity: { enum: [...SEVERITIES] },
      area: { enum: [...AREAS] },
      resourceTypes: { type: "array", minItems: 1, items: ref("resourceType"), description: "required for scope: resource" },
      scope: { enum: ["resource", "account", "region"], default: "resource" },
      params: {
        type: "object",
        propertyNames: { pattern: "^[A-Za-z][A-Za-z0-9_]*$" },
        additionalProperties: {
          type: "object",
          required: ["type"],
          additionalProperties: false,
          properties: {
            type: { enum: [...PARAM_TYPES] },
            items: { enum: [...PARAM_ITEM_TYPES] },
            default: {},
            description: { type: "string" },
            minimum: { type: "number" },
            maximum: { type: "number" },
          },
        },
      },
      applies: { ...ref("condition"), description: "when FALSE the verdict is NOT_APPLICABLE" },
      condition: { ...ref("condition"), description: "must be TRUE for PASS" },
      remediation: { type: "string", minLength: 1 },
      controls: {
        type: "object",
        properties: { awsConfigRule: { type: "string" } },
        additionalProperties: { type: "array", items: { type: "string" } },
      },
      references: { type: "array", items: { type: "string", pattern: "^https?://" } },
    },
    allOf: [{ if: { required: ["scope"], properties: { scope: { enum: ["account", "region"] } } }, else: { required: ["resourceTypes"] } }],
    $defs: conditionDefs(),
  };
}
