/** Reading policy packs: strict YAML, schema, `extends` merged in order, every mention kept with its line. */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { inputError } from "../errors.js";
import { schemaInputError } from "../rules/schema-errors.js";
import { parseYaml, type YamlInput } from "../rules/yaml-input.js";
import type { Severity } from "../rules/verdict.js";
import { buildPolicySchema } from "./schema.js";
import type { DriftIgnore, Policy, PolicyMention, RuleSelector, Waiver } from "./types.js";

let validator: ValidateFunction | undefined;
function validatePolicy(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(buildPolicySchema());
  return validator;
}

interface RawPolicy {
  name: string;
  description?: string;
  extends?: string[];
  rules?: { include?: RuleSelector; exclude?: RuleSelector };
  params?: Record<string, Record<string, unknown>>;
  severity?: Record<string, Severity>;
  scope?: Policy["scope"];
  waivers?: Omit<Waiver, "file" | "line">[];
  drift?: { ignore?: Omit<DriftIgnore, "file" | "line">[] };
}

/** The instant a waiver stops waiving; NaN when the date is not a real one. */
export function expiryTime(expires: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
    const t = Date.parse(`${expires}T00:00:00Z`);
    // V8 rolls 2027-02-30 over to March; a date that does not round-trip is not a real one.
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === expires ? t : NaN;
  }
  return Date.parse(expires);
}

function own(input: YamlInput, raw: RawPolicy, file: string): Policy {
  const mentions: PolicyMention[] = [];
  const mention = (kind: PolicyMention["kind"], ruleId: string, pointer: (string | number)[], key: boolean, param?: string) =>
    mentions.push({ kind, ruleId, file, line: input.lineOf(pointer, key), ...(param !== undefined ? { param } : {}) });
  raw.rules?.include?.ids?.forEach((id, i) => mention("include", id, ["rules", "include", "ids", i], false));
  raw.rules?.exclude?.ids?.forEach((id, i) => mention("exclude", id, ["rules", "exclude", "ids", i], false));
  for (const [id, ps] of Object.entries(raw.params ?? {})) {
    for (const p of Object.keys(ps)) mention("params", id, ["params", id, p], true, p);
  }
  for (const id of Object.keys(raw.severity ?? {})) mention("severity", id, ["severity", id], true);
  const waivers: Waiver[] = (raw.waivers ?? []).map((w, i) => {
    const line = input.lineOf(["waivers", i]);
    if (Number.isNaN(expiryTime(w.expires))) throw inputError(file, input.lineOf(["waivers", i, "expires"]), `waivers[${i}].expires: '${w.expires}' is not a real date`);
    if (!/[*?]/.test(w.rule)) mentions.push({ kind: "waiver", ruleId: w.rule, file, line: input.lineOf(["waivers", i, "rule"]) });
    return { ...w, file, line };
  });
  const driftIgnore: DriftIgnore[] | undefined = raw.drift?.ignore?.map((d, i) => ({ ...d, file, line: input.lineOf(["drift", "ignore", i]) }));
  return {
    name: raw.name,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    ...(driftIgnore ? { drift: { ignore: driftIgnore } } : {}),
    file,
    files: [file],
    include: raw.rules?.include ? [raw.rules.include] : [],
    exclude: raw.rules?.exclude ? [raw.rules.exclude] : [],
    params: raw.params ?? {},
    severity: raw.severity ?? {},
    scope: raw.scope ?? {},
    waivers,
    mentions,
  };
}

/** Later packs win: params per key, severities per rule, scope per key; selections and waivers add up. */
function merge(base: Policy, over: Policy): Policy {
  const params: Policy["params"] = { ...base.params };
  for (const [id, ps] of Object.entries(over.params)) params[id] = { ...(params[id] ?? {}), ...ps };
  return {
    name: over.name,
    ...(over.description !== undefined ? { description: over.description } : base.description !== undefined ? { description: base.description } : {}),
    file: over.file,
    files: [...base.files, ...over.files.filter((f) => !base.files.includes(f))],
    include: [...base.include, ...over.include],
    exclude: [...base.exclude, ...over.exclude],
    params,
    severity: { ...base.severity, ...over.severity },
    scope: { ...base.scope, ...over.scope },
    waivers: [...base.waivers, ...over.waivers],
    mentions: [...base.mentions, ...over.mentions],
    // Drift ignores add up, like waivers.
    ...(base.drift || over.drift ? { drift: { ignore: [...(base.drift?.ignore ?? []), ...(over.drift?.ignore ?? [])] } } : {}),
  };
}

async function load(file: string, stack: string[]): Promise<Policy> {
  const abs = resolve(file);
  if (stack.includes(abs)) throw inputError(file, undefined, `extends cycle: ${[...stack, abs].map((f) => f).join(" → ")}`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw inputError(file, undefined, "policy file not found or not readable");
  }
  const input = parseYaml(text, file);
  if (input.data === null || input.data === undefined) throw inputError(file, undefined, "the policy file is empty");
  if (typeof input.data !== "object" || Array.isArray(input.data)) throw inputError(file, 1, "expected a mapping with name, rules, params, ...");
  const validate = validatePolicy();
  if (!(validate(input.data) as boolean)) throw schemaInputError(validate.errors ?? [], input);
  const raw = input.data as RawPolicy;
  let acc: Policy | undefined;
  for (const [i, ext] of (raw.extends ?? []).entries()) {
    const path = resolve(dirname(file), ext);
    let base: Policy;
    try {
      base = await load(path, [...stack, abs]);
    } catch (e) {
      // A missing base is this file's mistake: say where it is named.
      if (e instanceof Error && e.message.startsWith(`${path}: policy file not found`)) {
        throw inputError(file, input.lineOf(["extends", i]), `extends[${i}]: '${ext}' not found (looked for ${path})`);
      }
      throw e;
    }
    acc = acc ? merge(acc, base) : base;
  }
  const self = own(input, raw, file);
  return acc ? merge(acc, self) : self;
}

/** Load a policy pack and its bases. Needs no rules: check it against them with checkPolicyAgainstRules. */
export async function loadPolicy(file: string): Promise<Policy> {
  const policy = await load(file, []);
  if (policy.include.length === 0) {
    throw inputError(file, undefined, "the policy selects no rules: add rules.include (ids, areas, severities or all: true)");
  }
  return policy;
}
