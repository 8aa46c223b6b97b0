/** `--format html` through the CLI: the prod launch gate of the example, with its one waiver (PLAT-412, to 2027-03-31). */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { runCli } from "../cli/run-cli.js";

const ex = join(PACKAGE_ROOT, "examples/mobilytics");
const gate = (out: string, ...more: string[]) =>
  runCli([
    "gate",
    "--state", join(ex, "generated/prod.tfstate"),
    "--workspace", "prod",
    "--policy", join(PACKAGE_ROOT, "policies/prod.yaml"),
    "--now", "2026-11-25T00:00:00Z",
    "--format", "html,json",
    "--out", out,
    "--quiet",
    // The decision itself is the gate tests' business; here it only has to show up in the HTML.
    "--soft-fail",
    ...more,
  ]);
/** One waiver section: from its heading to the next heading. */
const section = (html: string, id: string) => {
  const at = html.indexOf(`id="waivers-${id}"`);
  return html.slice(at, html.indexOf("<h3", at + 1));
};

describe("plumbline gate --format html", () => {
  it("writes report.html next to report.json, with the decision and the waiver relied on", async () => {
    const out = mkdtempSync(join(tmpdir(), "plumbline-html-cli-"));
    const run = await gate(out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const html = readFileSync(join(out, "report.html"), "utf8");
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const label = { go: "GO", "no-go": "NO-GO", incomplete: "INCOMPLETE EVIDENCE" }[report.gate.decision as string];
    expect(html).toMatch(new RegExp(`<div class="banner ${report.gate.decision}"[^>]*>\\s*<strong>${label}</strong>`));
    expect(html).toContain(`data-count="PASS">${report.summary.PASS}<`);
    expect(section(html, "active")).toContain("PLAT-412");
    expect(section(html, "expiring")).not.toContain("PLAT-412");
  });

  it("--waiver-warning-days moves a waiver expiring within N days into 'expiring'; a bad N is a usage error", async () => {
    const out = mkdtempSync(join(tmpdir(), "plumbline-html-cli-"));
    expect((await gate(out, "--waiver-warning-days", "200")).code).toBe(0);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(section(html, "expiring")).toContain("PLAT-412");
    expect(html).toContain("Expiring within 200 days");
    const bad = await gate(out, "--waiver-warning-days", "soon");
    expect(bad.code).toBe(2);
  });
});
