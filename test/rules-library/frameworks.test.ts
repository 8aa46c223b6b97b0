/**
 * Framework mappings and the generated docs. Every controls id a rule uses must be on the lists kept in
 * docs/frameworks/ (so a typo like "S3_BUCKET_SSL_REQUEST_ONLY" or "RDS.33" fails here, not in an
 * auditor's spreadsheet); the lists must be well-formed; docs/rules.md's catalog and docs/fsbp-coverage.md
 * must match the rule files. Regenerate the docs with: npm run docs:rules
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { RESOURCE_TYPES } from "../../src/model/types/index.js";
import { PACKAGE_ROOT, BUILTIN_RULES_DIR } from "../../src/paths.js";
import { CATALOG_BEGIN, CATALOG_END, fsbpCoverageMarkdown, withCatalog, type FsbpControl } from "../../src/rules/catalog.js";
import { loadRules } from "../../src/rules/loader.js";

const DOCS = join(PACKAGE_ROOT, "docs");
const rules = await loadRules([BUILTIN_RULES_DIR]);
const configRules = readFileSync(join(DOCS, "frameworks/aws-config-managed-rules.txt"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"));
const fsbp = (parse(readFileSync(join(DOCS, "frameworks/fsbp-controls.yaml"), "utf8")) as { controls: Record<string, FsbpControl> }).controls;
const cis = (parse(readFileSync(join(DOCS, "frameworks/cis-v3.0.0.yaml"), "utf8")) as { controls: Record<string, string> }).controls;
const UPDATE = process.env.UPDATE_DOCS === "1";
const REGENERATE = "regenerate with: npm run docs:rules";

describe("framework lists", () => {
  it("list AWS Config managed rule identifiers once each, sorted, in AWS's spelling", () => {
    for (const id of configRules) expect(id, id).toMatch(/^[A-Z0-9]+(_[A-Z0-9]+)*$/);
    expect(configRules).toEqual([...new Set(configRules)].sort());
    expect(configRules.length).toBeGreaterThan(50);
  });

  it("list FSBP controls as Service.N with a title", () => {
    for (const [id, c] of Object.entries(fsbp)) {
      expect(id).toMatch(/^[A-Za-z0-9]+\.\d+$/);
      expect(typeof c.title, id).toBe("string");
      expect(c.title.length, id).toBeGreaterThan(10);
      if (c.notApplicable !== undefined) expect(c.notApplicable.length, id).toBeGreaterThan(10);
    }
  });

  it("list CIS v3.0.0 recommendations as dotted numbers with a title", () => {
    for (const [id, title] of Object.entries(cis)) {
      expect(id).toMatch(/^\d+(\.\d+){1,2}$/);
      expect(title.length, id).toBeGreaterThan(10);
    }
    expect(Object.keys(cis)).toContain("2.1.4");
  });
});

describe("rule mappings", () => {
  it("name only listed AWS Config managed rules, FSBP controls and CIS recommendations", () => {
    const unknown: string[] = [];
    for (const r of rules) {
      const c = r.controls;
      if (c.awsConfigRule && !configRules.includes(c.awsConfigRule)) unknown.push(`${r.id}: awsConfigRule ${c.awsConfigRule}`);
      for (const id of c.fsbp ?? []) if (!fsbp[id]) unknown.push(`${r.id}: fsbp ${id}`);
      for (const id of c.cis ?? []) if (!cis[id]) unknown.push(`${r.id}: cis ${id}`);
    }
    expect(unknown).toEqual([]);
  });

  it("never claim a control the FSBP list says does not apply", () => {
    const claimed = rules.flatMap((r) => (r.controls.fsbp ?? []).filter((id) => fsbp[id]?.notApplicable).map((id) => `${r.id}: ${id}`));
    expect(claimed).toEqual([]);
  });

  it("tag every taggable type: the tagging rules list each one", () => {
    const taggable = Object.entries(RESOURCE_TYPES).filter(([, t]) => t.taggable).map(([type]) => type).sort();
    for (const id of ["required-tags", "environment-tag-allowed-values"]) {
      const rule = rules.find((r) => r.id === id)!;
      expect([...rule.resourceTypes].sort(), id).toEqual(taggable);
    }
  });
});

describe("generated docs", () => {
  it("docs/rules.md carries the catalog of the rule files", () => {
    const file = join(DOCS, "rules.md");
    const doc = readFileSync(file, "utf8");
    const want = withCatalog(doc, rules);
    if (UPDATE && want !== doc) writeFileSync(file, want);
    expect(doc.includes(CATALOG_BEGIN) && doc.includes(CATALOG_END), `docs/rules.md has no generated catalog; ${REGENERATE}`).toBe(true);
    expect(doc === want, `docs/rules.md is stale; ${REGENERATE}`).toBe(true);
  });

  it("docs/fsbp-coverage.md matches the rules and the FSBP list", () => {
    const file = join(DOCS, "fsbp-coverage.md");
    const want = fsbpCoverageMarkdown(rules, fsbp);
    let doc = "";
    try {
      doc = readFileSync(file, "utf8");
    } catch {
      // written below when updating
    }
    if (UPDATE && want !== doc) writeFileSync(file, (doc = want));
    expect(doc === want, `docs/fsbp-coverage.md is stale; ${REGENERATE}`).toBe(true);
  });
});
