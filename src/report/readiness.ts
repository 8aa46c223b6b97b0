/**
 * The readiness artifact (`plumbline gate --readiness --out DIR` → DIR/readiness.json): the data both
 * readiness.json and readiness.html are made from. Versioned on its own (READINESS_SCHEMA_VERSION);
 * documented in schemas/readiness.schema.json and docs/readiness.md (the digest scheme).
 */
import { createHash } from "node:crypto";
import type { SourceKind } from "../model/resource.js";
import { severityRank, type Severity, type Verdict } from "../rules/verdict.js";
import type { AuditReport, GateDecision, ReportResult } from "./model.js";

export const READINESS_SCHEMA_VERSION = 1;

/**
 * met: every result of the control's rules is PASS / NOT_APPLICABLE (lower-severity FAILs are listed but
 *   do not block); waived: it would be not-met but for active waivers; not-met: an unwaived FAIL at or above
 *   the gate's --fail-on (or an expired waiver); unknown: UNKNOWN results at or above --fail-on;
 *   not-assessed: none of its rules judged any resource (no evidence: never a pass);
 *   manual: the control is not checkable from evidence (runbooks, load tests): signed off outside plumbline.
 */
export type ControlStatus = "met" | "waived" | "not-met" | "unknown" | "not-assessed" | "manual";

export interface ReadinessControlRule {
  ruleId: string;
  /** Whether the policy enables the rule: a disabled rule cannot give evidence. */
  enabled: boolean;
  counts: Record<Verdict, number>;
}

/** One result that keeps a control from being met (or is waived): enough to find it in report.json. */
export interface ReadinessFinding {
  ruleId: string;
  status: Verdict;
  severity: Severity;
  /** Terraform address, ARN or "type id". */
  resource: string;
  /** file:line for Terraform code. */
  where?: string;
  fingerprint: string;
  reason: string;
  waived?: boolean;
}

/** One control as the readiness file defines it (policies/readiness/*.yaml). */
export interface ReadinessControlDef {
  id: string;
  title: string;
  roadmap?: string;
  /** Rule-backed: these rules' results decide it. */
  rules?: string[];
  /** Manual: what a person must attest. */
  manual?: string;
  /** Where it is defined (file:line in errors). */
  line?: number;
}

export interface ReadinessDefinition {
  name: string;
  description?: string;
  file: string;
  controls: ReadinessControlDef[];
}

export interface ReadinessControl {
  id: string;
  title: string;
  /** The roadmap line it comes from (seed phase 2). */
  roadmap?: string;
  status: ControlStatus;
  /** Highest severity among the control's findings, when it has any. */
  severity?: Severity;
  /** Why the status, in one sentence. */
  reason: string;
  rules: ReadinessControlRule[];
  /** Evidence kinds the control's results came from. */
  sources: SourceKind[];
  findings: ReadinessFinding[];
  /** Manual controls: what a person must attest (and where). */
  attestation?: string;
}

export interface ReadinessEvidenceFile {
  /** Path relative to the evidence location for directories; the file itself otherwise. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface ReadinessEvidence {
  source: SourceKind;
  /** As given on the command line (a path, or s3:// URL). */
  location: string;
  workspace?: string;
  resources: number;
  /** Live / AWS Config evidence: when it was collected; a file: its modification time; a directory: its newest Terraform file's. */
  collectedAt?: string;
  /**
   * SHA-256 (hex) of the evidence: of the file for a plan or state file; for an HCL directory, of its
   * manifest (one "<sha256>  <path>\n" line per file, sorted by path, as sha256sum prints). Absent when
   * there is no file to digest (live AWS, AWS Config, S3 state): report.json carries what was read.
   */
  sha256?: string;
  /** HCL directories: every file digested (*.tf, *.tf.json, *.tfvars, *.tfvars.json, .terraform.lock.hcl). */
  files?: ReadinessEvidenceFile[];
  /** Why there is no digest, when there is none. */
  note?: string;
}

export interface ReadinessWaiver {
  rule: string;
  resource: string;
  reason: string;
  owner?: string;
  ticket?: string;
  expires?: string;
  expired: boolean;
  /** Readiness controls whose status relied on it. */
  controls: string[];
}

export interface ReadinessArtifact {
  schemaVersion: typeof READINESS_SCHEMA_VERSION;
  kind: "plumbline-readiness";
  tool: { name: "plumbline"; version: string };
  generatedAt: string;
  /** The readiness definition: its name and file (policies/readiness.yaml by default). */
  readiness: { name: string; file: string; description?: string; /** SHA-256 of the controls file as read. */ sha256?: string };
  policy: { name: string; file?: string };
  /** go (exit 0), no-go (1) or incomplete (3): the gate's decision, made incomplete when an automated control was not assessed. */
  decision: "go" | "no-go" | "incomplete";
  exitCode: 0 | 1 | 3;
  failOn: Severity;
  allowUnknown: boolean;
  reasons: string[];
  counts: Record<ControlStatus, number>;
  controls: ReadinessControl[];
  evidence: ReadinessEvidence[];
  /** Waivers applied to results of the readiness controls' rules (expired ones too: they do not waive). */
  waivers: ReadinessWaiver[];
  /** The report the decision was made from: a file next to readiness.json in the artifact directory. */
  report: { file: string; sha256: string; generatedAt: string };
  /** How to check the artifact; see docs/readiness.md. */
  digests: {
    algorithm: "sha256";
    /** The artifact directory's checksum file (sha256sum -c format) over report.json, readiness.json, readiness.html. */
    manifest: "SHA256SUMS";
    /** SHA-256 of the evidence digests: "<sha256>  <location>\n" per digested evidence, in report order. */
    evidence?: string;
    /** = report.sha256. */
    report: string;
  };
}

// ---- Building the artifact from a gated report (pure: no I/O) ---------------------------------------

/** How many findings one control lists; report.json (digested alongside) has them all. */
export const MAX_FINDINGS_PER_CONTROL = 200;

export interface BuildReadinessInput {
  report: AuditReport;
  definition: ReadinessDefinition;
  /** Rule ids the policy enables (a control over disabled rules has no evidence). */
  enabledRules: ReadonlySet<string>;
  evidence: ReadinessEvidence[];
  reportSha256: string;
  definitionSha256?: string;
}

const STATUS_ORDER: ControlStatus[] = ["met", "waived", "not-met", "unknown", "not-assessed", "manual"];

function label(r: ReportResult): string {
  const res = r.resource;
  return res.address ?? res.arn ?? `${res.type} ${res.id}${res.region ? ` (${res.region})` : ""}`;
}

function zero(): Record<Verdict, number> {
  return { PASS: 0, FAIL: 0, NOT_APPLICABLE: 0, UNKNOWN: 0 };
}

function evidenceDigest(evidence: ReadinessEvidence[]): string | undefined {
  const lines = evidence.filter((e) => e.sha256).map((e) => `${e.sha256}  ${e.location}\n`);
  return lines.length ? sha256Hex(lines.join("")) : undefined;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function controlOf(def: ReadinessControlDef, results: ReportResult[], input: BuildReadinessInput, gate: GateDecision): ReadinessControl {
  const base = { id: def.id, title: def.title, ...(def.roadmap ? { roadmap: def.roadmap } : {}) };
  if (def.manual !== undefined) {
    return { ...base, status: "manual", reason: "Not shown by evidence: needs sign-off outside plumbline.", rules: [], sources: [], findings: [], attestation: def.manual };
  }
  const ruleIds = def.rules ?? [];
  const threshold = severityRank(gate.failOn);
  const counts = new Map(ruleIds.map((id) => [id, zero()]));
  const sources = new Set<SourceKind>();
  let blocking = 0;
  let waived = 0;
  let unknown = 0;
  let below = 0;
  let worst: Severity | undefined;
  const findings: ReadinessFinding[] = [];
  for (const r of results) {
    counts.get(r.ruleId)![r.status]++;
    sources.add(r.resource.source);
    if (r.status !== "FAIL" && r.status !== "UNKNOWN") continue;
    const at = severityRank(r.severity) >= threshold;
    const active = r.status === "FAIL" && Boolean(r.waiver && !r.waiver.expired);
    if (r.status === "FAIL" && at && !active) blocking++;
    else if (r.status === "FAIL" && at) waived++;
    else if (r.status === "UNKNOWN" && at) unknown++;
    else below++;
    if (!worst || severityRank(r.severity) > severityRank(worst)) worst = r.severity;
    if (findings.length < MAX_FINDINGS_PER_CONTROL) {
      const res = r.resource;
      findings.push({
        ruleId: r.ruleId,
        status: r.status,
        severity: r.severity,
        resource: label(r),
        ...(res.file ? { where: `${res.file}${res.line ? `:${res.line}` : ""}` } : {}),
        fingerprint: r.fingerprint,
        reason: r.reason,
        ...(r.waiver ? { waived: active } : {}),
      });
    }
  }
  const rules = ruleIds.map((id) => ({ ruleId: id, enabled: input.enabledRules.has(id), counts: counts.get(id)! }));
  const judged = results.length;
  let status: ControlStatus;
  let reason: string;
  const more = findings.length < blocking + waived + unknown + below ? ` (${MAX_FINDINGS_PER_CONTROL} listed; report.json has all)` : "";
  const lower = below ? `; ${below} finding(s) below ${gate.failOn} do not block` : "";
  if (judged === 0) {
    status = "not-assessed";
    const off = rules.filter((r) => !r.enabled).map((r) => r.ruleId);
    reason =
      off.length === rules.length
        ? `None of its rules is enabled by policy ${input.report.policy.name}: no evidence.`
        : `No resource was judged by its rules${off.length ? ` (not enabled: ${off.join(", ")})` : ""}: no evidence is not a pass.`;
  } else if (blocking) {
    status = "not-met";
    reason = `${blocking} failing result(s) at or above ${gate.failOn} without an active waiver${more}${lower}.`;
  } else if (unknown && !gate.allowUnknown) {
    status = "unknown";
    reason = `${unknown} result(s) at or above ${gate.failOn} could not be decided (UNKNOWN)${more}${lower}.`;
  } else if (waived) {
    status = "waived";
    reason = `Met only through ${waived} active waiver(s)${lower}.`;
  } else {
    status = "met";
    const pass = results.filter((r) => r.status === "PASS").length;
    reason = `${pass} passing, ${results.length - pass - blocking - waived - unknown - below} not applicable result(s)${unknown ? `; ${unknown} UNKNOWN allowed by --allow-unknown` : ""}${lower}.`;
  }
  return { ...base, status, ...(worst ? { severity: worst } : {}), reason, rules, sources: [...sources].sort(), findings };
}

/** The readiness artifact for a report that went through the gate (report.gate is required). */
export function buildReadiness(input: BuildReadinessInput): ReadinessArtifact {
  const { report, definition } = input;
  const gate = report.gate;
  if (!gate) throw new Error("buildReadiness: the report has no gate decision");
  const byRule = new Map<string, ReportResult[]>();
  for (const r of report.results) {
    const list = byRule.get(r.ruleId);
    if (list) list.push(r);
    else byRule.set(r.ruleId, [r]);
  }
  const controls = definition.controls.map((def) => controlOf(def, (def.rules ?? []).flatMap((id) => byRule.get(id) ?? []), input, gate));

  // Waivers the controls' results relied on (expired ones too: they are why a control is not met).
  const waivers = new Map<string, ReadinessWaiver>();
  for (const def of definition.controls) {
    for (const id of def.rules ?? []) {
      for (const r of byRule.get(id) ?? []) {
        if (!r.waiver || r.status !== "FAIL") continue;
        const key = `${r.ruleId}\u0000${label(r)}\u0000${r.waiver.reason}`;
        const w = waivers.get(key) ?? {
          rule: r.ruleId,
          resource: label(r),
          reason: r.waiver.reason,
          ...(r.waiver.owner ? { owner: r.waiver.owner } : {}),
          ...(r.waiver.ticket ? { ticket: r.waiver.ticket } : {}),
          ...(r.waiver.expires ? { expires: r.waiver.expires } : {}),
          expired: r.waiver.expired,
          controls: [],
        };
        if (!w.controls.includes(def.id)) w.controls.push(def.id);
        waivers.set(key, w);
      }
    }
  }

  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<ControlStatus, number>;
  for (const c of controls) counts[c.status]++;

  // The gate's decision is the floor; a control without evidence makes a "go" incomplete.
  let decision = gate.decision;
  let exitCode = gate.exitCode;
  const reasons = [...gate.reasons];
  const unassessed = controls.filter((c) => c.status === "not-assessed");
  if (unassessed.length) {
    reasons.push(`${unassessed.length} readiness control(s) without evidence: ${unassessed.map((c) => c.id).join(", ")}`);
    if (decision === "go") {
      decision = "incomplete";
      exitCode = 3;
    }
  }
  for (const c of controls) if (c.status === "not-met") reasons.push(`control ${c.id} is not met: ${c.reason}`);
  // The gate blocks on every rule of the policy: name the blocking rules no control covers, so the reader
  // of a no-go with every control met knows where to look.
  const covered = new Set(definition.controls.flatMap((c) => c.rules ?? []));
  const threshold = severityRank(gate.failOn);
  const outside = new Map<string, number>();
  for (const r of report.results) {
    if (covered.has(r.ruleId) || r.status !== "FAIL" || severityRank(r.severity) < threshold || (r.waiver && !r.waiver.expired)) continue;
    outside.set(r.ruleId, (outside.get(r.ruleId) ?? 0) + 1);
  }
  if (outside.size) {
    reasons.push(`blocking results outside the readiness controls: ${[...outside].map(([id, n]) => `${id} (${n})`).join(", ")}`);
  }
  const manual = controls.filter((c) => c.status === "manual").length;
  if (manual) reasons.push(`${manual} manual control(s) need sign-off outside plumbline`);

  return {
    schemaVersion: READINESS_SCHEMA_VERSION,
    kind: "plumbline-readiness",
    tool: report.tool,
    generatedAt: report.generatedAt,
    readiness: {
      name: definition.name,
      file: definition.file,
      ...(definition.description ? { description: definition.description } : {}),
      ...(input.definitionSha256 ? { sha256: input.definitionSha256 } : {}),
    },
    policy: report.policy,
    decision,
    exitCode,
    failOn: gate.failOn,
    allowUnknown: gate.allowUnknown,
    reasons,
    counts,
    controls,
    evidence: input.evidence,
    waivers: [...waivers.values()],
    report: { file: "report.json", sha256: input.reportSha256, generatedAt: report.generatedAt },
    digests: {
      algorithm: "sha256",
      manifest: "SHA256SUMS",
      ...(evidenceDigest(input.evidence) ? { evidence: evidenceDigest(input.evidence) } : {}),
      report: input.reportSha256,
    },
  };
}
