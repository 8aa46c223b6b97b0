import type { Command } from "commander";
import { loadRuleSet } from "../audit.js";
import { InputError } from "../errors.js";
import type { Rule } from "../rules/types.js";
import { catalogJson, catalogMarkdown, catalogText, FRAMEWORKS, selectCatalog, type FrameworkName } from "../rules/catalog.js";
import { AREAS, SEVERITIES, type Area, type Severity } from "../rules/verdict.js";
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
    .description("list rules: id, severity, area, what they judge, framework mappings")
    .option("--rules <dir>", "extra directory of rule files (repeatable)", collect)
    .option("--area <area>", `only this area (${AREAS.join(", ")})`)
    .option("--severity <level>", `only rules at or above this severity (${SEVERITIES.join(", ")})`)
    .option("--framework <name>", `only rules mapped to this framework (${Object.keys(FRAMEWORKS).join(", ")})`)
    .option("--format <format>", "text, md or json", "text")
    .option("--json", "print JSON (same as --format json)")
    .action(async (flags: { rules?: string[]; area?: string; severity?: string; framework?: string; format: string; json?: boolean }) => {
      const format = flags.json ? "json" : flags.format;
      if (!["text", "md", "json"].includes(format)) throw new InputError(`--format: unknown format '${format}' (expected text, md or json)`);
      if (flags.area !== undefined && !(AREAS as readonly string[]).includes(flags.area)) {
        throw new InputError(`--area: unknown area '${flags.area}' (expected one of ${AREAS.join(", ")})`);
      }
      if (flags.severity !== undefined && !(SEVERITIES as readonly string[]).includes(flags.severity)) {
        throw new InputError(`--severity: unknown severity '${flags.severity}' (expected one of ${SEVERITIES.join(", ")})`);
      }
      if (flags.framework !== undefined && !Object.hasOwn(FRAMEWORKS, flags.framework)) {
        throw new InputError(`--framework: unknown framework '${flags.framework}' (expected one of ${Object.keys(FRAMEWORKS).join(", ")})`);
      }
      const list = selectCatalog(await loadRuleSet(flags.rules ?? []), {
        area: flags.area as Area | undefined,
        severity: flags.severity as Severity | undefined,
        framework: flags.framework as FrameworkName | undefined,
      });
      io.stdout(format === "json" ? catalogJson(list) : format === "md" ? catalogMarkdown(list) : catalogText(list));
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
