import { Command, InvalidArgumentError, Option } from "commander";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runAudit, type AuditOptions } from "../audit.js";
import { InputError } from "../errors.js";
import { decideGate } from "../gate.js";
import type { AuditReport } from "../report/model.js";
import { FORMAT_NAMES, RENDERERS } from "../report/renderers.js";
import { renderText } from "../report/render/text.js";
import { SEVERITIES, type Severity } from "../rules/verdict.js";
import type { CliIO } from "./main.js";
import { addAwsOptions, liveOptions, type AwsFlags } from "./aws-options.js";
import { addConfigOptions, configOptions, type ConfigFlags } from "./config-options.js";
import { addReadinessOptions, addReportOptions, afterAudit, asffOptions, checkReportFlags, publish, readBaseline, writeReadiness, type ReadinessFlags, type ReportFlags } from "./report-options.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

interface EvidenceFlags extends AwsFlags, ReportFlags, ConfigFlags {
  hcl?: string[];
  plan?: string[];
  state?: string[];
  varFile?: string[];
  var?: string[];
  workspace?: string;
  policy?: string;
  rules?: string[];
  format?: string;
  out?: string;
  now?: string;
  quiet?: boolean;
  waiverWarningDays?: number;
}

interface GateFlags extends EvidenceFlags, ReadinessFlags {
  failOn: string;
  allowUnknown?: boolean;
  softFail?: boolean;
}

function addEvidenceOptions(cmd: Command): Command {
  return addConfigOptions(addAwsOptions(cmd
    .option("--hcl <dir>", "Terraform root directory to audit (repeatable)", collect)
    .option("--plan <file>", "plan JSON from `terraform show -json PLANFILE` (repeatable)", collect)
    .option("--state <file|s3://bucket/key>", "Terraform state v4, local or in the S3 backend (repeatable)", collect)
    .option("--var-file <file>", "tfvars file for --hcl (repeatable, in order)", collect)
    .option("--var <name=value>", "input variable for --hcl (repeatable)", collect)
    .option("--workspace <name>", "Terraform workspace (terraform.workspace in HCL; env:/NAME/ in the S3 backend)")
    .option("--policy <file>", "policy pack (default: the built-in baseline)")
    .option("--rules <dir>", "extra directory of rule files (repeatable)", collect)
    .option("--format <list>", `comma-separated output formats: ${FORMAT_NAMES.join(", ")}`)
    .option("--out <dir>", "write DIR/report.<ext> for each format instead of printing")
    .addOption(new Option("--now <iso-date>", "evaluate waiver expiry as of this time (reproducible runs)").hideHelp())
    .addOption(new Option("--waiver-warning-days <n>", "HTML report: flag waivers expiring within N days (default 30)").argParser(parseDays))
    .option("-q, --quiet", "print nothing but errors when writing to --out (and no --aws progress)")));
}

function parseDays(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError("expected a whole number of days");
  return n;
}

function parseVars(list: string[] = []): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [i, item] of list.entries()) {
    const eq = item.indexOf("=");
    // Never quote the argument: without "=" it may be the secret value alone.
    if (eq <= 0) throw new InputError(`--var (occurrence ${i + 1}): expected NAME=VALUE`);
    vars[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return vars;
}

function parseFormats(format: string | undefined): string[] | undefined {
  if (format === undefined) return undefined;
  const names = format.split(",").map((f) => f.trim()).filter(Boolean);
  const bad = names.filter((n) => !RENDERERS[n]);
  if (bad.length || names.length === 0) {
    throw new InputError(`--format: unknown format ${bad.map((b) => `'${b}'`).join(", ") || "(empty)"} (expected one of ${FORMAT_NAMES.join(", ")})`);
  }
  return names;
}

function toAuditOptions(flags: EvidenceFlags): AuditOptions {
  const hcl = flags.hcl ?? [];
  const plans = flags.plan ?? [];
  const states = flags.state ?? [];
  if (hcl.length + plans.length + states.length === 0 && !flags.aws && !flags.config) {
    throw new InputError("no evidence given: use --hcl DIR, --plan FILE, --state FILE|s3://BUCKET/KEY, --aws or --config");
  }
  let now: Date | undefined;
  if (flags.now) {
    now = new Date(flags.now);
    if (Number.isNaN(now.getTime())) throw new InputError(`--now: '${flags.now}' is not a date`);
  }
  return {
    hcl,
    plans,
    states,
    varFiles: flags.varFile ?? [],
    vars: parseVars(flags.var),
    workspace: flags.workspace,
    policyFile: flags.policy,
    rulesDirs: flags.rules ?? [],
    now,
    config: configOptions(flags),
  };
}

/** With no --format: a readable summary on a terminal, and for the gate always (CI logs are read by people). */
async function emit(report: AuditReport, flags: EvidenceFlags, io: CliIO, textByDefault = false): Promise<void> {
  const formats = parseFormats(flags.format);
  if (flags.out) {
    await mkdir(flags.out, { recursive: true });
    const written: string[] = [];
    for (const f of formats ?? ["json"]) {
      const r = RENDERERS[f];
      const file = join(flags.out, `report.${r.ext}`);
      await writeFile(file, r.render(report, { waiverWarningDays: flags.waiverWarningDays, asff: asffOptions(flags) }));
      written.push(file);
    }
    if (!flags.quiet) {
      io.stdout(renderText(report, { color: io.isTTY, max: 20 }));
      io.stdout(`wrote ${written.join(", ")}\n`);
    }
    return;
  }
  if (!formats) {
    io.stdout(io.isTTY || textByDefault ? renderText(report, { color: io.isTTY }) : RENDERERS.json.render(report));
    return;
  }
  io.stdout(RENDERERS[formats[0]].render(report, { waiverWarningDays: flags.waiverWarningDays, asff: asffOptions(flags) }));
}

function parseSeverity(value: string): Severity {
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new InputError(`--fail-on: '${value}' is not a severity (expected one of ${SEVERITIES.join(", ")})`);
  }
  return value as Severity;
}

export function registerAuditCommands(program: Command, io: CliIO): void {
  addReportOptions(addEvidenceOptions(
    program
      .command("audit")
      .description("judge Terraform code, plans and state against a policy and write a report (exit 0 unless the input is bad)"),
  )).action(async (flags: EvidenceFlags) => {
    parseFormats(flags.format);
    checkReportFlags(flags);
    const baseline = await readBaseline(flags);
    const report = await runAudit({ ...toAuditOptions(flags), aws: liveOptions(flags, io) });
    await afterAudit(report, baseline, flags, io);
    await emit(report, flags, io);
    await publish(report, flags, io, flags.quiet);
    io.exitCode = 0;
  });

  addReadinessOptions(addReportOptions(addEvidenceOptions(
    program
      .command("gate")
      .description("decide go / no-go by exit code: 0 go, 1 no-go, 2 bad input, 3 evidence incomplete")
      .option("--fail-on <severity>", `lowest severity that blocks (${SEVERITIES.join(", ")})`, "high")
      .option("--allow-unknown", "do not block on UNKNOWN results (evidence incomplete)")
      .option("--soft-fail", "print the decision but always exit 0"),
  ))).action(async (flags: GateFlags) => {
    const failOn = parseSeverity(flags.failOn);
    parseFormats(flags.format);
    checkReportFlags(flags);
    const baseline = await readBaseline(flags);
    const report = await runAudit({ ...toAuditOptions(flags), aws: liveOptions(flags, io) });
    report.gate = decideGate(report, { failOn, allowUnknown: Boolean(flags.allowUnknown) });
    await afterAudit(report, baseline, flags, io);
    await emit(report, flags, io, true);
    // --readiness can only make the decision stricter (a control without evidence is incomplete).
    const exitCode = (await writeReadiness(report, flags, io)) ?? report.gate.exitCode;
    // Last: a refused finding fails the run, but every file is written by then.
    await publish(report, flags, io, flags.quiet);
    io.exitCode = flags.softFail ? 0 : exitCode;
  });
}
