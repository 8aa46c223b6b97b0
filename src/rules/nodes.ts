/**
 * Compiled condition nodes: closures over parsed paths and operators, evaluated with Kleene logic.
 * Each node pushes the facts that explain its outcome onto the context's witness stack (see context.ts).
 */
import type { Resource } from "../model/resource.js";
import { isRef, MaybeValue, REDACTED, Unknown } from "../model/values.js";
import type { EvalContext, Explainer } from "./context.js";
import type { OpDef } from "./operators.js";
import { joinLabel, keyLabel, type CompiledPath } from "./path.js";
import { firstUnknown, oneLine, renderValue, shortType, truncate, unknownText } from "./render.js";
import { FALSE, TRUE, UNKNOWN, type Tri } from "./tri.js";

export interface Node {
  eval(res: Resource, base: unknown, ctx: EvalContext): Tri;
}

/** A literal, or a parameter read from the context at evaluation time. */
export type ValueSource = { literal: unknown } | { param: string };

function valueOf(src: ValueSource, ctx: EvalContext): unknown {
  return "param" in src ? ctx.params[src.param] : src.literal;
}

const EMPTY: readonly unknown[] = [];

/** Memoized reasons per leaf (ids and ARNs are unbounded; true / false / 7 / "aws:kms" are not). */
const MEMO_LIMIT = 1024;

export class LeafNode implements Node, Explainer {
  readonly label: string;
  readonly relative: boolean;
  readonly propPath: boolean;
  private readonly literalRe: RegExp | undefined;
  private memoPattern: string | undefined;
  private memoRe: RegExp | undefined;
  private readonly existence: boolean;
  private readonly scratch: unknown[] = [];
  /** The path is `$tags` itself: its keys are tag keys. */
  private readonly tagsRoot: boolean;

  constructor(
    readonly path: CompiledPath,
    readonly op: OpDef,
    readonly value: ValueSource,
    readonly message: string | undefined,
  ) {
    this.label = path.label;
    this.relative = path.root === "props";
    this.propPath = path.root === "props" && path.text !== "@";
    this.existence = op.name === "exists" || op.name === "absent";
    this.tagsRoot = path.field === "tags" && path.text === "$tags";
    this.literalRe = op.value === "regex" && "literal" in value ? new RegExp(value.literal as string) : undefined;
  }

  private regex(ctx: EvalContext): RegExp | undefined {
    if (this.op.value !== "regex") return undefined;
    if (this.literalRe) return this.literalRe;
    const p = String(valueOf(this.value, ctx));
    if (p !== this.memoPattern) {
      this.memoPattern = p;
      this.memoRe = new RegExp(p);
    }
    return this.memoRe;
  }

  /** One value: Unknown / REDACTED are UNKNOWN, except that a Ref or a secret is *set* for exists / absent. */
  private test(v: unknown, ctx: EvalContext): Tri {
    if (v === null) v = undefined;
    else if (v === REDACTED || (typeof v === "object" && v instanceof Unknown)) {
      if (this.existence && (v === REDACTED || isRef(v))) return this.op.name === "exists" ? TRUE : FALSE;
      // `known` asks exactly this: a marker is a value this evidence does not know.
      if (this.op.name === "known") return FALSE;
      if (v !== REDACTED && v.shape) return this.byShape(v.shape, ctx);
      return UNKNOWN;
    }
    const src = this.value;
    return this.op.test(v, "param" in src ? ctx.params[src.param] : src.literal, this.literalRe ?? this.regex(ctx), ctx.now);
  }

  /**
   * A partly known string (a template with unknown parts) can still be told apart from a literal: when
   * no value the comparison names fits the template's shape, it certainly equals none of them.
   */
  private byShape(shape: RegExp, ctx: EvalContext): Tri {
    const name = this.op.name;
    if (name !== "eq" && name !== "ne" && name !== "in" && name !== "not-in") return UNKNOWN;
    const src = this.value;
    const expected = "param" in src ? ctx.params[src.param] : src.literal;
    const candidates = name === "eq" || name === "ne" ? [expected] : Array.isArray(expected) ? expected : [expected];
    const mayEqual = candidates.some((c) => typeof c === "string" && shape.test(c));
    if (mayEqual) return UNKNOWN;
    return name === "eq" || name === "in" ? FALSE : TRUE;
  }

  eval(res: Resource, base: unknown, ctx: EvalContext): Tri {
    if (!this.path.multi) {
      const v = this.path.get(res, base);
      const t = this.test(v, ctx);
      ctx.push(this, v, t, undefined);
      return t;
    }
    // Wildcards: every matched value must satisfy the leaf; no match at all is one absent value.
    // (A leaf never evaluates itself re-entrantly, so one scratch list per leaf is safe.)
    const vals = this.scratch;
    vals.length = 0;
    this.path.all(res, base, vals);
    if (vals.length === 0) {
      const t = this.test(undefined, ctx);
      ctx.push(this, undefined, t, undefined);
      return t;
    }
    let agg: Tri = TRUE;
    let decider = -1;
    for (let i = 0; i < vals.length; i++) {
      const t = this.test(vals[i], ctx);
      if (t === FALSE) {
        agg = FALSE;
        decider = i;
        break;
      }
      if (t === UNKNOWN && agg === TRUE) {
        agg = UNKNOWN;
        decider = i;
      }
    }
    if (decider < 0) {
      ctx.push(this, vals[vals.length - 1], TRUE, undefined);
    } else {
      const { paths } = this.path.allWithPaths(res, base);
      ctx.push(this, vals[decider], agg, paths[decider]);
    }
    vals.length = 0;
    return agg;
  }

  /**
   * Reasons about plain values repeat across resources ("StorageEncrypted is true", "SecurityGroupIngress[0].
   * CidrIp is "10.0.0.0/8""): they are made once per (label, value, outcome) and shared, which saves
   * memory as much as time, since a report holds one reason per result.
   */
  private memo: Map<string, Map<unknown, string>>[] | undefined;
  /** The same for the leaf's own label (no quantifier prefix): one lookup instead of two. */
  private ownMemo: Map<unknown, string>[] | undefined;
  private memoExpected: unknown;
  private memoSize = 0;

  explain(label: string, actual: unknown, tri: Tri, ctx: EvalContext): string {
    if ((typeof actual === "object" && actual !== null) || typeof actual === "function" || this.op.clock) return this.explainNow(label, actual, tri, ctx);
    const expected = valueOf(this.value, ctx);
    if (this.memo === undefined || expected !== this.memoExpected) {
      this.memo = [new Map(), new Map(), new Map()];
      this.ownMemo = [new Map(), new Map(), new Map()];
      this.memoExpected = expected;
      this.memoSize = 0;
    }
    let m: Map<unknown, string> | undefined;
    if (label === this.label) m = this.ownMemo![tri];
    else {
      m = this.memo[tri].get(label);
    }
    let text = m?.get(actual);
    if (text === undefined) {
      text = this.explainNow(label, actual, tri, ctx);
      if (this.memoSize < MEMO_LIMIT) {
        if (!m) this.memo[tri].set(label, (m = new Map()));
        m.set(actual, text);
        this.memoSize++;
      }
    }
    return text;
  }

  /** How a reason names a key of this leaf's value: "tag Owner" for $tags, else "<label>.key". */
  private keyLabel(label: string): (key: string) => string {
    if (!this.op.keyed) return String; // not used: no closure per explanation
    return this.tagsRoot ? (k) => `tag ${k}` : (k) => keyLabel(label, k);
  }

  private explainNow(label: string, actual: unknown, tri: Tri, ctx: EvalContext): string {
    const isMarker = actual === REDACTED || actual instanceof Unknown;
    if (tri === UNKNOWN) {
      if (!isMarker && this.op.explainUnknown) {
        const text = this.op.explainUnknown(label, actual, valueOf(this.value, ctx), this.keyLabel(label));
        if (text !== undefined) return text;
      }
      return unknownText(label, isMarker ? actual : firstUnknown(actual));
    }
    if (isMarker) {
      // exists / absent on a Ref or a secret: it is set, whatever its value will be.
      const what = actual === REDACTED ? "a sensitive value" : `${oneLine((actual as Unknown).expression ?? "a value")}, known only after apply`;
      return this.op.name === "exists" ? `${label} is set (${what})` : `${label} is set to ${what}`;
    }
    const expected = valueOf(this.value, ctx);
    if (this.message !== undefined) {
      return this.message
        .replaceAll("{{path}}", label)
        .replaceAll("{{actual}}", renderValue(actual))
        .replaceAll("{{value}}", renderValue(expected))
        .replaceAll("{{op}}", this.op.name);
    }
    return this.op.explain(label, actual, expected, tri, this.regex(ctx), this.keyLabel(label), ctx.now);
  }
}

/**
 * Kleene AND / OR: the first child that gives the decisive value (FALSE for all, TRUE for any) decides
 * and alone explains the result; else any UNKNOWN gives UNKNOWN, explained by the UNKNOWN children;
 * else the neutral value, explained by every child.
 */
abstract class KleeneNode implements Node {
  private readonly neutral: Tri;
  constructor(
    readonly children: Node[],
    private readonly decisive: Tri,
  ) {
    this.neutral = (2 - decisive) as Tri;
  }
  eval(res: Resource, base: unknown, ctx: EvalContext): Tri {
    const start = ctx.len;
    let state = this.neutral;
    for (const c of this.children) {
      const mark = ctx.len;
      const r = c.eval(res, base, ctx);
      if (r === this.decisive) {
        ctx.keep(start, mark);
        return r;
      }
      if (r === UNKNOWN) {
        if (state === this.neutral) {
          ctx.keep(start, mark);
          state = UNKNOWN;
        }
      } else if (state === UNKNOWN) ctx.len = mark;
    }
    return state;
  }
}

export class AllNode extends KleeneNode {
  constructor(children: Node[]) {
    super(children, FALSE);
  }
}

export class AnyNode extends KleeneNode {
  constructor(children: Node[]) {
    super(children, TRUE);
  }
}

/** Swaps TRUE and FALSE; the child's facts still explain it ("X is 1" explains why `not X eq 1` fails). */
export class NotNode implements Node {
  constructor(readonly child: Node) {}
  eval(res: Resource, base: unknown, ctx: EvalContext): Tri {
    return (2 - this.child.eval(res, base, ctx)) as Tri;
  }
}

/**
 * some / every / none: the collection at `path` (a list; any other value is a one-element list; absent is
 * empty), `where` evaluated on each element with bare paths relative to it. some = Kleene OR over the
 * elements, every = AND (TRUE when empty), none = NOT some.
 */
export class QuantifierNode implements Node, Explainer {
  readonly label: string;
  readonly relative: boolean;
  readonly propPath: boolean;
  constructor(
    readonly kind: "some" | "every" | "none",
    readonly path: CompiledPath,
    readonly where: Node,
  ) {
    this.label = path.label;
    this.relative = path.root === "props";
    this.propPath = this.relative && path.text !== "@";
  }

  eval(res: Resource, base: unknown, ctx: EvalContext): Tri {
    let els: readonly unknown[];
    let labels: string[] | undefined;
    let single = "";
    if (!this.path.multi) {
      const v = this.path.get(res, base);
      if (v instanceof Unknown && v.shape) {
        // A partly known string (a template) is one string, never a list: a one-element list, like any scalar.
        els = [v];
        single = this.path.label;
      } else if (v === REDACTED || v instanceof Unknown) {
        ctx.push(this, v, UNKNOWN, undefined);
        return UNKNOWN;
      } else if (v === undefined || v === null) els = EMPTY;
      else if (Array.isArray(v)) els = v;
      else {
        els = [v];
        single = this.path.label;
      }
    } else {
      const { values, paths } = this.path.allWithPaths(res, base);
      const flat: unknown[] = [];
      labels = [];
      for (let j = 0; j < values.length; j++) {
        const v = values[j];
        if (v === undefined || v === null) continue;
        if (Array.isArray(v)) {
          for (let k = 0; k < v.length; k++) {
            flat.push(v[k]);
            labels.push(`${paths[j]}[${k}]`);
          }
        } else {
          flat.push(v);
          labels.push(paths[j]);
        }
      }
      els = flat;
    }
    if (els.length === 0) {
      const t: Tri = this.kind === "some" ? FALSE : TRUE;
      ctx.push(this, undefined, t, undefined);
      return t;
    }
    const orMode = this.kind !== "every";
    const start = ctx.len;
    const savedPrefix = ctx.prefix;
    const parent = this.relative ? savedPrefix : "";
    let state: Tri = orMode ? FALSE : TRUE;
    let decided = false;
    for (let i = 0; i < els.length && !decided; i++) {
      const own = labels ? labels[i] : single !== "" ? single : this.elementLabel(i);
      ctx.prefix = this.relative ? joinLabel(parent, own) : own;
      const mark = ctx.len;
      const r = this.where.eval(res, els[i], ctx);
      if (orMode ? r === TRUE : r === FALSE) {
        ctx.keep(start, mark);
        state = r;
        decided = true;
      } else if (r === UNKNOWN) {
        if (state !== UNKNOWN) {
          ctx.keep(start, mark);
          state = UNKNOWN;
        }
      } else if (state === UNKNOWN) ctx.len = mark;
    }
    ctx.prefix = savedPrefix;
    return this.kind === "none" ? ((2 - state) as Tri) : state;
  }

  /** "Statement[3]": made once per index, not once per element evaluated. */
  private readonly elementLabels: string[] = [];
  private elementLabel(i: number): string {
    return (this.elementLabels[i] ??= `${this.path.label}[${i}]`);
  }

  explain(label: string, actual: unknown, tri: Tri): string {
    if (tri === UNKNOWN) return unknownText(label, actual);
    return actual === undefined ? `${label} has no elements` : `${label} is ${renderValue(actual)}`;
  }
}

/**
 * A reference to other resources: the value(s) at `path` resolved through the index to resources of
 * `types`, and `where` evaluated on each (all must hold). Absent → FALSE; present but not in the
 * evidence → UNKNOWN.
 */
export class RefNode implements Node, Explainer {
  readonly label: string;
  readonly relative: boolean;
  readonly propPath: boolean;
  private readonly typeText: string;
  constructor(
    readonly path: CompiledPath,
    readonly types: readonly string[],
    readonly where: Node | undefined,
  ) {
    this.label = path.label;
    this.relative = path.root === "props";
    this.propPath = this.relative && path.text !== "@";
    this.typeText = types.map(shortType).join(" or ");
  }

  eval(res: Resource, base: unknown, ctx: EvalContext): Tri {
    if (!this.path.multi) return this.one(res, this.path.get(res, base), undefined, ctx);
    const { values, paths } = this.path.allWithPaths(res, base);
    if (values.length === 0) return this.one(res, undefined, undefined, ctx);
    return this.allOf(values.length, (i) => this.one(res, values[i], paths[i], ctx), ctx);
  }

  /** Kleene AND over n sub-evaluations, keeping the deciding facts. */
  private allOf(n: number, f: (i: number) => Tri, ctx: EvalContext): Tri {
    const start = ctx.len;
    let state: Tri = TRUE;
    for (let i = 0; i < n; i++) {
      const mark = ctx.len;
      const r = f(i);
      if (r === FALSE) {
        ctx.keep(start, mark);
        return FALSE;
      }
      if (r === UNKNOWN) {
        if (state === TRUE) {
          ctx.keep(start, mark);
          state = UNKNOWN;
        }
      } else if (state === UNKNOWN) ctx.len = mark;
    }
    return state;
  }

  private one(res: Resource, v: unknown, at: string | undefined, ctx: EvalContext): Tri {
    if (v === undefined || v === null || v === "") {
      ctx.push(this, undefined, FALSE, at);
      return FALSE;
    }
    if (v === REDACTED || (v instanceof Unknown && !isRef(v))) {
      ctx.push(this, v, UNKNOWN, at);
      return UNKNOWN;
    }
    const targets = ctx.index.byRef(res, v, this.types);
    if (targets === "unresolved") {
      ctx.push(this, v, UNKNOWN, at);
      return UNKNOWN;
    }
    if (targets.length === 0) {
      ctx.push(this, v, FALSE, at);
      return FALSE;
    }
    const where = this.where;
    if (!where) {
      ctx.push(this, targets[0], TRUE, at);
      return TRUE;
    }
    const savedSubject = ctx.subject;
    const savedPrefix = ctx.prefix;
    ctx.prefix = "";
    const t = this.allOf(
      targets.length,
      (i) => {
        ctx.subject = targets[i];
        return where.eval(targets[i], targets[i].props, ctx);
      },
      ctx,
    );
    ctx.subject = savedSubject;
    ctx.prefix = savedPrefix;
    return t;
  }

  explain(label: string, actual: unknown, tri: Tri): string {
    if (tri === TRUE) {
      const t = actual as Resource;
      return `${label} refers to ${shortType(t.type)} ${t.name ?? t.id}`;
    }
    if (actual === undefined) return `${label} is missing`;
    // A string is shown bare (truncated after unquoting, so a long ARN keeps no stray quote).
    const shown = isRef(actual) ? actual.target : typeof actual === "string" ? truncate(actual) : renderValue(actual);
    if (tri === FALSE) return `${label} refers to ${shown}, which is not a ${this.typeText}`;
    if (actual === REDACTED || (actual instanceof Unknown && !isRef(actual))) return unknownText(label, actual);
    return `${this.typeText} ${shown} (${label}) is not in the audited evidence`;
  }
}

export type CountOp = "eq" | "gt" | "gte" | "lt" | "lte";

const COUNT_TEXT: Record<CountOp, [string, string]> = {
  eq: ["exactly", "required"],
  gt: ["more than", "required"],
  gte: ["at least", "required"],
  lt: ["fewer than", "allowed"],
  lte: ["at most", "allowed"],
};

function holds(op: CountOp, x: number, n: number): boolean {
  switch (op) {
    case "eq":
      return x === n;
    case "gt":
      return x > n;
    case "gte":
      return x >= n;
    case "lt":
      return x < n;
    case "lte":
      return x <= n;
  }
}

interface CountFacts {
  matched: number;
  unknown: number;
  n: number;
}

/**
 * How many resources of `types` in the scope group (the account group for resource-scoped rules)
 * satisfy `where`. The true count lies in [matched, matched + unknown]: TRUE if the comparison holds
 * over the whole range, FALSE if nowhere, else UNKNOWN.
 */
export class CountNode implements Node, Explainer {
  readonly label = "count";
  readonly relative = false;
  readonly propPath = false;
  private readonly typeText: string;
  constructor(
    readonly types: readonly string[],
    readonly where: Node | undefined,
    readonly op: CountOp,
    readonly n: ValueSource,
    /** Only resources whose value(s) at this path refer to the resource being judged (a reverse ref). */
    readonly referencing?: CompiledPath,
  ) {
    this.typeText = types.join(" / ") + (referencing ? ` whose ${referencing.label} refers to it` : "");
  }

  /**
   * Does candidate `r` point at `target` through the `referencing` path? TRUE when a value resolves to it
   * (ARN, Terraform reference, id or name); UNKNOWN when a value is not knowable, or is a literal that
   * resolves to nothing while the target's own ARN is unknown (it may be that ARN); else FALSE.
   */
  private refersTo(r: Resource, target: Resource, ctx: EvalContext): Tri {
    const path = this.referencing!;
    const values = path.multi ? path.allWithPaths(r, r.props).values : [path.get(r, r.props)];
    let res: Tri = FALSE;
    for (let v of values) {
      if (v === undefined || v === null || v === "") continue;
      // Set only if its resource exists: at best it *may* refer here.
      let maybe = false;
      if (v instanceof MaybeValue) {
        maybe = true;
        v = v.value;
        if (v === undefined || v === null || v === "") continue;
      }
      if (v === REDACTED || (v instanceof Unknown && !isRef(v))) {
        res = UNKNOWN;
        continue;
      }
      if (isRef(v) && v.derived) {
        // Text built around a reference to the target ("…:distribution/${aws_cloudfront_distribution.x.id}").
        if (v.target === target.origin.address || target.origin.mergedFrom?.includes(v.target)) res = UNKNOWN;
        continue;
      }
      const hits = ctx.index.byRef(r, v, [target.type]);
      if (hits === "unresolved") {
        if (typeof v === "string" && !target.arn) res = UNKNOWN;
        continue;
      }
      if (hits.includes(target)) {
        if (!maybe) return TRUE;
        res = UNKNOWN;
      }
    }
    return res;
  }

  eval(res: Resource, _base: unknown, ctx: EvalContext): Tri {
    const group = ctx.group ?? ctx.index.groupOf(ctx.top!, "account");
    const n = Number(valueOf(this.n, ctx));
    let matched = 0;
    let unknown = 0;
    let firstFalse: Resource | undefined;
    let firstUnknown: Resource | undefined;
    const savedSubject = ctx.subject;
    const savedPrefix = ctx.prefix;
    for (const type of this.types) {
      for (const r of ctx.index.ofType(type, group)) {
        let link: Tri = TRUE;
        if (this.referencing) {
          link = this.refersTo(r, res, ctx);
          if (link === FALSE) continue;
        }
        if (link === UNKNOWN) {
          if (!this.where || this.whereOn(r, ctx) !== FALSE) {
            unknown++;
            firstUnknown ??= r;
          }
          continue;
        }
        // A resource the evidence may not create (HCL count unknown) can only "may match".
        if (r.origin.mayNotExist !== undefined) {
          if (!this.where || this.whereOn(r, ctx) !== FALSE) {
            unknown++;
            firstUnknown ??= r;
          }
          continue;
        }
        if (!this.where) {
          matched++;
          continue;
        }
        const t = this.whereOn(r, ctx);
        if (t === TRUE) matched++;
        else if (t === UNKNOWN) {
          unknown++;
          firstUnknown ??= r;
        } else firstFalse ??= r;
      }
    }
    ctx.subject = savedSubject;
    ctx.prefix = savedPrefix;
    const lo = holds(this.op, matched, n);
    const hi = holds(this.op, matched + unknown, n);
    const between = this.op === "eq" && unknown > 0 && matched <= n && n <= matched + unknown;
    const tri: Tri = lo && hi && (this.op !== "eq" || unknown === 0) ? TRUE : !lo && !hi && !between ? FALSE : UNKNOWN;
    ctx.push(this, { matched, unknown, n } satisfies CountFacts, tri, undefined);
    // Name one resource that did not count (too few) or might not have (unknown): the likely culprit.
    const culprit = tri === UNKNOWN ? firstUnknown : tri === FALSE && !lo && (this.op === "gt" || this.op === "gte" || (this.op === "eq" && matched < n)) ? firstFalse : undefined;
    if (culprit && this.where) {
      this.whereOn(culprit, ctx, true);
      ctx.subject = savedSubject;
      ctx.prefix = savedPrefix;
    }
    return tri;
  }

  private whereOn(r: Resource, ctx: EvalContext, keep = false): Tri {
    const mark = ctx.len;
    ctx.subject = r;
    ctx.prefix = "";
    const t = this.where!.eval(r, r.props, ctx);
    if (!keep) ctx.len = mark;
    return t;
  }

  explain(_label: string, actual: unknown): string {
    const f = actual as CountFacts;
    const what = `${f.matched} ${this.typeText}${this.where ? " matching" : ""}`;
    const unk = f.unknown > 0 ? ` (and ${f.unknown} that may match)` : "";
    const [bound, need] = COUNT_TEXT[this.op];
    return `found ${what}${unk}; ${bound} ${f.n} ${need}`;
  }
}
