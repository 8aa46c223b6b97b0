/** Reading rule files: strict YAML, schema validation, compilation, with file:line errors. */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { inputError, InputError } from "../errors.js";
import { compileRuleParts, ConditionError, pointerText, rememberCompiled } from "./compile.js";
import { buildRuleSchema } from "./schema.js";
import { schemaInputError } from "./schema-errors.js";
import type { Rule } from "./types.js";
import { parseYaml, type YamlInput } from "./yaml-input.js";

let validator: ValidateFunction | undefined;
function validateRule(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(buildRuleSchema());
  return validator;
}

function conditionError(e: ConditionError, input: YamlInput): InputError {
  const last = e.pointer[e.pointer.length - 1];
  // An unknown key is best shown on the key's own line.
  const onKey = typeof last === "string" && e.message.startsWith("unknown key");
  return inputError(input.file, input.lineOf(e.pointer, onKey), `${pointerText(e.pointer)}: ${e.message}`);
}

/** Parse and check one rule file's text. `file` is used in messages and kept on the rule. */
export function parseRule(text: string, file: string): Rule {
  const input = parseYaml(text, file);
  const data = input.data;
  if (data === null || data === undefined) throw inputError(file, undefined, "the file is empty: expected a rule (id, title, severity, area, condition, remediation)");
  if (typeof data !== "object" || Array.isArray(data)) throw inputError(file, 1, "expected a mapping with id, title, severity, area, condition, remediation");
  const d = data as Record<string, unknown>;
  const validate = validateRule();
  if (!(validate(d) as boolean)) {
    const errors = validate.errors ?? [];
    const inCondition = (p: string) => p.startsWith("/condition") || p.startsWith("/applies");
    // The compiler words condition mistakes better than a oneOf's error list does; let it speak first.
    if (errors.every((e) => inCondition(e.instancePath) || e.instancePath === "")) {
      try {
        compileRuleParts({ params: (d.params ?? {}) as Rule["params"], applies: d.applies as Rule["applies"], condition: d.condition as Rule["condition"] });
      } catch (e) {
        if (e instanceof ConditionError) throw conditionError(e, input);
        throw e;
      }
    }
    throw schemaInputError(errors, input);
  }
  const rule: Rule = {
    id: d.id as string,
    title: d.title as string,
    description: d.description as string | undefined,
    severity: d.severity as Rule["severity"],
    area: d.area as Rule["area"],
    resourceTypes: (d.resourceTypes as string[] | undefined) ?? [],
    scope: (d.scope as Rule["scope"] | undefined) ?? "resource",
    params: (d.params as Rule["params"] | undefined) ?? {},
    applies: d.applies as Rule["applies"],
    condition: d.condition as Rule["condition"],
    remediation: d.remediation as string,
    controls: (d.controls as Rule["controls"] | undefined) ?? {},
    references: (d.references as string[] | undefined) ?? [],
    file,
    line: input.lineOf(["id"]),
  };
  if (rule.description === undefined) delete rule.description;
  if (rule.applies === undefined) delete rule.applies;
  try {
    rememberCompiled(rule, compileRuleParts(rule));
  } catch (e) {
    if (e instanceof ConditionError) throw conditionError(e, input);
    throw e;
  }
  return rule;
}

async function yamlFilesUnder(path: string, out: string[]): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw inputError(path, undefined, "rules directory or file not found");
  }
  if (st.isFile()) {
    out.push(path);
    return;
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) await yamlFilesUnder(p, out);
    else if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push(p);
  }
}

/** Every *.yaml / *.yml under `dirs` (recursive, in name order). Duplicate ids across files are an error. */
export async function loadRules(dirs: readonly string[]): Promise<Rule[]> {
  const files: string[] = [];
  for (const d of dirs) await yamlFilesUnder(d, files);
  const rules: Rule[] = [];
  const seen = new Map<string, Rule>();
  for (const file of files) {
    const rule = parseRule(await readFile(file, "utf8"), file);
    const prev = seen.get(rule.id);
    if (prev) throw inputError(file, rule.line, `duplicate rule id '${rule.id}': also defined in ${prev.file}:${prev.line ?? 1}`);
    seen.set(rule.id, rule);
    rules.push(rule);
  }
  return rules;
}
