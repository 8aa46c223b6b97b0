/**
 * `data "aws_iam_policy_document"` is a pure function of its arguments, so its `json` is computed here the
 * way the AWS provider renders it: 2-space indented, Version/Id/Statement, statement fields in the
 * provider's order, multi-valued sets reverse-sorted, single values unwrapped to a string, `{"*": ["*"]}`
 * principals collapsed to "*", source/override documents merged by Sid.
 *
 * When some inputs are known only after apply (`resources = [aws_s3_bucket.b.arn]`), the JSON text is not
 * knowable but its structure is: the result is a PartialJson holding the document in the provider's layout
 * with Unknown leaves where values are unknown (an unknown element stays an element; an unknown list, an
 * unknown principal or condition key, or statements whose merge by Sid depends on an unknown, become one
 * Unknown in their place). A sensitive input makes the whole document sensitive.
 */
import { PartialJson, Unknown } from "../../../model/values.js";
import { compareStrings, findOpaque, hasUnknown, isObject, partialJson, propagate, Sensitive, toStr } from "./value.js";

type Json = Record<string, unknown>;
/** A string, or an Unknown where the input is not knowable. */
type Str = string | Unknown;

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
const strings = (v: unknown): Str[] | Unknown =>
  v instanceof Unknown ? v : asList(v).map((x) => (x instanceof Unknown ? x : toStr(x, "policy document")));

/** The provider's policyDecodeConfigStringList: one value → string; several → reverse-sorted list (unknowns last). */
function decode(values: Str[]): Str | Str[] {
  if (values.length === 1) return values[0]!;
  const known = values.filter((x): x is string => typeof x === "string").sort(compareStrings).reverse();
  return [...known, ...values.filter((x) => x instanceof Unknown)];
}

/** Two values for one key, appended; unknown as a whole if either is. */
function append(prev: unknown, next: unknown): unknown {
  if (prev === undefined) return next;
  if (prev instanceof Unknown) return prev;
  if (next instanceof Unknown) return next;
  return [...asList(prev), ...asList(next)];
}

/** Nested blocks as objects; a dynamic block whose for_each is unknown makes them all Unknown. */
function blockObjects(blocks: unknown): Json[] | Unknown {
  if (blocks instanceof Unknown) return blocks;
  const list = asList(blocks);
  const unknown = list.find((x) => x instanceof Unknown);
  return unknown instanceof Unknown ? unknown : list.filter(isObject);
}

function principals(blocks: unknown): unknown {
  const list = blockObjects(blocks);
  if (list instanceof Unknown || !list.length) return list instanceof Unknown ? list : undefined;
  if (list.length === 1 && list[0]!.type === "*") {
    const ids = strings(list[0]!.identifiers);
    if (ids instanceof Unknown) return ids;
    if (ids.length === 1 && ids[0] === "*") return "*";
    const u = ids.find((x) => x instanceof Unknown);
    if (u) return u; // "*" or a list of principals: not knowable
  }
  const raw: Record<string, unknown> = {};
  for (const p of list) {
    if (p.type instanceof Unknown) return p.type;
    const type = toStr(p.type, "principal type");
    const ids = strings(p.identifiers);
    raw[type] = append(raw[type], ids instanceof Unknown ? ids : decode(ids));
  }
  return sortObject(raw);
}

function conditions(blocks: unknown): unknown {
  const list = blockObjects(blocks);
  if (list instanceof Unknown || !list.length) return list instanceof Unknown ? list : undefined;
  const raw: Record<string, Record<string, unknown>> = {};
  for (const c of list) {
    if (c.test instanceof Unknown) return c.test;
    if (c.variable instanceof Unknown) return c.variable;
    const test = toStr(c.test, "condition test");
    const variable = toStr(c.variable, "condition variable");
    const vals = strings(c.values);
    const byVar = (raw[test] ??= {});
    byVar[variable] = append(byVar[variable], vals instanceof Unknown ? vals : decode(vals));
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
    if (v instanceof Unknown) return v;
    return v.length ? decode(v) : undefined;
  };
  if ((typeof s.sid === "string" && s.sid) || s.sid instanceof Unknown) out.Sid = s.sid;
  out.Effect = (typeof s.effect === "string" && s.effect) || s.effect instanceof Unknown ? s.effect : "Allow";
  set("Action", list("actions"));
  set("NotAction", list("not_actions"));
  set("Resource", list("resources"));
  set("NotResource", list("not_resources"));
  set("Principal", principals(s.principals));
  set("NotPrincipal", principals(s.not_principals));
  set("Condition", conditions(s.condition));
  return out;
}

type Statements = Array<Json | Unknown> | Unknown;

/** Merge statements by Sid: a statement with the Sid of an earlier one replaces it, others append. */
function mergeBySid(base: Statements, over: Statements): Statements {
  if (over instanceof Unknown) return over;
  if (!over.length) return base;
  if (base instanceof Unknown) return base;
  const out = [...base];
  for (const s of over) {
    // Which statement an unknown one (or one with an unknown Sid) replaces is not knowable.
    if (s instanceof Unknown) return s;
    if (s.Sid instanceof Unknown) return s.Sid;
    const sid = typeof s.Sid === "string" ? s.Sid : "";
    if (sid) {
      const unknown = out.find((x) => x instanceof Unknown || x.Sid instanceof Unknown);
      if (unknown) return unknown instanceof Unknown ? unknown : (unknown.Sid as Unknown);
    }
    const at = sid ? out.findIndex((x) => (x as Json).Sid === sid) : -1;
    if (at >= 0) out[at] = s;
    else out.push(s);
  }
  return out;
}

/** The statements of a source / override document: JSON text, or a PartialJson's structure. */
function parseDoc(text: unknown): Statements {
  let doc: unknown;
  if (text instanceof PartialJson) doc = text.structure;
  else if (text instanceof Unknown) return text;
  else {
    try {
      doc = JSON.parse(toStr(text, "policy document"));
    } catch {
      throw new Error("not JSON");
    }
  }
  if (!isObject(doc)) return [];
  if (doc.Statement instanceof Unknown) return doc.Statement;
  return asList(doc.Statement).filter((x): x is Json | Unknown => x instanceof Unknown || isObject(x));
}

/** `attrs` are the data block's evaluated arguments (nested blocks as lists of objects). */
export function renderPolicyDocument(attrs: Json, address: string): unknown {
  const o = findOpaque(attrs);
  if (o instanceof Sensitive) return propagate(o);
  try {
    const blocks = blockObjects(attrs.statement);
    let statements: Statements = blocks instanceof Unknown ? blocks : blocks.map(statement);
    const sources = asList(attrs.source_policy_documents);
    const overrides = asList(attrs.override_policy_documents);
    if (sources.length || attrs.source_json || attrs.override_json || overrides.length) {
      let base: Statements = [];
      for (const d of [...sources, ...(attrs.source_json ? [attrs.source_json] : [])]) {
        const more = parseDoc(d);
        base = base instanceof Unknown ? base : more instanceof Unknown ? more : [...base, ...more];
      }
      statements = mergeBySid(base, statements);
      for (const d of [...(attrs.override_json ? [attrs.override_json] : []), ...overrides]) statements = mergeBySid(statements, parseDoc(d));
    }
    const known = (v: unknown) => (typeof v === "string" && v) || v instanceof Unknown;
    const doc: Json = { Version: known(attrs.version) ? attrs.version : "2012-10-17" };
    if (known(attrs.policy_id)) doc.Id = attrs.policy_id;
    if (statements instanceof Unknown || statements.length) doc.Statement = statements;
    if (hasUnknown(doc)) return partialJson(doc, `${address}.json`, `${address}.json`);
    return JSON.stringify(doc, null, 2)
      .replace(/</g, "\\u003c")
      .replace(/>/g, "\\u003e")
      .replace(/&/g, "\\u0026");
  } catch {
    return new Unknown(`${address}.json could not be computed from its arguments`, `${address}.json`);
  }
}
