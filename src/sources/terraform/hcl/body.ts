/**
 * Block bodies → attribute values in the provider's schema shape, as state v4 holds them: arguments as
 * values, nested blocks as lists of objects (repeated blocks append), `dynamic "x"` expanded into blocks
 * `x` over its for_each (an unknown for_each makes all of `x` Unknown, since the list is not knowable).
 */
import { PartialJson, Unknown, REDACTED } from "../../../model/values.js";
import { exprText, type Attribute, type Block, type Body, type Expr } from "./ast.js";
import { evaluateSafe, type Scope } from "./evaluate.js";
import { isObject, isOpaque, Sensitive, sortedKeys } from "./value.js";
import { isSecretAttributeName } from "../sensitive.js";
import { redactSecretLeaf } from "../../../model/redact-secrets.js";

/** Meta-arguments of resource and data blocks: Terraform's, not the provider's. */
export const META_ARGUMENTS = new Set(["count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"]);

export function findAttribute(body: Body, name: string): Attribute | undefined {
  for (const a of body.attributes) if (a.name === name) return a;
  return undefined;
}

export function attrExpr(body: Body, name: string): Expr | undefined {
  return findAttribute(body, name)?.expr;
}

/** Top-level names of a body (arguments and block types, dynamic ones by their label) with their first line. */
export function bodyNames(body: Body, skipMeta: boolean): { name: string; line: number; file: string }[] {
  const seen = new Map<string, { name: string; line: number; file: string }>();
  const add = (name: string, line: number, file: string) => {
    if (skipMeta && META_ARGUMENTS.has(name)) return;
    if (!seen.has(name)) seen.set(name, { name, line, file });
  };
  for (const a of body.attributes) add(a.name, a.line, a.expr.file.path);
  for (const b of body.blocks) add(b.type === "dynamic" && b.labels[0] ? b.labels[0] : b.type, b.line, b.file.path);
  return [...seen.values()].sort((x, y) => x.line - y.line);
}

/** The value of one top-level name: an argument's value, or the list of its blocks; undefined if unset. */
export function nameValue(body: Body, name: string, scope: Scope): unknown {
  const a = findAttribute(body, name);
  if (a) return evaluateSafe(a.expr, scope);
  return blockList(body, name, scope);
}

function blockList(body: Body, name: string, scope: Scope): unknown {
  let out: unknown[] | undefined;
  for (const b of body.blocks) {
    if (b.type === name) (out ??= []).push(evalBody(b.body, scope));
    else if (b.type === "dynamic" && b.labels[0] === name) {
      const expanded = dynamicBlocks(b, name, scope);
      if (isOpaque(expanded)) return expanded;
      out = [...(out ?? []), ...expanded];
    }
  }
  return out;
}

function dynamicBlocks(b: Block, name: string, scope: Scope): unknown[] | Unknown | Sensitive {
  const fe = attrExpr(b.body, "for_each");
  const content = b.body.blocks.find((x) => x.type === "content");
  if (!fe || !content) return [];
  const coll = evaluateSafe(fe, scope);
  if (coll instanceof Sensitive) return coll;
  if (coll instanceof Unknown) return new Unknown(`dynamic block "${name}": for_each is unknown (${coll.reason})`, exprText(fe));
  const itExpr = attrExpr(b.body, "iterator");
  const iterator = itExpr?.k === "var" ? itExpr.name : name;
  let pairs: [unknown, unknown][];
  if (coll === null) pairs = [];
  else if (Array.isArray(coll)) pairs = coll.map((v, i) => [i, v]);
  else if (isObject(coll)) pairs = sortedKeys(coll).map((k) => [k, coll[k]]);
  else return new Unknown(`dynamic block "${name}": for_each is not a collection`, exprText(fe));
  return pairs.map(([key, value]) => evalBody(content.body, scope.with({ [iterator]: { key, value } })));
}

export function evalBody(body: Body, scope: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of body.attributes) out[a.name] = evaluateSafe(a.expr, scope);
  for (const b of body.blocks) {
    const name = b.type === "dynamic" ? b.labels[0] : b.type;
    if (!name || Object.prototype.hasOwnProperty.call(out, name)) continue;
    const v = blockList(body, name, scope);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * The last step before values leave this package: Sensitive → REDACTED, and anything under a name that is
 * secret by nature → REDACTED, at any depth. Unknowns stay as they are (their reasons hold no values); the
 * known structure of a PartialJson is redacted the same way (it never holds a Sensitive: those make the
 * whole JSON Sensitive).
 */
export function redact(v: unknown, tfType: string): unknown {
  if (v instanceof Sensitive) return REDACTED;
  // Secret by shape whatever its name (user:password@ in a URL, a PEM key), also inside JSON text and
  // in the expression an Unknown quotes.
  if (typeof v === "string" || (v instanceof Unknown && !(v instanceof PartialJson))) return redactSecretLeaf(v);
  if (v instanceof PartialJson) {
    const r = redact(v.structure, tfType);
    return r === v.structure ? v : new PartialJson(r, v.reason, v.expression);
  }
  // Copy on change only: unchanged values (often shared, e.g. a local's tags map) are returned as they are.
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const r = redact(v[i], tfType);
      if (r !== v[i]) (out ??= v.slice())[i] = r;
    }
    return out ?? v;
  }
  if (isObject(v)) {
    let out: Record<string, unknown> | undefined;
    for (const k in v) {
      const x = v[k];
      const r = x !== null && isSecretAttributeName(tfType, k) ? REDACTED : redact(x, tfType);
      if (r !== x) (out ??= { ...v })[k] = r;
    }
    return out ?? v;
  }
  return v;
}
