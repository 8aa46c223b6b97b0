/**
 * JUnit XML for CI test dashboards: one <testsuite> per rule, one <testcase> per rule × resource.
 * FAIL is a <failure>, UNKNOWN an <error> (the check could not run to a verdict), NOT_APPLICABLE
 * <skipped>. A FAIL under an active waiver is <skipped> with the waiver in its message, as the gate does not
 * block on it; under an expired waiver it stays a <failure>.
 *
 * Evidence can hold anything, including characters XML 1.0 cannot carry at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF): those become U+FFFD; the five markup characters are escaped, and in
 * attributes TAB / LF / CR too, so attribute-value normalization does not eat them.
 */
import type { AuditReport, ReportResult } from "../model.js";
import { frameworkIds, resourceLabel } from "./rule-docs.js";

// Not allowed in XML 1.0: C0 controls but TAB LF CR, lone surrogates, U+FFFE, U+FFFF.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(s: string): string {
  return s.replace(INVALID_XML, "\ufffd").replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

export function xmlAttr(s: string | number): string {
  return xmlText(String(s)).replace(/["'\t\n\r]/g, (c) => ({ '"': "&quot;", "'": "&apos;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" })[c]!);
}

function caseName(r: ReportResult): string {
  const res = r.resource;
  const where = res.account ? ` [${res.account}${res.region ? ` ${res.region}` : ""}]` : res.workspace ? ` [${res.workspace}]` : "";
  return `${resourceLabel(res)} (${res.source})${where}`;
}

function details(r: ReportResult): string {
  const res = r.resource;
  return [
    r.reason,
    `resource: ${resourceLabel(res)} (${res.type}, ${res.source})`,
    res.file ? `at: ${res.file}${res.line ? `:${res.line}` : ""}` : res.arn ? `arn: ${res.arn}` : undefined,
    r.remediation ? `remediation: ${r.remediation}` : undefined,
    ...frameworkIds(r.controls),
    r.waiver ? `waiver: ${r.waiver.reason}${r.waiver.ticket ? ` (${r.waiver.ticket})` : ""}${r.waiver.expired ? `, expired ${r.waiver.expires ?? ""}` : ""}` : undefined,
    `fingerprint: ${r.fingerprint}`,
  ]
    .filter(Boolean)
    .join("\n");
}

function testcase(r: ReportResult): string {
  const res = r.resource;
  const attrs = [`name="${xmlAttr(caseName(r))}"`, `classname="${xmlAttr(r.ruleId)}"`, `time="0"`];
  if (res.file) attrs.push(`file="${xmlAttr(res.file)}"`);
  if (res.line) attrs.push(`line="${res.line}"`);
  const open = `    <testcase ${attrs.join(" ")}`;
  const waived = r.status === "FAIL" && r.waiver && !r.waiver.expired;
  if (r.status === "PASS") return `${open}/>`;
  if (r.status === "NOT_APPLICABLE") return `${open}>\n      <skipped message="${xmlAttr(`not applicable: ${r.reason}`)}"/>\n    </testcase>`;
  if (waived) {
    const w = r.waiver!;
    const msg = `FAIL waived${w.expires ? ` until ${w.expires}` : ""}${w.ticket ? ` (${w.ticket})` : ""}: ${w.reason}`;
    return `${open}>\n      <skipped message="${xmlAttr(msg)}"/>\n      <system-out>${xmlText(details(r))}</system-out>\n    </testcase>`;
  }
  const tag = r.status === "FAIL" ? "failure" : "error";
  return `${open}>\n      <${tag} message="${xmlAttr(r.reason)}" type="${xmlAttr(`${r.status} ${r.severity}`)}">${xmlText(details(r))}</${tag}>\n    </testcase>`;
}

export function renderJunit(report: AuditReport): string {
  const byRule = new Map<string, ReportResult[]>();
  for (const r of report.results) {
    const list = byRule.get(r.ruleId);
    if (list) list.push(r);
    else byRule.set(r.ruleId, [r]);
  }
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];
  for (const [ruleId, results] of byRule) {
    const c = { tests: results.length, failures: 0, errors: 0, skipped: 0 };
    for (const r of results) {
      if (r.status === "FAIL" && !(r.waiver && !r.waiver.expired)) c.failures++;
      else if (r.status === "UNKNOWN") c.errors++;
      else if (r.status !== "PASS") c.skipped++;
    }
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    total.skipped += c.skipped;
    const first = results[0];
    const props = [
      ["severity", first.severity],
      ["area", first.area],
      ["title", first.title],
      ...(first.controls.awsConfigRule ? [["awsConfigRule", first.controls.awsConfigRule]] : []),
      ...(first.controls.fsbp?.length ? [["fsbp", first.controls.fsbp.join(" ")]] : []),
      ...(first.controls.cis?.length ? [["cis", first.controls.cis.join(" ")]] : []),
    ];
    suites.push(
      [
        `  <testsuite name="${xmlAttr(ruleId)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="0" timestamp="${xmlAttr(report.generatedAt.replace(/Z$/, ""))}">`,
        `    <properties>`,
        ...props.map(([k, v]) => `      <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>`),
        `    </properties>`,
        ...results.map(testcase),
        `  </testsuite>`,
      ].join("\n"),
    );
  }
  const name = `plumbline ${report.policy.name}`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xmlAttr(name)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="0">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}
