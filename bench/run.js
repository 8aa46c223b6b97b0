/**
 * plumbline benchmarks (`npm run bench`). Not tests: they print figures to compare with the targets in
 * BENCHMARKS.md. Each measurement that needs a clean heap or a peak RSS runs in its own child process.
 *
 *   (a) HCL audit of 1,000 files vs a bare tree-sitter parse of the same files      target ≤ 1.5x
 *   (b) audit of a 100 MB state vs a bare JSON.parse of it                           target ≤ 2x, peak RSS ≤ 4x file size
 *   (c) rule evaluations per second on one core                                      target ≥ 1,000,000
 *   (d) live collection against moto, 1,000+ resources over 3 regions (bench/live.js)  target ≤ 1.5 API calls per resource
 *
 * Options: BENCH_HCL_FILES (1000), BENCH_STATE_MB (100), BENCH_RUNS (3).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateHclTree, generateStateFile } from "./generate.js";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "out");
const HCL_FILES = Number(process.env.BENCH_HCL_FILES ?? 1000);
const STATE_MB = Number(process.env.BENCH_STATE_MB ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function child(...args) {
  const text = execFileSync(process.execPath, ["--max-old-space-size=8192", join(here, "child.js"), ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(text.trim().split("\n").pop());
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label, args) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(child(...args));
  const ms = median(runs.map((r) => r.ms));
  const rss = Math.max(...runs.map((r) => r.maxRssMB));
  return { label, ms, rss, last: runs[runs.length - 1] };
}

const fmt = (n, d = 0) => n.toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d });

console.log(`plumbline bench · node ${process.version} · ${cpus()[0]?.model ?? "cpu"} × ${cpus().length} · median of ${RUNS} run(s)\n`);

// (a) HCL
const hclDir = join(out, `hcl-${HCL_FILES}`);
if (!existsSync(hclDir)) generateHclTree(hclDir, HCL_FILES);
const bare = measure("bare parse", ["hcl-parse", hclDir]);
const audit = measure("audit", ["hcl-audit", hclDir]);
console.log(`(a) HCL, ${HCL_FILES} files, ${fmt(audit.last.resources)} resources, ${fmt(audit.last.results)} results`);
console.log(`    bare tree-sitter parse  ${fmt(bare.ms)} ms`);
console.log(`    full audit              ${fmt(audit.ms)} ms   ratio ${fmt(audit.ms / bare.ms, 2)}x (target ≤ 1.5x)`);

// (b) state
const stateFile = join(out, `state-${STATE_MB}mb.tfstate`);
if (!existsSync(stateFile)) {
  mkdirSync(out, { recursive: true });
  await generateStateFile(stateFile, STATE_MB);
}
const sizeMB = statSync(stateFile).size / (1024 * 1024);
const parse = measure("JSON.parse", ["state-parse", stateFile]);
const stateAudit = measure("audit", ["state-audit", stateFile]);
console.log(`\n(b) state, ${fmt(sizeMB, 1)} MB, ${fmt(stateAudit.last.resources)} resources, ${fmt(stateAudit.last.results)} results`);
console.log(`    read + JSON.parse       ${fmt(parse.ms)} ms   peak RSS ${fmt(parse.rss)} MB`);
console.log(`    full audit              ${fmt(stateAudit.ms)} ms   ratio ${fmt(stateAudit.ms / parse.ms, 2)}x (target ≤ 2x)`);
console.log(`    audit peak RSS          ${fmt(stateAudit.rss)} MB = ${fmt(stateAudit.rss / sizeMB, 2)}x file size (target ≤ 4x)`);

// (c) evaluations per second
const evals = child("evaluate", stateFile);
console.log(`\n(c) rule evaluation, ${fmt(evals.rules)} rules × ${fmt(evals.resources)} resources`);
console.log(`    ${fmt(evals.evaluations)} evaluations in ${fmt(evals.ms)} ms = ${fmt(evals.perSecond)} per second on one core (target ≥ 1,000,000)`);

// (d) live collection against moto (bench/live.js); BENCH_SKIP_LIVE=1 leaves it out.
if (!process.env.BENCH_SKIP_LIVE) await (await import("./live.js")).liveBench();

// (e) the AWS Config rule Lambda bundle (bench/lambda.js: builds it); BENCH_SKIP_LAMBDA=1 leaves it out.
if (!process.env.BENCH_SKIP_LAMBDA) {
  console.log("");
  execFileSync(process.execPath, [join(here, "lambda.js")], { stdio: "inherit" });
}

if (process.env.BENCH_CLEAN) rmSync(out, { recursive: true, force: true });
