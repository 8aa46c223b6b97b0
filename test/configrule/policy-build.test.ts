/**
 * `npm run build:lambda -- --policy FILE [--rules DIR]`: a policy of the user's own (with its waivers)
 * and extra rule files embedded in the bundle, checked at build time. The built bundle is run in a fresh
 * Node process from an empty directory, as the Lambda runtime would, against a replay server.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { fixture } from "./helpers.js";

const BUILD = join(PACKAGE_ROOT, "scripts", "build-lambda.mjs");
let work: string;
let server: ReplayServer;
let buildOutput: string;

const TEAM_RULE = `id: team-bucket-owner-tag
title: Team buckets name their owner
description: Every bucket carries an Owner tag, so a finding reaches a person.
severity: low
area: tagging
resourceTypes: [AWS::S3::Bucket]
condition: { path: $tags.Owner, op: exists }
remediation: Add an Owner tag.
`;

const TEAM_POLICY = `name: team
description: The team's own gate
rules:
  include:
    ids: [s3-bucket-versioning, s3-bucket-sse-enabled, team-bucket-owner-tag]
waivers:
  - rule: s3-bucket-versioning
    resource: "mobilytics-support-ui-assets"
    reason: static assets are rebuilt from git
    owner: platform@example.com
    expires: 2099-01-01
`;

function build(args: string[], outDir: string) {
  return spawnSync(process.execPath, [BUILD, ...args], { cwd: work, env: { ...process.env, LAMBDA_OUT_DIR: outDir, INIT_CWD: work }, encoding: "utf8" });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "plumbline-policy-build-"));
  mkdirSync(join(work, "team-rules"));
  writeFileSync(join(work, "team-rules", "team-bucket-owner-tag.yaml"), TEAM_RULE);
  writeFileSync(join(work, "team.yaml"), TEAM_POLICY);
  // Relative paths are read from where the build was started (npm keeps it in INIT_CWD).
  const r = build(["--policy", "team.yaml", "--rules", "team-rules"], join(work, "dist"));
  buildOutput = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`build failed: ${buildOutput}`);
  server = await startReplayServer((req) => (req.action === "PutEvaluations" ? { body: { FailedEvaluations: [] } } : undefined));
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

function invoke(event: unknown): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = join(work, "run.mjs");
  writeFileSync(run, `import { handler } from ${JSON.stringify(join(work, "dist", "index.mjs"))};\nconst r = await handler(JSON.parse(process.argv[2]));\nconsole.log("RESULT " + JSON.stringify(r));\n`);
  const empty = mkdtempSync(join(work, "cwd-"));
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--no-warnings", run, JSON.stringify(event)], {
      cwd: empty,
      env: { PATH: process.env.PATH, AWS_ENDPOINT_URL: server.endpoint, AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" },
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("build:lambda --policy --rules", () => {
  it("embeds the policy as a pack named by its file, next to the built-in packs, with the extra rules", () => {
    expect(buildOutput).toMatch(/wrote .*index\.mjs \(\d+ KiB, \d+ rules, 5 packs: baseline, dev, prod, staging, team\)/);
    const bundle = readFileSync(join(work, "dist", "index.mjs"), "utf8");
    expect(bundle).toContain("team-bucket-owner-tag");
    // The build machine's paths stay out: the user's files are named relative to where the build ran.
    expect(bundle).not.toContain(work);
    expect(bundle).toContain("team-rules/team-bucket-owner-tag.yaml");
  });

  it("the Lambda runs the pack: its waiver turns a failure into WAIVED (never COMPLIANT), its own rule judges", async () => {
    const event = { ...fixture("s3-bucket-change-event.json"), ruleParameters: JSON.stringify({ pack: "team" }) };
    const before = server.requests.length;
    const r = await invoke(event);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const put = server.requests.slice(before).find((q) => q.action === "PutEvaluations")!;
    const [e] = put.json.Evaluations;
    expect(e).toMatchObject({ ComplianceResourceType: "AWS::S3::Bucket", ComplianceResourceId: "mobilytics-support-ui-assets" });
    // The fixture bucket has no Owner tag: the team rule fails it; versioning's failure is waived.
    expect(e.ComplianceType).toBe("NON_COMPLIANT");
    expect(e.Annotation).toMatch(/team-bucket-owner-tag: /);
    expect(e.Annotation).not.toMatch(/s3-bucket-versioning/);
    const log = JSON.parse(r.stdout.split("\n")[0]);
    expect(log.rules).toEqual(expect.arrayContaining(["s3-bucket-versioning", "s3-bucket-sse-enabled", "team-bucket-owner-tag"]));
  });

  it("with only the waived rule, the resource is NOT_APPLICABLE with the waiver named", async () => {
    const event = { ...fixture("s3-bucket-change-event.json"), ruleParameters: JSON.stringify({ pack: "team", rules: "s3-bucket-versioning" }) };
    const before = server.requests.length;
    await invoke(event);
    const [e] = server.requests.slice(before).find((q) => q.action === "PutEvaluations")!.json.Evaluations;
    expect(e).toMatchObject({ ComplianceType: "NOT_APPLICABLE", Annotation: expect.stringMatching(/^WAIVED until 2099-01-01 \(platform@example\.com\): s3-bucket-versioning/) });
  });

  it("a policy naming an unknown rule stops the build with file:line, exit 2, and writes nothing", () => {
    writeFileSync(join(work, "bad.yaml"), TEAM_POLICY.replace("team-bucket-owner-tag]", "team-bucket-owner-tagg]"));
    const r = build(["--policy", "bad.yaml"], join(work, "bad-dist"));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^build:lambda: ${join(work, "bad.yaml").replace(/[.*+?^\${}()|[\]\\]/g, "\\$&")}:5: unknown rule id: team-bucket-owner-tagg`));
  });

  it("a bad parameter value, an unknown flag and a missing rules directory are one-line errors (exit 2)", () => {
    writeFileSync(join(work, "param.yaml"), `${TEAM_POLICY}params:\n  s3-bucket-versioning: { nope: 3 }\n`);
    const p = build(["--policy", "param.yaml", "--rules", "team-rules"], join(work, "bad-dist"));
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/param\.yaml:\d+: params\.s3-bucket-versioning\.nope: rule s3-bucket-versioning has no parameter 'nope'/);
    const flag = build(["--polcy", "team.yaml"], join(work, "bad-dist"));
    expect([flag.status, flag.stderr.trim()]).toEqual([2, "build:lambda: unknown argument '--polcy' (expected --policy FILE or --rules DIR)"]);
    const dir = build(["--rules", "nowhere"], join(work, "bad-dist"));
    expect([dir.status, dir.stderr.trim()]).toEqual([2, `build:lambda: --rules ${join(work, "nowhere")}: no such directory`]);
    expect(() => execFileSync("ls", [join(work, "bad-dist")], { stdio: "pipe" })).toThrow();
  });
});
