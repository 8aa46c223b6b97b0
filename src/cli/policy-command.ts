import type { Command } from "commander";
import { loadRuleSet } from "../audit.js";
import { expiryTime, loadPolicy } from "../policy/loader.js";
import { preparePolicy } from "../policy/select.js";
import type { CliIO } from "./main.js";

export function registerPolicyCommands(program: Command, io: CliIO): void {
  const policy = program.command("policy").description("work with policy packs");
  const collect = (v: string, prev: string[] = []) => [...prev, v];

  policy
    .command("validate <file>")
    .description("check a policy pack: schema, rule ids, parameter types, waivers (exit 2 with file:line if wrong)")
    .option("--rules <dir>", "extra directory of rule files (repeatable)", collect)
    .option("--now <iso-date>", "judge waiver expiry as of this time")
    .action(async (file: string, flags: { rules?: string[]; now?: string }) => {
      const [pack, rules] = await Promise.all([loadPolicy(file), loadRuleSet(flags.rules ?? [])]);
      const prepared = preparePolicy(pack, rules);
      const now = flags.now ? new Date(flags.now) : new Date();
      const expired = pack.waivers.filter((w) => expiryTime(w.expires) <= now.getTime());
      io.stdout(`${file}: policy '${pack.name}' is valid: ${prepared.rules.length} rule(s), ${pack.waivers.length} waiver(s)\n`);
      for (const w of expired) io.stdout(`  warning: waiver for ${w.rule} on ${w.resource} (owner ${w.owner}) expired ${w.expires}\n`);
    });
}
