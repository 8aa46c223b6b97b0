/** The HTML report as a string: sections, counts, escaping, CSP. The real-browser checks are in html-browser.test.ts. */
import { Ajv } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAudit } from "../../src/audit.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import type { AuditReport } from "../../src/report/model.js";
import { RENDERERS } from "../../src/report/renderers.js";
import { HTML_DIR, renderHtml, renderReadinessHtml } from "../../src/report/render/html.js";
import { FIXTURE_FACTS, htmlFixture, readinessFixture, XSS } from "./html-fixture.js";

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat("date-time", fullFormats["date-time"]);
const validateReport = ajv.compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, "schemas/report.schema.json"), "utf8")));

const between = (html: string, open: string, close: string) => {
  const a = html.indexOf(open);
  if (a < 0) throw new Error(`not found: ${open}`);
  return html.slice(a + open.length, html.indexOf(close, a + open.length));
};
const count = (html: string, needle: string) => html.split(needle).length - 1;
const sha = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

describe("HTML report (string)", () => {
  const report = htmlFixture();
  const html = renderHtml(report);

  it("the fixture is a valid schemaVersion 1 report", () => {
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it("is registered as the html format", () => {
    expect(RENDERERS.html.ext).toBe("html");
    expect(RENDERERS.html.render(report)).toBe(html);
  });

  it("puts the summary first, then results, drift, waivers and evidence", () => {
    const order = ['id="summary"', 'id="findings"', 'id="drift"', 'id="waivers"', 'id="evidence"'].map((s) => html.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toMatch(/<div class="banner no-go"[^>]*>\s*<strong>NO-GO<\/strong>/);
    expect(between(html, '<p class="trend" id="trend">', "</p>").replace(/<[^>]+>/g, "")).toBe("3 new, 5 still open, 5 fixed since 2026-11-24");
    const fixed = between(html, 'id="trend-fixed"', "</details>");
    expect(fixed).toContain("<code>s3-logging</code> on module.s3.aws_s3_bucket.logs <span class=\"muted\">(passes)</span>");
    expect(fixed).toContain("(gone)");
    expect(count(html, '<span class="badge trend-new">new</span>')).toBe(1);
    expect(count(html, '<span class="badge trend-open">open</span>')).toBe(1);
    for (const v of ["FAIL", "UNKNOWN", "PASS", "NOT_APPLICABLE", "waived"] as const) {
      expect(html).toContain(`data-count="${v}">${report.summary[v]}<`);
    }
    expect(between(html, 'id="counts-area"', "</table>")).toContain('<tr><th>tagging</th><td class="num">1</td><td class="num">0</td><td class="num">10</td><td class="num">0</td></tr>');
    expect(count(html, '<tbody class="result"')).toBe(FIXTURE_FACTS.rows);
    expect(html).toContain(`<span id="f-total">${FIXTURE_FACTS.rows}</span>`);
  });

  it("sets the sources of one linked resource side by side", () => {
    const group = between(html, "module.s3.aws_s3_bucket.logs</span>", "</table>");
    const heads = [...group.matchAll(/<th class="src">(\w+)<span class="where">([^<]*)</g)].map((m) => [m[1], m[2]]);
    expect(heads).toEqual([
      ["code", "modules/s3/main.tf:12"],
      ["plan", "plan.json"],
      ["state", "arn:aws:s3:::acme-logs"],
      ["live", "arn:aws:s3:::acme-logs"],
    ]);
    // The encryption group: the same reason from all four sources is printed once, under the rule.
    expect(count(group, '<span class="v FAIL">FAIL</span>')).toBe(1 + 4);
    expect(count(group, "ServerSideEncryptionConfiguration is missing")).toBe(1);
  });

  it("lists every finding's remediation, framework ids and waiver", () => {
    expect(html).toContain("<dd>Fix s3-encrypted.</dd>");
    expect(html).toContain("<code>S3_ENCRYPTED</code>");
    expect(html).toContain("<dt>Security Hub FSBP</dt><dd>S3.4</dd>");
    expect(html).toContain("<dt>CIS AWS Foundations</dt><dd>2.1.1</dd>");
  });

  it("sorts waivers into expiring (default 30 days), active and expired, as of generatedAt", () => {
    const expiring = between(html, 'id="waivers-expiring"', "</table>");
    expect(expiring).toContain("PLAT-7");
    expect(expiring).toContain("2026-12-05 <span class=\"muted\">(in 10 d)</span>");
    expect(between(html, 'id="waivers-active"', "</table>")).toContain(escapeLikeHandlebars(XSS.waiver));
    const expired = between(html, 'id="waivers-expired"', "</table>");
    expect(expired).toContain("SEC-1");
    expect(expired).toContain("55 d ago");
    expect(html).toContain("Waivers that matched nothing");
    const narrow = renderHtml(report, { expiringDays: 5 });
    expect(between(narrow, 'id="waivers-expiring"', "</h3>")).toContain("(0)");
    expect(between(narrow, 'id="waivers-active"', "</table>")).toContain("PLAT-7");
  });

  it("shows drift: decision, counts, each item with what differs and who changed it", () => {
    const d = between(html, 'id="drift"', "</section>");
    expect(d).toMatch(/<strong>DRIFT<\/strong>/);
    expect(d).toContain("<b>1</b> changed · <b>1</b> security-relevant · <b>0</b> missing in AWS · <b>1</b> not in Terraform");
    expect(count(d, '<tr class="drift-item">')).toBe(2);
    expect(d).toContain("PutBucketVersioning by arn:aws:iam::111122223333:user/mallory (IAMUser) at 2026-11-24T22:10:00Z");
    expect(d).toContain("attribution unavailable: cloudtrail:LookupEvents was denied (AccessDenied)");
    expect(d).toContain("rds:DescribeDBInstances was denied");
  });

  it("shows live evidence counters, gaps and collection time", () => {
    const ev = between(html, 'id="evidence"', "</section>");
    expect(ev).toContain("2026-11-25T05:58:00.000Z");
    expect(ev).toContain("API: 42 calls · 3 retries · 1 throttled · 1 errors · 42 calls per resource");
    expect(ev).toContain('<tr><td>s3</td><td class="num">30</td><td class="num">3</td><td class="num">1</td><td class="num">0</td></tr>');
    expect(ev).toContain("accounts 111122223333 · regions eu-west-1, us-east-1");
    expect(ev).toContain("<li>AWS::S3::BucketPolicy in 111122223333 / eu-west-1: denied on &lt;iframe");
    expect(ev).toContain("(s3:GetBucketPolicy)</li>");
  });

  it("escapes every evidence value: the only markup is the template's", () => {
    expect(count(html, "<script")).toBe(1);
    expect(count(html, "</script>")).toBe(1);
    for (const tag of ["<img", "<svg onload", "<iframe", "</style><script"]) expect(html).not.toContain(tag);
    expect(html).not.toMatch(/\son(error|load|focus|mouseover)=/i);
    // No link or resource reference from evidence at all: a javascript: URL can only ever be text.
    expect(html).not.toMatch(/\s(href|src|action|formaction|xlink:href)=/i);
    for (const payload of [XSS.script, XSS.img, XSS.closeScript, XSS.svg, XSS.singleQuote, XSS.attr, XSS.waiver, XSS.style, XSS.drift]) {
      expect(html, payload).toContain(escapeLikeHandlebars(payload));
    }
    // A template in the data stays text: values are never compiled.
    expect(html).toContain(escapeLikeHandlebars(XSS.template));
    expect(html).not.toContain("window.__xss=6");
    // The inline script is our file, byte for byte: no evidence (nor U+2028) ever enters it.
    expect(between(html, "<script>", "</script>")).toBe(readFileSync(join(HTML_DIR, "report.js"), "utf8"));
  });

  it("allows only its own inline style and script, by hash, and nothing from the network", () => {
    const csp = decodeEntities(between(html, '<meta http-equiv="Content-Security-Policy" content="', '"'));
    const script = between(html, "<script>", "</script>");
    const style = between(html, "<style>", "</style>");
    expect(csp).toBe(`default-src 'none'; script-src ${sha(script)}; style-src ${sha(style)}; base-uri 'none'; form-action 'none'`);
    expect(csp).not.toContain("unsafe");
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
  });

  it("templates never triple-stash", () => {
    for (const f of readdirSync(HTML_DIR).filter((n) => n.endsWith(".hbs"))) {
      expect(readFileSync(join(HTML_DIR, f), "utf8"), f).not.toContain("{{{");
    }
  });

  it("leaves out sections a report does not have", () => {
    const plain: AuditReport = { ...htmlFixture(), waivers: { unused: [], expired: [] } };
    delete plain.gate;
    delete (plain as unknown as Record<string, unknown>).trend;
    delete (plain as unknown as Record<string, unknown>).drift;
    plain.results = plain.results.map((r) => ({ ...r, waiver: undefined }));
    const out = renderHtml(plain);
    expect(out).not.toContain('class="banner');
    expect(out).not.toContain('id="trend"');
    expect(out).not.toContain('id="drift"');
    expect(out).toContain("No waiver applies to this report.");
  });

  it("renders a report with no results (a drift-only run) without inventing any", () => {
    const empty: AuditReport = { ...htmlFixture(), results: [], gate: undefined, waivers: { unused: [], expired: [] } };
    empty.summary = { PASS: 0, FAIL: 0, NOT_APPLICABLE: 0, UNKNOWN: 0, waived: 0, bySeverity: htmlFixture().summary.bySeverity };
    for (const s of Object.values(empty.summary.bySeverity)) Object.assign(s, { PASS: 0, FAIL: 0, NOT_APPLICABLE: 0, UNKNOWN: 0 });
    const out = renderHtml(empty);
    expect(count(out, '<tbody class="result"')).toBe(0);
    expect(out).toContain('<span id="f-total">0</span>');
    expect(out).toContain('id="drift"');
  });
});

describe("readiness HTML (string)", () => {
  const model = readinessFixture();
  const html = renderReadinessHtml(model);

  it("shows the decision, each control by status, the waivers relied on and the digests", () => {
    expect(html).toMatch(/<div class="banner no-go"[^>]*>\s*<strong>NO-GO<\/strong>/);
    for (const [status, n] of Object.entries(model.counts)) expect(html).toContain(`data-count="${status}">${n}<`);
    const order = [...html.matchAll(/<tbody class="control" data-status="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(["not-met", "unknown", "not-assessed", "waived", "manual", "met"]);
    expect(html).toContain("<code>rds-storage-encrypted</code>");
    expect(html).toContain("not enabled by the policy");
    expect(html).toContain("PLAT-412");
    expect(html).toContain(`<code>${"c".repeat(64)}</code>`);
    expect(html).toContain(`<code>${"d".repeat(64)}</code>`);
    expect(html).toContain("sha256sum -c SHA256SUMS");
  });

  it("escapes every value and allows no script at all", () => {
    expect(html).not.toContain("<script");
    for (const tag of ["<img", "<svg onload", "</style><script"]) expect(html).not.toContain(tag);
    for (const payload of [XSS.script, XSS.img, XSS.closeScript, XSS.svg, XSS.attr, XSS.waiver, XSS.style]) expect(html, payload).toContain(escapeLikeHandlebars(payload));
    const csp = decodeEntities(between(html, '<meta http-equiv="Content-Security-Policy" content="', '"'));
    expect(csp).toBe(`default-src 'none'; style-src ${sha(between(html, "<style>", "</style>"))}; base-uri 'none'; form-action 'none'`);
  });
});

describe("HTML report of a real audit (examples/mobilytics, dev: code, plan and state)", () => {
  it("counts match the JSON report and every area has its section", async () => {
    const ex = join(PACKAGE_ROOT, "examples/mobilytics");
    const report = await runAudit({
      hcl: [ex],
      plans: [join(ex, "generated/dev.plan.json")],
      states: [join(ex, "generated/dev.tfstate")],
      varFiles: [join(ex, "envs/dev.tfvars")],
      workspace: "dev",
      policyFile: join(PACKAGE_ROOT, "policies/dev.yaml"),
      now: new Date("2026-11-25T00:00:00Z"),
    });
    const html = renderHtml(report);
    for (const v of ["FAIL", "UNKNOWN", "PASS", "NOT_APPLICABLE"] as const) expect(html).toContain(`data-count="${v}">${report.summary[v]}<`);
    for (const area of new Set(report.results.map((r) => r.area))) expect(html).toContain(`<details class="area" id="area-${area}"`);
    // Code, plan and state of one Terraform resource share a row: one row per rule and address.
    const rows = new Set(
      report.results.map((r) => `${r.area}\u0000${r.ruleId}\u0000${r.resource.address ?? `${r.resource.source}:${r.resource.id}:${r.resource.region}`}`),
    ).size;
    expect(count(html, '<tbody class="result"')).toBe(rows);
    expect(rows).toBeLessThan(report.results.length);
    expect(html).toContain('<th class="src">code<span class="where">modules/vpc/main.tf:');
  });
});

function decodeEntities(s: string): string {
  return s.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** What Handlebars' escapeExpression makes of a string (& < > " ' ` =). */
function escapeLikeHandlebars(s: string): string {
  const map: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "`": "&#x60;", "=": "&#x3D;" };
  return s.replace(/[&<>"'`=]/g, (c) => map[c]);
}
