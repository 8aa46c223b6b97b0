import type { Command } from "commander";
import { loadRuleSet } from "../audit.js";
import { InputError } from "../errors.js";
import type { Rule } from "../rules/types.js";
import { severityRank } from "../rules/verdict.js";
import type { CliIO } from "./main.js";

function controlsLine(rule: Rule): string {
  const c = rule.controls;
  const parts: string[] = [];
  if (c.awsConfigRule) parts.push(`AWS Config ${c.awsConfigRule}`);
  if (c.fsbp?.length) parts.push(`FSBP ${c.fsbp.join(", ")}`);
  if (c.cis?.length) parts.push(`CIS ${c.cis.join(", ")}`);
  return parts.join("; ");
}

export function registerRulesCommands(program: Command, io: CliIO): void {
  const rules = program.command("rules").description("list and show the rules plumbline knows");
  const collect = (v: string, prev: string[] = []) => [...prev, v];

  rules
    .command("list")
    .description("list rules: id, severity, area, resource types")
    .option("--rules <dir>", "extra directory of rule files (repeatable)", collect)
    .option("--area <area>", "only this area")
    .option("--json", "print JSON")
    .action(async (flags: { rules?: string[]; area?: string; json?: boolean }) => {
      let list = await loadRuleSet(flags.rules ?? []);
      if (flags.area) list = list.filter((r) => r.area === flags.area);
      list.sort((a, b) => a.area.localeCompare(b.area) || severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
      if (flags.json) {
        io.stdout(JSON.stringify(list.map(({ id, title, severity, area, scope, resourceTypes, controls }) => ({ id, title, severity, area, scope, resourceTypes, controls })), null, 2) + "\n");
        return;
      }
      const w = Math.max(...list.map((r) => r.id.length), 2);
      for (const r of list) {
        const types = r.scope === "resource" ? r.resourceTypes.join(", ") : `${r.scope} scope`;
        io.stdout(`${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.area.padEnd(10)}  ${types}\n`);
      }
      io.stdout(`${list.length} rule(s)\n`);
    });

  rules
    .command("show <id>")
    .description("show one rule: what it checks, why, how to fix, framework mappings")
    .option("--rules <dir>", "extra directory of rule files (repeatable)", collect)
    .option("--json", "print the rule as JSON")
    .action(async (id: string, flags: { rules?: string[]; json?: boolean }) => {
      const all = await loadRuleSet(flags.rules ?? []);
      const rule = all.find((r) => r.id === id);
      if (!rule) {
        const near = all.filter((r) => r.id.includes(id) || id.includes(r.id)).map((r) => r.id);
        throw new InputError(`no rule '${id}'${near.length ? ` (did you mean ${near.slice(0, 5).join(", ")}?)` : ""}; see plumbline rules list`);
      }
      if (flags.json) {
        io.stdout(JSON.stringify(rule, null, 2) + "\n");
        return;
      }
      const lines = [
        `${rule.id}: ${rule.title}`,
        `severity ${rule.severity} · area ${rule.area} · ${rule.scope === "resource" ? rule.resourceTypes.join(", ") : `${rule.scope} scope`}`,
      ];
      if (rule.description) lines.push("", rule.description.trim());
      const params = Object.entries(rule.params);
      if (params.length) {
        lines.push("", "parameters:");
        for (const [name, p] of params) lines.push(`  ${name} (${p.type}${p.default !== undefined ? `, default ${JSON.stringify(p.default)}` : ", required"})${p.description ? `: ${p.description}` : ""}`);
      }
      lines.push("", `remediation: ${rule.remediation.trim()}`);
      const c = controlsLine(rule);
      if (c) lines.push(`controls: ${c}`);
      for (const ref of rule.references) lines.push(`see ${ref}`);
      if (rule.file) lines.push(`defined in ${rule.file}${rule.line ? `:${rule.line}` : ""}`);
      io.stdout(lines.join("\n") + "\n");
    });
}
