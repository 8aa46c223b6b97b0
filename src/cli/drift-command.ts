/** `plumbline drift`: Terraform state / plan against live AWS. Exit 0 no drift, 1 drift, 2 bad input, 3 incomplete. */
import { Command, Option } from "commander";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderDriftText } from "../drift/text.js";
import { runDrift } from "../drift/run.js";
import { InputError } from "../errors.js";
import type { AuditReport } from "../report/model.js";
import { FORMAT_NAMES, RENDERERS } from "../report/renderers.js";
import { addAwsOptions, liveOptions, type AwsFlags } from "./aws-options.js";
import type { CliIO } from "./main.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

interface DriftFlags extends AwsFlags {
  state?: string[];
  plan?: string[];
  workspace?: string;
  policy?: string;
  rules?: string[];
  format?: string;
  out?: string;
  failOn: string;
  attribution: boolean;
  maxLookups?: string;
  now?: string;
}

function parseFormats(format: string | undefined): string[] | undefined {
  if (format === undefined) return undefined;
  const names = format.split(",").map((f) => f.trim()).filter(Boolean);
  const bad = names.filter((n) => !RENDERERS[n]);
  if (bad.length || names.length === 0) throw new InputError(`--format: unknown format ${bad.map((b) => `'${b}'`).join(", ") || "(empty)"} (expected one of ${FORMAT_NAMES.join(", ")})`);
  return names;
}

async function emit(report: AuditReport, flags: DriftFlags, io: CliIO): Promise<void> {
  const formats = parseFormats(flags.format);
  const text = () => (report.drift ? renderDriftText(report.drift, { max: flags.out ? 20 : undefined }) : "");
  if (flags.out) {
    await mkdir(flags.out, { recursive: true });
    const written: string[] = [];
    for (const f of formats ?? ["json"]) {
      const r = RENDERERS[f];
      const file = join(flags.out, `report.${r.ext}`);
      await writeFile(file, r.render(report));
      written.push(file);
    }
    if (!flags.quiet) io.stdout(`${text()}wrote ${written.join(", ")}\n`);
    return;
  }
  if (!formats) {
    io.stdout(io.isTTY ? text() : RENDERERS.json.render(report));
    return;
  }
  // The text renderer knows rule results, not drift: drift has its own text form.
  io.stdout(formats[0] === "text" ? text() : RENDERERS[formats[0]].render(report));
}

export function registerDriftCommand(program: Command, io: CliIO): void {
  addAwsOptions(
    program
      .command("drift")
      .description("compare Terraform state (or a plan) with live AWS: changed, missing and unmanaged resources; exit 0 no drift, 1 drift, 2 bad input, 3 incomplete")
      .option("--state <file|s3://bucket/key>", "Terraform state v4, local or in the S3 backend (repeatable)", collect)
      .option("--plan <file>", "plan JSON from `terraform show -json PLANFILE`: its planned values are the desired state (repeatable)", collect)
      .option("--workspace <name>", "Terraform workspace (env:/NAME/ in the S3 backend)")
      .option("--policy <file>", "policy pack: rules for security scoring, scope, drift.ignore (default: the built-in baseline)")
      .option("--rules <dir>", "extra directory of rule files (repeatable)", collect)
      .option("--fail-on <what>", "exit 1 on: any drift, or only security drift (a rule that passed in Terraform fails live)", "any")
      .option("--no-attribution", "do not look up who made the changes in CloudTrail")
      .option("--max-lookups <n>", "most CloudTrail LookupEvents calls (2 per second per account and region)", "40")
      .option("--format <list>", `comma-separated output formats: ${FORMAT_NAMES.join(", ")}`)
      .option("--out <dir>", "write DIR/report.<ext> for each format instead of printing")
      .addOption(new Option("--now <iso-date>", "report time (reproducible runs)").hideHelp())
      .option("-q, --quiet", "print nothing but errors when writing to --out (and no --aws progress)"),
  ).action(async (flags: DriftFlags) => {
    if (flags.failOn !== "any" && flags.failOn !== "security") throw new InputError(`--fail-on: '${flags.failOn}' is not one of any, security`);
    parseFormats(flags.format);
    const states = flags.state ?? [];
    const plans = flags.plan ?? [];
    if (states.length + plans.length === 0) throw new InputError("drift needs Terraform's records: use --state FILE|s3://BUCKET/KEY or --plan FILE");
    if (!flags.aws) throw new InputError("drift compares with live AWS: add --aws (and --profile, --regions, --assume-role... as needed)");
    const live = liveOptions(flags, { stderr: io.stderr })!;
    const maxLookups = Number(flags.maxLookups);
    if (!Number.isInteger(maxLookups) || maxLookups < 0) throw new InputError(`--max-lookups: '${flags.maxLookups}' is not a whole number`);
    let now: Date | undefined;
    if (flags.now) {
      now = new Date(flags.now);
      if (Number.isNaN(now.getTime())) throw new InputError(`--now: '${flags.now}' is not a date`);
    }
    const report = await runDrift({
      states,
      plans,
      workspace: flags.workspace,
      policyFile: flags.policy,
      rulesDirs: flags.rules ?? [],
      live,
      failOn: flags.failOn,
      attribution: flags.attribution === false ? false : { maxLookups },
      now,
    });
    await emit(report, flags, io);
    io.exitCode = report.drift?.decision?.exitCode ?? 0;
  });
}
