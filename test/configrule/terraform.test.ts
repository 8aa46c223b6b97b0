/**
 * deploy/terraform/config-rules: parsed with plumbline's own HCL loader and checked against the rules
 * (role actions, runtime, triggers, scopes), then `terraform validate`d offline with the provider mirror.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigRuleDefinition } from "../../src/configrule/definitions.js";
import { isChangeTriggerable } from "../../src/configrule/ruleset.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { LIVE_FACT_ACTIONS } from "../../src/configrule/live-facts.js";
import { loadHclEvidence } from "../../src/sources/terraform/hcl/index.js";
import type { TfInstance } from "../../src/sources/terraform/instance.js";
import { runCli } from "../cli/run-cli.js";
import { ruleSet } from "./helpers.js";

const MODULE = join(PACKAGE_ROOT, "deploy", "terraform", "config-rules");
let work: string;
let defs: ConfigRuleDefinition[];

function root(dir: string, organization: boolean): void {
  // JSON is valid HCL expression syntax: the CLI's output goes in as it is.
  writeFileSync(
    join(dir, "main.tf"),
    `provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

module "rules" {
  source          = "./config-rules"
  lambda_zip_path = "\${path.module}/plumbline-config-rule.zip"
  organization    = ${organization}
  organization_member_account_ids = ["240000000002", "240000000003"]
  member_role_name = "plumbline-member"
  config_rules    = ${JSON.stringify(defs)}
}
`,
  );
}

function instances(list: TfInstance[], type: string): TfInstance[] {
  return list.filter((i) => i.type === type);
}

beforeAll(async () => {
  const out = await runCli(["config-rules", "--format", "json"]);
  expect(out.code).toBe(0);
  defs = JSON.parse(out.stdout).config_rules;
  work = mkdtempSync(join(tmpdir(), "plumbline-tf-config-rules-"));
  for (const org of [false, true]) {
    const dir = join(work, org ? "org" : "account");
    cpSync(MODULE, join(dir, "config-rules"), { recursive: true });
    writeFileSync(join(dir, "plumbline-config-rule.zip"), "zip");
    root(dir, org);
  }
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("config-rules module (plumbline's HCL loader)", () => {
  it("one change-triggered or periodic Config rule per plumbline rule, scoped to its resource types", async () => {
    const ev = await loadHclEvidence(join(work, "account"));
    const rules = instances(ev.instances, "aws_config_config_rule");
    const set = await ruleSet();
    const baseline = set.rules; // the baseline pack selects every rule
    expect(rules).toHaveLength(baseline.length);
    for (const rule of baseline) {
      const i = rules.find((r) => r.address === `module.rules.aws_config_config_rule.this["${rule.id}"]`);
      expect(i, rule.id).toBeDefined();
      const a = i!.attributes as any;
      expect(a.name).toBe(`plumbline-${rule.id}`);
      expect(JSON.parse(a.input_parameters)).toEqual({ rules: rule.id, pack: "baseline" });
      const src = a.source[0];
      expect(src.owner).toBe("CUSTOM_LAMBDA");
      const messages = src.source_detail.map((d: any) => d.message_type);
      if (isChangeTriggerable(rule)) {
        expect(messages, rule.id).toEqual(["ConfigurationItemChangeNotification", "OversizedConfigurationItemChangeNotification"]);
        expect(a.scope[0].compliance_resource_types).toEqual(rule.resourceTypes);
      } else {
        expect(messages, rule.id).toEqual(["ScheduledNotification"]);
        expect(src.source_detail[0].maximum_execution_frequency).toBe("TwentyFour_Hours");
        expect(a.scope ?? []).toEqual([]);
      }
    }
    expect(instances(ev.instances, "aws_config_organization_custom_rule")).toHaveLength(0);
  });

  it("the function runs nodejs22.x from the bundle, and only Config of this account may invoke it", async () => {
    const ev = await loadHclEvidence(join(work, "account"));
    const [fn] = instances(ev.instances, "aws_lambda_function");
    expect(fn.attributes).toMatchObject({ runtime: "nodejs22.x", handler: "index.handler", function_name: "plumbline-config-rule" });
    const perms = instances(ev.instances, "aws_lambda_permission");
    expect(perms).toHaveLength(1);
    expect(perms[0].attributes).toMatchObject({ principal: "config.amazonaws.com", action: "lambda:InvokeFunction" });
    expect(perms[0].attributes.source_account).toBeDefined();
  });

  it("the role is least privilege: the five Config calls, the account facts' reads, its own log group, nothing else", async () => {
    const ev = await loadHclEvidence(join(work, "account"));
    const doc = ev.instances.find((i) => i.mode === "data" && i.type === "aws_iam_policy_document" && i.name === "permissions")!;
    const statements = (doc.attributes as any).statement as any[];
    const actions = statements.flatMap((s) => s.actions).sort();
    expect(actions).toEqual(
      [
        "config:BatchGetResourceConfig",
        "config:GetComplianceDetailsByConfigRule",
        "config:GetResourceConfigHistory",
        "config:ListDiscoveredResources",
        "config:PutEvaluations",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        // Exactly what the live account-fact collectors may call (src/configrule/live-facts.ts).
        ...LIVE_FACT_ACTIONS,
      ].sort(),
    );
    const facts = statements.find((st) => st.sid === "AccountFacts");
    expect([...facts.actions].sort()).toEqual([...LIVE_FACT_ACTIONS]);
    expect(actions.some((a) => a.includes("*"))).toBe(false);
    const [role] = instances(ev.instances, "aws_iam_role");
    expect(JSON.stringify(role.attributes)).not.toMatch(/AdministratorAccess|ReadOnlyAccess/);
  });

  it("organization variant: organization custom rules with the same triggers and scopes, a permission per member account, sts:AssumeRole on the member role only", async () => {
    const ev = await loadHclEvidence(join(work, "org"));
    expect(instances(ev.instances, "aws_config_config_rule")).toHaveLength(0);
    const org = instances(ev.instances, "aws_config_organization_custom_rule");
    expect(org).toHaveLength(defs.length);
    for (const d of defs) {
      const a = org.find((i) => i.address === `module.rules.aws_config_organization_custom_rule.this["${d.name}"]`)!.attributes as any;
      expect(a.trigger_types).toEqual(d.trigger === "change" ? ["ConfigurationItemChangeNotification", "OversizedConfigurationItemChangeNotification"] : ["ScheduledNotification"]);
      if (d.trigger === "change") expect(a.resource_types_scope).toEqual(d.resource_types);
    }
    const perms = instances(ev.instances, "aws_lambda_permission");
    expect(perms.map((p) => p.attributes.source_account).sort()).toEqual(["240000000002", "240000000003"]);
    const doc = ev.instances.find((i) => i.mode === "data" && i.type === "aws_iam_policy_document" && i.name === "permissions")!;
    const assume = ((doc.attributes as any).statement as any[]).find((s) => s.actions.includes("sts:AssumeRole"));
    expect(assume.resources[0]).toMatch(/:iam::\*:role\/plumbline-member$/);
    const [fn] = instances(ev.instances, "aws_lambda_function");
    expect((fn.attributes as any).environment[0].variables).toEqual({ PLUMBLINE_ASSUME_ROLE_NAME: "plumbline-member" });
  });
});

describe("config-rules module (terraform validate, offline)", () => {
  const mirror = process.env.TF_PLUGIN_MIRROR ?? "/opt/tf-plugins";
  it.skipIf(!existsSync(mirror))("validates for account and organization rules", { timeout: 120_000 }, () => {
    const rc = join(work, "terraformrc");
    writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
    for (const dir of ["account", "org"]) {
      const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", TF_DATA_DIR: join(work, dir, ".tfdata") };
      execFileSync("terraform", ["init", "-backend=false", "-no-color"], { cwd: join(work, dir), env, stdio: "pipe" });
      const out = execFileSync("terraform", ["validate", "-no-color", "-json"], { cwd: join(work, dir), env, encoding: "utf8" });
      const v = JSON.parse(out);
      expect(v.diagnostics, dir).toEqual([]);
      expect(v.valid).toBe(true);
    }
  });
});
