/** plumbline rules list: formats and filters (area, minimum severity, framework). */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

interface Listed {
  id: string;
  severity: string;
  area: string;
  controls: { awsConfigRule?: string; fsbp?: string[]; cis?: string[] };
}

async function listJson(...args: string[]): Promise<Listed[]> {
  const run = await runCli(["rules", "list", "--format", "json", ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listed[];
}

describe("plumbline rules list", () => {
  it("lists every rule as text by default, with a count", async () => {
    const run = await runCli(["rules", "list"]);
    expect(run.code).toBe(0);
    const count = Number(/^(\d+) rule\(s\)$/m.exec(run.stdout)?.[1]);
    expect(count).toBeGreaterThanOrEqual(100);
    expect(run.stdout).toMatch(/^s3-bucket-tls-only\s+medium\s+network\s+AWS::S3::Bucket$/m);
  });

  it("filters by area and by minimum severity", async () => {
    const waf = await listJson("--area", "waf");
    expect(waf.length).toBeGreaterThan(5);
    expect(new Set(waf.map((r) => r.area))).toEqual(new Set(["waf"]));
    const high = await listJson("--severity", "high");
    expect(high.length).toBeGreaterThan(10);
    expect(high.every((r) => r.severity === "high" || r.severity === "critical")).toBe(true);
    expect(high.map((r) => r.id)).toContain("rds-snapshot-not-public");
    expect(high.map((r) => r.id)).not.toContain("s3-bucket-key-enabled");
  });

  it("filters by framework: only rules mapped to it", async () => {
    const cis = await listJson("--framework", "cis");
    expect(cis.length).toBeGreaterThan(10);
    expect(cis.every((r) => (r.controls.cis?.length ?? 0) > 0)).toBe(true);
    const config = await listJson("--framework", "aws-config");
    expect(config.every((r) => typeof r.controls.awsConfigRule === "string")).toBe(true);
    expect(config.map((r) => r.id)).toContain("ebs-encryption-by-default");
    const combined = await listJson("--framework", "fsbp", "--area", "containers", "--severity", "medium");
    expect(combined.map((r) => r.id).sort()).toEqual(
      ["ecr-immutable-tags", "ecr-scan-on-push", "ecs-no-privileged-containers", "ecs-no-secrets-in-environment", "ecs-readonly-root-filesystem", "ecs-task-logging"].sort(),
    );
  });

  it("renders Markdown tables per area with the mappings", async () => {
    const run = await runCli(["rules", "list", "--format", "md", "--area", "encryption"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("### encryption");
    expect(run.stdout).toContain("| `ebs-encryption-by-default` | medium | EBS encryption by default is on in every region in use | region scope | Config EC2_EBS_ENCRYPTION_BY_DEFAULT; FSBP EC2.7; CIS 2.2.1 |");
    expect(run.stdout).not.toContain("### waf");
  });

  it("keeps --json as the old spelling of --format json", async () => {
    const run = await runCli(["rules", "list", "--json", "--area", "state"]);
    expect(JSON.parse(run.stdout).map((r: Listed) => r.id)).toEqual(["tf-state-bucket-hardened", "tf-lock-table-protected"]);
  });

  it("rejects unknown filter values with exit code 2 and the allowed values", async () => {
    for (const [flag, value, allowed] of [
      ["--severity", "urgent", "critical, high"],
      ["--framework", "nist", "fsbp, cis, aws-config"],
      ["--area", "dns", "encryption"],
      ["--format", "html", "text, md or json"],
    ]) {
      const run = await runCli(["rules", "list", flag, value]);
      expect(run.code, `${flag} ${value}`).toBe(2);
      expect(run.stderr).toContain(value);
      expect(run.stderr).toContain(allowed);
    }
  });
});
