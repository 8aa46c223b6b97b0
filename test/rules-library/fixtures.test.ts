/**
 * Every rule in rules/ is proven on real Terraform: test/fixtures/rules/<rule-id>/<case>/ holds .tf files
 * and an expected.yaml, and each rule needs at least one case with a PASS and one with a FAIL.
 *
 * expected.yaml:
 *   params: { minRetentionDays: 7 }        # optional, as a policy would set them
 *   vars: { env: prod }                    # optional, as --var would
 *   results:
 *     aws_db_instance.good: PASS           # Terraform address → verdict
 *     aws_db_instance.bad: FAIL
 *     account: FAIL                        # the AWS::::Account result of an account/region-scoped rule
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_TYPE } from "../../src/model/resource.js";
import { BUILTIN_RULES_DIR, PACKAGE_ROOT } from "../../src/paths.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { loadRules } from "../../src/rules/loader.js";
import type { Rule } from "../../src/rules/types.js";
import type { Verdict } from "../../src/rules/verdict.js";
import { tfToResources } from "../../src/sources/terraform/aws/index.js";
import { loadHclEvidence } from "../../src/sources/terraform/hcl/index.js";

const FIXTURES = join(PACKAGE_ROOT, "test/fixtures/rules");

interface Expected {
  params?: Record<string, unknown>;
  vars?: Record<string, string>;
  results: Record<string, Verdict>;
}

function cases(ruleId: string): { name: string; dir: string; expected: Expected }[] {
  const root = join(FIXTURES, ruleId);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => statSync(join(root, d)).isDirectory())
    .map((d) => ({
      name: d,
      dir: join(root, d),
      expected: parse(readFileSync(join(root, d, "expected.yaml"), "utf8")) as Expected,
    }));
}

const rules: Rule[] = await loadRules([BUILTIN_RULES_DIR]);

describe("rule library", () => {
  it("has at least 25 rules", () => {
    expect(rules.length).toBeGreaterThanOrEqual(25);
  });

  it("has a passing and a failing fixture for every rule", () => {
    const missing: string[] = [];
    for (const rule of rules) {
      const verdicts = cases(rule.id).flatMap((c) => Object.values(c.expected.results ?? {}));
      if (!verdicts.includes("PASS")) missing.push(`${rule.id}: no PASS fixture`);
      if (!verdicts.includes("FAIL")) missing.push(`${rule.id}: no FAIL fixture`);
    }
    expect(missing).toEqual([]);
  });
});

for (const rule of rules) {
  describe(`rule ${rule.id}`, () => {
    for (const c of cases(rule.id)) {
      let actual: Map<string, { verdict: Verdict; reason: string }>;
      beforeAll(async () => {
        const evidence = await loadHclEvidence(c.dir, { vars: c.expected.vars });
        const { resources } = tfToResources(evidence);
        const results = evaluate([rule], resources, { params: () => c.expected.params });
        actual = new Map();
        for (const r of results) {
          const key = r.resource.type === ACCOUNT_TYPE ? "account" : (r.resource.origin.address ?? r.resource.id);
          actual.set(key, { verdict: r.verdict, reason: r.reason });
        }
      });
      for (const [address, verdict] of Object.entries(c.expected.results ?? {})) {
        it(`${c.name}: ${address} is ${verdict}`, () => {
          const got = actual.get(address);
          expect(got, `no result for ${address}; results: ${[...actual.keys()].join(", ")}`).toBeDefined();
          expect(`${got!.verdict}: ${got!.reason}`).toMatch(new RegExp(`^${verdict}: `));
          expect(got!.reason.length).toBeGreaterThan(0);
        });
      }
    }
  });
}
