/**
 * Terraform's built-in functions, where they can be computed from configuration alone. Opaque arguments
 * (Unknown / Sensitive) propagate: `shallow` functions only need their arguments themselves known
 * (concat works on a list holding a Ref), `deep` ones need every nested value known (join, sha256).
 * Exception: jsonencode over a structure with unknown (not sensitive) leaves gives a PartialJson, the
 * structure kept with its Unknown leaves, and jsondecode of a PartialJson gives that structure back.
 * Functions that depend on time or randomness, and ones not listed, return an Unknown naming them.
 * try(), can() and the coalesce family are evaluated lazily in ./evaluate.ts.
 */
import { createHash } from "node:crypto";
import { PartialJson, Unknown } from "../../../model/values.js";
import {
  compareStrings,
  deepEqual,
  EvalError,
  findOpaque,
  isObject,
  isOpaque,
  type Opaque,
  partialJson,
  propagate,
  Sensitive,
  sortedKeys,
  toBool,
  toNum,
  toStr,
  typeName,
} from "./value.js";

/** What file functions may touch; paths are relative to the Terraform working directory (the root). */
export interface FnContext {
  readFile(p: string): string;
  fileExists(p: string): boolean;
  renderTemplate(text: string, p: string, vars: Record<string, unknown>): unknown;
}

type Impl = (args: unknown[], ctx: FnContext) => unknown;
interface Fn {
  strict: "shallow" | "deep";
  impl: Impl;
  min?: number;
}

const list = (v: unknown, what: string): unknown[] => {
  if (Array.isArray(v)) return v;
  throw new EvalError(`${what}: a list is required, got ${typeName(v)}`);
};
const obj = (v: unknown, what: string): Record<string, unknown> => {
  if (isObject(v)) return v;
  throw new EvalError(`${what}: a map or object is required, got ${typeName(v)}`);
};
const distinct = (xs: unknown[]): unknown[] => {
  const out: unknown[] = [];
  for (const x of xs) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
};
const toSet = (xs: unknown[]): unknown[] => {
  const d = distinct(xs);
  return d.every((x) => typeof x === "string") ? (d as string[]).sort(compareStrings) : d;
};
const chars = (s: string) => [...s];

/** Go's json.Marshal escapes these, and so does Terraform's jsonencode. */
export function goJson(v: unknown, indent?: string): string {
  return JSON.stringify(sortDeep(v), null, indent)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of sortedKeys(v)) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}

function format(fmt: string, args: unknown[]): string {
  let i = 0;
  return fmt.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (m, flags: string, width?: string, prec?: string, verb?: string) => {
    if (verb === "%") return "%";
    if (i >= args.length) throw new EvalError("format: not enough arguments for the format string");
    const a = args[i++];
    let s: string;
    switch (verb) {
      case "s":
        s = toStr(a, "format");
        break;
      case "d":
        s = String(Math.trunc(toNum(a, "format")));
        break;
      case "f":
        s = toNum(a, "format").toFixed(prec ? Number(prec) : 6);
        break;
      case "t":
        s = String(toBool(a, "format"));
        break;
      case "q":
        s = JSON.stringify(toStr(a, "format"));
        break;
      case "v":
        s = typeof a === "string" ? a : typeof a === "number" || typeof a === "boolean" ? toStr(a) : goJson(a);
        break;
      case "x":
        s = Math.trunc(toNum(a, "format")).toString(16);
        break;
      default:
        throw new EvalError(`format: unsupported verb %${verb}`);
    }
    if (width && s.length < Number(width)) {
      const pad = flags.includes("0") && !flags.includes("-") ? "0" : " ";
      s = flags.includes("-") ? s.padEnd(Number(width)) : s.padStart(Number(width), pad);
    }
    return s;
  });
}

/** IPv4 cidrsubnet; IPv6 is left Unknown rather than approximated. */
function cidrsubnet(prefix: string, newbits: number, netnum: number): unknown {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(prefix);
  if (!m) {
    if (prefix.includes(":")) return new Unknown("cidrsubnet() on an IPv6 prefix is not evaluated statically");
    throw new EvalError("cidrsubnet: invalid CIDR prefix");
  }
  const base = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const len = Number(m[5]);
  const newLen = len + newbits;
  if (newLen > 32) throw new EvalError("cidrsubnet: insufficient address space");
  if (netnum < 0 || netnum >= 2 ** newbits) throw new EvalError("cidrsubnet: netnum out of range");
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const addr = ((base & mask) + netnum * 2 ** (32 - newLen)) >>> 0;
  return `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}/${newLen}`;
}

function regexOf(pattern: string): RegExp {
  try {
    // RE2 and JS agree on the simple patterns configurations use; (?P<n>) is RE2's named group spelling.
    return new RegExp(pattern.replace(/\(\?P</g, "(?<"));
  } catch {
    throw new EvalError("regex: invalid pattern");
  }
}
function matchResult(m: RegExpExecArray): unknown {
  if (m.groups) return { ...m.groups };
  if (m.length > 1) return m.slice(1).map((x) => x ?? null);
  return m[0];
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const hash = (alg: string) => (a: unknown[]) => createHash(alg).update(toStr(a[0]), "utf8").digest("hex");
const afterApply = (name: string) => () => new Unknown(`${name}() is known only at apply time`, `${name}()`);

const FUNCTIONS: Record<string, Fn> = {
  // collections
  merge: {
    strict: "shallow",
    impl: (a) => Object.assign({}, ...a.filter((x) => x !== null).map((x) => obj(x, "merge"))),
  },
  concat: { strict: "shallow", impl: (a) => a.flatMap((x) => list(x, "concat")) },
  lookup: {
    strict: "shallow",
    min: 2,
    impl: (a) => {
      const m = obj(a[0], "lookup");
      const k = toStr(a[1], "lookup");
      if (Object.prototype.hasOwnProperty.call(m, k)) return m[k];
      if (a.length > 2) return a[2];
      throw new EvalError(`lookup: the map has no key "${k}"`);
    },
  },
  compact: { strict: "deep", impl: (a) => list(a[0], "compact").filter((x) => x !== null && x !== "") },
  contains: { strict: "deep", min: 2, impl: (a) => list(a[0], "contains").some((x) => deepEqual(x, a[1])) },
  distinct: { strict: "deep", impl: (a) => distinct(list(a[0], "distinct")) },
  element: {
    strict: "shallow",
    min: 2,
    impl: (a) => {
      const l = list(a[0], "element");
      if (!l.length) throw new EvalError("element: the list is empty");
      const i = Math.trunc(toNum(a[1], "element"));
      if (i < 0) throw new EvalError("element: negative index");
      return l[i % l.length];
    },
  },
  flatten: {
    strict: "deep",
    impl: (a) => {
      const flat = (l: unknown[]): unknown[] => l.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
      return flat(list(a[0], "flatten"));
    },
  },
  keys: { strict: "shallow", impl: (a) => sortedKeys(obj(a[0], "keys")) },
  values: {
    strict: "shallow",
    impl: (a) => {
      const m = obj(a[0], "values");
      return sortedKeys(m).map((k) => m[k]);
    },
  },
  length: {
    strict: "shallow",
    impl: (a) => {
      const v = a[0];
      if (typeof v === "string") return chars(v).length;
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      throw new EvalError(`length: cannot take the length of ${typeName(v)}`);
    },
  },
  zipmap: {
    strict: "shallow",
    min: 2,
    impl: (a) => {
      const ks = list(a[0], "zipmap");
      const vs = list(a[1], "zipmap");
      const opaqueKey = findOpaque(ks);
      if (opaqueKey) return propagate(opaqueKey);
      const out: Record<string, unknown> = {};
      ks.forEach((k, i) => (out[toStr(k, "zipmap")] = vs[i]));
      return out;
    },
  },
  slice: {
    strict: "shallow",
    min: 3,
    impl: (a) => {
      const l = list(a[0], "slice");
      const s = toNum(a[1], "slice");
      const e = toNum(a[2], "slice");
      if (s < 0 || e > l.length || s > e) throw new EvalError("slice: index out of range");
      return l.slice(s, e);
    },
  },
  reverse: { strict: "shallow", impl: (a) => [...list(a[0], "reverse")].reverse() },
  sort: { strict: "deep", impl: (a) => list(a[0], "sort").map((x) => toStr(x, "sort")).sort(compareStrings) },
  range: {
    strict: "deep",
    impl: (a) => {
      const n = a.map((x) => toNum(x, "range"));
      const [start, limit, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[0]! <= n[1]! ? 1 : -1)];
      if (step === 0) throw new EvalError("range: step must not be zero");
      const out: number[] = [];
      for (let i = start; step > 0 ? i < limit : i > limit; i += step) {
        out.push(i);
        if (out.length > 1024) throw new EvalError("range: more than 1024 elements");
      }
      return out;
    },
  },
  one: {
    strict: "shallow",
    impl: (a) => {
      const l = list(a[0], "one");
      if (l.length > 1) throw new EvalError("one: the list has more than one element");
      return l.length ? l[0] : null;
    },
  },
  alltrue: { strict: "deep", impl: (a) => list(a[0], "alltrue").every((x) => toBool(x)) },
  anytrue: { strict: "deep", impl: (a) => list(a[0], "anytrue").some((x) => toBool(x)) },
  sum: { strict: "deep", impl: (a) => list(a[0], "sum").reduce<number>((s, x) => s + toNum(x, "sum"), 0) },
  setunion: { strict: "deep", impl: (a) => toSet(a.flatMap((x) => list(x, "setunion"))) },
  setintersection: {
    strict: "deep",
    impl: (a) => toSet(list(a[0], "setintersection").filter((x) => a.slice(1).every((l) => list(l, "setintersection").some((y) => deepEqual(x, y))))),
  },
  setsubtract: { strict: "deep", impl: (a) => toSet(list(a[0], "setsubtract").filter((x) => !list(a[1], "setsubtract").some((y) => deepEqual(x, y)))) },
  chunklist: {
    strict: "shallow",
    impl: (a) => {
      const l = list(a[0], "chunklist");
      const n = toNum(a[1], "chunklist");
      if (n <= 0) return [l];
      const out: unknown[][] = [];
      for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
      return out;
    },
  },
  // conversions
  tomap: { strict: "shallow", impl: (a) => obj(a[0], "tomap") },
  tolist: { strict: "shallow", impl: (a) => list(a[0], "tolist") },
  toset: { strict: "deep", impl: (a) => toSet(list(a[0], "toset")) },
  tostring: { strict: "shallow", impl: (a) => (a[0] === null ? null : toStr(a[0], "tostring")) },
  tonumber: { strict: "shallow", impl: (a) => (a[0] === null ? null : toNum(a[0], "tonumber")) },
  tobool: { strict: "shallow", impl: (a) => (a[0] === null ? null : toBool(a[0], "tobool")) },
  // strings
  format: { strict: "deep", impl: (a) => format(toStr(a[0], "format"), a.slice(1)) },
  formatlist: {
    strict: "deep",
    impl: (a) => {
      const fmt = toStr(a[0], "formatlist");
      const rest = a.slice(1);
      const n = Math.max(0, ...rest.filter(Array.isArray).map((l) => (l as unknown[]).length));
      return Array.from({ length: n }, (_, i) => format(fmt, rest.map((x) => (Array.isArray(x) ? x[i] : x))));
    },
  },
  join: { strict: "deep", impl: (a) => a.slice(1).flatMap((l) => list(l, "join")).map((x) => toStr(x, "join")).join(toStr(a[0], "join")) },
  split: { strict: "deep", impl: (a) => toStr(a[1], "split").split(toStr(a[0], "split")) },
  lower: { strict: "deep", impl: (a) => toStr(a[0], "lower").toLowerCase() },
  upper: { strict: "deep", impl: (a) => toStr(a[0], "upper").toUpperCase() },
  title: { strict: "deep", impl: (a) => toStr(a[0], "title").replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase()) },
  replace: {
    strict: "deep",
    min: 3,
    impl: (a) => {
      const s = toStr(a[0], "replace");
      const sub = toStr(a[1], "replace");
      const rep = toStr(a[2], "replace");
      if (sub.length > 1 && sub.startsWith("/") && sub.endsWith("/")) {
        const re = regexOf(sub.slice(1, -1));
        return s.replace(new RegExp(re.source, "g"), rep.replace(/\$\{?(\w+)\}?/g, (_m, g: string) => (/^\d+$/.test(g) ? `$${g}` : `$<${g}>`)));
      }
      return s.split(sub).join(rep);
    },
  },
  regex: {
    strict: "deep",
    min: 2,
    impl: (a) => {
      const m = regexOf(toStr(a[0], "regex")).exec(toStr(a[1], "regex"));
      if (!m) throw new EvalError("regex: the pattern did not match");
      return matchResult(m);
    },
  },
  regexall: {
    strict: "deep",
    min: 2,
    impl: (a) => {
      const re = regexOf(toStr(a[0], "regexall"));
      return [...toStr(a[1], "regexall").matchAll(new RegExp(re.source, "g"))].map((m) => matchResult(m as RegExpExecArray));
    },
  },
  substr: {
    strict: "deep",
    min: 3,
    impl: (a) => {
      const c = chars(toStr(a[0], "substr"));
      let off = toNum(a[1], "substr");
      const len = toNum(a[2], "substr");
      if (off < 0) off = Math.max(0, c.length + off);
      return c.slice(off, len < 0 ? undefined : off + len).join("");
    },
  },
  trim: {
    strict: "deep",
    impl: (a) => {
      const s = toStr(a[0], "trim");
      const cut = new Set(chars(toStr(a[1], "trim")));
      const c = chars(s);
      let i = 0;
      let j = c.length;
      while (i < j && cut.has(c[i]!)) i++;
      while (j > i && cut.has(c[j - 1]!)) j--;
      return c.slice(i, j).join("");
    },
  },
  trimspace: { strict: "deep", impl: (a) => toStr(a[0], "trimspace").trim() },
  trimprefix: { strict: "deep", impl: (a) => { const s = toStr(a[0], "trimprefix"); const p = toStr(a[1], "trimprefix"); return s.startsWith(p) ? s.slice(p.length) : s; } },
  trimsuffix: { strict: "deep", impl: (a) => { const s = toStr(a[0], "trimsuffix"); const p = toStr(a[1], "trimsuffix"); return p && s.endsWith(p) ? s.slice(0, -p.length) : s; } },
  chomp: { strict: "deep", impl: (a) => toStr(a[0], "chomp").replace(/(\r?\n)+$/, "") },
  startswith: { strict: "deep", impl: (a) => toStr(a[0], "startswith").startsWith(toStr(a[1], "startswith")) },
  endswith: { strict: "deep", impl: (a) => toStr(a[0], "endswith").endsWith(toStr(a[1], "endswith")) },
  strcontains: { strict: "deep", impl: (a) => toStr(a[0], "strcontains").includes(toStr(a[1], "strcontains")) },
  strrev: { strict: "deep", impl: (a) => chars(toStr(a[0], "strrev")).reverse().join("") },
  indent: { strict: "deep", impl: (a) => toStr(a[1], "indent").replace(/\n/g, "\n" + " ".repeat(toNum(a[0], "indent"))) },
  // numbers
  min: { strict: "deep", impl: (a) => Math.min(...a.map((x) => toNum(x, "min"))) },
  max: { strict: "deep", impl: (a) => Math.max(...a.map((x) => toNum(x, "max"))) },
  abs: { strict: "deep", impl: (a) => Math.abs(toNum(a[0], "abs")) },
  ceil: { strict: "deep", impl: (a) => Math.ceil(toNum(a[0], "ceil")) },
  floor: { strict: "deep", impl: (a) => Math.floor(toNum(a[0], "floor")) },
  signum: { strict: "deep", impl: (a) => Math.sign(toNum(a[0], "signum")) },
  parseint: { strict: "deep", impl: (a) => { const n = parseInt(toStr(a[0], "parseint"), toNum(a[1], "parseint")); if (isNaN(n)) throw new EvalError("parseint: not a number"); return n; } },
  // encoding and hashing
  jsonencode: { strict: "deep", impl: (a) => goJson(a[0]) },
  jsondecode: {
    strict: "deep",
    impl: (a) => {
      try {
        return JSON.parse(toStr(a[0], "jsondecode"));
      } catch {
        throw new EvalError("jsondecode: the string is not valid JSON");
      }
    },
  },
  base64encode: { strict: "deep", impl: (a) => b64(toStr(a[0], "base64encode")) },
  base64decode: { strict: "deep", impl: (a) => Buffer.from(toStr(a[0], "base64decode"), "base64").toString("utf8") },
  sha256: { strict: "deep", impl: hash("sha256") },
  sha1: { strict: "deep", impl: hash("sha1") },
  sha512: { strict: "deep", impl: hash("sha512") },
  md5: { strict: "deep", impl: hash("md5") },
  base64sha256: { strict: "deep", impl: (a) => createHash("sha256").update(toStr(a[0]), "utf8").digest("base64") },
  urlencode: { strict: "deep", impl: (a) => encodeURIComponent(toStr(a[0], "urlencode")) },
  cidrsubnet: { strict: "deep", min: 3, impl: (a) => cidrsubnet(toStr(a[0], "cidrsubnet"), toNum(a[1], "cidrsubnet"), toNum(a[2], "cidrsubnet")) },
  basename: { strict: "deep", impl: (a) => toStr(a[0], "basename").replace(/\/+$/, "").split("/").pop() ?? "" },
  dirname: { strict: "deep", impl: (a) => { const s = toStr(a[0], "dirname"); const i = s.lastIndexOf("/"); return i <= 0 ? (i === 0 ? "/" : ".") : s.slice(0, i); } },
  // files, relative to the working directory (the audited root), confined by the context
  file: { strict: "deep", impl: (a, c) => c.readFile(toStr(a[0], "file")) },
  fileexists: { strict: "deep", impl: (a, c) => c.fileExists(toStr(a[0], "fileexists")) },
  filebase64: { strict: "deep", impl: (a, c) => b64(c.readFile(toStr(a[0], "filebase64"))) },
  filesha256: { strict: "deep", impl: (a, c) => createHash("sha256").update(c.readFile(toStr(a[0], "filesha256"))).digest("hex") },
  filemd5: { strict: "deep", impl: (a, c) => createHash("md5").update(c.readFile(toStr(a[0], "filemd5"))).digest("hex") },
  templatefile: {
    strict: "shallow",
    min: 2,
    impl: (a, c) => {
      const p = toStr(a[0], "templatefile");
      return c.renderTemplate(c.readFile(p), p, a.length > 1 && a[1] !== null ? obj(a[1], "templatefile") : {});
    },
  },
  // known only at apply
  timestamp: { strict: "deep", impl: afterApply("timestamp") },
  uuid: { strict: "deep", impl: afterApply("uuid") },
  bcrypt: { strict: "deep", impl: afterApply("bcrypt") },
  plantimestamp: { strict: "deep", impl: afterApply("plantimestamp") },
};

/** Call a built-in with already-evaluated arguments. `expression` is the call's source, for Unknowns. */
export function callFunction(name: string, args: unknown[], ctx: FnContext, expression: string): unknown {
  const fn = FUNCTIONS[name];
  if (!fn) {
    if (name.startsWith("provider::")) return new Unknown(`provider-defined function ${name}() is not evaluated statically`, expression);
    return new Unknown(`function ${name}() is not evaluated statically`, expression);
  }
  if (fn.min !== undefined && args.length < fn.min) throw new EvalError(`${name}: expected at least ${fn.min} arguments`);
  let opaque: Opaque | undefined;
  for (const a of args) {
    const o = fn.strict === "deep" ? findOpaque(a) : isOpaque(a) ? a : undefined;
    if (!o) continue;
    if (o instanceof Sensitive) {
      opaque = o;
      break;
    }
    opaque ??= o;
  }
  if (opaque) {
    if (!(opaque instanceof Sensitive)) {
      // The JSON text is unknown until apply, but its structure is known: keep it, unknown leaves marked.
      if (name === "jsonencode" && !isOpaque(args[0])) return partialJson(args[0], "the JSON", expression);
      if (name === "jsondecode" && args[0] instanceof PartialJson) return args[0].structure;
    }
    return propagate(opaque, expression);
  }
  return fn.impl(args, ctx);
}

export function isKnownFunction(name: string): boolean {
  return name in FUNCTIONS;
}
