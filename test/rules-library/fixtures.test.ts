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
 * overrides): the .tf files (HCL), plan.json (`terraform show -json` of a plan), terraform.tfstate and
 * resources.json (canonical records as the live collectors produce them). For the cases listed in
 * evidence-forms.txt, scripts/regenerate-rule-fixtures.sh makes the last three for real: Terraform
 * applies the HCL against moto and plumbline's live collection reads the account back. Hand-written
 * resources.json (no state next to it) carries facts Terraform cannot express (root keys).
 *
 * Addresses: a live record knows no Terraform address; it is keyed by the address of the state record it
 * is the same resource as (src/model/identity.ts, as drift matches them), else by its id. `account`
 * means the case's one account in every form: it matches `account:<id>` when the evidence knows its one
 * account (state with ARNs, live). Only committed files are read here: no Terraform, no moto.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { matchResources } from "../../src/model/identity.js";
import { ACCOUNT_TYPE, type Resource } from "../../src/model/resource.js";
import { Unknown } from "../../src/model/values.js";
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

/** A form's records, and the Terraform address of those that have none of their own (live records). */
interface Loaded {
  resources: Resource[];
  addresses?: Map<Resource, string>;
}

const GENERATED = ["plan.json", "terraform.tfstate", "resources.json"];

/** The evidence forms a case directory holds, each with its loader. */
function formsOf(dir: string, expected: Expected): { form: Form; load: () => Promise<Loaded> }[] {
  const tf = (load: () => Promise<TfEvidence>) => async () => ({ resources: tfToResources(await load()).resources });
  const out: { form: Form; load: () => Promise<Loaded> }[] = [];
  const state = join(dir, "terraform.tfstate");
  if (readdirSync(dir).some((f) => f.endsWith(".tf"))) out.push({ form: "hcl", load: tf(() => loadHclEvidence(dir, { vars: expected.vars })) });
  if (existsSync(join(dir, "plan.json"))) out.push({ form: "plan", load: tf(() => loadPlanEvidence(join(dir, "plan.json"))) });
  if (existsSync(state)) out.push({ form: "state", load: tf(() => loadStateEvidence(state)) });
  if (existsSync(join(dir, "resources.json"))) {
    out.push({
      form: "aws",
      load: async () => {
        const resources = JSON.parse(readFileSync(join(dir, "resources.json"), "utf8"), revive) as Resource[];
        if (!existsSync(state)) return { resources };
        // The applied account read back live: each record answers for the state record it matches.
        const stateResources = tfToResources(await loadStateEvidence(state)).resources;
        const addresses = new Map<Resource, string>();
        for (const m of matchResources(resources, stateResources).matched) {
          if (m.b.origin.address) addresses.set(m.a, m.b.origin.address);
        }
        return { resources, addresses };
      },
    });
  }
  return out;
}

/** resources.json holds a value the collector could not read as `{"$unknown": reason}` (scripts/rule-fixture-live.ts). */
function revive(_key: string, v: unknown): unknown {
  if (v && typeof v === "object" && !Array.isArray(v) && typeof (v as { $unknown?: unknown }).$unknown === "string") {
    const u = v as { $unknown: string; expression?: string };
    return new Unknown(u.$unknown, u.expression);
  }
  return v;
}

/** The listed cases (evidence-forms.txt: `<rule>/<case> [var=value ...]`). */
function listedCases(): string[] {
  return readFileSync(join(FIXTURES, "evidence-forms.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split(/\s+/)[0]);
}

/**
 * What the generated forms were made from: every file of the case but expected.yaml and the forms
 * themselves (the .tf files, local modules), path and content, and the list line's variables. The
 * regenerate script records it in evidence-forms.sha256 (the same recipe, in Python).
 */
function inputsDigest(dir: string, listLine: string): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (d !== dir || (f !== "expected.yaml" && !GENERATED.includes(f))) files.push(relative(dir, p).split(sep).join("/"));
    }
  };
  walk(dir);
  const h = createHash("sha256");
  for (const f of files.sort()) h.update(`${f}\0`).update(readFileSync(join(dir, f))).update("\0");
  h.update(listLine.split(/\s+/).slice(1).join(" "));
  return h.digest("hex");
}

/** String values Terraform marks sensitive in a state file (`sensitive_attributes` paths), to prove none reaches a record. */
function sensitiveValues(stateFile: string): string[] {
  const doc = JSON.parse(readFileSync(stateFile, "utf8")) as {
    resources?: { instances?: { attributes?: Record<string, unknown>; sensitive_attributes?: { type: string; value: unknown }[][] }[] }[];
  };
  const out: string[] = [];
  for (const r of doc.resources ?? []) {
    for (const inst of r.instances ?? []) {
      for (const path of inst.sensitive_attributes ?? []) {
        let v: unknown = inst.attributes;
        for (const step of path) v = v && typeof v === "object" ? (v as Record<string, unknown>)[String(step.value)] : undefined;
        const leaves = (x: unknown): string[] =>
          typeof x === "string" ? [x] : x && typeof x === "object" ? Object.values(x).flatMap(leaves) : [];
        out.push(...leaves(v).filter((s) => s.length >= 4));
      }
    }
  }
  return [...new Set(out)];
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

describe("generated evidence forms (evidence-forms.txt)", () => {
  const listed = listedCases();
  const digests = new Map(
    readFileSync(join(FIXTURES, "evidence-forms.sha256"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(66), l.slice(0, 64)] as const),
  );
  const lines = new Map(
    readFileSync(join(FIXTURES, "evidence-forms.txt"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => [l.split(/\s+/)[0], l] as const),
  );

  it("lists each case once, and every listed case exists", () => {
    expect(listed.length).toBe(new Set(listed).size);
    expect(listed.filter((c) => !existsSync(join(FIXTURES, c, "expected.yaml")))).toEqual([]);
  });

  it("every listed case has its plan and state, and only listed cases have them", () => {
    const missing = listed.flatMap((c) => ["plan.json", "terraform.tfstate"].filter((f) => !existsSync(join(FIXTURES, c, f))).map((f) => `${c}/${f}`));
    expect(missing).toEqual([]);
    const unlisted: string[] = [];
    for (const ruleId of readdirSync(FIXTURES).filter((d) => statSync(join(FIXTURES, d)).isDirectory())) {
      for (const c of cases(ruleId)) {
        const has = ["plan.json", "terraform.tfstate"].filter((f) => existsSync(join(c.dir, f)));
        if (has.length && !listed.includes(`${ruleId}/${c.name}`)) unlisted.push(`${ruleId}/${c.name}: ${has.join(", ")}`);
      }
    }
    expect(unlisted).toEqual([]);
  });

  it("were generated from the HCL the case holds now (else run scripts/regenerate-rule-fixtures.sh <case>)", () => {
    const stale = listed.filter((c) => digests.get(c) !== inputsDigest(join(FIXTURES, c), lines.get(c) ?? c));
    expect(stale).toEqual([]);
  });

  it("carry no value Terraform marks sensitive into any form's records", async () => {
    const leaks: string[] = [];
    for (const c of listed) {
      const dir = join(FIXTURES, c);
      if (!existsSync(join(dir, "terraform.tfstate"))) continue; // reported above
      const secrets = sensitiveValues(join(dir, "terraform.tfstate"));
      if (!secrets.length) continue;
      const expected = parse(readFileSync(join(dir, "expected.yaml"), "utf8")) as Expected;
      for (const { form, load } of formsOf(dir, expected)) {
        const text = JSON.stringify((await load()).resources);
        for (const s of secrets) if (text.includes(s)) leaks.push(`${c} (${form}): ${s.slice(0, 3)}…`);
      }
    }
    expect(leaks).toEqual([]);
  });
});

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
          const { resources, addresses } = await load();
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
                : (r.resource.origin.address ?? addresses?.get(r.resource) ?? r.resource.id);
            actual.set(key, { verdict: r.verdict, reason: r.reason });
          }
          // `account`: the case's one account, in evidence that knows it.
          const accounts = [...actual.keys()].filter((k) => k.startsWith("account:"));
          if (!actual.has("account") && accounts.length === 1) actual.set("account", actual.get(accounts[0])!);
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
