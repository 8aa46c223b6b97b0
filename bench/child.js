/** One measurement in a fresh process (see run.js); prints one JSON line: { ms, maxRssMB, ... }. */
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const dist = new URL("../dist/", import.meta.url);
const load = (p) => import(new URL(p, dist).href);

const [mode, target] = process.argv.slice(2);

function done(extra, t0) {
  const ms = performance.now() - t0;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, maxRssMB, ...extra }) + "\n");
}

async function auditParts() {
  const [{ loadRuleSet, judge }, { loadPolicy }, paths] = await Promise.all([load("audit.js"), load("policy/loader.js"), load("paths.js")]);
  const rules = await loadRuleSet();
  const policy = await loadPolicy(join(paths.BUILTIN_POLICIES_DIR, "baseline.yaml"));
  return { rules, policy, judge };
}

if (mode === "hcl-parse") {
  const { getParser } = await load("sources/terraform/hcl/parser.js");
  const t0 = performance.now();
  const parser = await getParser();
  let nodes = 0;
  for (const f of readdirSync(target).filter((f) => f.endsWith(".tf"))) {
    const tree = parser.parse(readFileSync(join(target, f), "utf8"));
    nodes += tree.rootNode.childCount;
    tree.delete();
  }
  done({ nodes }, t0);
} else if (mode === "hcl-audit") {
  const { loadHclEvidence } = await load("sources/terraform/hcl/index.js");
  const { rules, policy, judge } = await auditParts();
  const t0 = performance.now();
  const ev = await loadHclEvidence(target);
  const report = judge(policy, rules, [ev], new Date());
  done({ resources: report.evidence[0].resources, results: report.results.length }, t0);
} else if (mode === "state-parse") {
  const t0 = performance.now();
  const doc = JSON.parse(await readFile(target, "utf8"));
  done({ resources: doc.resources.length }, t0);
} else if (mode === "state-audit") {
  const { loadStateEvidence } = await load("sources/terraform/state.js");
  const { rules, policy, judge } = await auditParts();
  const t0 = performance.now();
  const ev = await loadStateEvidence(target);
  const report = judge(policy, rules, [ev], new Date());
  done({ resources: report.evidence[0].resources, results: report.results.length }, t0);
} else if (mode === "evaluate") {
  const { loadStateEvidence } = await load("sources/terraform/state.js");
  const { tfToResources } = await load("sources/terraform/aws/index.js");
  const { evaluate } = await load("rules/evaluate.js");
  const { EvidenceIndex } = await load("rules/index.js");
  const { rules } = await auditParts();
  const resourceRules = rules.filter((r) => r.scope === "resource");
  const { resources } = tfToResources(await loadStateEvidence(target));
  const sample = resources.slice(0, 50_000);
  const index = new EvidenceIndex(sample);
  evaluate(resourceRules, sample, { index }); // warm-up: compile rules, JIT
  let evaluations = 0;
  const t0 = performance.now();
  const until = t0 + 3000;
  while (performance.now() < until) evaluations += evaluate(resourceRules, sample, { index }).length;
  const ms = performance.now() - t0;
  done({ rules: resourceRules.length, resources: sample.length, evaluations, perSecond: Math.round((evaluations / ms) * 1000) }, t0);
}
