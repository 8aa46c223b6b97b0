/**
 * Turns condition specs (as read from YAML) into node trees, checking every part and naming the exact
 * place of a mistake as a pointer (["condition", "all", 1, "op"]) the loader maps to a line.
 * Compilation happens once per rule; evaluation only runs the nodes.
 */
import { inputError } from "../errors.js";
import type { Node, ValueSource, CountOp } from "./nodes.js";
import { AllNode, AnyNode, CountNode, LeafNode, NotNode, QuantifierNode, RefNode } from "./nodes.js";
import { operator, OPERATOR_NAMES } from "./operators.js";
import { parsePath, PathSyntaxError, type CompiledPath } from "./path.js";
import type { ParamSpec, Rule } from "./types.js";
import { paramValueProblem } from "./params.js";

export type Pointer = readonly (string | number)[];

export class ConditionError extends Error {
  constructor(
    readonly pointer: Pointer,
    message: string,
  ) {
    super(message);
  }
}

/** condition.all[1].op */
export function pointerText(p: Pointer): string {
  let s = "";
  for (const seg of p) s += typeof seg === "number" ? `[${seg}]` : s === "" ? seg : `.${seg}`;
  return s;
}

export const COMBINATORS = ["all", "any", "not", "some", "every", "none", "ref", "count"] as const;
export const LEAF_KEYS = ["path", "op", "value", "message"] as const;
export const COUNT_OPS: readonly CountOp[] = ["eq", "gt", "gte", "lt", "lte"];
export const RESOURCE_TYPE_PATTERN = /^AWS::[A-Za-z0-9]*::[A-Za-z0-9]+$/;

interface Env {
  params: Record<string, ParamSpec>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function describe(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}

const CONDITION_HINT = "expected a condition: {path, op, value} or one of all, any, not, some, every, none, ref, count";

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], at: Pointer): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new ConditionError([...at, k], `unknown key '${k}' (expected ${allowed.join(", ")})`);
  }
}

function compilePath(v: unknown, at: Pointer): CompiledPath {
  if (typeof v !== "string") throw new ConditionError(at, `expected a path string, got ${describe(v)}`);
  try {
    return parsePath(v);
  } catch (e) {
    if (e instanceof PathSyntaxError) throw new ConditionError(at, `invalid path '${v.slice(0, 80)}': ${e.message}`);
    throw e;
  }
}

function compileTypes(v: unknown, at: Pointer): string[] {
  const list = typeof v === "string" ? [v] : v;
  if (!Array.isArray(list) || list.length === 0) throw new ConditionError(at, "expected a resource type or a non-empty list of them");
  list.forEach((t, i) => {
    if (typeof t !== "string" || !RESOURCE_TYPE_PATTERN.test(t)) {
      throw new ConditionError(Array.isArray(v) ? [...at, i] : at, `'${String(t).slice(0, 60)}' is not a resource type like AWS::S3::Bucket`);
    }
  });
  return list as string[];
}

/** `{ param: name }` → the declared spec, checked against what the operator needs. */
function paramSource(v: Record<string, unknown>, at: Pointer, env: Env, need: ParamSpec["type"][]): ValueSource {
  checkKeys(v, ["param"], at);
  const name = v.param;
  if (typeof name !== "string") throw new ConditionError([...at, "param"], "expected a parameter name");
  const spec = env.params[name];
  if (!spec) {
    const known = Object.keys(env.params);
    throw new ConditionError([...at, "param"], `parameter '${name}' is not declared in params${known.length ? ` (declared: ${known.join(", ")})` : ""}`);
  }
  if (need.length > 0 && !need.includes(spec.type)) {
    throw new ConditionError([...at, "param"], `parameter '${name}' is a ${spec.type}; this needs a ${need.join(" or ")}`);
  }
  return { param: name };
}

function isParamRef(v: unknown): v is Record<string, unknown> {
  return isObject(v) && Object.hasOwn(v, "param");
}

function compileLeaf(spec: Record<string, unknown>, at: Pointer, env: Env): Node {
  checkKeys(spec, LEAF_KEYS, at);
  if (!Object.hasOwn(spec, "path")) throw new ConditionError(at, "a leaf needs a path");
  if (!Object.hasOwn(spec, "op")) throw new ConditionError(at, "a leaf needs an op");
  const path = compilePath(spec.path, [...at, "path"]);
  const opName = spec.op;
  const op = typeof opName === "string" ? operator(opName) : undefined;
  if (!op) {
    throw new ConditionError([...at, "op"], `unknown operator '${String(opName).slice(0, 40)}' (expected one of ${OPERATOR_NAMES.join(", ")})`);
  }
  const vat = [...at, "value"];
  const has = Object.hasOwn(spec, "value");
  const v = spec.value;
  let value: ValueSource = { literal: undefined };
  if (op.value === "none") {
    if (has) throw new ConditionError(vat, `'${op.name}' takes no value`);
  } else {
    if (!has) throw new ConditionError(at, `'${op.name}' needs a value`);
    if (isParamRef(v)) {
      const need: Record<string, ParamSpec["type"][]> = { any: [], list: ["list"], number: ["number", "integer"], regex: ["string"] };
      value = paramSource(v, vat, env, need[op.value]);
    } else {
      if (op.value === "list" && !Array.isArray(v)) throw new ConditionError(vat, `'${op.name}' needs a list, got ${describe(v)}`);
      if (op.value === "number" && (typeof v !== "number" || !Number.isFinite(v))) throw new ConditionError(vat, `'${op.name}' needs a number, got ${describe(v)}`);
      if (op.value === "regex") {
        if (typeof v !== "string") throw new ConditionError(vat, `'matches' needs a regular expression string, got ${describe(v)}`);
        try {
          new RegExp(v);
        } catch (e) {
          throw new ConditionError(vat, `invalid regular expression: ${(e as Error).message}`);
        }
      }
      if (v === undefined || v === null) throw new ConditionError(vat, `'${op.name}' needs a value (null never matches: use absent / exists)`);
      value = { literal: v };
    }
  }
  const message = spec.message;
  if (message !== undefined && typeof message !== "string") throw new ConditionError([...at, "message"], "expected a string");
  return new LeafNode(path, op, value, message);
}

export function compileCondition(spec: unknown, at: Pointer, env: Env): Node {
  if (!isObject(spec)) throw new ConditionError(at, `${CONDITION_HINT}; got ${describe(spec)}`);
  if (Object.hasOwn(spec, "path") || Object.hasOwn(spec, "op")) {
    // A leaf; a combinator key next to it is a mistake worth naming.
    const stray = Object.keys(spec).find((k) => (COMBINATORS as readonly string[]).includes(k));
    if (stray) throw new ConditionError([...at, stray], `'${stray}' cannot sit next to path/op: put them in separate conditions`);
    return compileLeaf(spec, at, env);
  }
  const keys = Object.keys(spec);
  if (keys.length === 0) throw new ConditionError(at, `empty condition: ${CONDITION_HINT}`);
  const key = keys[0];
  if (!(COMBINATORS as readonly string[]).includes(key)) {
    throw new ConditionError([...at, key], `unknown key '${key}': ${CONDITION_HINT}`);
  }
  if (keys.length > 1) throw new ConditionError([...at, keys[1]], `'${keys[1]}' cannot sit next to '${key}': one combinator per condition`);
  const body = spec[key];
  const bat = [...at, key];
  switch (key) {
    case "all":
    case "any": {
      if (!Array.isArray(body) || body.length === 0) throw new ConditionError(bat, `'${key}' needs a non-empty list of conditions`);
      const children = body.map((c, i) => compileCondition(c, [...bat, i], env));
      return key === "all" ? new AllNode(children) : new AnyNode(children);
    }
    case "not":
      return new NotNode(compileCondition(body, bat, env));
    case "some":
    case "every":
    case "none": {
      if (!isObject(body)) throw new ConditionError(bat, `'${key}' needs {path, where}`);
      checkKeys(body, ["path", "where"], bat);
      if (!Object.hasOwn(body, "path")) throw new ConditionError(bat, `'${key}' needs a path`);
      if (!Object.hasOwn(body, "where")) throw new ConditionError(bat, `'${key}' needs a where condition`);
      return new QuantifierNode(key, compilePath(body.path, [...bat, "path"]), compileCondition(body.where, [...bat, "where"], env));
    }
    case "ref": {
      if (!isObject(body)) throw new ConditionError(bat, "'ref' needs {path, type, where?}");
      checkKeys(body, ["path", "type", "where"], bat);
      if (!Object.hasOwn(body, "path")) throw new ConditionError(bat, "'ref' needs a path");
      if (!Object.hasOwn(body, "type")) throw new ConditionError(bat, "'ref' needs a type");
      const where = Object.hasOwn(body, "where") ? compileCondition(body.where, [...bat, "where"], env) : undefined;
      return new RefNode(compilePath(body.path, [...bat, "path"]), compileTypes(body.type, [...bat, "type"]), where);
    }
    case "count": {
      if (!isObject(body)) throw new ConditionError(bat, "'count' needs {type, where?, referencing?, gte|gt|lte|lt|eq: n}");
      checkKeys(body, ["type", "where", "referencing", ...COUNT_OPS], bat);
      if (!Object.hasOwn(body, "type")) throw new ConditionError(bat, "'count' needs a type");
      const ops = COUNT_OPS.filter((o) => Object.hasOwn(body, o));
      if (ops.length !== 1) throw new ConditionError(bat, `'count' needs exactly one of ${COUNT_OPS.join(", ")}`);
      const op = ops[0];
      const nv = body[op];
      let n: ValueSource;
      if (isParamRef(nv)) n = paramSource(nv, [...bat, op], env, ["number", "integer"]);
      else if (typeof nv === "number" && Number.isInteger(nv) && nv >= 0) n = { literal: nv };
      else throw new ConditionError([...bat, op], `expected a whole number, got ${describe(nv)}`);
      const where = Object.hasOwn(body, "where") ? compileCondition(body.where, [...bat, "where"], env) : undefined;
      const referencing = Object.hasOwn(body, "referencing") ? compilePath(body.referencing, [...bat, "referencing"]) : undefined;
      if (referencing && referencing.root !== "props") throw new ConditionError([...bat, "referencing"], "expected a prop path of the counted resource (not a $ field)");
      return new CountNode(compileTypes(body.type, [...bat, "type"]), where, op, n, referencing);
    }
  }
  throw new ConditionError(at, CONDITION_HINT);
}

/** Param declarations: a known type, and a default of that type. */
export function checkParamSpecs(params: unknown, at: Pointer): void {
  if (params === undefined) return;
  if (!isObject(params)) throw new ConditionError(at, "expected a map of parameter declarations");
  for (const [name, spec] of Object.entries(params)) {
    if (!isObject(spec)) throw new ConditionError([...at, name], "expected { type, default?, description? }");
    const s = spec as unknown as ParamSpec;
    if (s.default !== undefined) {
      const problem = paramValueProblem(s, s.default);
      if (problem) throw new ConditionError([...at, name, "default"], problem);
    }
  }
}

export interface CompiledRule {
  applies: Node | undefined;
  condition: Node;
}

const cache = new WeakMap<object, CompiledRule>();

/** Compile both conditions; pointers in errors start at "applies" / "condition". */
export function compileRuleParts(rule: Pick<Rule, "params" | "applies" | "condition">): CompiledRule {
  checkParamSpecs(rule.params, ["params"]);
  const env = { params: rule.params ?? {} };
  return {
    applies: rule.applies === undefined ? undefined : compileCondition(rule.applies, ["applies"], env),
    condition: compileCondition(rule.condition, ["condition"], env),
  };
}

/**
 * The compiled form of a rule, cached by its condition object: copies of a rule (a policy's severity
 * override) share the compilation. Throws InputError for a rule built in code with a bad condition.
 */
export function compileRule(rule: Rule): CompiledRule {
  const key = rule.condition as object;
  let c = cache.get(key);
  if (!c) {
    try {
      c = compileRuleParts(rule);
    } catch (e) {
      if (e instanceof ConditionError) throw inputError(rule.file, rule.file ? rule.line : undefined, `rule ${rule.id}: ${pointerText(e.pointer)}: ${e.message}`);
      throw e;
    }
    cache.set(key, c);
  }
  return c;
}

/** Seed the cache from the loader, which has already compiled (and line-checked) the rule. */
export function rememberCompiled(rule: Rule, compiled: CompiledRule): void {
  cache.set(rule.condition as object, compiled);
}
