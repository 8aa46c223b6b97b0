/** Ajv errors → one InputError at the right line, worded for a person ("unknown key 'x'"), not ajv's raw text. */
import type { ErrorObject } from "ajv";
import { inputError, type InputError } from "../errors.js";
import { pointerText, type Pointer } from "./compile.js";
import type { YamlInput } from "./yaml-input.js";

const IGNORED = new Set(["oneOf", "anyOf", "allOf", "if", "then", "else", "not", "$ref"]);
const PRIORITY = ["additionalProperties", "required", "enum", "const", "type", "pattern", "minItems", "minLength", "propertyNames"];

export function pointerOf(instancePath: string): (string | number)[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function shown(v: unknown): string {
  const s = typeof v === "string" ? `'${v}'` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 59) + "…" : s;
}

function kind(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "a mapping" : `${typeof v} ${shown(v)}`;
}

/** The error a person should see first: the deepest, and of those the most specific. */
export function bestError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  const useful = errors.filter((e) => !IGNORED.has(e.keyword));
  const pool = useful.length > 0 ? useful : [...errors];
  const depth = (e: ErrorObject) => (e.instancePath === "" ? 0 : e.instancePath.split("/").length);
  const rank = (e: ErrorObject) => {
    const i = PRIORITY.indexOf(e.keyword);
    return i < 0 ? PRIORITY.length : i;
  };
  return pool.sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b))[0];
}

export function describeError(e: ErrorObject): { pointer: Pointer; key: boolean; what: string } {
  const pointer = pointerOf(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const key = String(p.additionalProperty);
      return { pointer: [...pointer, key], key: true, what: `unknown key '${key}'${allowed.length ? ` (expected one of ${allowed.join(", ")})` : ""}` };
    }
    case "required":
      return { pointer, key: false, what: `missing required key '${String(p.missingProperty)}'` };
    case "enum":
      return { pointer, key: false, what: `${shown(e.data)} is not one of ${(p.allowedValues as unknown[]).map((v) => String(v)).join(", ")}` };
    case "type":
      return { pointer, key: false, what: `expected ${String(p.type)}, got ${kind(e.data)}` };
    case "pattern": {
      const d = (e.parentSchema as { description?: string } | undefined)?.description;
      return { pointer, key: false, what: `${shown(e.data)} does not match ${String(p.pattern)}${d ? ` (${d})` : ""}` };
    }
    case "propertyNames":
      return { pointer: [...pointer, String(p.propertyName)], key: true, what: `invalid name '${String(p.propertyName)}'` };
    default:
      return { pointer, key: false, what: e.message ?? "invalid" };
  }
}

export function schemaInputError(errors: readonly ErrorObject[], input: YamlInput): InputError {
  const e = bestError(errors)!;
  const { pointer, key, what } = describeError(e);
  const where = pointerText(pointer);
  return inputError(input.file, input.lineOf(pointer, key), where ? `${where}: ${what}` : what);
}
