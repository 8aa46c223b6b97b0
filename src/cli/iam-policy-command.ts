/** `plumbline iam-policy`: the read-only IAM policy that `audit --aws` needs for a policy pack's enabled rules. */
import type { Command } from "commander";
import { DEFAULT_POLICY, loadRuleSet } from "../audit.js";
import { loadPolicy } from "../policy/loader.js";
import { preparePolicy } from "../policy/select.js";
import { ruleResourceTypes } from "../rules/reads.js";
import { COLLECTORS } from "../sources/aws/collectors/index.js";
import { iamPolicyFor, renderIamPolicy, type IamPolicyDocument } from "../sources/aws/iam-policy.js";
import type { CliIO } from "./main.js";

/**
 * The policy document for a pack (the built-in baseline when absent) and extra rule directories; with
 * `drift`, for `plumbline drift` (every collector, whatever the pack, and cloudtrail:LookupEvents).
 */
export async function iamPolicyForPack(policyFile?: string, rulesDirs: readonly string[] = [], opts: { drift?: boolean } = {}): Promise<IamPolicyDocument> {
  const [pack, rules] = await Promise.all([loadPolicy(policyFile ?? DEFAULT_POLICY), loadRuleSet(rulesDirs)]);
  return iamPolicyFor(COLLECTORS, ruleResourceTypes(preparePolicy(pack, rules).rules), opts);
}

export function registerIamPolicyCommand(program: Command, io: CliIO): void {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  program
    .command("iam-policy")
    .description("print the read-only IAM policy `audit --aws` needs for the policy's enabled rules (JSON)")
    .option("--policy <file>", "policy pack (default: the built-in baseline)")
    .option("--rules <dir>", "extra directory of rule files (repeatable)", collect)
    .option("--drift", "the policy `plumbline drift` needs: every collector's read actions (it lists every type) and cloudtrail:LookupEvents for attribution")
    .action(async (flags: { policy?: string; rules?: string[]; drift?: boolean }) => {
      io.stdout(renderIamPolicy(await iamPolicyForPack(flags.policy, flags.rules ?? [], { drift: Boolean(flags.drift) })));
      io.exitCode = 0;
    });
}
