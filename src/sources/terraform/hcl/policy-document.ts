/**
 * `data "aws_iam_policy_document"` is a pure function of its arguments, so its `json` is computed here the
 * way the AWS provider renders it: 2-space indented, Version/Id/Statement, statement fields in the
 * provider's order, multi-valued sets reverse-sorted, single values unwrapped to a string, `{"*": ["*"]}`
 * principals collapsed to "*", source/override documents merged by Sid. If any input is not known, the
 * whole document is Unknown (a partial JSON string would be a guess).
 */
import { Unknown } from "../../../model/values.js";
import { compareStrings, findOpaque, isObject, propagate, toStr } from "./value.js";

type Json = Record<string, unknown>;

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
const strings = (v: unknown): string[] => asList(v).map((x) => toStr(x, "policy document"));

/** The provider's policyDecodeConfigStringList: one value → string; several → reverse-sorted list. */
function decode(values: string[]): string | string[] {
  if (values.length === 1) return values[0]!;
  return [...values].sort(compareStrings).reverse();
}

function principals(blocks: unknown): unknown {
  const list = asList(blocks).filter(isObject);
  if (!list.length) return undefined;
  if (list.length === 1 && list[0]!.type === "*") {
    const ids = strings(list[0]!.identifiers);
    if (ids.length === 1 && ids[0] === "*") return "*";
  }
  const raw: Record<string, string | string[]> = {};
  for (const p of list) {
    const type = toStr(p.type, "principal type");
    const ids = decode(strings(p.identifiers));
    const prev = raw[type];
    if (prev === undefined) raw[type] = ids;
    else raw[type] = [...asList(prev), ...asList(ids)] as string[];
  }
  return sortObject(raw);
}

function conditions(blocks: unknown): unknown {
  const list = asList(blocks).filter(isObject);
  if (!list.length) return undefined;
  const raw: Record<string, Record<string, string | string[]>> = {};
  for (const c of list) {
    const test = toStr(c.test, "condition test");
    const variable = toStr(c.variable, "condition variable");
    const vals = decode(strings(c.values));
    const byVar = (raw[test] ??= {});
    const prev = byVar[variable];
    byVar[variable] = prev === undefined ? vals : ([...asList(prev), ...asList(vals)] as string[]);
  }
  const out: Json = {};
  for (const t of Object.keys(raw).sort(compareStrings)) out[t] = sortObject(raw[t]!);
  return out;
}

function sortObject<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort(compareStrings)) out[k] = o[k]!;
  return out;
}

function statement(s: Json): Json {
  const out: Json = {};
  const set = (key: string, v: unknown) => {
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) out[key] = v;
  };
  const list = (name: string) => {
    const v = strings(s[name]);
    return v.length ? decode(v) : undefined;
  };
  if (typeof s.sid === "string" && s.sid) out.Sid = s.sid;
  out.Effect = typeof s.effect === "string" && s.effect ? s.effect : "Allow";
  set("Action", list("actions"));
  set("NotAction", list("not_actions"));
  set("Resource", list("resources"));
  set("NotResource", list("not_resources"));
  set("Principal", principals(s.principals));
  set("NotPrincipal", principals(s.not_principals));
  set("Condition", conditions(s.condition));
  return out;
}

/** Merge statements by Sid: a statement with the Sid of an earlier one replaces it, others append. */
function mergeBySid(base: Json[], over: Json[]): Json[] {
  const out = [...base];
  for (const s of over) {
    const sid = typeof s.Sid === "string" ? s.Sid : "";
    const at = sid ? out.findIndex((x) => x.Sid === sid) : -1;
    if (at >= 0) out[at] = s;
    else out.push(s);
  }
  return out;
}

function parseDoc(text: unknown): Json[] {
  let doc: unknown;
  try {
    doc = JSON.parse(toStr(text, "policy document"));
  } catch {
    throw new Error("not JSON");
  }
  if (!isObject(doc)) return [];
  return asList(doc.Statement).filter(isObject);
}

/** `attrs` are the data block's evaluated arguments (nested blocks as lists of objects). */
export function renderPolicyDocument(attrs: Json, address: string): unknown {
  const o = findOpaque(attrs);
  if (o instanceof Unknown) return new Unknown(`${address}.json depends on a value not known statically (${o.reason})`, `${address}.json`);
  if (o) return propagate(o);
  try {
    let statements = asList(attrs.statement).filter(isObject).map(statement);
    const sources = asList(attrs.source_policy_documents);
    const overrides = asList(attrs.override_policy_documents);
    if (sources.length || attrs.source_json || attrs.override_json || overrides.length) {
      let base: Json[] = [];
      for (const d of [...sources, ...(attrs.source_json ? [attrs.source_json] : [])]) base = [...base, ...parseDoc(d)];
      statements = mergeBySid(base, statements);
      for (const d of [...(attrs.override_json ? [attrs.override_json] : []), ...overrides]) statements = mergeBySid(statements, parseDoc(d));
    }
    const doc: Json = { Version: typeof attrs.version === "string" && attrs.version ? attrs.version : "2012-10-17" };
    if (typeof attrs.policy_id === "string" && attrs.policy_id) doc.Id = attrs.policy_id;
    if (statements.length) doc.Statement = statements;
    return JSON.stringify(doc, null, 2)
      .replace(/</g, "\\u003c")
      .replace(/>/g, "\\u003e")
      .replace(/&/g, "\\u0026");
  } catch {
    return new Unknown(`${address}.json could not be computed from its arguments`, `${address}.json`);
  }
}
