/** `plumbline config-rules`: the AWS Config rule definitions for a policy (see src/configrule/definitions.ts). */
import type { Command } from "commander";
import { basename, dirname, resolve } from "node:path";
import { DEFAULT_POLICY, loadRuleSet } from "../audit.js";
import { configRuleDefinitions, type ConfigRuleDefinition } from "../configrule/definitions.js";
import { InputError } from "../errors.js";
import { BUILTIN_POLICIES_DIR } from "../paths.js";
import { loadPolicy } from "../policy/loader.js";
import { preparePolicy } from "../policy/select.js";
import type { CliIO } from "./main.js";

function pad(s: string, n: number): string {
  return s.length >= n ? s + " " : s + " ".repeat(n - s.length);
}

export function renderDefinitionsText(policyName: string, defs: readonly ConfigRuleDefinition[]): string {
  const change = defs.filter((d) => d.trigger === "change").length;
  const managed = defs.filter((d) => d.managed_rules.length).length;
  const lines = [`plumbline config-rules · policy ${policyName} · ${defs.length} Config rule(s): ${change} change-triggered, ${defs.length - change} periodic`, ""];
  const w = Math.max(4, ...defs.map((d) => d.name.length)) + 2;
  lines.push(`${pad("NAME", w)}${pad("TRIGGER", 10)}${pad("SCOPE", 36)}AWS MANAGED RULE`);
  for (const d of defs) {
    const scope = d.trigger === "change" ? d.resource_types.join(", ") : `every 24h${d.note ? ` (${d.note.split(":")[0]})` : ""}`;
    lines.push(`${pad(d.name, w)}${pad(d.trigger, 10)}${pad(scope, 36)}${d.managed_rules.length ? `* ${d.managed_rules.join(", ")}` : "-"}`);
  }
  lines.push("");
  lines.push(`${managed} rule(s) marked * have an AWS managed Config rule for the same control: where its checks are enough, the managed rule needs no Lambda.`);
  lines.push("Deploy: plumbline config-rules --format json > rules.tfvars.json, then deploy/terraform/config-rules (README there).");
  return lines.join("\n") + "\n";
}

export function registerConfigRulesCommand(program: Command, io: CliIO): void {
  program
    .command("config-rules")
    .description("list the AWS Config custom rules for a policy: name, trigger, scope types, parameters, and AWS managed equivalents")
    .option("--policy <file>", "policy pack (default: the built-in baseline)")
    .option("--format <format>", "text or json (json: the config_rules variable of deploy/terraform/config-rules)", "text")
    .option("--rules <dir>", "extra directory of rule files (repeatable; embed them with npm run build:lambda -- --rules DIR)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--embedded", "the policy is embedded in the Lambda (npm run build:lambda -- --policy FILE): name it as pack FILE (its waivers and severities apply)")
    .action(async (flags: { policy?: string; format: string; rules?: string[]; embedded?: boolean }) => {
      if (!["text", "json"].includes(flags.format)) throw new InputError(`--format: unknown format '${flags.format}' (expected text or json)`);
      const file = flags.policy ?? DEFAULT_POLICY;
      const [policy, rules] = await Promise.all([loadPolicy(file), loadRuleSet(flags.rules ?? [])]);
      const prepared = preparePolicy(policy, rules);
      // A built-in pack, or a policy built into the bundle, is embedded in the Lambda: it travels by name
      // (its file name), waivers and severities included.
      const embedded = flags.embedded === true || resolve(dirname(file)) === resolve(BUILTIN_POLICIES_DIR);
      const builtin = embedded ? basename(file).replace(/\.ya?ml$/, "") : undefined;
      const defs = configRuleDefinitions(prepared.rules, prepared.params, builtin);
      if (flags.format === "json") io.stdout(JSON.stringify({ policy: policy.name, config_rules: defs }, null, 2) + "\n");
      else io.stdout(renderDefinitionsText(policy.name, defs));
    });
}
