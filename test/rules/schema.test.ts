import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { SCHEMAS_DIR } from "../../src/paths.js";
import { buildPolicySchema } from "../../src/policy/schema.js";
import { OPERATOR_NAMES } from "../../src/rules/operators.js";
import { buildRuleSchema } from "../../src/rules/schema.js";

// The checked-in schemas are generated: `UPDATE_SCHEMAS=1 npx vitest run test/rules/schema.test.ts` rewrites them.
const files = { "rule.schema.json": buildRuleSchema(), "policy.schema.json": buildPolicySchema() };

describe("generated schemas", () => {
  for (const [name, schema] of Object.entries(files)) {
    it(`schemas/${name} is the generated schema`, () => {
      const path = join(SCHEMAS_DIR, name);
      const text = JSON.stringify(schema, null, 2) + "\n";
      if (process.env.UPDATE_SCHEMAS) writeFileSync(path, text);
      expect(readFileSync(path, "utf8")).toBe(text);
    });
  }

  it("lists exactly the registry's operators", () => {
    const leaf = (buildRuleSchema() as { $defs: { leaf: { properties: { op: { enum: string[] } } } } }).$defs.leaf;
    expect(leaf.properties.op.enum).toEqual(OPERATOR_NAMES);
  });

  it("accepts every fixture rule (editors using the schema agree with the loader)", () => {
    const validate = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(buildRuleSchema());
    const dir = join(import.meta.dirname, "../fixtures/rules-engine/valid");
    for (const f of ["storage/rds-storage-encrypted.yaml", "storage/rds-backup-retention.yaml", "storage/s3-bucket-kms.yaml", "edge/cloudfront-waf.yaml", "edge/cloudtrail-multi-region.yml"]) {
      expect(validate(parse(readFileSync(join(dir, f), "utf8"))), f).toBe(true);
    }
  });
});
