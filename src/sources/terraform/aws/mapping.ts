import type { Resource } from "../../../model/resource.js";
import { stripIndex } from "../../../model/identity.js";
import { isRef, isUnknown } from "../../../model/values.js";
import type { TfInstance } from "../instance.js";
import { PropsBuilder, buildResource, type Identity } from "./build.js";
import { reader, type TfReader, type TfTypeSpec } from "./tf-reader.js";

/**
 * The two kinds of mapping a per-type module declares:
 *  - a resource mapping turns one Terraform resource into one canonical Resource;
 *  - a child mapping merges a Terraform "split" resource (aws_s3_bucket_versioning, a role policy
 *    attachment...) into the canonical Resource of its parent.
 * Children are applied after every parent is mapped, whatever their order in the evidence, so a split
 * resource always wins over the parent's inline/computed copy of the same setting (in state, the bucket's
 * computed `versioning` is only a mirror; the split resource is what the author manages).
 */

/** A mapped parent while children are still being merged into it. */
export interface MappedParent {
  inst: TfInstance;
  type: string;
  props: PropsBuilder;
  ident: Identity;
  /** Literal values a child may use to name this parent: bucket name, id, ARN, role name... */
  keys: unknown[];
}

export interface ResourceMapping {
  spec: TfTypeSpec;
  type: string;
  map(inst: TfInstance): MappedParent;
}

export interface ChildMapping {
  spec: TfTypeSpec;
  parentType: string;
  /** Attribute paths naming the parent; a list-valued one (aws_iam_policy_attachment.roles) names several. */
  parentAttrs: readonly string[];
  apply(inst: TfInstance, parent: MappedParent): void;
}

export function resourceMapping<const P extends string>(
  spec: TfTypeSpec<P>,
  type: string,
  map: (r: TfReader<P>, b: PropsBuilder, inst: TfInstance) => { ident: Identity; keys: unknown[] },
): ResourceMapping {
  return {
    spec,
    type,
    map(inst) {
      const b = new PropsBuilder(inst);
      const { ident, keys } = map(reader(spec, inst.attributes), b, inst);
      return { inst, type, props: b, ident, keys };
    },
  };
}

export function childMapping<const P extends string>(
  spec: TfTypeSpec<P>,
  parentType: string,
  parentAttrs: readonly P[],
  apply: (r: TfReader<P>, parent: PropsBuilder, inst: TfInstance, mapped: MappedParent) => void,
): ChildMapping {
  return {
    spec,
    parentType,
    parentAttrs,
    apply(inst, parent) {
      apply(reader(spec, inst.attributes), parent.props, inst, parent);
      parent.props.merged(inst);
    },
  };
}

export function finishParent(p: MappedParent): Resource {
  return buildResource(p.inst, p.type, p.ident, p.props);
}

/**
 * The one linking rule for every split resource: a child names its parent either by a Ref whose target
 * is the parent's address (HCL, plans), or by a literal equal to one of the parent's keys (state, or
 * HCL that hard-codes the bucket name).
 */
export class ParentIndex {
  private readonly byType = new Map<string, TypeParents>();

  add(p: MappedParent): void {
    let t = this.byType.get(p.type);
    if (!t) this.byType.set(p.type, (t = new TypeParents()));
    t.add(p);
  }

  all(): MappedParent[] {
    const out: MappedParent[] = [];
    for (const t of this.byType.values()) for (let i = 0; i < t.list.length; i++) out.push(t.list[i]);
    return out;
  }

  /** The parent a value names, or why none could be chosen (a phrase following the attribute name). */
  find(type: string, value: unknown, child: TfInstance): MappedParent | string {
    const parents = this.byType.get(type) ?? EMPTY_PARENTS;
    if (isRef(value) && value.derived) return `is built from ${value.target} but is not its name, so it is not merged (${value.expression ?? value.target})`;
    if (isRef(value)) {
      const exact = parents.byAddress().get(value.target);
      if (exact?.length === 1) return exact[0];
      const counted = parents.byStrippedAddress().get(value.target) ?? NONE;
      if (counted.length === 1) return counted[0];
      const sameIndex = counted.filter((p) => p.inst.index !== undefined && p.inst.index === child.index);
      if (sameIndex.length === 1) return sameIndex[0];
      return counted.length > 1
        ? `names several instances (${value.expression ?? value.target})`
        : `not found in this evidence (${value.target})`;
    }
    if (isUnknown(value)) return `is not knowable, so it is not merged (${value.reason})`;
    if (typeof value !== "string" || value === "") return "names nothing";
    const hits = parents.byKey().get(value);
    // Names repeat across regions (a Config recorder per region is usually named alike): the parent in
    // the child's own region is the one it configures.
    if (hits) return (hits.length > 1 && child.region !== undefined && hits.find((p) => p.inst.region === child.region)) || hits[0];
    return `not found in this evidence ("${value}")`;
  }
}

const NONE: readonly MappedParent[] = [];

/** One type's parents with lookup tables built on first use (all parents are added before any lookup). */
class TypeParents {
  readonly list: MappedParent[] = [];
  private address: Map<string, MappedParent[]> | undefined;
  private stripped: Map<string, MappedParent[]> | undefined;
  private keys: Map<string, MappedParent[]> | undefined;

  add(p: MappedParent): void {
    this.list.push(p);
    this.address = this.stripped = this.keys = undefined;
  }

  byAddress(): Map<string, MappedParent[]> {
    return (this.address ??= groupBy(this.list, (p) => p.inst.address));
  }

  byStrippedAddress(): Map<string, MappedParent[]> {
    return (this.stripped ??= groupBy(this.list, (p) => stripIndex(p.inst.address)));
  }

  /** Literal key → the parents that have it, in evidence order. */
  byKey(): Map<string, MappedParent[]> {
    if (!this.keys) {
      this.keys = new Map();
      for (const p of this.list) {
        for (const k of p.keys) {
          if (typeof k !== "string") continue;
          const l = this.keys.get(k);
          if (!l) this.keys.set(k, [p]);
          else if (!l.includes(p)) l.push(p);
        }
      }
    }
    return this.keys;
  }
}

const EMPTY_PARENTS = new TypeParents();

function groupBy(list: readonly MappedParent[], key: (p: MappedParent) => string): Map<string, MappedParent[]> {
  const m = new Map<string, MappedParent[]>();
  for (const p of list) {
    const k = key(p);
    const l = m.get(k);
    if (l) l.push(p);
    else m.set(k, [p]);
  }
  return m;
}
