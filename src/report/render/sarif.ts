/**
 * SARIF 2.1.0 for code-scanning UIs (GitHub code scanning, Azure DevOps, VS Code). One run; one
 * reportingDescriptor per rule in the report; one result per FAIL (waived ones carry an external
 * suppression) and per UNKNOWN (kind "review": evidence was missing, nothing failed). PASS and
 * NOT_APPLICABLE are left out: code-scanning UIs list problems.
 *
 * HCL findings point at file:line, relative to the repository root (the working directory unless
 * `root` is given), so annotations land on the code; other findings name the Terraform address or ARN as
 * a logical location. partialFingerprints carry the report fingerprint, which ignores line numbers, so an
 * alert survives unrelated edits.
 */
import { isAbsolute, join, relative, sep } from "node:path";
import { severityRank, type Severity } from "../../rules/verdict.js";
import type { AuditReport, ReportResult } from "../model.js";
import { builtinRuleDocs, frameworkIds, resourceLabel, type RuleDoc } from "./rule-docs.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
/** The partialFingerprints key: versioned so a change of fingerprint scheme does not collide. */
export const SARIF_FINGERPRINT_KEY = "plumbline/v1";

type Level = "error" | "warning" | "note" | "none";

const LEVEL: Record<Severity, Level> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
/** GitHub code scanning's scale: >= 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.0" };

export interface SarifOptions {
  /** Directory paths are made relative to (the repository root); default: process.cwd(). */
  root?: string;
  /** Rule descriptions and references; default: the built-in rules'. */
  ruleDocs?: Map<string, RuleDoc>;
}

function uriOf(path: string, root: string): string {
  const abs = isAbsolute(path) ? path : join(root, path);
  const rel = relative(root, abs);
  // Outside the repository: an absolute file URI (annotations cannot land there anyway).
  if (rel.startsWith("..") || isAbsolute(rel)) return new URL(`file://${abs.split(sep).map(encodeURIComponent).join("/")}`).href;
  return rel.split(sep).map(encodeURIComponent).join("/");
}

function ruleDescriptor(r: ReportResult, doc: RuleDoc | undefined) {
  const frameworks = frameworkIds(r.controls);
  const description = doc?.description ?? r.title;
  const helpText = [r.remediation ? `Remediation: ${r.remediation}` : undefined, ...frameworks, ...(doc?.references ?? [])].filter(Boolean).join("\n");
  const md = [
    `**${mdText(r.title)}**`,
    "",
    mdText(description),
    ...(r.remediation ? ["", "**Remediation.** " + mdText(r.remediation)] : []),
    ...(frameworks.length ? ["", ...frameworks.map((f) => `- ${mdText(f)}`)] : []),
    ...(doc?.references.length ? ["", ...doc.references.map((u) => `- <${u}>`)] : []),
  ].join("\n");
  const tags = ["security", "compliance", r.area, ...(r.controls.awsConfigRule ? [`aws-config/${r.controls.awsConfigRule}`] : []),
    ...(r.controls.fsbp ?? []).map((c) => `fsbp/${c}`), ...(r.controls.cis ?? []).map((c) => `cis/${c}`)].filter(Boolean);
  return {
    id: r.ruleId,
    name: pascal(r.ruleId),
    shortDescription: { text: r.title },
    fullDescription: { text: description },
    help: { text: helpText || r.title, markdown: md },
    ...(doc?.references[0] ? { helpUri: doc.references[0] } : {}),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags, "security-severity": SECURITY_SEVERITY[r.severity], severity: r.severity, ...(r.controls.awsConfigRule ? { awsConfigRule: r.controls.awsConfigRule } : {}) },
  };
}

/** Markdown in help texts: rule text is ours, but keep it inert anyway (no raw HTML). */
function mdText(s: string): string {
  return s.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c]!);
}

function pascal(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

function locations(r: ReportResult, root: string) {
  const res = r.resource;
  const logical = {
    logicalLocations: [
      {
        fullyQualifiedName: res.address ?? res.arn ?? `${res.type}/${res.id}`,
        name: res.id,
        kind: "resource",
      },
    ],
  };
  if (res.source === "hcl" && res.file) {
    const file = res.location && !isAbsolute(res.file) ? join(res.location, res.file) : res.file;
    return [
      {
        physicalLocation: { artifactLocation: { uri: uriOf(file, root), uriBaseId: "%SRCROOT%" }, ...(res.line ? { region: { startLine: res.line } } : {}) },
        ...logical,
      },
    ];
  }
  // Plans and state files are files too: point at them (no line: JSON has none worth showing).
  if ((res.source === "tf-plan" || res.source === "tf-state") && res.location && !res.location.includes("://")) {
    return [{ physicalLocation: { artifactLocation: { uri: uriOf(res.location, root), uriBaseId: "%SRCROOT%" } }, ...logical }];
  }
  return [logical];
}

function message(r: ReportResult): string {
  const who = resourceLabel(r.resource);
  const where = r.resource.account ? ` in account ${r.resource.account}${r.resource.region ? ` ${r.resource.region}` : ""}` : "";
  const head = r.status === "UNKNOWN" ? `${r.title}: could not be decided for ${who}${where}` : `${r.title}: ${who}${where}`;
  return `${head}. ${r.reason}`;
}

export function buildSarif(report: AuditReport, opts: SarifOptions = {}) {
  const root = opts.root ?? process.cwd();
  const docs = opts.ruleDocs ?? builtinRuleDocs();
  const ruleIndex = new Map<string, number>();
  const rules: ReturnType<typeof ruleDescriptor>[] = [];
  const ruleSeverity = new Map<string, Severity>();
  // A policy can raise a rule's severity; the descriptor takes the highest the rule has in this report.
  for (const r of report.results) {
    const prev = ruleSeverity.get(r.ruleId);
    if (!prev || severityRank(r.severity) > severityRank(prev)) ruleSeverity.set(r.ruleId, r.severity);
  }
  for (const r of report.results) {
    if (ruleIndex.has(r.ruleId)) continue;
    ruleIndex.set(r.ruleId, rules.length);
    rules.push(ruleDescriptor({ ...r, severity: ruleSeverity.get(r.ruleId)! }, docs.get(r.ruleId)));
  }
  const results = report.results
    .filter((r) => r.status === "FAIL" || r.status === "UNKNOWN")
    .map((r) => {
      const fail = r.status === "FAIL";
      const waived = fail && r.waiver && !r.waiver.expired;
      return {
        ruleId: r.ruleId,
        ruleIndex: ruleIndex.get(r.ruleId)!,
        kind: fail ? "fail" : "review",
        // SARIF: a result whose kind is not "fail" has level "none".
        level: fail ? LEVEL[r.severity] : "none",
        message: { text: message(r) },
        locations: locations(r, root),
        partialFingerprints: { [SARIF_FINGERPRINT_KEY]: r.fingerprint },
        ...(waived
          ? {
              suppressions: [
                {
                  kind: "external",
                  justification: [r.waiver!.reason, r.waiver!.ticket ? `ticket ${r.waiver!.ticket}` : "", r.waiver!.owner ? `owner ${r.waiver!.owner}` : "", r.waiver!.expires ? `expires ${r.waiver!.expires}` : ""]
                    .filter(Boolean)
                    .join("; "),
                },
              ],
            }
          : {}),
        properties: {
          severity: r.severity,
          status: r.status,
          source: r.resource.source,
          resourceType: r.resource.type,
          ...(r.resource.account ? { account: r.resource.account } : {}),
          ...(r.resource.region ? { region: r.resource.region } : {}),
          ...(r.resource.workspace ? { workspace: r.resource.workspace } : {}),
          ...(r.trend ? { trend: r.trend } : {}),
          ...(r.waiver?.expired ? { waiverExpired: r.waiver.expires ?? true } : {}),
        },
      };
    });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0" as const,
    runs: [
      {
        tool: {
          driver: {
            name: "plumbline",
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: "https://plumbline.dev",
            rules,
          },
        },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
        results,
        properties: { policy: report.policy.name, ...(report.gate ? { decision: report.gate.decision } : {}) },
      },
    ],
  };
}

export function renderSarif(report: AuditReport, opts: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(report, opts), null, 2) + "\n";
}
