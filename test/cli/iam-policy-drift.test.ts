/**
 * `plumbline iam-policy --drift`: what `plumbline drift` needs — every collector's read actions (drift
 * lists every type it knows, to find unmanaged resources, whatever the pack's rules read) and
 * cloudtrail:LookupEvents for attribution, in a statement of its own. The shipped
 * deploy/iam/plumbline-drift-policy.json must be that output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { COLLECTORS } from "../../src/sources/aws/collectors/index.js";
import { DRIFT_ACTIONS, FRAMEWORK_ACTIONS, isReadOnlyAction } from "../../src/sources/aws/iam-policy.js";
import { runCli } from "./run-cli.js";

const REGENERATE = "npm run build && node bin/plumbline.js iam-policy --drift > deploy/iam/plumbline-drift-policy.json";

describe("plumbline iam-policy --drift", () => {
  it(`prints the shipped deploy/iam/plumbline-drift-policy.json (regenerate: ${REGENERATE})`, async () => {
    const run = await runCli(["iam-policy", "--drift"]);
    expect(run.code, run.stderr).toBe(0);
    const shipped = readFileSync(join(PACKAGE_ROOT, "deploy/iam/plumbline-drift-policy.json"), "utf8");
    expect(run.stdout, `deploy/iam/plumbline-drift-policy.json is stale: regenerate it with \`${REGENERATE}\``).toBe(shipped);
  });

  it("grants every collector's read actions and, in its own statement, cloudtrail:LookupEvents", async () => {
    const doc = JSON.parse((await runCli(["iam-policy", "--drift"])).stdout);
    expect(doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["PlumblineReadOnlyAudit", "PlumblineDriftAttribution"]);
    const read: string[] = doc.Statement[0].Action;
    const every = new Set<string>([...FRAMEWORK_ACTIONS, ...COLLECTORS.flatMap((c) => c.actions)]);
    expect(read).toEqual([...every].sort());
    expect(doc.Statement[1]).toEqual({ Sid: "PlumblineDriftAttribution", Effect: "Allow", Action: ["cloudtrail:LookupEvents"], Resource: "*" });
    expect([...read, ...doc.Statement[1].Action].filter((a) => !isReadOnlyAction(a))).toEqual([]);
    // The attribution code asks for exactly this action when it is denied.
    expect(readFileSync(join(PACKAGE_ROOT, "src/drift/attribution.ts"), "utf8")).toContain(`needs ${DRIFT_ACTIONS[0]}`);
  });

  it("does not depend on the pack (drift lists every type) and is not part of the audit policy", async () => {
    const small = join(PACKAGE_ROOT, "policies/dev.yaml");
    const withPack = await runCli(["iam-policy", "--drift", "--policy", small]);
    expect(withPack.code, withPack.stderr).toBe(0);
    expect(withPack.stdout).toBe((await runCli(["iam-policy", "--drift"])).stdout);
    const audit = JSON.parse((await runCli(["iam-policy"])).stdout);
    expect(audit.Statement).toHaveLength(1);
    expect(audit.Statement[0].Action).not.toContain("cloudtrail:LookupEvents");
  });
});
