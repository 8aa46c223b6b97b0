/** `plumbline verify-readiness DIR`: is a readiness artifact intact, and does its decision follow from its report? */
import type { Command } from "commander";
import { verifyReadiness } from "../report/readiness-artifact.js";
import type { CliIO } from "./main.js";

export function registerReadinessCommands(program: Command, io: CliIO): void {
  program
    .command("verify-readiness")
    .argument("<dir>", "a directory written by `plumbline gate --readiness --out DIR`")
    .description("recompute a readiness artifact's digests and decision: exit 0 intact, 1 not intact, 2 not an artifact")
    .option("--expect <sha256>", "the artifact digest printed when the gate ran (SHA-256 of DIR/SHA256SUMS)")
    .option("--evidence", "also re-hash the evidence files at their recorded paths (relative to the working directory)")
    .action(async (dir: string, flags: { expect?: string; evidence?: boolean }) => {
      const res = await verifyReadiness(dir, { expect: flags.expect, evidence: Boolean(flags.evidence) });
      for (const c of res.checks) io.stdout(`${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail.replace(/[\u0000-\u001f\u007f]/g, " ")}\n`);
      io.stdout(`${res.intact ? "intact" : "NOT INTACT"}: ${dir}${res.decision ? ` (decision ${res.decision})` : ""}, artifact digest sha256:${res.artifactDigest}\n`);
      io.exitCode = res.intact ? 0 : 1;
    });
}
