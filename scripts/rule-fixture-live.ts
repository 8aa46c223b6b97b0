/**
 * The live form of a rule fixture case, for scripts/regenerate-rule-fixtures.sh: collects the moto account
 * a case was just applied to with plumbline's own live collection (collectLiveRun, as `audit --aws` runs
 * it) and writes the canonical records as resources.json. The regenerate script bundles it with esbuild;
 * by hand, vite-node runs it from source:
 *
 *   vite-node scripts/rule-fixture-live.ts -- <rule-id> <endpoint> <account> <region> <out.json>
 *
 * Only the collectors for the types the rule reads run (as the audit chooses them), but every prop of
 * those types is kept, so the records stay valid when the rule later reads another prop. Exits 3 without
 * writing when the collection has a gap (a type it could not list): such a form would not be the account.
 */
import { writeFileSync } from "node:fs";
import { BUILTIN_RULES_DIR } from "../src/paths.js";
import { loadRules } from "../src/rules/loader.js";
import { ruleResourceTypes } from "../src/rules/reads.js";
import { collectLiveRun } from "../src/sources/aws/collect.js";
import type { Resource } from "../src/model/resource.js";
import { isUnknown, Unknown } from "../src/model/values.js";

const args = process.argv.slice(2).filter((a) => a !== "--");
if (args.length !== 5) {
  console.error("usage: rule-fixture-live.ts <rule-id> <endpoint> <account> <region> <out.json>");
  process.exit(2);
}
const [ruleId, endpoint, account, region, out] = args;

const rule = (await loadRules([BUILTIN_RULES_DIR])).find((r) => r.id === ruleId);
if (!rule) {
  console.error(`no rule ${ruleId} in ${BUILTIN_RULES_DIR}`);
  process.exit(2);
}

const run = await collectLiveRun({
  types: ruleResourceTypes([rule]),
  regions: [region],
  homeRegion: region,
  // moto: any role ARN in the account returns that account's credentials.
  assumeRoles: [`arn:aws:iam::${account}:role/plumbline-audit`],
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  endpoint,
  maxAttempts: 2,
  quiet: true,
});

const [evidence] = run.evidence;
if (!evidence || run.evidence.length !== 1) throw new Error(`expected the evidence of one account, got ${run.evidence.length}`);
if (evidence.gaps.length > 0) {
  for (const g of evidence.gaps) console.error(`gap: ${g.type}${g.region ? ` in ${g.region}` : ""}: ${g.reason}`);
  process.exit(3);
}

/**
 * A value the collector could not read (an Unknown: moto lacks the call) is written as
 * `{"$unknown": reason}`, which the fixtures harness turns back into an Unknown: the rule must then say
 * UNKNOWN wherever it reads it, as it would live. Only plain Unknowns come from collectors; the HCL
 * kinds (references, partial JSON) would lose their meaning in JSON, so they stop the run.
 */
function portable(v: unknown, path: string): unknown {
  if (isUnknown(v)) {
    if (v.constructor !== Unknown) throw new Error(`${path}: a ${v.constructor.name} cannot be written as JSON`);
    return { $unknown: v.reason, ...(v.expression ? { expression: v.expression } : {}) };
  }
  if (v instanceof Date) return v;
  if (Array.isArray(v)) return v.map((x, i) => portable(x, `${path}[${i}]`));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, portable(x, `${path}.${k}`)]));
  return v;
}

// A stable order, so regenerating an unchanged case changes only moto's random ids.
const key = (r: Resource) => `${r.type}\u0000${r.region ?? ""}\u0000${r.id}`;
const sorted = [...evidence.resources].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
writeFileSync(out, `${JSON.stringify(sorted.map((r) => portable(r, `${r.type} ${r.id}`)), null, 2)}\n`);
console.error(`${ruleId}: ${sorted.length} live record(s) of ${ruleResourceTypes([rule]).join(", ")}; ${run.stats.total().calls} calls`);
