/**
 * The rule set from the rule and policy directories (tests, the CLI, and the Lambda build, which embeds
 * it), plus policy files of the user's own (`npm run build:lambda -- --policy FILE [--rules DIR]`).
 */
import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { loadPolicy } from "../policy/loader.js";
import { preparePolicy } from "../policy/select.js";
import { loadRules } from "../rules/loader.js";
import type { Policy } from "../policy/types.js";
import type { RuleSet } from "./ruleset.js";

/** The name a pack is chosen by in ruleParameters (`pack`): its file name without .yaml. */
export function packName(file: string): string {
  return basename(file).replace(/\.ya?ml$/, "");
}

export interface LoadedRuleSet extends RuleSet {
  /** Built-in packs a user policy of the same name replaced. */
  replaced: string[];
}

/**
 * Every rule of `rulesDirs`, the packs of `policiesDir`, and each of `policyFiles` as a pack of its own
 * (with its bases, waivers and parameters). A user policy is checked against the rules now, as `audit`
 * would check it: an unknown rule id, parameter or value is an InputError naming file:line, so a bad
 * policy stops the build instead of reaching the Lambda.
 */
export async function loadRuleSetFrom(rulesDirs: readonly string[], policiesDir: string, policyFiles: readonly string[] = []): Promise<LoadedRuleSet> {
  const rules = await loadRules(rulesDirs);
  const packs: Record<string, Policy> = {};
  const files = (await readdir(policiesDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const f of files) packs[packName(f)] = await loadPolicy(join(policiesDir, f));
  const replaced: string[] = [];
  for (const file of policyFiles) {
    const policy = await loadPolicy(file);
    // Checks every rule id, parameter and value the policy names against the rules (file:line errors).
    preparePolicy(policy, rules);
    const name = packName(file);
    if (packs[name] && !replaced.includes(name)) replaced.push(name);
    packs[name] = policy;
  }
  return { rules, packs, replaced };
}
