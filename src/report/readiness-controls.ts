/**
 * Reading a readiness controls file (policies/readiness/phase2-launch.yaml by default): strict YAML, the
 * JSON Schema in schemas/readiness-controls.schema.json, unique control ids, and rule ids that exist, each
 * a one-line error with file:line.
 */
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { inputError, InputError } from "../errors.js";
import { BUILTIN_POLICIES_DIR, SCHEMAS_DIR } from "../paths.js";
import { schemaInputError } from "../rules/schema-errors.js";
import { parseYaml } from "../rules/yaml-input.js";
import type { ReadinessDefinition } from "./readiness.js";

export const DEFAULT_READINESS_FILE = join(BUILTIN_POLICIES_DIR, "readiness", "phase2-launch.yaml");

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(
    JSON.parse(readFileSync(join(SCHEMAS_DIR, "readiness-controls.schema.json"), "utf8")) as object,
  );
  return validator;
}

interface RawControls {
  kind: "readiness";
  name: string;
  description?: string;
  controls: { id: string; title: string; roadmap?: string; rules?: string[]; manual?: string }[];
}

/** Parse and check a readiness file's text against the known rule ids. */
export function parseReadinessControls(text: string, file: string, knownRules: ReadonlySet<string>): ReadinessDefinition {
  const input = parseYaml(text, file);
  const v = validate();
  if (!v(input.data)) {
    const both = v.errors!.find((e) => e.keyword === "oneOf");
    if (both) {
      const ptr = both.instancePath.slice(1).split("/").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      throw inputError(file, input.lineOf(ptr, false), `${both.instancePath.slice(1).replace(/\//g, ".")}: a control has either 'rules' (a non-empty list) or 'manual', not both or neither`);
    }
    throw schemaInputError(v.errors!, input);
  }
  const raw = input.data as RawControls;
  const seen = new Set<string>();
  const controls = raw.controls.map((c, i) => {
    const line = input.lineOf(["controls", i, "id"]);
    if (seen.has(c.id)) throw inputError(file, line, `controls.${i}.id: duplicate control id '${c.id}'`);
    seen.add(c.id);
    (c.rules ?? []).forEach((r, j) => {
      if (!knownRules.has(r)) throw inputError(file, input.lineOf(["controls", i, "rules", j]), `controls.${i}.rules.${j}: unknown rule '${r}'`);
    });
    return { ...c, ...(line !== undefined ? { line } : {}) };
  });
  return { name: raw.name, ...(raw.description ? { description: raw.description.trim() } : {}), file, controls };
}

export async function loadReadinessControls(file: string, knownRules: ReadonlySet<string>): Promise<{ definition: ReadinessDefinition; text: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`--readiness-file ${file}: ${code === "ENOENT" ? "no such file" : `cannot read (${code ?? "error"})`}`, file);
  }
  return { definition: parseReadinessControls(text, file, knownRules), text };
}
