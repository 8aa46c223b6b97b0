/** The JSON Schema of policy files; schemas/policy.schema.json is this object written out (a test keeps them equal). */
import { AREAS, SEVERITIES } from "../rules/verdict.js";

const strings = { type: "array", items: { type: "string" } };

function selector(description: string): object {
  return {
    type: "object",
    description,
    additionalProperties: false,
    properties: {
      ids: strings,
      areas: { type: "array", items: { enum: [...AREAS] } },
      severities: { type: "array", items: { enum: [...SEVERITIES] } },
      all: { type: "boolean" },
    },
  };
}

export function buildPolicySchema(): object {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://plumbline.dev/schemas/policy.schema.json",
    title: "plumbline policy pack",
    description: "Which rules run, with which params and severities, on which evidence, with which waivers. See docs/policies.md.",
    type: "object",
    required: ["name"],
    additionalProperties: false,
    properties: {
      name: { type: "string", minLength: 1 },
      description: { type: "string" },
      extends: { type: "array", items: { type: "string", minLength: 1 }, description: "policy files (relative to this one) merged first, in order" },
      rules: {
        type: "object",
        additionalProperties: false,
        properties: {
          include: selector("rules selected: any listed id, area or severity, or all"),
          exclude: selector("rules removed from the selection (exclude wins)"),
        },
      },
      params: {
        type: "object",
        description: 'rule id (or "*" for every rule declaring the param) → param → value',
        additionalProperties: { type: "object" },
      },
      severity: { type: "object", description: "rule id → severity override", additionalProperties: { enum: [...SEVERITIES] } },
      scope: {
        type: "object",
        additionalProperties: false,
        properties: {
          workspaces: strings,
          tags: { type: "object", additionalProperties: { type: "string" } },
          accounts: { type: "array", items: { type: "string", pattern: "^\\d{12}$" } },
        },
      },
      waivers: {
        type: "array",
        items: {
          type: "object",
          required: ["rule", "resource", "reason", "owner", "expires"],
          additionalProperties: false,
          properties: {
            rule: { type: "string", minLength: 1, description: 'rule id or glob ("*")' },
            resource: { type: "string", minLength: 1, description: "glob over Terraform address, id or ARN" },
            reason: { type: "string", minLength: 1 },
            owner: { type: "string", minLength: 1 },
            ticket: { type: "string" },
            expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$", description: "YYYY-MM-DD: stops waiving at the start of that day (UTC)" },
          },
        },
      },
      drift: {
        type: "object",
        description: "drift settings for `plumbline drift` (see docs/policies.md)",
        additionalProperties: false,
        properties: {
          ignore: {
            type: "array",
            description: "accepted differences: not reported as drift",
            items: {
              type: "object",
              required: ["type", "id", "reason"],
              additionalProperties: false,
              properties: {
                type: { type: "string", minLength: 1, description: 'AWS Config type or glob ("AWS::S3::*")' },
                id: { type: "string", minLength: 1, description: "glob over the resource's id, ARN, name or Terraform address" },
                attributes: {
                  type: "array",
                  minItems: 1,
                  items: { type: "string", minLength: 1 },
                  description: "canonical attribute paths (globs) not compared; absent: the whole resource is left out of drift",
                },
                reason: { type: "string", minLength: 1 },
              },
            },
          },
        },
      },
    },
  };
}
