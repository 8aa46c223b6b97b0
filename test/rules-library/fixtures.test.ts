/**
 * Every rule in rules/ is proven on real Terraform: test/fixtures/rules/<rule-id>/<case>/ holds .tf files
 * and an expected.yaml, and each rule needs at least one case with a PASS and one with a FAIL.
 *
 * expected.yaml:
 *   params: { minRetentionDays: 7 }        # optional, as a policy would set them
 *   vars: { env: prod }                    # optional, as --var would
 *   now: 2031-01-01T00:00:00Z              # optional clock for date operators (within-days)
 *   results:
 *     aws_db_instance.good: PASS           # Terraform address → verdict
 *     aws_db_instance.bad: FAIL
 *     account: FAIL                        # the AWS::::Account result of an account/region-scoped rule
 *     account:260000000010: PASS           # ... in evidence that knows the account (state, live)
 *   forms:                                 # optional: per evidence form (hcl, plan, state, aws), verdicts that differ from `results`
 *     state: { aws_iam_user.old: FAIL }    # (say why in a comment: e.g. a date only state knows)
 *
 * Every evidence form present in the case directory must give the `results` verdicts (with the form's
 * overrides): the .tf files (HCL), plan.json (`terraform show -json` of a plan) and terraform.tfstate,
 * the last two generated for real by scripts/regenerate-rule-fixtures.sh, and resources.json (canonical
 * records as the live collectors produce them, for facts Terraform cannot express). expected.yaml is the hook for
 * the live-API and AWS Config item fixtures of the other sources: same addresses, same verdicts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_TYPE, type Resource } from "../../src/model/resource.js";
import { RESOURCE_TYPES, validateProps } from "../../src/model/types/index.js";
import { BUILTIN_RULES_DIR, PACKAGE_ROOT } from "../../src/paths.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { loadRules } from "../../src/rules/loader.js";
import type { Rule } from "../../src/rules/types.js";
import type { Verdict } from "../../src/rules/verdict.js";
import { tfToResources } from "../../src/sources/terraform/aws/index.js";
import { loadHclEvidence } from "../../src/sources/terraform/hcl/index.js";
import type { TfEvidence } from "../../src/sources/terraform/instance.js";
import { loadPlanEvidence } from "../../src/sources/terraform/plan.js";
import { loadStateEvidence } from "../../src/sources/terraform/state.js";

const FIXTURES = join(PACKAGE_ROOT, "test/fixtures/rules");

type Form = "hcl" | "plan" | "state" | "aws";

interface Expected {
  params?: Record<string, unknown>;
  vars?: Record<string, string>;
  now?: string | Date;
  results: Record<string, Verdict>;
  forms?: Partial<Record<Form, Record<string, Verdict>>>;
}

/** The evidence forms a case directory holds, each with its loader. */
function formsOf(dir: string, expected: Expected): { form: Form; load: () => Promise<Resource[]> }[] {
  const tf = (load: () => Promise<TfEvidence>) => async () => tfToResources(await load()).resources;
  const out: { form: Form; load: () => Promise<Resource[]> }[] = [];
  if (readdirSync(dir).some((f) => f.endsWith(".tf"))) out.push({ form: "hcl", load: tf(() => loadHclEvidence(dir, { vars: expected.vars })) });
  if (existsSync(join(dir, "plan.json"))) out.push({ form: "plan", load: tf(() => loadPlanEvidence(join(dir, "plan.json"))) });
  if (existsSync(join(dir, "terraform.tfstate"))) out.push({ form: "state", load: tf(() => loadStateEvidence(join(dir, "terraform.tfstate"))) });
  // Canonical records as a live collector hands them on, for facts Terraform cannot hold (root keys).
  if (existsSync(join(dir, "resources.json"))) {
    out.push({ form: "aws", load: async () => JSON.parse(readFileSync(join(dir, "resources.json"), "utf8")) as Resource[] });
  }
  return out;
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
  it("has at least 100 rules", () => {
    expect(rules.length).toBeGreaterThanOrEqual(100);
  });

  it("has a passing and a failing fixture for every rule", () => {
    const missing: string[] = [];
    for (const rule of rules) {
      const verdicts = cases(rule.id).flatMap((c) => [
        ...Object.values(c.expected.results ?? {}),
        ...Object.values(c.expected.forms ?? {}).flatMap((f) => Object.values(f ?? {})),
      ]);
      if (!verdicts.includes("PASS")) missing.push(`${rule.id}: no PASS fixture`);
      if (!verdicts.includes("FAIL")) missing.push(`${rule.id}: no FAIL fixture`);
    }
    expect(missing).toEqual([]);
  });
});

for (const rule of rules) {
  describe(`rule ${rule.id}`, () => {
    for (const c of cases(rule.id)) {
      for (const { form, load } of formsOf(c.dir, c.expected)) {
        let actual: Map<string, { verdict: Verdict; reason: string }>;
        let schemaErrors: string[] = [];
        beforeAll(async () => {
          const resources = await load();
          // Every mapped record must match its type's props schema, whatever form it came from.
          schemaErrors = resources
            .filter((r) => RESOURCE_TYPES[r.type])
            .flatMap((r) => validateProps(r.type, r.props).errors.map((e) => `${r.origin.address ?? r.id}: ${e}`));
          const now = c.expected.now === undefined ? undefined : new Date(c.expected.now);
          const results = evaluate([rule], resources, { params: () => c.expected.params, now });
          actual = new Map();
          for (const r of results) {
            // Account results: "account" for evidence that does not know its account (HCL), else "account:<id>".
            const key =
              r.resource.type === ACCOUNT_TYPE
                ? r.resource.account ? `account:${r.resource.account}` : "account"
                : (r.resource.origin.address ?? r.resource.id);
            actual.set(key, { verdict: r.verdict, reason: r.reason });
          }
        });
        it(`${c.name} (${form}): props match their type's schema`, () => {
          expect(schemaErrors).toEqual([]);
        });
        const want = { ...c.expected.results, ...(c.expected.forms?.[form] ?? {}) };
        for (const [address, verdict] of Object.entries(want)) {
          it(`${c.name} (${form}): ${address} is ${verdict}`, () => {
            const got = actual.get(address);
            expect(got, `no result for ${address}; results: ${[...actual.keys()].join(", ")}`).toBeDefined();
            expect(`${got!.verdict}: ${got!.reason}`).toMatch(new RegExp(`^${verdict}: `));
            expect(got!.reason.length).toBeGreaterThan(0);
          });
        }
      }
    }
  });
}
