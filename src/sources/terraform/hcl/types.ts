/**
 * Variable type constraints (`type = object({ a = optional(string, "x") })`), applied to variable values the
 * way Terraform converts them: strings to numbers/bools, declared object attributes only, optional
 * attributes filled with their default or null. Lenient: a value that does not convert is kept as is.
 */
import type { Expr } from "./ast.js";
import { isObject, isOpaque, toBool, toNum, toStr } from "./value.js";

export type TfType =
  | { k: "any" | "string" | "number" | "bool" }
  | { k: "list" | "set" | "map"; el: TfType }
  | { k: "object"; attrs: Record<string, { t: TfType; optional: boolean; def?: Expr }> }
  | { k: "tuple"; els: TfType[] };

const ANY: TfType = { k: "any" };

export function parseType(e: Expr): TfType {
  if (e.k === "var") return e.name === "string" || e.name === "number" || e.name === "bool" ? { k: e.name } : ANY;
  if (e.k !== "call") return ANY;
  const a0 = e.args[0];
  switch (e.name) {
    case "list":
    case "set":
    case "map":
      return { k: e.name, el: a0 ? parseType(a0) : ANY };
    case "tuple":
      return a0?.k === "tuple" ? { k: "tuple", els: a0.items.map(parseType) } : ANY;
    case "object": {
      if (a0?.k !== "object") return ANY;
      const attrs: Record<string, { t: TfType; optional: boolean; def?: Expr }> = {};
      for (const it of a0.items) {
        if (it.key.k !== "lit" || typeof it.key.v !== "string") continue;
        const v = it.val;
        attrs[it.key.v] =
          v.k === "call" && v.name === "optional"
            ? { t: v.args[0] ? parseType(v.args[0]) : ANY, optional: true, def: v.args[1] }
            : { t: parseType(v), optional: false };
      }
      return { k: "object", attrs };
    }
  }
  return ANY;
}

export function isPrimitive(t: TfType): boolean {
  return t.k === "string" || t.k === "number" || t.k === "bool";
}

/** Convert v to t; `evalDefault` evaluates an optional() default (a constant expression). */
export function convert(v: unknown, t: TfType, evalDefault: (e: Expr) => unknown): unknown {
  if (v === null || v === undefined || isOpaque(v)) return v;
  try {
    switch (t.k) {
      case "any":
        return v;
      case "string":
        return typeof v === "object" ? v : toStr(v);
      case "number":
        return toNum(v);
      case "bool":
        return toBool(v);
      case "list":
      case "set":
        return Array.isArray(v) ? v.map((x) => convert(x, t.el, evalDefault)) : v;
      case "tuple":
        return Array.isArray(v) ? v.map((x, i) => (t.els[i] ? convert(x, t.els[i]!, evalDefault) : x)) : v;
      case "map": {
        if (!isObject(v)) return v;
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[k] = convert(x, t.el, evalDefault);
        return out;
      }
      case "object": {
        if (!isObject(v)) return v;
        const out: Record<string, unknown> = {};
        for (const [k, a] of Object.entries(t.attrs)) {
          if (Object.prototype.hasOwnProperty.call(v, k) && v[k] !== null) out[k] = convert(v[k], a.t, evalDefault);
          else if (a.optional) out[k] = a.def ? convert(evalDefault(a.def), a.t, evalDefault) : null;
          else if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = null;
        }
        return out;
      }
    }
  } catch {
    return v;
  }
}
