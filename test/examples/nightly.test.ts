/**
 * The nightly examples: the GitHub Actions workflow (parsed, its trend gate run with jq on real reports),
 * the ECS scheduled task (plumbline's own HCL loader and audit, and `terraform validate` with the offline
 * provider mirror), the Dockerfile, and the in-container runner against moto's S3.
 */
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { loadHclEvidence } from "../../src/sources/terraform/hcl/index.js";
import { runCli } from "../cli/run-cli.js";
import { motoEndpoint } from "../support/moto.js";

const NIGHTLY = join(PACKAGE_ROOT, "examples/nightly");
const ECS = join(NIGHTLY, "ecs-scheduled-task");
const APP = join(PACKAGE_ROOT, "test/fixtures/cli/app");
const STRICT = join(PACKAGE_ROOT, "test/fixtures/cli/policy-strict.yaml");
const tmp = () => mkdtempSync(join(tmpdir(), "plumbline-nightly-"));

async function auditApp(dir: string, extra: string[] = []) {
  const out = tmp();
  const run = await runCli(["audit", "--hcl", dir, "--var", "env=dev", "--policy", STRICT, "--format", "json", "--out", out, "--quiet", ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return join(out, "report.json");
}

describe("GitHub Actions nightly workflow", () => {
  const wf = parse(readFileSync(join(NIGHTLY, "github-actions.yml"), "utf8"));
  const steps: any[] = wf.jobs.audit.steps;
  const step = (name: RegExp) => steps.find((s) => name.test(s.name ?? ""));

  it("is scheduled, can be started by hand, and has the permissions it uses", () => {
    expect(wf.on.schedule[0].cron.split(" ")).toHaveLength(5);
    expect(wf.on).toHaveProperty("workflow_dispatch");
    expect(wf.permissions).toMatchObject({ contents: "read", actions: "read", "id-token": "write", "security-events": "write" });
    expect(wf.jobs.pages.permissions).toMatchObject({ pages: "write", "id-token": "write" });
  });

  it("downloads the previous run's report, audits with --baseline, uploads HTML + JSON, and fails on new critical findings", () => {
    expect(step(/previous report/).run).toMatch(/gh run download "\$run" .*--name "\$REPORT_ARTIFACT" --dir baseline/);
    const audit = step(/^Audit$/).run as string;
    expect(audit).toMatch(/baseline=\(--baseline baseline\/report\.json\)/);
    expect(audit).toMatch(/plumbline audit .*"\$\{baseline\[@\]\}" --format json,html,md,sarif --out out/s);
    const upload = step(/Upload the report/);
    expect(upload.uses).toMatch(/^actions\/upload-artifact@v4$/);
    expect(upload.if).toBe("always()");
    expect(upload.with.name).toBe("${{ env.REPORT_ARTIFACT }}");
    expect(upload.with.path).toContain("out/report.html");
    expect(upload.with.path).toContain("out/report.json");
    expect(wf.env.REPORT_ARTIFACT).toBe("plumbline-report");
    expect(wf.jobs.pages.steps.find((s: any) => s.uses?.startsWith("actions/download-artifact")).with.name).toBe(wf.env.REPORT_ARTIFACT);
    expect(wf.jobs.pages.steps.some((s: any) => s.uses === "actions/deploy-pages@v4")).toBe(true);
    expect(step(/Code scanning/).with.sarif_file).toBe("out/report.sarif");
  });

  it("its new-critical check counts what it should on real reports (jq)", async () => {
    const run = step(/New critical findings/).run as string;
    const jq = /jq '(\[\.results\[\].*?length)' out\/report\.json/s.exec(run)![1];
    const count = (file: string, edit?: (r: any) => void) => {
      let path = file;
      if (edit) {
        const r = JSON.parse(readFileSync(file, "utf8"));
        edit(r);
        path = join(tmp(), "r.json");
        writeFileSync(path, JSON.stringify(r));
      }
      const out = spawnSync("jq", [jq, path]);
      expect(out.stderr.toString()).toBe("");
      return Number(out.stdout.toString());
    };
    const critical = (r: any) => r.results.forEach((x: any) => (x.severity = "critical"));
    const first = await auditApp(APP);
    const fails = JSON.parse(readFileSync(first, "utf8")).results.filter((r: any) => r.status === "FAIL").length;
    expect(fails).toBeGreaterThan(0);
    // No baseline: every critical FAIL is new.
    expect(count(first, critical)).toBe(fails);
    // Against itself: nothing is new.
    const again = await auditApp(APP, ["--baseline", first]);
    expect(count(again, critical)).toBe(0);
    // One result new, one waived: only the unwaived new one counts.
    expect(
      count(again, (r) => {
        critical(r);
        const f = r.results.filter((x: any) => x.status === "FAIL");
        f[0].trend = "new";
        f[1].trend = "new";
        f[1].waiver = { reason: "ok", expired: false };
      }),
    ).toBe(1);
  });
});

describe("ECS scheduled task (Terraform)", () => {
  it("loads with plumbline's HCL loader: task definition, roles, bucket, key and log group", async () => {
    const ev = await loadHclEvidence(ECS, { vars: { image: "plumbline:test" } });
    const addresses = ev.instances.map((i) => i.address);
    for (const a of ["aws_ecs_task_definition.nightly", "aws_scheduler_schedule.nightly", "aws_s3_bucket.reports", "aws_iam_role.task", "aws_iam_role.scheduler", "aws_cloudwatch_log_group.nightly", "aws_kms_key.reports"]) {
      expect(addresses).toContain(a);
    }
  });

  it("passes plumbline's own prod policy on what it defines (account-wide guardrails aside)", async () => {
    const out = tmp();
    const run = await runCli([
      "audit", "--hcl", ECS, "--var", "image=plumbline:test", "--var", "permissions_boundary_arn=arn:aws:iam::250000000301:policy/boundary",
      "--var", "access_log_bucket=central-logs", "--policy", join(PACKAGE_ROOT, "policies/prod.yaml"), "--workspace", "prod", "--format", "json", "--out", out, "--quiet",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const own = report.results.filter((r: any) => r.resource.address && (r.status === "FAIL" || r.status === "UNKNOWN"));
    // The one gap: the read-only policy is read from deploy/iam, outside the audited directory, so its
    // statements are UNKNOWN (missing evidence is never a pass).
    expect(own.map((r: any) => `${r.status} ${r.ruleId} ${r.resource.address}`)).toEqual(["UNKNOWN iam-role-no-admin-inline aws_iam_role.task"]);
    expect(own[0].reason).toMatch(/deploy\/iam\/plumbline-readonly-policy\.json is outside the audited directory/);
    const task = report.results.filter((r: any) => r.resource.address === "aws_ecs_task_definition.nightly");
    expect(task.map((r: any) => `${r.ruleId} ${r.status}`).sort()).toEqual(expect.arrayContaining(["ecs-no-privileged-containers PASS", "ecs-readonly-root-filesystem PASS", "ecs-task-logging PASS"]));
  });

  it("is valid Terraform (terraform validate, provider from the offline mirror)", () => {
    const work = tmp();
    // Keep the layout: the module reads ../../../deploy/iam/plumbline-readonly-policy.json.
    cpSync(ECS, join(work, "examples/nightly/ecs-scheduled-task"), { recursive: true });
    mkdirSync(join(work, "deploy"), { recursive: true });
    cpSync(join(PACKAGE_ROOT, "deploy/iam"), join(work, "deploy/iam"), { recursive: true });
    writeFileSync(join(work, "rc"), `provider_installation {\n  filesystem_mirror {\n    path    = "/opt/tf-plugins"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: join(work, "rc"), TF_DATA_DIR: join(work, "tfdata"), TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
    const cwd = join(work, "examples/nightly/ecs-scheduled-task");
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd, env, timeout: 120_000 });
    expect(init.status, init.stdout.toString() + init.stderr.toString()).toBe(0);
    const validate = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd, env, timeout: 120_000 });
    const res = JSON.parse(validate.stdout.toString());
    expect(res.diagnostics).toEqual([]);
    expect(res.valid).toBe(true);
    const fmt = spawnSync("terraform", ["fmt", "-check", "-recursive", ECS], { env });
    expect(fmt.status, fmt.stdout.toString()).toBe(0);
  }, 180_000);
});

describe("Dockerfile", () => {
  it("builds the CLI and ships rules, policies, templates, schemas and the nightly runner, as a non-root user", () => {
    const df = readFileSync(join(PACKAGE_ROOT, "Dockerfile"), "utf8");
    const lines = df.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(lines.filter((l) => l.startsWith("FROM ")).map((l) => l.split(" ")[1])).toEqual(["node:20-bookworm-slim", "node:20-bookworm-slim"]);
    for (const dir of ["bin", "rules", "policies", "reports", "schemas"]) expect(lines).toContain(`COPY ${dir} ./${dir}`);
    expect(lines).toContain("COPY --from=build /src/dist ./dist");
    expect(lines).toContain("COPY examples/nightly/run-nightly.mjs ./examples/nightly/run-nightly.mjs");
    expect(lines.filter((l) => l.startsWith("USER ")).pop()).toBe("USER 1000:1000");
    // What the ECS task runs exists where the image puts it.
    const tf = readFileSync(join(ECS, "main.tf"), "utf8");
    expect(tf).toContain('command = ["node", "/app/examples/nightly/run-nightly.mjs"]');
    expect(existsSync(join(NIGHTLY, "run-nightly.mjs"))).toBe(true);
  });
});

describe("the nightly runner (run-nightly.mjs) against moto's S3", () => {
  it("audits without a baseline, publishes, then uses last night's report as the baseline", async () => {
    const account = "250000000302";
    const sts = new STSClient({ endpoint: motoEndpoint(), region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/nightly`, RoleSessionName: "nightly" }))).Credentials!;
    sts.destroy();
    const credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const s3 = new S3Client({ endpoint: motoEndpoint(), region: "eu-west-1", credentials, forcePathStyle: true });
    const bucket = `plumbline-nightly-${Date.now()}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));

    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_ENDPOINT_URL: motoEndpoint(),
      AWS_REGION: "eu-west-1",
      REPORT_BUCKET: bucket,
      REPORT_PREFIX: "nightly/dev",
      FAIL_ON_NEW: "high",
      PLUMBLINE_CMD: JSON.stringify([join(PACKAGE_ROOT, "node_modules/.bin/vite-node"), join(PACKAGE_ROOT, "test/support/plumbline-src.ts"), "--"]),
      PLUMBLINE_ARGS: JSON.stringify(["audit", "--hcl", APP, "--var", "env=dev", "--policy", STRICT, "--quiet"]),
    };
    const run = () => spawnSync(process.execPath, [join(NIGHTLY, "run-nightly.mjs")], { env, cwd: PACKAGE_ROOT, timeout: 150_000 });

    const night1 = run();
    const out1 = night1.stdout.toString() + night1.stderr.toString();
    expect(out1).toContain("no baseline yet");
    // The fixture has a high FAIL (rds-storage-encrypted), new on the first night.
    expect(night1.status, out1).toBe(1);
    expect(out1).toMatch(/new finding\(s\) at or above high:\n {2}high rds-storage-encrypted aws_db_instance\.plain/);
    const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();
    expect(keys).toEqual(expect.arrayContaining(["nightly/dev/latest/report.json", "nightly/dev/latest/report.html", "nightly/dev/latest/report.sarif", "nightly/dev/latest/report.md"]));
    expect(keys.some((k) => /^nightly\/dev\/\d{4}-\d{2}-\d{2}\/report\.json$/.test(k!))).toBe(true);

    const night2 = run();
    const out2 = night2.stdout.toString() + night2.stderr.toString();
    expect(out2).toContain(`baseline: s3://${bucket}/nightly/dev/latest/report.json`);
    expect(out2).toMatch(/0 new, 0 fixed since \d{4}-\d{2}-\d{2}/);
    expect(night2.status, out2).toBe(0);
    const latest = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "nightly/dev/latest/report.json" }))).Body!.transformToString());
    expect(latest.trend).toMatchObject({ new: 0, fixed: 0 });
    s3.destroy();
  }, 200_000);
});
