/**
 * `ruleParameters` (the Config rule's InputParameters, a JSON object) → the plumbline rules to run and
 * their parameters. Keys:
 *
 *   rules    "id1,id2" or ["id1","id2"]: the plumbline rule ids this Config rule runs
 *   pack     a built-in policy pack ("baseline", "prod"): its rule selection, parameters, severities
 *            and waivers; with `rules`, only those of the pack's rules
 *   params   {"rule-id": {"param": value}} (or that as JSON text)
 *   <rule-id>.<param>   one parameter; a string value is read by the parameter's declared type
 *                       ("14" for a number, "true", "a,b" or '["a","b"]' for a list)
 *
 * At least one of `rules` / `pack` is required. Anything else (an unknown key, rule, pack or parameter,
 * a value of the wrong type) is a ParameterError: the handler logs it and sends no evaluations, since
 * evaluations from a misread configuration would be wrong ones.
 */
import { preparePolicy } from "../policy/select.js";
import type { Policy } from "../policy/types.js";
import type { ParamSpec, Rule } from "../rules/types.js";
import type { RuleSet } from "./ruleset.js";

export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParameterError";
  }
}

export interface Selection {
  policy: Policy;
  rules: Rule[];
  params: (ruleId: string) => Record<string, unknown> | undefined;
}

function idList(v: unknown): string[] {
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.map((x) => x.trim()).filter(Boolean);
  if (typeof v === "string") {
    const t = v.trim();
    if (t.startsWith("[")) {
      try {
        return idList(JSON.parse(t));
      } catch {
        throw new ParameterError("rules: not a valid JSON list");
      }
    }
    return t.split(",").map((s) => s.trim()).filter(Boolean);
  }
  throw new ParameterError("rules: expected a comma-separated list of rule ids");
}

/** A string parameter value read by the parameter's type. */
function coerce(spec: ParamSpec, v: unknown, where: string): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  switch (spec.type) {
    case "number":
    case "integer": {
      const n = Number(t);
      if (t === "" || !Number.isFinite(n)) throw new ParameterError(`${where}: '${t.slice(0, 40)}' is not a number`);
      return n;
    }
    case "boolean":
      if (t === "true") return true;
      if (t === "false") return false;
      throw new ParameterError(`${where}: expected true or false`);
    case "list": {
      if (t.startsWith("[")) {
        try {
          return JSON.parse(t);
        } catch {
          throw new ParameterError(`${where}: not a valid JSON list`);
        }
      }
      const items = t === "" ? [] : t.split(",").map((s) => s.trim());
      return spec.items === "number" ? items.map(Number) : spec.items === "boolean" ? items.map((s) => s === "true") : items;
    }
    default:
      return v;
  }
}

function parseJsonObject(text: string | undefined, what: string): Record<string, unknown> {
  if (text === undefined || text.trim() === "") return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ParameterError(`${what} is not valid JSON`);
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new ParameterError(`${what} is not a JSON object`);
  return v as Record<string, unknown>;
}

const PARAMETERS_FILE = "ruleParameters";

/** ruleParameters text → the rules to run, with their effective parameters. */
export function selectFromParameters(text: string | undefined, set: RuleSet): Selection {
  const p = parseJsonObject(text, "ruleParameters");
  const byId = new Map(set.rules.map((r) => [r.id, r]));
  const given: Record<string, Record<string, unknown>> = {};
  let ids: string[] | undefined;
  let packName: string | undefined;
  for (const [key, value] of Object.entries(p)) {
    if (key === "rules") ids = idList(value);
    else if (key === "pack") {
      if (typeof value !== "string" || !value.trim()) throw new ParameterError("pack: expected the name of a policy pack");
      packName = value.trim();
    } else if (key === "params") {
      const obj = typeof value === "string" ? parseJsonObject(value, "params") : value;
      if (obj === null || typeof obj !== "object" || Array.isArray(obj)) throw new ParameterError("params: expected {\"rule-id\": {\"param\": value}}");
      for (const [ruleId, ps] of Object.entries(obj as Record<string, unknown>)) {
        if (ps === null || typeof ps !== "object" || Array.isArray(ps)) throw new ParameterError(`params.${ruleId}: expected an object of parameter values`);
        Object.assign((given[ruleId] ??= {}), ps);
      }
    } else if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_]+$/.test(key)) {
      const dot = key.indexOf(".");
      (given[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = value;
    } else {
      throw new ParameterError(`unknown parameter '${key.slice(0, 60)}' (expected rules, pack, params or RULE-ID.PARAM)`);
    }
  }
  if (!ids && !packName) throw new ParameterError("name the plumbline rules to run: set rules (comma-separated rule ids) or pack (a policy pack name)");
  if (ids && ids.length === 0) throw new ParameterError("rules: the list is empty");
  for (const id of ids ?? []) if (!byId.has(id)) throw new ParameterError(`rules: unknown rule id '${id.slice(0, 80)}'`);

  let base: Policy;
  if (packName) {
    const pack = set.packs[packName];
    if (!pack) throw new ParameterError(`pack: unknown policy pack '${packName.slice(0, 60)}' (available: ${Object.keys(set.packs).sort().join(", ")})`);
    base = pack;
  } else {
    base = { name: "config-rule", file: PARAMETERS_FILE, files: [PARAMETERS_FILE], include: [{ ids }], exclude: [], params: {}, severity: {}, scope: {}, waivers: [], mentions: [] };
  }
  // Coerce and check every given parameter against the rule that declares it.
  const params: Record<string, Record<string, unknown>> = {};
  for (const [ruleId, ps] of Object.entries(base.params)) params[ruleId] = { ...ps };
  for (const [ruleId, ps] of Object.entries(given)) {
    const rule = byId.get(ruleId);
    if (!rule) throw new ParameterError(`${ruleId}: unknown rule id in a parameter`);
    for (const [name, v] of Object.entries(ps)) {
      const spec = rule.params[name];
      if (!spec) throw new ParameterError(`${ruleId}.${name}: rule ${ruleId} has no parameter '${name}'${Object.keys(rule.params).length ? ` (it has ${Object.keys(rule.params).join(", ")})` : " (it takes none)"}`);
      (params[ruleId] ??= {})[name] = coerce(spec, v, `${ruleId}.${name}`);
    }
  }
  const policy: Policy = { ...base, params };
  let prepared;
  try {
    prepared = preparePolicy(policy, set.rules);
    // Resolve every selected rule's parameters now: a bad value must stop the run before any evaluation.
    for (const r of prepared.rules) prepared.params(r.id);
  } catch (e) {
    throw new ParameterError((e as Error).message.replace(/^ruleParameters: /, ""));
  }
  let rules = prepared.rules;
  if (ids && packName) {
    const inPack = new Set(rules.map((r) => r.id));
    const outside = ids.filter((id) => !inPack.has(id));
    if (outside.length) throw new ParameterError(`rules: ${outside.join(", ")} not selected by pack ${packName}`);
    rules = rules.filter((r) => ids!.includes(r.id));
  }
  for (const [ruleId] of Object.entries(given)) {
    if (!rules.some((r) => r.id === ruleId)) throw new ParameterError(`${ruleId}: parameters given for a rule this Config rule does not run`);
  }
  return { policy, rules, params: prepared.params };
}
