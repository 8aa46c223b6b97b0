/**
 * CSV (RFC 4180): one row per result, for spreadsheets and ticket imports. Fields are quoted when they
 * hold a comma, quote, CR or LF; lines end in CRLF. Spreadsheets run a cell that starts with = + - @ TAB
 * or CR as a formula, and evidence (names, tags) can start that way: such cells get a leading apostrophe.
 */
import type { AuditReport, ReportResult } from "../model.js";
import { resourceLabel } from "./rule-docs.js";

const COLUMNS: [string, (r: ReportResult) => string | number | undefined][] = [
  ["status", (r) => r.status],
  ["waived", (r) => (r.waiver ? (r.waiver.expired ? "expired" : "yes") : "")],
  ["trend", (r) => r.trend],
  ["severity", (r) => r.severity],
  ["rule", (r) => r.ruleId],
  ["title", (r) => r.title],
  ["area", (r) => r.area],
  ["resource", (r) => resourceLabel(r.resource)],
  ["resource_type", (r) => r.resource.type],
  ["resource_id", (r) => r.resource.id],
  ["arn", (r) => r.resource.arn],
  ["address", (r) => r.resource.address],
  ["file", (r) => r.resource.file],
  ["line", (r) => r.resource.line],
  ["source", (r) => r.resource.source],
  ["evidence", (r) => r.resource.location],
  ["account", (r) => r.resource.account],
  ["region", (r) => r.resource.region],
  ["workspace", (r) => r.resource.workspace],
  ["reason", (r) => r.reason],
  ["remediation", (r) => r.remediation],
  ["aws_config_rule", (r) => r.controls.awsConfigRule],
  ["fsbp", (r) => r.controls.fsbp?.join(" ")],
  ["cis", (r) => r.controls.cis?.join(" ")],
  ["waiver_owner", (r) => r.waiver?.owner],
  ["waiver_ticket", (r) => r.waiver?.ticket],
  ["waiver_expires", (r) => r.waiver?.expires],
  ["waiver_reason", (r) => r.waiver?.reason],
  ["fingerprint", (r) => r.fingerprint],
];

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: defused against formula injection, then quoted per RFC 4180 when needed. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(report: AuditReport): string {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const r of report.results) lines.push(COLUMNS.map(([, get]) => csvField(get(r))).join(","));
  return lines.join("\r\n") + "\r\n";
}
