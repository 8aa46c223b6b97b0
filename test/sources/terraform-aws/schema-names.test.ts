import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TF_SPECS } from "../../../src/sources/terraform/aws/index.js";

/**
 * Every Terraform type and attribute path the mappers read must exist in the AWS provider's schema.
 * The fixture is extracted from `terraform providers schema -json` (hashicorp/aws 5.100.0) by
 * extract-schema-names.mjs in this directory.
 */
const fixture = JSON.parse(readFileSync(new URL("../../fixtures/aws-provider-attribute-paths.json", import.meta.url), "utf8")) as {
  provider_version: string;
  types: Record<string, string[]>;
};

describe("attribute names in the mappers' constant tables", () => {
  it("name Terraform types that the provider has", () => {
    const missing = TF_SPECS.map((s) => s.type).filter((t) => !fixture.types[t]);
    expect(missing).toEqual([]);
  });

  it("name attribute paths that the provider schema has", () => {
    const missing: string[] = [];
    for (const spec of TF_SPECS) {
      const known = new Set(fixture.types[spec.type] ?? []);
      for (const path of spec.attrs) if (!known.has(path)) missing.push(`${spec.type}.${path}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("mapper coverage", () => {
  it("every canonical type has a Terraform resource mapping", async () => {
    const { RESOURCE_TYPES } = await import("../../../src/model/types/index.js");
    const { RESOURCE_MAPPINGS } = await import("../../../src/sources/terraform/aws/index.js");
    const mapped = new Set(RESOURCE_MAPPINGS.map((m) => m.type));
    // Root access keys and root MFA (GetAccountSummary) cannot be managed by Terraform: live evidence only.
    const liveOnly = new Set(["AWS::::Account"]);
    expect(Object.keys(RESOURCE_TYPES).filter((t) => !mapped.has(t) && !liveOnly.has(t))).toEqual([]);
  });
});
