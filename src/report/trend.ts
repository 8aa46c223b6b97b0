/**
 * Trend since an earlier report (`--baseline previous-report.json`): each finding (FAIL result, waived or
 * not) is new, still open or fixed, matched by fingerprint (rule + resource identity, never file or line,
 * so unrelated code moves and other machines' paths do not make findings "new").
 */
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { InputError } from "../errors.js";
import { SCHEMAS_DIR } from "../paths.js";
import { REPORT_SCHEMA_VERSION, type AuditReport, type FixedResult, type ReportResult, type ReportTrend } from "./model.js";

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  // Formats are not checked: a baseline is only read for its fingerprints, statuses and generatedAt.
  validator ??= new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(
    JSON.parse(readFileSync(join(SCHEMAS_DIR, "report.schema.json"), "utf8")) as object,
  );
  return validator;
}

function describe(e: ErrorObject): string {
  return `${e.instancePath || "(top level)"} ${e.message ?? "is invalid"}`;
}

/** Read and check a baseline report; a clear one-line InputError when it is not a plumbline report of this schema version. */
export async function loadBaseline(file: string): Promise<AuditReport> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`--baseline ${file}: ${code === "ENOENT" ? "no such file" : `cannot read (${code ?? "error"})`}`, file);
  }
  return parseBaseline(text, file);
}

export function parseBaseline(text: string, file: string): AuditReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`--baseline ${file}: not JSON (${(err as Error).message})`, file);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new InputError(`--baseline ${file}: not a plumbline JSON report (expected an object)`, file);
  }
  const d = data as Record<string, unknown>;
  if ((d.tool as { name?: unknown } | undefined)?.name !== "plumbline" || !("schemaVersion" in d)) {
    throw new InputError(`--baseline ${file}: not a plumbline JSON report (write one with --format json)`, file);
  }
  if (d.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new InputError(
      `--baseline ${file}: report schemaVersion ${JSON.stringify(d.schemaVersion)} is not supported (expected ${REPORT_SCHEMA_VERSION})`,
      file,
    );
  }
  const v = validate();
  if (!v(data)) throw new InputError(`--baseline ${file}: not a valid report: ${describe(v.errors![0])}`, file);
  // Its date is shown in headlines: hold it to the ISO form the schema documents.
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(d.generatedAt as string)) {
    throw new InputError(`--baseline ${file}: not a valid report: /generatedAt is not an ISO date-time`, file);
  }
  return data as AuditReport;
}

function resolution(now: ReportResult | undefined): FixedResult["resolution"] | "open" | "unknown" {
  if (!now) return "gone";
  switch (now.status) {
    case "FAIL":
      return "open";
    case "UNKNOWN":
      return "unknown";
    case "PASS":
      return "passes";
    case "NOT_APPLICABLE":
      return "not-applicable";
  }
}

/**
 * Mark each FAIL result of `report` new or open, and set report.trend. `file` is recorded as given.
 * Several results can share a fingerprint only if a report holds the same rule on the same resource twice;
 * the worst status (FAIL over UNKNOWN over the rest) stands for them.
 */
export function applyTrend(report: AuditReport, baseline: AuditReport, file: string): ReportTrend {
  const wasFailing = new Set<string>();
  for (const r of baseline.results) if (r.status === "FAIL") wasFailing.add(r.fingerprint);

  const current = new Map<string, ReportResult>();
  const rank = (r: ReportResult) => (r.status === "FAIL" ? 2 : r.status === "UNKNOWN" ? 1 : 0);
  for (const r of report.results) {
    const seen = current.get(r.fingerprint);
    if (!seen || rank(r) > rank(seen)) current.set(r.fingerprint, r);
  }

  let fresh = 0;
  let open = 0;
  for (const r of report.results) {
    if (r.status !== "FAIL") {
      delete r.trend;
      continue;
    }
    if (wasFailing.has(r.fingerprint)) {
      r.trend = "open";
      open++;
    } else {
      r.trend = "new";
      fresh++;
    }
  }

  const fixedResults: FixedResult[] = [];
  let unknown = 0;
  const counted = new Set<string>();
  for (const b of baseline.results) {
    if (b.status !== "FAIL" || counted.has(b.fingerprint)) continue;
    counted.add(b.fingerprint);
    const res = resolution(current.get(b.fingerprint));
    if (res === "unknown") unknown++;
    else if (res !== "open") {
      // The baseline's own trend said how it compared with the run before it: not this run's business.
      const { trend: _previous, ...rest } = b;
      void _previous;
      fixedResults.push({ ...rest, resolution: res });
    }
  }

  const trend: ReportTrend = {
    baseline: { generatedAt: baseline.generatedAt, file },
    new: fresh,
    open,
    fixed: fixedResults.length,
    unknown,
    fixedResults,
  };
  report.trend = trend;
  return trend;
}

/** "3 new, 5 fixed since 2026-11-24": the line Markdown and text put first. */
export function trendHeadline(t: ReportTrend): string {
  const day = t.baseline.generatedAt.slice(0, 10);
  const rest = [`${t.open} still open`];
  if (t.unknown) rest.push(`${t.unknown} now UNKNOWN`);
  return `${t.new} new, ${t.fixed} fixed since ${day} (${rest.join(", ")})`;
}
