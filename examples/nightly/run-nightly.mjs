#!/usr/bin/env node
/**
 * The nightly runner inside the plumbline container (examples/nightly/ecs-scheduled-task): takes the
 * previous report from S3 as the baseline, runs `plumbline <PLUMBLINE_ARGS> --baseline ... --out ...`,
 * and writes the reports back to S3 under <prefix>/YYYY-MM-DD/ and <prefix>/latest/.
 *
 * Exit code: plumbline's when it is not 0 (2 bad input, ...); else 1 when there are new FAIL findings at or
 * above FAIL_ON_NEW (not covered by an active waiver), else 0. The task's exit code shows in ECS and can
 * drive an EventBridge alarm.
 *
 * Environment:
 *   REPORT_BUCKET   reports bucket (required)
 *   REPORT_PREFIX   key prefix (default "nightly")
 *   PLUMBLINE_ARGS  JSON array: the plumbline command and its flags, e.g. ["audit","--aws","--policy","policies/prod.yaml"]
 *   FAIL_ON_NEW     lowest severity of a new finding that fails the run (default critical; "none" never fails)
 *   PLUMBLINE_CMD   JSON array: how to start plumbline (default ["node","/app/bin/plumbline.js"])
 *   AWS_REGION, credentials: the standard SDK chain (the task role in ECS); AWS_ENDPOINT_URL is honored.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SEVERITIES = ["info", "low", "medium", "high", "critical"];
const CONTENT_TYPES = { json: "application/json", html: "text/html; charset=utf-8", md: "text/markdown; charset=utf-8", sarif: "application/sarif+json", txt: "text/plain; charset=utf-8" };

function env(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === "") {
    if (fallback === undefined) throw new Error(`${name} is not set`);
    return fallback;
  }
  return v;
}

function jsonArray(name, fallback) {
  const raw = process.env[name];
  if (!raw) return fallback;
  const v = JSON.parse(raw);
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new Error(`${name} must be a JSON array of strings`);
  return v;
}

async function main() {
  const bucket = env("REPORT_BUCKET");
  const prefix = env("REPORT_PREFIX", "nightly").replace(/\/+$/, "");
  const args = jsonArray("PLUMBLINE_ARGS", undefined);
  if (!args?.length) throw new Error("PLUMBLINE_ARGS is not set");
  const cmd = jsonArray("PLUMBLINE_CMD", ["node", "/app/bin/plumbline.js"]);
  const failOn = env("FAIL_ON_NEW", "critical");
  if (failOn !== "none" && !SEVERITIES.includes(failOn)) throw new Error(`FAIL_ON_NEW: '${failOn}' is not a severity or none`);

  const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  const s3 = new S3Client({ ...(endpoint ? { endpoint, forcePathStyle: true } : {}) });
  const work = mkdtempSync(join(tmpdir(), "plumbline-nightly-"));
  const out = join(work, "out");
  mkdirSync(out);

  // 1. Baseline: last night's report, if there is one.
  const baselineFile = join(work, "baseline.json");
  try {
    const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefix}/latest/report.json` }));
    writeFileSync(baselineFile, await obj.Body.transformToString());
    console.log(`baseline: s3://${bucket}/${prefix}/latest/report.json`);
  } catch (err) {
    if (!(err instanceof NoSuchKey) && err?.name !== "NoSuchKey") throw err;
    console.log("no baseline yet: every finding counts as new");
  }

  // 2. The audit.
  const full = [...args, ...(existsSync(baselineFile) ? ["--baseline", baselineFile] : []), "--format", "json,html,md,sarif", "--out", out];
  const run = spawnSync(cmd[0], [...cmd.slice(1), ...full], { stdio: "inherit" });
  if (run.error) throw run.error;
  if (run.status !== 0) {
    console.error(`plumbline exited ${run.status}: reports not published`);
    return run.status ?? 2;
  }

  // 3. Publish: dated copy first, then latest (tomorrow's baseline).
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
  const day = report.generatedAt.slice(0, 10);
  for (const dir of [day, "latest"]) {
    for (const f of readdirSync(out)) {
      const ext = f.split(".").pop();
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/${dir}/${f}`, Body: readFileSync(join(out, f)), ContentType: CONTENT_TYPES[ext] ?? "application/octet-stream" }));
    }
  }
  console.log(`published s3://${bucket}/${prefix}/${day}/ and ${prefix}/latest/`);

  // 4. New findings at or above FAIL_ON_NEW fail the run (without a baseline, every FAIL is new).
  if (failOn === "none") return 0;
  const min = SEVERITIES.indexOf(failOn);
  const fresh = report.results.filter(
    (r) => r.status === "FAIL" && SEVERITIES.indexOf(r.severity) >= min && (r.trend === "new" || !report.trend) && !(r.waiver && !r.waiver.expired),
  );
  if (report.trend) console.log(`${report.trend.new} new, ${report.trend.fixed} fixed since ${report.trend.baseline.generatedAt.slice(0, 10)} (${report.trend.open} still open)`);
  if (fresh.length) {
    console.error(`${fresh.length} new finding(s) at or above ${failOn}:`);
    for (const r of fresh.slice(0, 20)) console.error(`  ${r.severity} ${r.ruleId} ${r.resource.address ?? r.resource.arn ?? r.resource.id}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`run-nightly: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
