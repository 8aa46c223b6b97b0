/**
 * The readiness artifact on disk: `gate --readiness --out DIR` writes DIR/report.json, readiness.json,
 * readiness.html and SHA256SUMS; `verify-readiness DIR` checks it later. The digest scheme (docs/readiness.md):
 *
 *  - report.json: SHA-256 of its bytes, recorded in readiness.json (report.sha256, digests.report).
 *  - evidence: a plan or state file → SHA-256 of its bytes; an HCL directory → SHA-256 of its manifest, one
 *    "<sha256>  <relative path>\n" line per Terraform file under it (*.tf, *.tf.json, *.tfvars,
 *    *.tfvars.json, .terraform.lock.hcl; .terraform/ and dot-directories skipped), sorted by path
 *    (the format `sha256sum` prints, so `sha256sum` can reproduce it); --var-file files each on their own.
 *    digests.evidence = SHA-256 of "<sha256>  <location>\n" per digested evidence, in report order.
 *    Live AWS / AWS Config / s3:// state have no file to digest: what was read is in report.json.
 *  - SHA256SUMS: `sha256sum -c` format over report.json, readiness.json, readiness.html. Its own SHA-256 is
 *    the artifact digest the gate prints: record it (change ticket, release notes) and pass it to
 *    `verify-readiness --expect` to prove nothing in the directory was replaced as a whole.
 */
import { readdir, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { SCHEMAS_DIR } from "../paths.js";
import type { AuditReport } from "./model.js";
import { buildReadiness, sha256Hex, type ReadinessArtifact, type ReadinessDefinition, type ReadinessEvidence, type ReadinessEvidenceFile } from "./readiness.js";
import { renderJson } from "./render/json.js";
import { renderReadinessHtml } from "./render/html.js";
import { renderReadinessFallbackHtml } from "./render/readiness-fallback.js";

export const ARTIFACT_FILES = ["report.json", "readiness.json", "readiness.html"] as const;
export const MANIFEST = "SHA256SUMS";

const TF_FILE = /(\.tf|\.tf\.json|\.tfvars|\.tfvars\.json)$|^\.terraform\.lock\.hcl$/;

async function tfFiles(root: string, dir: string, out: ReadinessEvidenceFile[], newest: { ms: number }): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      await tfFiles(root, p, out, newest);
    } else if (e.isFile() && TF_FILE.test(e.name)) {
      const bytes = await readFile(p);
      newest.ms = Math.max(newest.ms, (await stat(p)).mtimeMs);
      out.push({ path: relative(root, p).split(sep).join("/"), sha256: sha256Hex(bytes), bytes: bytes.length });
    }
  }
}

/** "<sha256>  <path>\n" lines sorted by path (code-unit order, the same on every machine). */
export function manifestOf(files: readonly { path: string; sha256: string }[]): string {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => `${f.sha256}  ${f.path}\n`).join("");
}

async function digestPath(location: string): Promise<Pick<ReadinessEvidence, "sha256" | "files" | "collectedAt" | "note">> {
  let st;
  try {
    st = await stat(location);
  } catch {
    return { note: "not found when the artifact was written: no digest" };
  }
  if (st.isDirectory()) {
    const files: ReadinessEvidenceFile[] = [];
    const newest = { ms: 0 };
    await tfFiles(location, location, files, newest);
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // For a directory, "collected" is when its newest Terraform file last changed.
    return { sha256: sha256Hex(manifestOf(files)), files, ...(newest.ms ? { collectedAt: new Date(newest.ms).toISOString() } : {}) };
  }
  const bytes = await readFile(location);
  return { sha256: sha256Hex(bytes), collectedAt: st.mtime.toISOString() };
}

/** Digests of the report's evidence, taken right after the audit, plus each --var-file. */
export async function digestEvidence(report: AuditReport, varFiles: readonly string[] = []): Promise<ReadinessEvidence[]> {
  const out: ReadinessEvidence[] = [];
  for (const e of report.evidence) {
    const base: ReadinessEvidence = { source: e.source, location: e.location, resources: e.resources, ...(e.workspace ? { workspace: e.workspace } : {}) };
    if (e.source === "aws" || e.source === "aws-config") {
      out.push({ ...base, ...(e.collectedAt ? { collectedAt: e.collectedAt } : {}), note: "live evidence: no file to digest; what was read is in report.json" });
    } else if (e.location.includes("://")) {
      out.push({ ...base, note: "read from a remote backend: no digest of the object; what was judged is in report.json" });
    } else {
      out.push({ ...base, ...(await digestPath(e.location)) });
    }
  }
  for (const f of varFiles) out.push({ source: "hcl", location: f, resources: 0, ...(await digestPath(f)), note: "--var-file" });
  return out;
}

export interface WriteReadinessInput {
  report: AuditReport;
  definition: ReadinessDefinition;
  definitionText: string;
  enabledRules: ReadonlySet<string>;
  varFiles?: readonly string[];
}

export interface WrittenReadiness {
  artifact: ReadinessArtifact;
  /** SHA-256 of SHA256SUMS: the one value to record. */
  artifactDigest: string;
  files: string[];
  /** True when the HTML came from the built-in minimal page (the HTML report's view was not available). */
  fallbackHtml: boolean;
}

/** readiness.html: the HTML report's readiness view when it renders, else a minimal escaped page. */
function readinessHtml(artifact: ReadinessArtifact): { html: string; fallback: boolean } {
  try {
    return { html: renderReadinessHtml(artifact), fallback: false };
  } catch {
    return { html: renderReadinessFallbackHtml(artifact), fallback: true };
  }
}

export async function writeReadinessArtifact(dir: string, input: WriteReadinessInput): Promise<WrittenReadiness> {
  await mkdir(dir, { recursive: true });
  const reportText = renderJson(input.report);
  const evidence = await digestEvidence(input.report, input.varFiles);
  const artifact = buildReadiness({
    report: input.report,
    definition: input.definition,
    enabledRules: input.enabledRules,
    evidence,
    reportSha256: sha256Hex(reportText),
    definitionSha256: sha256Hex(input.definitionText),
  });
  const readinessText = JSON.stringify(artifact, null, 2) + "\n";
  const { html, fallback } = readinessHtml(artifact);
  const contents: Record<(typeof ARTIFACT_FILES)[number], string> = { "report.json": reportText, "readiness.json": readinessText, "readiness.html": html };
  const sums = ARTIFACT_FILES.map((f) => `${sha256Hex(contents[f])}  ${f}\n`).join("");
  for (const f of ARTIFACT_FILES) await writeFile(join(dir, f), contents[f]);
  await writeFile(join(dir, MANIFEST), sums);
  return { artifact, artifactDigest: sha256Hex(sums), files: [...ARTIFACT_FILES, MANIFEST].map((f) => join(dir, f)), fallbackHtml: fallback };
}

// ---- Verification ----------------------------------------------------------------------------------

export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyResult {
  intact: boolean;
  decision?: string;
  artifactDigest?: string;
  checks: VerifyCheck[];
}

let artifactValidator: ValidateFunction | undefined;
function validateArtifact(): ValidateFunction {
  artifactValidator ??= new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(
    JSON.parse(readFileSync(join(SCHEMAS_DIR, "readiness.schema.json"), "utf8")) as object,
  );
  return artifactValidator;
}

/** The definition and inputs an artifact was built from, as it records them. */
function inputsOf(a: ReadinessArtifact): { definition: ReadinessDefinition; enabled: Set<string> } {
  const enabled = new Set<string>();
  const controls = a.controls.map((c) => {
    for (const r of c.rules) if (r.enabled) enabled.add(r.ruleId);
    return {
      id: c.id,
      title: c.title,
      ...(c.roadmap ? { roadmap: c.roadmap } : {}),
      ...(c.status === "manual" ? { manual: c.attestation ?? "" } : { rules: c.rules.map((r) => r.ruleId) }),
    };
  });
  return { definition: { name: a.readiness.name, ...(a.readiness.description ? { description: a.readiness.description } : {}), file: a.readiness.file, controls }, enabled };
}

export interface VerifyOptions {
  /** Re-hash the evidence at its recorded locations (relative to the working directory). */
  evidence?: boolean;
  /** The artifact digest recorded when the gate ran (SHA-256 of SHA256SUMS), hex, optionally "sha256:"-prefixed. */
  expect?: string;
}

export async function verifyReadiness(dir: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const checks: VerifyCheck[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  let sums: string;
  try {
    sums = await readFile(join(dir, MANIFEST), "utf8");
  } catch {
    throw new InputError(`${join(dir, MANIFEST)}: no such file: not a readiness artifact directory (write one with gate --readiness --out DIR)`);
  }
  const artifactDigest = sha256Hex(sums);
  if (opts.expect !== undefined) {
    const want = opts.expect.replace(/^sha256:/, "").toLowerCase();
    add("artifact digest", want === artifactDigest, want === artifactDigest ? `sha256:${artifactDigest}` : `expected ${want}, SHA256SUMS hashes to ${artifactDigest}`);
  }
  const listed = new Map<string, string>();
  for (const [i, line] of sums.split("\n").entries()) {
    if (!line) continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) {
      add(MANIFEST, false, `line ${i + 1} is not "<sha256>  <file>"`);
      continue;
    }
    listed.set(m[2], m[1]);
  }
  const bytes = new Map<string, Buffer>();
  for (const f of ARTIFACT_FILES) {
    const want = listed.get(f);
    let data: Buffer | undefined;
    try {
      data = await readFile(join(dir, f));
      bytes.set(f, data);
    } catch {
      data = undefined;
    }
    if (!want) add(f, false, `not listed in ${MANIFEST}`);
    else if (!data) add(f, false, "missing");
    else {
      const got = sha256Hex(data);
      add(f, got === want, got === want ? `sha256:${got}` : `changed: ${MANIFEST} says ${want}, the file hashes to ${got}`);
    }
  }
  for (const f of listed.keys()) if (!(ARTIFACT_FILES as readonly string[]).includes(f)) add(f, false, `unexpected entry in ${MANIFEST}`);

  const readinessBytes = bytes.get("readiness.json");
  const reportBytes = bytes.get("report.json");
  let artifact: ReadinessArtifact | undefined;
  if (readinessBytes) {
    try {
      const data = JSON.parse(readinessBytes.toString("utf8")) as unknown;
      const v = validateArtifact();
      if (v(data)) artifact = data as ReadinessArtifact;
      else add("readiness.json schema", false, `${v.errors![0].instancePath || "(top level)"} ${v.errors![0].message}`);
    } catch (e) {
      add("readiness.json schema", false, `not JSON (${(e as Error).message})`);
    }
  }
  if (artifact && reportBytes) {
    const got = sha256Hex(reportBytes);
    add("report digest", got === artifact.report.sha256 && got === artifact.digests.report, got === artifact.report.sha256 ? `report.json matches readiness.json's sha256:${got}` : `readiness.json records ${artifact.report.sha256}, report.json hashes to ${got}`);
    // The decision must follow from the report: rebuild the artifact from report.json and what readiness.json records as its inputs.
    try {
      const report = JSON.parse(reportBytes.toString("utf8")) as AuditReport;
      const { definition, enabled } = inputsOf(artifact);
      const rebuilt = buildReadiness({ report, definition, enabledRules: enabled, evidence: artifact.evidence, reportSha256: got, definitionSha256: artifact.readiness.sha256 });
      const same = JSON.stringify(rebuilt) === JSON.stringify(artifact);
      add("decision", same, same ? `${artifact.decision} (exit ${artifact.exitCode}) follows from report.json` : `readiness.json does not follow from report.json (recorded ${artifact.decision}, recomputed ${rebuilt.decision})`);
    } catch (e) {
      add("decision", false, `could not recompute: ${(e as Error).message}`);
    }
  }
  if (artifact && opts.evidence) {
    for (const e of artifact.evidence) {
      if (!e.sha256) continue;
      const now = await digestPath(e.location);
      if (!now.sha256) add(`evidence ${e.location}`, false, "missing");
      else if (now.sha256 === e.sha256) add(`evidence ${e.location}`, true, `sha256:${now.sha256}`);
      else {
        const changed = e.files && now.files ? diffFiles(e.files, now.files) : "";
        add(`evidence ${e.location}`, false, `changed since the gate ran${changed ? `: ${changed}` : ""}`);
      }
    }
  }
  return { intact: checks.every((c) => c.ok), ...(artifact ? { decision: artifact.decision } : {}), artifactDigest, checks };
}

function diffFiles(then: readonly ReadinessEvidenceFile[], now: readonly ReadinessEvidenceFile[]): string {
  const a = new Map(then.map((f) => [f.path, f.sha256]));
  const b = new Map(now.map((f) => [f.path, f.sha256]));
  const out: string[] = [];
  for (const [p, h] of a) if (!b.has(p)) out.push(`${p} removed`);
  else if (b.get(p) !== h) out.push(`${p} changed`);
  for (const p of b.keys()) if (!a.has(p)) out.push(`${p} added`);
  return out.slice(0, 5).join(", ") + (out.length > 5 ? `, … ${out.length - 5} more` : "");
}
