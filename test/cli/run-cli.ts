/** Runs the CLI in-process with captured output, as a user would call it. */
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], opts: { isTTY?: boolean } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "plumbline", ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: opts.isTTY ?? false,
  });
  return { code, stdout, stderr };
}
