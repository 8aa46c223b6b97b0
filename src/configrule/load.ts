/** The rule set from the rule and policy directories (tests, the CLI, and the Lambda build, which embeds it). */
import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { loadPolicy } from "../policy/loader.js";
import { loadRules } from "../rules/loader.js";
import type { Policy } from "../policy/types.js";
import type { RuleSet } from "./ruleset.js";

export async function loadRuleSetFrom(rulesDirs: readonly string[], policiesDir: string): Promise<RuleSet> {
  const rules = await loadRules(rulesDirs);
  const packs: Record<string, Policy> = {};
  const files = (await readdir(policiesDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const f of files) packs[basename(f).replace(/\.ya?ml$/, "")] = await loadPolicy(join(policiesDir, f));
  return { rules, packs };
}
