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
  private readonly byType = new Map<string, MappedParent[]>();

  add(p: MappedParent): void {
    const list = this.byType.get(p.type);
    if (list) list.push(p);
    else this.byType.set(p.type, [p]);
  }

  all(): MappedParent[] {
    return [...this.byType.values()].flat();
  }

  /** The parent a value names, or why none could be chosen (a phrase following the attribute name). */
  find(type: string, value: unknown, child: TfInstance): MappedParent | string {
    const parents = this.byType.get(type) ?? [];
    if (isRef(value)) {
      const exact = parents.filter((p) => p.inst.address === value.target);
      if (exact.length === 1) return exact[0];
      const counted = parents.filter((p) => stripIndex(p.inst.address) === value.target);
      if (counted.length === 1) return counted[0];
      const sameIndex = counted.filter((p) => p.inst.index !== undefined && p.inst.index === child.index);
      if (sameIndex.length === 1) return sameIndex[0];
      return counted.length > 1
        ? `names several instances (${value.expression ?? value.target})`
        : `not found in this evidence (${value.target})`;
    }
    if (isUnknown(value)) return `is not knowable, so it is not merged (${value.reason})`;
    if (typeof value !== "string" || value === "") return "names nothing";
    const hits = parents.filter((p) => p.keys.some((k) => k === value));
    if (hits.length >= 1) return hits[0];
    return `not found in this evidence ("${value}")`;
  }
}
