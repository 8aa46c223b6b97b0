/** Rule parameters: their declared types, and the values policies give them. */
import { inputError } from "../errors.js";
import type { ParamSpec, Rule } from "./types.js";

export const PARAM_TYPES = ["string", "number", "integer", "boolean", "list"] as const;
export const PARAM_ITEM_TYPES = ["string", "number", "boolean"] as const;

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "a list" : `a ${typeof v}`;
}

/** Why `value` does not fit `spec`, or undefined when it does. */
export function paramValueProblem(spec: ParamSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case "string":
      if (typeof value !== "string") return `expected a string, got ${typeName(value)}`;
      return undefined;
    case "boolean":
      if (typeof value !== "boolean") return `expected true or false, got ${typeName(value)}`;
      return undefined;
    case "number":
    case "integer":
      if (typeof value !== "number" || !Number.isFinite(value)) return `expected a number, got ${typeName(value)}`;
      if (spec.type === "integer" && !Number.isInteger(value)) return `expected a whole number, got ${value}`;
      if (spec.minimum !== undefined && value < spec.minimum) return `${value} is below the minimum ${spec.minimum}`;
      if (spec.maximum !== undefined && value > spec.maximum) return `${value} is above the maximum ${spec.maximum}`;
      return undefined;
    case "list":
      if (!Array.isArray(value)) return `expected a list, got ${typeName(value)}`;
      if (spec.items) {
        const i = value.findIndex((x) => typeof x !== spec.items);
        if (i >= 0) return `element ${i} is ${typeName(value[i])}, expected a ${spec.items}`;
      }
      return undefined;
  }
}

/**
 * The values a rule evaluates with: its defaults overlaid with `given`. Throws InputError for a value of
 * the wrong type, an undeclared name, or a parameter left without a value.
 */
export function resolveParams(rule: Rule, given: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(rule.params)) {
    const v = given && Object.hasOwn(given, name) ? given[name] : spec.default;
    if (v === undefined) {
      throw inputError(rule.file, rule.line, `rule ${rule.id}: parameter '${name}' has no value: set it in the policy's params`);
    }
    const problem = paramValueProblem(spec, v);
    if (problem) throw inputError(rule.file, rule.line, `rule ${rule.id}: parameter '${name}': ${problem}`);
    out[name] = v;
  }
  if (given) {
    for (const name of Object.keys(given)) {
      if (!Object.hasOwn(rule.params, name)) {
        const known = Object.keys(rule.params);
        throw inputError(rule.file, rule.line, `rule ${rule.id} has no parameter '${name}'${known.length ? ` (it has ${known.join(", ")})` : ""}`);
      }
    }
  }
  return out;
}
