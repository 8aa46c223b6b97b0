import type { Resource } from "../../../src/model/resource.js";
import type { TfEvidence, TfInstance } from "../../../src/sources/terraform/instance.js";
import { tfToResources } from "../../../src/sources/terraform/aws/index.js";
import { validateProps } from "../../../src/model/types/index.js";

type Source = TfInstance["source"];

/** A TfInstance as the Terraform sources hand it on; address from type.name[index], optionally in a module. */
export function inst(
  type: string,
  name: string,
  attributes: Record<string, unknown>,
  opts: Partial<Omit<TfInstance, "type" | "name" | "attributes">> = {},
): TfInstance {
  const source = opts.source ?? "tf-state";
  const modulePath = opts.modulePath ?? "";
  const idx = opts.index === undefined ? "" : typeof opts.index === "number" ? `[${opts.index}]` : `["${opts.index}"]`;
  return {
    address: `${modulePath ? `${modulePath}.` : ""}${type}.${name}${idx}`,
    modulePath,
    mode: "managed",
    type,
    name,
    attributes,
    source,
    location: opts.location ?? (source === "hcl" ? "infra/" : source === "tf-plan" ? "plan.json" : "terraform.tfstate"),
    ...opts,
  };
}

export function evidence(instances: TfInstance[], source: Source = instances[0]?.source ?? "tf-state"): TfEvidence {
  return { source, location: instances[0]?.location ?? "terraform.tfstate", instances, notes: [] };
}

/**
 * tfToResources over the given instances. Every resource any test maps is also checked against its
 * type's JSON Schema here, so each mapper test doubles as a schema test.
 */
export function map(...instances: TfInstance[]): { resources: Resource[]; notes: string[] } {
  const out = tfToResources(evidence(instances));
  for (const r of out.resources) {
    const v = validateProps(r.type, r.props);
    if (!v.valid) throw new Error(`${r.origin.address} (${r.type}) props do not match the schema:\n${v.errors.join("\n")}`);
  }
  return out;
}

/** The single resource of a type, failing loudly when there is not exactly one. */
export function only(resources: Resource[], type: string): Resource {
  const hits = resources.filter((r) => r.type === type);
  if (hits.length !== 1) throw new Error(`expected one ${type}, got ${hits.length}`);
  return hits[0];
}
