/**
 * One instance of a module (the root, or `module.a[0].module.b`): resolves every reference made inside
 * it (var, local, module outputs, resources, data, path, terraform.workspace), lazily and memoized, and
 * emits its resource and data instances. References to resources become `Ref`s unless the referenced
 * attribute is knowable from the referenced block itself (see ./known-attributes.ts). A reference to a
 * whole resource (`aws_kms_key.k`, `aws_kms_key.k["a"]`) is its instance(s) as values: a map (for_each) or
 * list (count) of instance Refs whose attributes read the same way, so `{ for k, v in aws_kms_key.k : k =>
 * v.arn }` keeps pointing at each key. Managed AWS resources get `tags_all` as the provider computes it,
 * from the provider configuration's default_tags (aliases and module `providers` followed, as for regions).
 */
import path from "node:path";
import { Ref, Unknown } from "../../../model/values.js";
import type { SourceLocation } from "../../../model/resource.js";
import type { TfInstance } from "../instance.js";
import { isSecretAttributeName } from "../sensitive.js";
import { exprText, type Block, type Expr } from "./ast.js";
import { attrExpr, bodyNames, nameValue, redact } from "./body.js";
import { applySteps, evaluate, evaluateSafe, INSTANCE_ATTRIBUTES, Scope, type ChainStep, type EvalContext } from "./evaluate.js";
import { aliasedArgument, derivedArn, hasTags, partitionOf } from "./known-attributes.js";
import type { ModuleDef } from "./module-def.js";
import { renderPolicyDocument } from "./policy-document.js";
import { convert, parseType, type TfType } from "./types.js";
import { EvalError, findOpaque, isObject, isOpaque, propagate, Sensitive, SENSITIVE, sortedKeys, toStr } from "./value.js";

/** Services shared by all module instances of one load. */
export interface LoadContext {
  rootAbs: string;
  location: string;
  workspace: string;
  note(msg: string): void;
  moduleDef(absDir: string, from: SourceLocation, shown: string): ModuleDef;
  /** A root variable's value from tfvars / -var / TF_VAR_, converted to its type. */
  rootVariable(name: string, type: TfType | undefined): { value: unknown } | undefined;
  readFile(p: string): string;
  fileExists(p: string): boolean;
  renderTemplate(text: string, p: string, vars: Record<string, unknown>): unknown;
}

/** One expanded instance of a resource, data or module block. */
interface Item {
  key?: number | string;
  scope: Scope;
}
interface Expansion {
  /** "count" or "for_each" when the block has one, else undefined. */
  meta?: "count" | "for_each";
  keyed: boolean;
  unknown: boolean;
  /** When `unknown`: why, e.g. "count is unknown (var.enable_waf ? 1 : 0)". The one item may not exist. */
  unknownReason?: string;
  items: Item[];
}
/** A provider configuration block and the module instance it is evaluated in. */
interface ProviderConfig {
  block: Block;
  owner: ModuleInstance;
}
interface ChildCall {
  remote?: string;
  blocked?: string;
  expansion?: Expansion;
  instances: { key?: number | string; instance: ModuleInstance }[];
}

export function formatKey(key: number | string | undefined): string {
  return key === undefined ? "" : typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** Remote module sources may carry credentials (user:token@, sshkey=): never show them. */
export function safeSource(src: string): string {
  return src.replace(/\/\/[^/@\s]*@/, "//").replace(/\?.*$/, (q) => {
    const ref = /[?&](ref=[^&]*)/.exec(q);
    return ref ? `?${ref[1]}` : "";
  });
}

const typeCache = new WeakMap<Expr, TfType>();

export class ModuleInstance implements EvalContext {
  readonly scope: Scope;
  readonly prefix: string;
  private readonly vars = new Map<string, unknown>();
  private readonly locals = new Map<string, unknown>();
  private readonly busy = new Set<string>();
  private readonly outputs = new Map<string, unknown>();
  private readonly expansions = new Map<Block, Expansion>();
  private readonly attrMemo = new WeakMap<Item, Map<string, unknown>>();
  private readonly children = new Map<string, ChildCall>();
  private readonly providerConfigs = new Map<string, ProviderConfig | undefined>();
  private readonly regions = new Map<Block, string | undefined>();
  private readonly defaultTagsMemo = new Map<Block, unknown>();
  private readonly instanceRefs = new Map<Item, Ref>();

  constructor(
    readonly lc: LoadContext,
    readonly def: ModuleDef,
    /** "" for the root, else module.a[0].module.b */
    readonly path: string,
    private readonly parent?: ModuleInstance,
    private readonly call?: { block: Block; scope: Scope },
    private readonly chain: string[] = [def.dir],
  ) {
    this.scope = new Scope(this);
    this.prefix = path ? `${path}.` : "";
  }

  // ---- EvalContext -------------------------------------------------------------------------------

  readFile(p: string): string {
    return this.lc.readFile(p);
  }
  fileExists(p: string): boolean {
    return this.lc.fileExists(p);
  }
  renderTemplate(text: string, p: string, vars: Record<string, unknown>): unknown {
    return this.lc.renderTemplate(text, p, vars);
  }

  resolve(root: string, steps: ChainStep[], node: Expr, scope: Scope): unknown {
    const first = steps[0];
    const name = first?.kind === "attr" ? first.name : undefined;
    const need = (what: string): string => {
      if (!name) throw new EvalError(`${root} must be followed by ${what}`);
      return name;
    };
    switch (root) {
      case "var":
        return applySteps(this.variable(need("a variable name")), steps, scope, node, 1);
      case "local":
        return applySteps(this.local(need("a local name")), steps, scope, node, 1);
      case "path": {
        const n = need("module, root or cwd");
        const v = n === "module" ? this.def.rel || "." : n === "root" ? "." : n === "cwd" ? this.lc.rootAbs : undefined;
        if (v === undefined) throw new EvalError(`unknown path.${n}`);
        return applySteps(v, steps, scope, node, 1);
      }
      case "terraform":
        if (need("workspace") !== "workspace") throw new EvalError(`unknown terraform.${name}`);
        return applySteps(this.lc.workspace, steps, scope, node, 1);
      case "count":
      case "each":
        throw new EvalError(`${root}.${name ?? ""} used in a block without ${root === "count" ? "count" : "for_each"}`);
      case "self":
        return new Unknown("self is known only at apply time", exprText(node));
      case "module":
        return this.moduleRef(need("a module name"), steps, node, scope);
      case "data": {
        const second = steps[1];
        if (!name || second?.kind !== "attr") throw new EvalError("data must be followed by a type and a name");
        return this.resourceRef("data", name, second.name, steps, 2, node, scope);
      }
    }
    if (name && this.def.resources.has(`${root}.${name}`)) return this.resourceRef("managed", root, name, steps, 1, node, scope);
    throw new EvalError(`reference to undeclared ${name ? `resource ${root}.${name}` : `name ${root}`}`);
  }

  // ---- variables, locals, outputs ----------------------------------------------------------------

  variable(name: string): unknown {
    if (this.vars.has(name)) return this.vars.get(name);
    const decl = this.def.variables.get(name);
    if (!decl) throw new EvalError(`reference to undeclared input variable "${name}"`);
    const typeExpr = attrExpr(decl.body, "type");
    let type: TfType | undefined;
    if (typeExpr) {
      type = typeCache.get(typeExpr) ?? parseType(typeExpr);
      typeCache.set(typeExpr, type);
    }
    let found: { value: unknown } | undefined;
    if (!this.parent) found = this.lc.rootVariable(name, type);
    else {
      const arg = attrExpr(this.call!.block.body, name);
      if (arg) found = { value: evaluateSafe(arg, this.call!.scope) };
    }
    const nullable = attrExpr(decl.body, "nullable");
    const nonNull = nullable?.k === "lit" && nullable.v === false;
    const def = attrExpr(decl.body, "default");
    if ((!found || (found.value === null && nonNull)) && def) found = { value: evaluateSafe(def, this.scope) };
    const sens = attrExpr(decl.body, "sensitive");
    let v: unknown;
    if (!found) v = new Unknown(`var.${name} has no value`, `var.${name}`);
    else if (sens?.k === "lit" && sens.v === true) v = SENSITIVE;
    else v = type ? convert(found.value, type, (e) => evaluateSafe(e, this.scope)) : found.value;
    this.vars.set(name, v);
    return v;
  }

  local(name: string): unknown {
    if (this.locals.has(name)) return this.locals.get(name);
    const a = this.def.locals.get(name);
    if (!a) throw new EvalError(`reference to undeclared local value "${name}"`);
    const key = `local.${name}`;
    if (this.busy.has(key)) return new Unknown(`local.${name} refers to itself (a cycle)`, `local.${name}`);
    this.busy.add(key);
    const v = evaluateSafe(a.expr, this.scope);
    this.busy.delete(key);
    this.locals.set(name, v);
    return v;
  }

  output(name: string): unknown {
    if (this.outputs.has(name)) return this.outputs.get(name);
    const b = this.def.outputs.get(name);
    if (!b) throw new EvalError(`${this.path} has no output "${name}"`);
    const key = `output.${name}`;
    if (this.busy.has(key)) return new Unknown(`${this.path}.${name} refers to itself (a cycle)`);
    this.busy.add(key);
    const ve = attrExpr(b.body, "value");
    const sens = attrExpr(b.body, "sensitive");
    let v = ve ? evaluateSafe(ve, this.scope) : null;
    if (sens?.k === "lit" && sens.v === true) v = SENSITIVE;
    this.busy.delete(key);
    this.outputs.set(name, v);
    return v;
  }

  private allOutputs(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const n of this.def.outputs.keys()) out[n] = this.output(n);
    return out;
  }

  // ---- count / for_each --------------------------------------------------------------------------

  private expansion(b: Block, address: string): Expansion {
    let exp = this.expansions.get(b);
    if (exp) return exp;
    const countE = attrExpr(b.body, "count");
    const eachE = attrExpr(b.body, "for_each");
    const unknownAs = (meta: "count" | "for_each", e: Expr, reason: string): Expansion => {
      this.lc.note(`${address}: ${meta} is unknown (${exprText(e)}); evaluated once with unknown index`);
      const u = new Unknown(`${meta === "count" ? "count.index" : "each"} is unknown because ${reason}`, exprText(e));
      const bind = meta === "count" ? { count: { index: u } } : { each: { key: u, value: u } };
      return { meta, keyed: true, unknown: true, unknownReason: `${meta} is unknown (${exprText(e)})`, items: [{ scope: this.scope.with(bind) }] };
    };
    if (countE) {
      const n = evaluateSafe(countE, this.scope);
      if (typeof n === "number" && Number.isInteger(n) && n >= 0) {
        exp = {
          meta: "count",
          keyed: true,
          unknown: false,
          items: Array.from({ length: n }, (_, i) => ({ key: i, scope: this.scope.with({ count: { index: i } }) })),
        };
      } else exp = unknownAs("count", countE, n instanceof Unknown ? n.reason : "it is not a whole number");
    } else if (eachE) {
      const v = evaluateSafe(eachE, this.scope);
      const pairs = forEachPairs(v);
      if (typeof pairs === "string") exp = unknownAs("for_each", eachE, pairs);
      else
        exp = {
          meta: "for_each",
          keyed: true,
          unknown: false,
          items: pairs.map(([key, value]) => ({ key, scope: this.scope.with({ each: { key, value } }) })),
        };
    } else exp = { keyed: false, unknown: false, items: [{ scope: this.scope }] };
    this.expansions.set(b, exp);
    return exp;
  }

  // ---- resources and data --------------------------------------------------------------------------

  private resourceRef(mode: "managed" | "data", type: string, name: string, steps: ChainStep[], i: number, node: Expr, scope: Scope): unknown {
    const key = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
    const decl = this.def.resources.get(key);
    if (!decl) throw new EvalError(`reference to undeclared ${mode === "data" ? "data source" : "resource"} ${key}`);
    const base = this.prefix + key;
    const text = exprText(node);
    const unknownAttr = (target: string, attr: string | undefined) =>
      mode === "data" && attr !== undefined ? new Unknown(`${text} is read at plan time`, text) : new Ref(target, attr, text);
    const exp = this.expansion(decl, base);
    /** Steps from j on, applied to one instance: `.attr` as written is known from its configuration, or a Ref / Unknown. */
    const fromInstance = (item: Item | undefined, target: string, j: number): unknown => {
      const a = steps[j];
      if (a?.kind !== "attr") {
        if (!item) return unknownAttr(target, undefined);
        return applySteps(this.instanceRef(decl, mode, type, target, item), steps, scope, node, j);
      }
      const v = item ? this.knownAttr(decl, mode, type, target, item, a.name) : undefined;
      if (v === undefined) return unknownAttr(target, a.name);
      return applySteps(v, steps, scope, node, j + 1);
    };
    const st = steps[i];
    if (st === undefined) {
      // The whole resource: one instance object, or a list (count) / map (for_each) of them.
      if (exp.unknown) return unknownAttr(base, undefined);
      if (!exp.keyed) return this.instanceRef(decl, mode, type, base, exp.items[0]!);
      const refs = exp.items.map((it) => [it.key!, this.instanceRef(decl, mode, type, base + formatKey(it.key), it)] as const);
      return exp.meta === "count" ? refs.map(([, r]) => r) : Object.fromEntries(refs);
    }
    if (st.kind === "index") {
      const k = evaluate(st.key, scope);
      if (k instanceof Sensitive) return SENSITIVE;
      const attr = steps[i + 1]?.kind === "attr" ? (steps[i + 1] as { name: string }).name : undefined;
      if (isOpaque(k) || (typeof k !== "number" && typeof k !== "string")) return unknownAttr(base, attr);
      const item = exp.unknown ? undefined : exp.items.find((it) => it.key === k || String(it.key) === String(k));
      return fromInstance(item, base + formatKey(k), i + 1);
    }
    if (st.kind === "splat") {
      if (exp.unknown) return new Unknown(`${text} is known only after apply`, text);
      // A splat over a resource without count or for_each is a list of its one instance.
      const vals = exp.items.map((it) => {
        const t = base + formatKey(it.key);
        const a = st.steps[0];
        if (a?.kind !== "attr") return applySteps(this.instanceRef(decl, mode, type, t, it), st.steps, scope, node);
        const v = this.knownAttr(decl, mode, type, t, it, a.name);
        return v === undefined ? unknownAttr(t, a.name) : applySteps(v, st.steps, scope, node, 1);
      });
      return applySteps(vals, steps, scope, node, i + 1);
    }
    return fromInstance(exp.keyed ? undefined : exp.items[0], base, i);
  }

  /**
   * One instance as a value: a Ref to it that reads its attributes (through INSTANCE_ATTRIBUTES) from
   * its configuration when they are known there, and as Refs to it (`aws_kms_key.k["logs"].arn`) when not.
   */
  private instanceRef(decl: Block, mode: "managed" | "data", type: string, target: string, item: Item): Ref {
    let ref = this.instanceRefs.get(item);
    if (ref) return ref;
    ref = new Ref(target, undefined, target);
    INSTANCE_ATTRIBUTES.set(ref, (attr) => {
      const v = this.knownAttr(decl, mode, type, target, item, attr);
      if (v !== undefined) return v;
      const text = `${target}.${attr}`;
      return mode === "data" ? new Unknown(`${text} is read at plan time`, text) : new Ref(target, attr, text);
    });
    this.instanceRefs.set(item, ref);
    return ref;
  }

  /** An argument or block of a resource instance, evaluated once. */
  private attrValue(decl: Block, item: Item, name: string): unknown {
    let memo = this.attrMemo.get(item);
    if (!memo) this.attrMemo.set(item, (memo = new Map()));
    if (memo.has(name)) return memo.get(name);
    memo.set(name, new Unknown(`${decl.labels.join(".")}.${name} refers to itself (a cycle)`));
    const v = nameValue(decl.body, name, item.scope);
    memo.set(name, v);
    return v;
  }

  /** The value of `attr` when it is knowable from the block itself; undefined when only apply knows it. */
  private knownAttr(decl: Block, mode: "managed" | "data", type: string, target: string, item: Item, attr: string): unknown {
    if (isSecretAttributeName(type, attr)) return SENSITIVE;
    if (mode === "data") {
      if (type === "aws_iam_policy_document" && (attr === "json" || attr === "minified_json")) {
        const json = this.policyJson(decl, item, target);
        return attr === "json" || typeof json !== "string" ? json : minify(json);
      }
      const region = this.regionOf(decl);
      if (type === "aws_region" && ["name", "region", "id"].includes(attr)) {
        const v = this.known(decl, item, "name") ?? this.known(decl, item, "region");
        return v ?? region;
      }
      if (type === "aws_partition" && attr === "partition") return region ? partitionOf(region) : undefined;
    }
    const cfg = this.attrValue(decl, item, attr);
    if (cfg !== undefined) {
      if (cfg instanceof Ref) return cfg;
      const o = findOpaque(cfg);
      if (!o) return cfg;
      return o instanceof Sensitive ? SENSITIVE : undefined;
    }
    const alias = aliasedArgument(type, attr);
    if (alias) return this.known(decl, item, alias);
    if (attr === "arn") return derivedArn(type, (n) => this.known(decl, item, n), this.regionOf(decl));
    return undefined;
  }

  private known(decl: Block, item: Item, name: string): unknown {
    const v = this.attrValue(decl, item, name);
    return v === undefined || findOpaque(v) ? undefined : v;
  }

  private policyJson(decl: Block, item: Item, target: string): unknown {
    const attrs: Record<string, unknown> = {};
    for (const n of bodyNames(decl.body, true)) {
      const v = this.attrValue(decl, item, n.name);
      if (v !== undefined) attrs[n.name] = v;
    }
    return renderPolicyDocument(attrs, target);
  }

  // ---- modules -------------------------------------------------------------------------------------

  private moduleRef(name: string, steps: ChainStep[], node: Expr, scope: Scope): unknown {
    const call = this.child(name);
    const text = exprText(node);
    if (call.remote) return new Unknown(`module.${name} is a remote module (${call.remote}), not followed`, text);
    if (call.blocked) return new Unknown(call.blocked, text);
    const exp = call.expansion!;
    let i = 1;
    let inst: ModuleInstance | undefined;
    if (exp.keyed) {
      const st = steps[1];
      if (exp.unknown) {
        inst = call.instances[0]?.instance;
        if (st?.kind === "index") i = 2;
      } else if (st?.kind === "index") {
        const k = evaluate(st.key, scope);
        if (isOpaque(k)) return k instanceof Sensitive ? SENSITIVE : new Unknown(`module.${name} instance key is unknown`, text);
        inst = call.instances.find((c) => c.key === k || String(c.key) === String(k))?.instance;
        if (!inst) throw new EvalError(`module.${name} has no instance ${formatKey(k as string | number)}`);
        i = 2;
      } else {
        const all = call.instances.map((c) => [c.key, c.instance.allOutputs()] as const);
        const coll = all.every(([k]) => typeof k === "number") ? all.map(([, o]) => o) : Object.fromEntries(all);
        return applySteps(coll, steps, scope, node, 1);
      }
    } else inst = call.instances[0]?.instance;
    if (!inst) throw new EvalError(`module.${name} has no instances`);
    const out = steps[i];
    if (out?.kind !== "attr") return applySteps(inst.allOutputs(), steps, scope, node, i);
    return applySteps(inst.output(out.name), steps, scope, node, i + 1);
  }

  private child(name: string): ChildCall {
    const memo = this.children.get(name);
    if (memo) return memo;
    const block = this.def.calls.get(name);
    if (!block) throw new EvalError(`reference to undeclared module ${name}`);
    const address = `${this.prefix}module.${name}`;
    const srcE = attrExpr(block.body, "source");
    const src = srcE?.k === "lit" ? srcE.v : undefined;
    let call: ChildCall;
    if (typeof src !== "string") {
      call = { remote: "source is not a literal string", instances: [] };
      this.lc.note(`${address}: module source is not a literal string; not followed`);
    } else if (!src.startsWith("./") && !src.startsWith("../")) {
      call = { remote: safeSource(src), instances: [] };
      this.lc.note(`${address}: remote source ${safeSource(src)} not followed`);
    } else {
      const dir = path.resolve(this.def.dir, src);
      if (this.chain.includes(dir) || this.chain.length > 32) {
        call = { blocked: `${address} calls a module that is already being loaded (${src}); not followed`, instances: [] };
        this.lc.note(call.blocked!);
      } else {
        const def = this.lc.moduleDef(dir, { file: block.file.path, line: block.line }, src);
        const expansion = this.expansion(block, address);
        call = {
          expansion,
          instances: expansion.items.map((it) => ({
            key: it.key,
            instance: new ModuleInstance(this.lc, def, address + formatKey(it.key), this, { block, scope: it.scope }, [...this.chain, dir]),
          })),
        };
      }
    }
    this.children.set(name, call);
    return call;
  }

  // ---- providers -----------------------------------------------------------------------------------

  /** The provider configuration a resource or data block uses (its `provider` argument, else the default of its type's provider). */
  private providerOf(decl: Block): ProviderConfig | undefined {
    const p = attrExpr(decl.body, "provider");
    const key = p ? exprText(p).replace(/\s+/g, "") : decl.labels[0]!.split("_")[0]!;
    return key === "aws" || key.startsWith("aws.") ? this.providerConfig(key) : undefined;
  }

  private regionOf(decl: Block): string | undefined {
    const p = this.providerOf(decl);
    return p ? p.owner.providerRegion(p.block) : undefined;
  }

  /**
   * The provider block `key` ("aws", "aws.west") names in this module instance: its own, or the one the
   * calling module passes (`providers = { aws = aws.west }` on the call maps names; without it the default
   * configuration is inherited).
   */
  private providerConfig(key: string): ProviderConfig | undefined {
    if (this.providerConfigs.has(key)) return this.providerConfigs.get(key);
    this.providerConfigs.set(key, undefined);
    let found: ProviderConfig | undefined;
    const pb = this.def.providers.get(key);
    if (pb) found = { block: pb, owner: this };
    else if (this.parent && this.call) {
      const map = attrExpr(this.call.block.body, "providers");
      const mapped =
        map?.k === "object"
          ? map.items.find((it) => (it.key.k === "lit" ? String(it.key.v) : exprText(it.key)).replace(/\s+/g, "") === key)
          : undefined;
      if (mapped) found = this.parent.providerConfig(exprText(mapped.val).replace(/\s+/g, ""));
      else if (!key.includes(".")) found = this.parent.providerConfig(key);
    }
    this.providerConfigs.set(key, found);
    return found;
  }

  /** The region of one of this module's provider blocks, when it is a known string. */
  private providerRegion(block: Block): string | undefined {
    if (this.regions.has(block)) return this.regions.get(block);
    this.regions.set(block, undefined);
    const r = attrExpr(block.body, "region");
    const v = r ? evaluateSafe(r, this.scope) : undefined;
    const region = typeof v === "string" ? v : undefined;
    this.regions.set(block, region);
    return region;
  }

  /** `default_tags { tags = ... }` of one of this module's provider blocks: undefined when there are none. */
  private defaultTags(block: Block): unknown {
    if (this.defaultTagsMemo.has(block)) return this.defaultTagsMemo.get(block);
    this.defaultTagsMemo.set(block, new Unknown("the provider's default_tags refer to themselves (a cycle)"));
    const dt = block.body.blocks.find((b) => b.type === "default_tags");
    const e = dt ? attrExpr(dt.body, "tags") : undefined;
    const v = e ? evaluateSafe(e, this.scope) : undefined;
    this.defaultTagsMemo.set(block, v);
    return v;
  }

  /**
   * tags_all as the AWS provider computes it: the provider's default_tags merged with the resource's tags,
   * the resource's winning. Only for types with a tags argument; undefined when there is nothing to say.
   */
  private tagsAll(decl: Block, type: string, tags: unknown): unknown {
    if (!type.startsWith("aws_") || !(hasTags(type) || tags !== undefined)) return undefined;
    const p = this.providerOf(decl);
    const defaults = p ? p.owner.defaultTags(p.block) : undefined;
    if (defaults === undefined && tags === undefined) return undefined;
    return mergeTags(defaults, tags);
  }

  // ---- emission ------------------------------------------------------------------------------------

  emit(out: TfInstance[]): void {
    for (const decl of this.def.ordered) {
      const mode = decl.type === "data" ? "data" : "managed";
      const [type, name] = decl.labels as [string, string];
      const base = `${this.prefix}${mode === "data" ? "data." : ""}${type}.${name}`;
      const exp = this.expansion(decl, base);
      const names = bodyNames(decl.body, true);
      const attributeLocations: Record<string, SourceLocation> = {};
      for (const n of names) attributeLocations[n.name] = { file: n.file, line: n.line };
      const region = this.regionOf(decl);
      for (const item of exp.items) {
        const address = base + formatKey(item.key);
        const attrs: Record<string, unknown> = {};
        for (const n of names) {
          const v = this.attrValue(decl, item, n.name);
          if (v !== undefined) attrs[n.name] = v;
        }
        if (mode === "data" && type === "aws_iam_policy_document") attrs.json = this.policyJson(decl, item, address);
        if (mode === "managed") {
          const all = this.tagsAll(decl, type, attrs.tags);
          if (all !== undefined) attrs.tags_all = all;
        }
        const inst: TfInstance = {
          address,
          modulePath: this.path,
          mode,
          type,
          name,
          attributes: redact(attrs, type) as Record<string, unknown>,
          source: "hcl",
          location: this.lc.location,
          workspace: this.lc.workspace,
          file: decl.file.path,
          line: decl.line,
          attributeLocations,
        };
        if (item.key !== undefined) inst.index = item.key;
        if (region) inst.region = region;
        if (exp.unknown) inst.mayNotExist = exp.unknownReason;
        out.push(inst);
      }
    }
    for (const b of this.def.callOrder) {
      const call = this.child(b.labels[0]!);
      for (const c of call.instances) c.instance.emit(out);
    }
  }
}

function minify(json: string): string {
  return JSON.stringify(JSON.parse(json)).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** merge(default_tags, tags) with values as strings (map(string)); null values set no tag. */
function mergeTags(defaults: unknown, tags: unknown): unknown {
  const parts = [defaults, tags];
  if (parts.some((x) => x instanceof Sensitive)) return SENSITIVE;
  const out: Record<string, unknown> = {};
  for (const m of parts) {
    if (m === undefined || m === null) continue;
    if (m instanceof Unknown) return propagate(m);
    if (!isObject(m)) return undefined;
    for (const k of Object.keys(m)) {
      const v = m[k];
      if (v !== null) out[k] = typeof v === "number" || typeof v === "boolean" ? toStr(v) : v;
    }
  }
  return out;
}

/** for_each pairs, or why they are not knowable. Sets (lists) of strings key by value; maps by key. */
function forEachPairs(v: unknown): [string, unknown][] | string {
  if (v instanceof Unknown) return v.reason;
  if (v instanceof Sensitive) return "it is derived from a sensitive value";
  if (v === null) return "it is null";
  if (Array.isArray(v)) {
    if (v.some((x) => typeof x !== "string")) return findOpaque(v) ? "some of its elements are not known" : "it is not a set of strings";
    return [...new Set(v as string[])].sort().map((k) => [k, k]);
  }
  if (isObject(v)) return sortedKeys(v).map((k) => [k, v[k]]);
  return "it is not a map or a set of strings";
}
