/**
 * The expression evaluator. Pure: everything outside the expression (variables, locals, resources,
 * modules, files) comes through the EvalContext, so the same code evaluates module bodies, tfvars files
 * and template files. Unknown and Sensitive operands propagate; real errors throw EvalError, which try()
 * and can() catch and evaluateSafe() turns into an Unknown that says what failed.
 */
import { PartialJson, Ref, Unknown } from "../../../model/values.js";
import { exprText, type Expr, type Step, type TemplatePart } from "./ast.js";
import { callFunction, type FnContext } from "./functions.js";
import {
  deepEqual,
  EvalError,
  findOpaque,
  isObject,
  isOpaque,
  propagate,
  Sensitive,
  SENSITIVE,
  sortedKeys,
  toBool,
  toNum,
  toStr,
  typeName,
} from "./value.js";

export type ChainStep = Step | { kind: "splat"; steps: Step[] };

export interface EvalContext extends FnContext {
  /** A reference whose root is not a local binding: var.x, local.y, module.m.out, aws_s3_bucket.b.arn... */
  resolve(root: string, steps: ChainStep[], node: Expr, scope: Scope): unknown;
}

/**
 * Refs that stand for one whole resource instance (`aws_kms_key.k["logs"]`, or an element of the map a bare
 * `aws_kms_key.k` evaluates to) and know how to read its attributes: a configured value when it is known,
 * else a Ref to that instance. Kept beside the Ref, so the Ref itself stays a plain value.
 */
export const INSTANCE_ATTRIBUTES = new WeakMap<Ref, (attribute: string) => unknown>();

/** Name bindings (for-expression variables, count, each, dynamic iterators) over a context. */
export class Scope {
  constructor(
    readonly ctx: EvalContext,
    private readonly vars?: Record<string, unknown>,
    private readonly parent?: Scope,
  ) {}

  with(vars: Record<string, unknown>): Scope {
    return new Scope(this.ctx, vars, this);
  }

  lookup(name: string): { value: unknown } | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.vars && Object.prototype.hasOwnProperty.call(s.vars, name)) return { value: s.vars[name] };
    }
    return undefined;
  }
}

/** Evaluate, turning Terraform-level errors into an Unknown that names the expression. */
export function evaluateSafe(e: Expr, scope: Scope): unknown {
  try {
    return evaluate(e, scope);
  } catch (err) {
    if (err instanceof EvalError) return new Unknown(`evaluation failed: ${err.message}`, exprText(e));
    throw err;
  }
}

type Chain = { root: Expr; steps: ChainStep[] };

/** `a.b[0][*].c` → root `a` and its steps, cached on the node (a property is cheaper than a WeakMap). */
function chainOf(e: Expr): Chain {
  const cached = (e as { chain?: Chain }).chain;
  if (cached) return cached;
  let c: Chain;
  const steps: ChainStep[] = [];
  let cur = e;
  for (;;) {
    if (cur.k === "attr") steps.push({ kind: "attr", name: cur.name });
    else if (cur.k === "index") steps.push({ kind: "index", key: cur.key });
    else if (cur.k === "splat") steps.push({ kind: "splat", steps: cur.steps });
    else break;
    cur = cur.obj;
  }
  c = { root: cur, steps: steps.reverse() };
  (e as { chain?: Chain }).chain = c;
  return c;
}

export function evaluate(e: Expr, scope: Scope): unknown {
  switch (e.k) {
    case "lit":
      return e.v;
    case "paren":
      return evaluate(e.x, scope);
    case "tmpl":
      return template(e.parts, scope, e);
    case "tuple":
      return expandList(e.items, scope);
    case "object": {
      const out: Record<string, unknown> = {};
      for (const it of e.items) {
        const k = evaluate(it.key, scope);
        if (isOpaque(k)) return propagate(k, exprText(e));
        out[toStr(k, "object key")] = evaluate(it.val, scope);
      }
      return out;
    }
    case "var": {
      const b = scope.lookup(e.name);
      return b ? b.value : scope.ctx.resolve(e.name, [], e, scope);
    }
    case "attr":
    case "index":
    case "splat": {
      const { root, steps } = chainOf(e);
      if (root.k === "var") {
        const b = scope.lookup(root.name);
        if (!b) return scope.ctx.resolve(root.name, steps, e, scope);
        return applySteps(b.value, steps, scope, e);
      }
      return applySteps(evaluate(root, scope), steps, scope, e);
    }
    case "call":
      return call(e, scope);
    case "for":
      return forExpr(e, scope);
    case "cond": {
      const c = evaluate(e.c, scope);
      if (isOpaque(c)) return propagate(c, exprText(e));
      return evaluate(toBool(c, "condition") ? e.t : e.f, scope);
    }
    case "unary": {
      const x = evaluate(e.x, scope);
      if (isOpaque(x)) return propagate(x, exprText(e));
      return e.op === "-" ? -toNum(x, "operand of -") : !toBool(x, "operand of !");
    }
    case "binary":
      return binary(e.op, e.l, e.r, scope, e);
  }
}

function expandList(items: Expr[], scope: Scope): unknown[] {
  return items.map((x) => evaluate(x, scope));
}

/** Apply traversal steps to a value: attribute access, indexing, splats. */
export function applySteps(v: unknown, steps: ChainStep[], scope: Scope, node: Expr, from = 0): unknown {
  let cur = v;
  for (let i = from; i < steps.length; i++) {
    const st = steps[i]!;
    if (cur instanceof Sensitive) return SENSITIVE;
    if (cur instanceof Ref && cur.attribute === undefined && st.kind === "attr") {
      const get = INSTANCE_ATTRIBUTES.get(cur);
      cur = get ? get(st.name) : new Ref(cur.target, st.name, exprText(node));
      continue;
    }
    if (cur instanceof Unknown) return propagate(cur, exprText(node));
    if (st.kind === "splat") {
      const each = (x: unknown) => applySteps(x, st.steps, scope, node);
      cur = cur === null ? [] : Array.isArray(cur) ? cur.map(each) : [each(cur)];
      continue;
    }
    cur = step(cur, st, scope, node);
  }
  return cur;
}

function step(cur: unknown, st: Step, scope: Scope, node: Expr): unknown {
  if (st.kind === "attr") {
    if (isObject(cur)) {
      if (Object.prototype.hasOwnProperty.call(cur, st.name)) return cur[st.name];
      throw new EvalError(`this object has no attribute "${st.name}"`);
    }
    if (Array.isArray(cur) && /^\d+$/.test(st.name)) return indexList(cur, Number(st.name));
    throw new EvalError(`cannot read attribute "${st.name}" of ${typeName(cur)}`);
  }
  const k = evaluate(st.key, scope);
  if (isOpaque(k)) return propagate(k, exprText(node));
  if (Array.isArray(cur)) return indexList(cur, toNum(k, "index"));
  if (isObject(cur)) {
    const key = toStr(k, "key");
    if (Object.prototype.hasOwnProperty.call(cur, key)) return cur[key];
    throw new EvalError(`the map has no element for key "${key}"`);
  }
  throw new EvalError(`cannot index ${typeName(cur)}`);
}

function indexList(l: unknown[], i: number): unknown {
  if (!Number.isInteger(i) || i < 0 || i >= l.length) throw new EvalError(`index ${i} out of range for a list of ${l.length}`);
  return l[i];
}

function template(parts: TemplatePart[], scope: Scope, node: Expr): unknown {
  // A template that is one interpolation yields the value itself, not its string form ("${true}" is a bool).
  if (parts.length === 1 && parts[0]!.kind === "interp") return evaluate(parts[0]!.expr, scope);
  return render(parts, scope, node, true);
}

/**
 * A template's string, or the opaque value that makes it unknowable. Literal text around exactly one
 * resource reference (`"${aws_s3_bucket.b.arn}/*"`) still points at that resource: the result is a Ref to
 * it, as plans record such an expression. Several distinct references, or any other unknown (a condition,
 * a loop collection, a variable without a value), make a plain Unknown.
 */
function render(parts: TemplatePart[], scope: Scope, node: Expr, top = false): unknown {
  let s = "";
  /** The template as a regular expression: known text literally, each unknown part as "anything". */
  let shape = "";
  const known = (text: string) => {
    s += text;
    shape += text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  };
  const ANY = "[\\s\\S]*";
  let opaque: Unknown | Sensitive | undefined;
  /** The one Ref the top-level interpolations make unknowable; null once anything else is unknown. */
  let ref: Ref | null | undefined;
  const note = (o: Unknown | Sensitive, interp = false) => {
    if (!opaque || o instanceof Sensitive) opaque = o;
    if (ref === null) return;
    if (interp && top && o instanceof Ref && o.attribute !== undefined && (!ref || (ref.target === o.target && ref.attribute === o.attribute))) ref = o;
    else ref = null;
  };
  for (const p of parts) {
    if (p.kind === "lit") known(p.text);
    else if (p.kind === "interp") {
      const v = evaluate(p.expr, scope);
      if (isOpaque(v)) {
        note(v, true);
        shape += ANY;
      } else if (v === null) throw new EvalError("a template interpolation is null");
      else if (typeof v === "object") throw new EvalError(`cannot interpolate a ${typeName(v)} into a string`);
      else known(toStr(v));
    } else if (p.kind === "if") {
      const c = evaluate(p.cond, scope);
      if (isOpaque(c)) {
        note(c);
        shape += ANY;
      } else {
        const r = render(toBool(c, "template if") ? p.then : p.else, scope, node);
        if (isOpaque(r)) {
          note(r);
          shape += ANY;
        } else known(r as string);
      }
    } else {
      const coll = evaluate(p.coll, scope);
      if (isOpaque(coll)) {
        note(coll);
        shape += ANY;
        continue;
      }
      for (const [k, v] of entries(coll)) {
        const vars: Record<string, unknown> = { [p.valVar]: v };
        if (p.keyVar) vars[p.keyVar] = k;
        const r = render(p.body, scope.with(vars), node);
        if (isOpaque(r)) {
          note(r);
          shape += ANY;
        } else known(r as string);
      }
    }
    if (opaque instanceof Sensitive) break;
  }
  if (!opaque) return s;
  if (opaque instanceof Sensitive) return propagate(opaque, exprText(node));
  const out = ref ? new Ref(ref.target, ref.attribute, exprText(node), true) : (propagate(opaque, exprText(node)) as Unknown);
  out.shape = new RegExp(`^${shape}$`);
  return out;
}

/** Iteration order of a collection: list by index, map by key (lexical), as Terraform does. */
function entries(coll: unknown): [unknown, unknown][] {
  if (Array.isArray(coll)) return coll.map((v, i) => [i, v]);
  if (isObject(coll)) return sortedKeys(coll).map((k) => [k, coll[k]]);
  throw new EvalError(`cannot iterate over ${typeName(coll)}`);
}

function forExpr(e: Extract<Expr, { k: "for" }>, scope: Scope): unknown {
  const coll = evaluate(e.coll, scope);
  if (isOpaque(coll)) return propagate(coll, exprText(e));
  const tuple: unknown[] = [];
  const obj: Record<string, unknown> = {};
  for (const [k, v] of entries(coll)) {
    const vars: Record<string, unknown> = { [e.valVar]: v };
    if (e.keyVar) vars[e.keyVar] = k;
    const inner = scope.with(vars);
    if (e.cond) {
      const c = evaluate(e.cond, inner);
      if (isOpaque(c)) return propagate(c, exprText(e));
      if (!toBool(c, "for condition")) continue;
    }
    if (!e.keyExpr) {
      tuple.push(evaluate(e.valExpr, inner));
      continue;
    }
    const key = evaluate(e.keyExpr, inner);
    if (isOpaque(key)) return propagate(key, exprText(e));
    const ks = toStr(key, "for key");
    const val = evaluate(e.valExpr, inner);
    if (e.group) ((obj[ks] ??= []) as unknown[]).push(val);
    else if (Object.prototype.hasOwnProperty.call(obj, ks)) throw new EvalError(`duplicate key "${ks}" in a for expression (use ... to group)`);
    else obj[ks] = val;
  }
  return e.keyExpr ? obj : tuple;
}

function binary(op: string, le: Expr, re: Expr, scope: Scope, node: Expr): unknown {
  const l = evaluate(le, scope);
  if (op === "&&" || op === "||") {
    // Short-circuit on a known deciding operand, even when the other side is unknown.
    const decide = op === "||";
    if (!isOpaque(l) && toBool(l, op) === decide) return decide;
    const r = evaluate(re, scope);
    if (!isOpaque(r) && toBool(r, op) === decide) return decide;
    if (isOpaque(l)) return propagate(l, exprText(node));
    if (isOpaque(r)) return propagate(r, exprText(node));
    return !decide;
  }
  const r = evaluate(re, scope);
  if (op === "==" || op === "!=") {
    const o = findOpaque(l) ?? findOpaque(r);
    if (o) return propagate(o, exprText(node));
    return deepEqual(l, r) === (op === "==");
  }
  if (isOpaque(l)) return propagate(l, exprText(node));
  if (isOpaque(r)) return propagate(r, exprText(node));
  const a = toNum(l, `operand of ${op}`);
  const b = toNum(r, `operand of ${op}`);
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0) throw new EvalError("division by zero");
      return a / b;
    case "%":
      if (b === 0) throw new EvalError("division by zero");
      return a % b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
  }
  throw new EvalError(`unsupported operator ${op}`);
}

function call(e: Extract<Expr, { k: "call" }>, scope: Scope): unknown {
  switch (e.name) {
    case "try":
      for (const a of e.args) {
        try {
          return evaluate(a, scope);
        } catch (err) {
          if (!(err instanceof EvalError)) throw err;
        }
      }
      throw new EvalError("try: no argument could be evaluated");
    case "can":
      try {
        const v = evaluate(e.args[0]!, scope);
        const o = findOpaque(v);
        return o ? propagate(o, exprText(e)) : true;
      } catch (err) {
        if (err instanceof EvalError) return false;
        throw err;
      }
    case "coalesce":
    case "coalescelist": {
      // The first non-empty known argument wins; an unknown before it makes the answer unknown.
      for (const a of args(e, scope)) {
        if (isOpaque(a)) return propagate(a, exprText(e));
        const empty = e.name === "coalesce" ? a === null || a === "" : !Array.isArray(a) || a.length === 0;
        if (!empty) return a;
      }
      if (e.name === "coalescelist") return [];
      throw new EvalError("coalesce: no non-null, non-empty argument");
    }
    case "sensitive":
      return SENSITIVE;
    case "nonsensitive":
      // The value was never kept, so it cannot be revealed; it stays redacted.
      return evaluate(e.args[0]!, scope);
  }
  const r = callFunction(e.name, args(e, scope), scope.ctx, exprText(e));
  // An unknown template file result is named by the call, not by the file's text.
  if (e.name === "templatefile" && r instanceof Unknown && !(r instanceof PartialJson)) {
    const named = r instanceof Ref ? new Ref(r.target, r.attribute, exprText(e), true) : new Unknown(r.reason, exprText(e));
    if (r.shape) named.shape = r.shape;
    return named;
  }
  return r;
}

function args(e: Extract<Expr, { k: "call" }>, scope: Scope): unknown[] {
  const vals = e.args.map((a) => evaluate(a, scope));
  if (!e.expand || !vals.length) return vals;
  const last = vals.pop();
  if (isOpaque(last)) return [...vals, last];
  if (Array.isArray(last)) return [...vals, ...last];
  throw new EvalError("the expanded argument (...) must be a list");
}
