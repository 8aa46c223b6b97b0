/**
 * The `configuration` section of a plan JSON: per-resource expressions (to tell which unknown values
 * point at another resource), module calls and outputs (to follow a reference through a module
 * boundary), variables marked sensitive, and the provider's region.
 */
import { moduleCallNames, parseReference } from "./address.js";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A module instance as seen from configuration: its config node, its address prefix and its caller. */
export interface ModuleContext {
  module: Obj | undefined;
  /** "" for the root, "module.app[0]." for a module instance. */
  prefix: string;
  parent?: ModuleContext;
  /** The calling module block's argument expressions, for resolving var.x inside the module. */
  callExpressions?: Obj;
}

export interface ResolvedReference {
  target: string;
  attribute?: string;
  /** The reference as written where the value is used: aws_kms_key.main.arn, module.kms.key_arn. */
  expression: string;
}

/** How many module boundaries a reference may be followed across (also guards against cycles). */
const MAX_HOPS = 32;

export class PlanConfiguration {
  private readonly root: Obj | undefined;
  private readonly providers: Obj;
  private readonly contexts = new Map<string, ModuleContext | undefined>();
  private readonly resourceIndex = new Map<Obj, Map<string, Obj>>();

  constructor(configuration: unknown) {
    const c = isObj(configuration) ? configuration : {};
    this.root = isObj(c.root_module) ? c.root_module : undefined;
    this.providers = isObj(c.provider_config) ? c.provider_config : {};
  }

  /** Root module variables declared `sensitive = true`. */
  sensitiveRootVariables(): Set<string> {
    const out = new Set<string>();
    const vars = this.root?.variables;
    if (isObj(vars)) for (const [n, v] of Object.entries(vars)) if (isObj(v) && v.sensitive === true) out.add(n);
    return out;
  }

  /** The module instance context for a resource change's module_address ("" for root). */
  moduleContext(modulePath: string): ModuleContext | undefined {
    if (this.contexts.has(modulePath)) return this.contexts.get(modulePath);
    let ctx: ModuleContext | undefined;
    const calls = moduleCallNames(modulePath);
    if (calls) {
      ctx = { module: this.root, prefix: "" };
      for (const call of calls) {
        const mc = this.moduleCall(ctx.module, call.name);
        const prefix: string = `${ctx.prefix}module.${call.name}${call.index}.`;
        ctx = { module: mc && isObj(mc.module) ? mc.module : undefined, prefix, parent: ctx, callExpressions: exprsOf(mc) };
      }
    }
    this.contexts.set(modulePath, ctx);
    return ctx;
  }

  /** The configuration block of a resource within a module context. */
  resource(ctx: ModuleContext | undefined, mode: string, type: string, name: string): Obj | undefined {
    const module = ctx?.module;
    if (!module) return undefined;
    let index = this.resourceIndex.get(module);
    if (!index) {
      index = new Map();
      if (Array.isArray(module.resources)) {
        for (const r of module.resources) if (isObj(r)) index.set(`${r.mode}.${r.type}.${r.name}`, r);
      }
      this.resourceIndex.set(module, index);
    }
    return index.get(`${mode}.${type}.${name}`);
  }

  /** Region set as a constant in the provider block the resource uses. */
  region(resourceConfig: Obj | undefined): string | undefined {
    const key = typeof resourceConfig?.provider_config_key === "string" ? resourceConfig.provider_config_key : "aws";
    const candidates = [key, key.replace(/^.*:/, ""), "aws"];
    for (const k of candidates) {
      const p = this.providers[k];
      if (!isObj(p) || !isObj(p.expressions)) continue;
      const region = p.expressions.region;
      if (isObj(region) && typeof region.constant_value === "string") return region.constant_value;
      return undefined;
    }
    return undefined;
  }

  /**
   * When an expression is a reference to a resource (directly, through a module output, or through a
   * module input variable), the resource address (module path included) and the attribute.
   */
  resolve(ctx: ModuleContext | undefined, expr: unknown): ResolvedReference | undefined {
    if (!ctx || !isObj(expr) || !Array.isArray(expr.references)) return undefined;
    const refs = expr.references.filter((r): r is string => typeof r === "string");
    // Terraform lists the most specific traversal first: ["aws_kms_key.main.arn", "aws_kms_key.main"].
    const expression = refs[0];
    if (expression === undefined) return undefined;
    if (soleReference(refs) === undefined) return undefined;
    const hit = this.follow(ctx, refs, 0);
    return hit ? { ...hit, expression } : undefined;
  }

  private follow(ctx: ModuleContext, refs: string[], hops: number): { target: string; attribute?: string } | undefined {
    if (hops > MAX_HOPS) return undefined;
    const ref = soleReference(refs);
    if (ref === undefined) return undefined;
    const p = parseReference(ref);
    if (p.kind === "resource") return { target: ctx.prefix + p.address, attribute: p.attribute };
    if (p.kind === "module-output" && p.output) {
      const mc = this.moduleCall(ctx.module, p.call);
      if (!mc || !isObj(mc.module)) return undefined;
      const out = isObj(mc.module.outputs) ? mc.module.outputs[p.output] : undefined;
      const outExpr = isObj(out) ? out.expression : undefined;
      if (!isObj(outExpr) || !Array.isArray(outExpr.references)) return undefined;
      const inner: ModuleContext = {
        module: mc.module,
        prefix: `${ctx.prefix}module.${p.call}${p.callIndex}.`,
        parent: ctx,
        callExpressions: exprsOf(mc),
      };
      return this.follow(inner, stringsOf(outExpr.references), hops + 1);
    }
    if (p.kind === "var" && ctx.parent && ctx.callExpressions) {
      const arg = ctx.callExpressions[p.name];
      if (!isObj(arg) || !Array.isArray(arg.references)) return undefined;
      return this.follow(ctx.parent, stringsOf(arg.references), hops + 1);
    }
    return undefined;
  }

  private moduleCall(module: Obj | undefined, name: string): Obj | undefined {
    const calls = module?.module_calls;
    const mc = isObj(calls) ? calls[name] : undefined;
    return isObj(mc) ? mc : undefined;
  }
}

function exprsOf(mc: Obj | undefined): Obj | undefined {
  return mc && isObj(mc.expressions) ? mc.expressions : undefined;
}

function stringsOf(a: unknown[]): string[] {
  return a.filter((r): r is string => typeof r === "string");
}

/**
 * The one thing an expression refers to, or undefined when it combines several (an interpolation like
 * "${var.name}-${aws_kms_key.a.arn}" is not the key's ARN, so it must not become a Ref). Terraform also
 * lists each traversal's shorter forms (aws_kms_key.a.arn, aws_kms_key.a), and count/each references
 * that only pick an instance; neither counts as a second source.
 */
function soleReference(refs: string[]): string | undefined {
  const distinct: string[] = [];
  for (const r of refs) {
    if (/^(count|each)\./.test(r)) continue;
    if (distinct.some((d) => d === r || d.startsWith(`${r}.`) || d.startsWith(`${r}[`))) continue;
    distinct.push(r);
  }
  return distinct.length === 1 ? distinct[0] : undefined;
}
