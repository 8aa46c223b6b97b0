/** Markdown for PR comments stays under GitHub's 65,536-character comment limit, however big the report. */
import { describe, expect, it } from "vitest";
import type { ReportResource, ReportResult } from "../../src/report/model.js";
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from "../../src/report/render/markdown.js";
import { summarize } from "../../src/report/summary.js";
import { applyTrend } from "../../src/report/trend.js";
import type { Severity, Verdict } from "../../src/rules/verdict.js";
import { formatsReport, result } from "./formats-fixture.js";

const SEVS: Severity[] = ["critical", "high", "medium", "low", "info"];
const STATUSES: Verdict[] = ["FAIL", "FAIL", "UNKNOWN", "PASS", "NOT_APPLICABLE"];

function big(n: number, seed = 0): ReportResult[] {
  const out: ReportResult[] = [];
  for (let i = 0; i < n; i++) {
    const res: ReportResource = {
      type: "AWS::S3::Bucket",
      id: `bucket-${seed}-${i}-${"x".repeat(40)}`,
      source: "hcl",
      address: `module.m${i % 50}.aws_s3_bucket.b_${seed}_${i}`,
      file: `modules/m${i % 50}/main.tf`,
      line: 1 + (i % 400),
      workspace: "prod",
    };
    const r = result(`rule-${i % 40}`, SEVS[i % 5], STATUSES[i % 5], res, { reason: `a long reason | with *markdown* and <html> ${"y".repeat(200)}` });
    if (i % 7 === 0 && r.status === "FAIL") r.waiver = { reason: "accepted ".repeat(20), owner: "o@example.com", ticket: `T-${i}`, expires: "2027-01-01", expired: false };
    out.push(r);
  }
  return out;
}

describe("Markdown size", () => {
  it("keeps a 10,000-result report (with trend and waivers) under the GitHub comment limit by summarizing the tail", () => {
    const report = formatsReport();
    report.results = big(10_000);
    report.summary = summarize(report.results);
    const baseline = { ...formatsReport(), results: big(10_000, 1), generatedAt: "2026-11-24T06:00:00.000Z" };
    applyTrend(report, baseline, "prev.json");
    expect(report.trend!.fixed).toBeGreaterThan(1000);
    const md = renderMarkdown(report);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toMatch(/more finding\(s\), by rule/);
    expect(md).toMatch(/…and \d+ more\./);
    // The headline and the gate-independent summary survive; the cut is the findings table, not the end.
    expect(md).toContain("since 2026-11-24");
    expect(md).toContain("### Evidence");
    expect(md).not.toContain("report truncated");
  });
});
