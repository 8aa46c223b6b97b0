/**
 * The `plumbline` command line. Commands parse flags and call the library; every decision a library caller
 * would also need (the audit, the gate) lives outside this folder.
 */
import { Command, CommanderError, Option } from "commander";
import { InputError } from "../errors.js";
import { toolVersion } from "../paths.js";
import { registerAuditCommands } from "./audit-command.js";
import { registerRulesCommands } from "./rules-command.js";
import { registerPolicyCommands } from "./policy-command.js";
import { registerDriftCommand } from "./drift-command.js";
import { registerIamPolicyCommand } from "./iam-policy-command.js";
import { registerConfigRulesCommand } from "./config-rules-command.js";
import { registerReadinessCommands } from "./readiness-command.js";

export const EXIT_USAGE = 2;

export function buildProgram(io: CliIO): Command {
  const program = new Command("plumbline")
    .description("Compliance and drift auditing for AWS estates run with Terraform.")
    .version(toolVersion(), "-v, --version")
    .addOption(new Option("--debug", "print stack traces for errors"))
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();
  registerAuditCommands(program, io);
  registerRulesCommands(program, io);
  registerPolicyCommands(program, io);
  registerDriftCommand(program, io);
  registerIamPolicyCommand(program, io);
  registerConfigRulesCommand(program, io);
  registerReadinessCommands(program, io);
  return program;
}

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  isTTY: boolean;
  /** Set by a command: the process exit code. */
  exitCode: number;
}

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const cli: CliIO = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    exitCode: 0,
    ...io,
  };
  const debug = argv.includes("--debug");
  const program = buildProgram(cli);
  try {
    await program.parseAsync(argv);
    return cli.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof InputError) {
      cli.stderr(`plumbline: ${oneLine(err.message)}\n`);
      if (debug && err.stack) cli.stderr(`${err.stack}\n`);
      return EXIT_USAGE;
    }
    const msg = err instanceof Error ? err.message : String(err);
    cli.stderr(`plumbline: error: ${oneLine(msg)}${debug ? "" : " (run with --debug for details)"}\n`);
    if (debug && err instanceof Error && err.stack) cli.stderr(`${err.stack}\n`);
    return EXIT_USAGE;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
