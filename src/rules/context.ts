/**
 * Per-evaluation state, reused across resources so the hot path allocates nothing but the result.
 *
 * Witnesses: every node leaves on the stack exactly the leaf facts that explain its outcome (a FALSE
 * `all` keeps only its first FALSE child's facts, an UNKNOWN one only its UNKNOWN children's...). The
 * reason is formatted from them once per result, so verdict and reason always come from the same branch.
 */
import type { Resource } from "../model/resource.js";
import { joinLabel } from "./path.js";
import { shortType } from "./render.js";
import type { ResourceIndex, ScopeGroup } from "./index.js";
import type { Tri } from "./tri.js";

export interface Explainer {
  /** The name reasons use, before a quantifier's element prefix is joined to it. */
  readonly label: string;
  /** True when `label` is relative to the quantifier element (bare paths), false for $fields and counts. */
  readonly relative: boolean;
  /** True when the label is a prop path a finding can point at. */
  readonly propPath: boolean;
  explain(label: string, actual: unknown, tri: Tri, ctx: EvalContext): string;
}

const MAX_PARTS = 4;

export class EvalContext {
  params: Record<string, unknown> = {};
  /** The resource a top-level evaluation is about (a real one, or the account pseudo resource). */
  top: Resource | undefined;
  /** The account / region group of an account- or region-scoped evaluation. */
  group: ScopeGroup | undefined;
  /** Set while evaluating another resource (a ref target, a counted resource): reasons name it. */
  subject: Resource | undefined;
  /** The evaluation's clock (epoch ms) for date operators: EvaluateOptions.now, else the time evaluation began. */
  now = Date.now();
  /** Concrete path of the current quantifier element ("Statement[2]"), "" at top level. */
  prefix = "";

  len = 0;
  private readonly wNode: Explainer[] = [];
  private readonly wActual: unknown[] = [];
  private readonly wTri: Tri[] = [];
  private readonly wAt: (string | undefined)[] = [];
  private readonly wPrefix: string[] = [];
  private readonly wSubject: (Resource | undefined)[] = [];
  private readonly shownTexts: string[] = [];

  constructor(readonly index: ResourceIndex) {}

  push(node: Explainer, actual: unknown, tri: Tri, at: string | undefined): void {
    const i = this.len++;
    this.wNode[i] = node;
    this.wActual[i] = actual;
    this.wTri[i] = tri;
    this.wAt[i] = at;
    this.wPrefix[i] = this.prefix;
    this.wSubject[i] = this.subject;
  }

  /** Keep only the witnesses from `mark` on, moved down to `start`. */
  keep(start: number, mark: number): void {
    if (start === mark) return;
    const n = this.len - mark;
    for (let k = 0; k < n; k++) {
      this.wNode[start + k] = this.wNode[mark + k];
      this.wActual[start + k] = this.wActual[mark + k];
      this.wTri[start + k] = this.wTri[mark + k];
      this.wAt[start + k] = this.wAt[mark + k];
      this.wPrefix[start + k] = this.wPrefix[mark + k];
      this.wSubject[start + k] = this.wSubject[mark + k];
    }
    this.len = start + n;
  }

  /** Drop references held by the witness stack (so results don't pin large evidence). */
  reset(): void {
    for (let i = 0; i < this.len; i++) {
      this.wActual[i] = undefined;
      this.wSubject[i] = undefined;
    }
    this.len = 0;
    this.prefix = "";
    this.subject = undefined;
  }

  /** Set by explain(): the reason of the last explanation, and the prop path it turned on. */
  reason = "";
  path: string | undefined = undefined;
  /** The facts of the last explain(…, keepFacts), each once. */
  facts: readonly string[] = [];

  /**
   * Formats the witnesses from `from` on into `this.reason` (up to MAX_PARTS facts, "; "-joined, each
   * distinct fact once: two leaves on the same unknown value say the same thing; facts in `skip` are
   * left out) and `this.path`, the prop path of the first fact about the resource itself. Writes fields
   * instead of returning an object: this runs once per result.
   */
  explain(from = 0, skip?: readonly string[], keepFacts = false): void {
    const shownTexts = this.shownTexts;
    let reason = "";
    let path: string | undefined;
    let shown = 0;
    let more: Set<string> | undefined;
    outer: for (let i = from; i < this.len; i++) {
      const node = this.wNode[i];
      const own = this.wAt[i] ?? node.label;
      const label = node.relative ? joinLabel(this.wPrefix[i], own) : own;
      let text = node.explain(label, this.wActual[i] ?? undefined, this.wTri[i], this);
      const subj = this.wSubject[i];
      if (subj) text = `${shortType(subj.type)} ${subj.name ?? subj.id}: ${text}`;
      for (let k = 0; k < shown; k++) if (shownTexts[k] === text) continue outer;
      if (skip !== undefined && skip.includes(text)) continue;
      if (shown >= MAX_PARTS) {
        (more ??= new Set()).add(text);
        continue;
      }
      if (!subj && path === undefined && node.propPath) path = label;
      reason = shown === 0 ? text : `${reason}; ${text}`;
      shownTexts[shown++] = text;
    }
    if (more) reason += `; and ${more.size} more`;
    if (keepFacts) this.facts = shownTexts.slice(0, shown);
    for (let k = 0; k < shown; k++) shownTexts[k] = "";
    this.reason = reason;
    this.path = path;
  }
}
