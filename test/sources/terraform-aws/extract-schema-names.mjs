#!/usr/bin/env node
// Regenerates test/fixtures/aws-provider-attribute-paths.json: every attribute / nested-block path (to
// depth 6) of the Terraform types listed in that file, read from the AWS provider's own schema.
//   terraform providers schema -json > /tmp/aws-schema.json   (see docs/model.md for the offline setup)
//   node test/sources/terraform-aws/extract-schema-names.mjs /tmp/aws-schema.json
import { readFileSync, writeFileSync } from "node:fs";

const out = new URL("../../fixtures/aws-provider-attribute-paths.json", import.meta.url);
const schema = JSON.parse(readFileSync(process.argv[2] ?? "/tmp/aws-schema.json", "utf8"));
const current = JSON.parse(readFileSync(out, "utf8"));
const provider = Object.keys(schema.provider_schemas).find((k) => k.endsWith("hashicorp/aws"));
const resources = schema.provider_schemas[provider].resource_schemas;

function objectPaths(type, prefix, depth, acc) {
  // ["set", ["object", {...}]] attributes: their fields are readable paths too.
  if (!Array.isArray(type) || depth > 6) return;
  if (type[0] === "object") for (const [k, t] of Object.entries(type[1])) { acc.push(`${prefix}.${k}`); objectPaths(t, `${prefix}.${k}`, depth + 1, acc); }
  else if (type[0] === "list" || type[0] === "set") objectPaths(type[1], prefix, depth, acc);
}
function paths(block, prefix, depth, acc) {
  if (depth > 6) return acc;
  for (const [k, a] of Object.entries(block.attributes ?? {})) {
    const p = prefix ? `${prefix}.${k}` : k;
    acc.push(p);
    objectPaths(a.type, p, depth + 1, acc);
  }
  for (const [k, b] of Object.entries(block.block_types ?? {})) {
    const p = prefix ? `${prefix}.${k}` : k;
    acc.push(p);
    // WAFv2 statements nest recursively; their inner structure is converted generically, not by path.
    if (!p.endsWith("statement")) paths(b.block, p, depth + 1, acc);
  }
  return acc;
}
const result = { provider_version: current.provider_version, types: {} };
for (const t of Object.keys(current.types).sort()) result.types[t] = paths(resources[t].block, "", 0, []).sort();
writeFileSync(out, JSON.stringify(result, null, 1) + "\n");
