/**
 * The HTML report in a real browser: headless Chromium from Debian's packages (`apt-get install chromium`;
 * .ci/run installs it), driven by playwright-core, which downloads no browser of its own. The page is opened
 * from file:// as a person opens it from disk. A screenshot is kept in test-artifacts/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "../../src/audit.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { renderHtml, renderReadinessHtml } from "../../src/report/render/html.js";
import { FIXTURE_FACTS, htmlFixture, largeReport, readinessFixture, XSS, XSS_AREA } from "./html-fixture.js";

const ARTIFACTS = join(PACKAGE_ROOT, "test-artifacts");

function chromiumPath(): string {
  const fromEnv = process.env.PLUMBLINE_CHROMIUM;
  if (fromEnv) return fromEnv;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error("headless Chromium not found: apt-get install -y chromium (or set PLUMBLINE_CHROMIUM)");
}

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  dialogs: string[];
}

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "plumbline-html-"));

async function open(html: string, name: string, viewport = { width: 1366, height: 900 }): Promise<Opened> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport, javaScriptEnabled: true });
  const page = await context.newPage();
  const out: Opened = { page, errors: [], requests: [], dialogs: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") out.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => out.errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    if (r.url() !== url) out.requests.push(r.url());
  });
  page.on("dialog", (d) => {
    out.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: "load" });
  return out;
}

const shown = (page: Page) => page.locator("#f-shown").textContent().then(Number);
const visibleRows = (page: Page) => page.locator("tbody.result:visible").count();
const setBox = (page: Page, name: string, value: string, on: boolean) => page.locator(`#filters input[name="${name}"][value="${value}"]`).setChecked(on);

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox"] });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe("HTML report in headless Chromium", () => {
  it("renders the right counts, with no console error and no network request", async () => {
    const report = htmlFixture();
    const { page, errors, requests, dialogs } = await open(renderHtml(report), "fixture");
    for (const v of ["FAIL", "UNKNOWN", "PASS", "NOT_APPLICABLE", "waived"] as const) {
      expect(await page.locator(`[data-count="${v}"]`).textContent()).toBe(String(report.summary[v]));
    }
    await expect(page.locator("#summary .banner strong").textContent()).resolves.toBe("NO-GO");
    expect(await page.locator("#trend").innerText()).toBe("3 new, 5 still open, 5 fixed since 2026-11-24");
    // The script ran (the filter bar is shown only then) and applied the default filter: FAIL and UNKNOWN.
    expect(await page.locator("#filters").isVisible()).toBe(true);
    expect(await shown(page)).toBe(FIXTURE_FACTS.failOrUnknownRows);
    expect(await visibleRows(page)).toBe(FIXTURE_FACTS.failOrUnknownRows);
    expect(await page.locator("#f-total").textContent()).toBe(String(FIXTURE_FACTS.rows));
    expect(await page.locator("svg.bars rect.seg").count()).toBeGreaterThan(5);
    // A CSP violation would be a console error: the inline style and script are allowed by their hashes.
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.locator(".tile.FAIL").evaluate((el) => getComputedStyle(el).borderLeftStyle)).toBe("solid");
  });

  it("filters by status, severity, area and text", async () => {
    const { page, errors } = await open(renderHtml(htmlFixture()), "filters");
    // PASS-only groups start collapsed; open everything so that "visible" means what a reader sees.
    await page.locator("#f-expand").click();
    await setBox(page, "status", "UNKNOWN", false);
    expect(await shown(page)).toBe(FIXTURE_FACTS.failRows);
    expect(await visibleRows(page)).toBe(FIXTURE_FACTS.failRows);
    await setBox(page, "status", "FAIL", false);
    await setBox(page, "status", "PASS", true);
    expect(await visibleRows(page)).toBe(FIXTURE_FACTS.passRows);
    // Every status: all rows.
    await setBox(page, "status", "FAIL", true);
    await setBox(page, "status", "UNKNOWN", true);
    await setBox(page, "status", "NOT_APPLICABLE", true);
    expect(await visibleRows(page)).toBe(FIXTURE_FACTS.rows);
    // Area: tagging only. Groups and areas with nothing left are hidden too.
    for (const box of await page.locator('#filters input[name="area"]').all()) await box.setChecked((await box.getAttribute("value")) === "tagging");
    expect(await visibleRows(page)).toBe(FIXTURE_FACTS.taggingRows);
    expect(await page.locator("details.area:visible").count()).toBe(1);
    // Severity low within tagging: all 11 are low; drop low and nothing is left.
    await setBox(page, "severity", "low", false);
    expect(await shown(page)).toBe(0);
    await page.locator("#f-reset").click();
    expect(await shown(page)).toBe(FIXTURE_FACTS.failOrUnknownRows);
    // Free text, over everything a row shows (rule, resource, reason, file, remediation).
    // The resource name is in the group's header, not the row: it still finds the bucket's two open rows.
    await page.locator("#f-text").fill("ACME-logs");
    expect(await visibleRows(page)).toBe(2);
    await page.locator("#f-text").fill("multi-region trail");
    expect(await visibleRows(page)).toBe(1);
    await page.locator("#f-text").fill("modules/s3/main.tf:12");
    expect(await visibleRows(page)).toBe(2);
    // The area whose name is an attribute-breaking payload filters like any other.
    await page.locator("#f-text").fill("");
    for (const box of await page.locator('#filters input[name="area"]').all()) await box.setChecked((await box.getAttribute("value")) === XSS_AREA);
    expect(await visibleRows(page)).toBe(1);
    expect(errors).toEqual([]);
  });

  // Twice: as rendered, and with the Content-Security-Policy taken out, so that escaping alone is shown to
  // hold (the CSP would also stop an inline handler that escaping had let through).
  it.each([
    ["as rendered", (html: string) => html],
    ["without its CSP", (html: string) => stripCsp(html)],
  ])("XSS payloads in names, ids, tags, reasons and waivers stay text and never run (%s)", async (name, prepare) => {
    const { page, errors, requests, dialogs } = await open(prepare(renderHtml(htmlFixture())), `xss-${name.replace(/\W+/g, "-")}`);
    // Show everything and open every <details>, then interact with the payload row (focus, hover, click).
    for (const v of ["PASS", "NOT_APPLICABLE"]) await setBox(page, "status", v, true);
    await page.locator("#f-expand").click();
    const row = page.locator("tbody.result", { hasText: "window.__xss=1" });
    await row.hover();
    await row.click();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    // The payloads are on the page as the text they are.
    const body = await page.locator("body").innerText();
    for (const p of [XSS.script, XSS.img, XSS.closeScript, XSS.svg, XSS.jsUrl, XSS.waiver, XSS.style, XSS.template, XSS.drift]) expect(body, p).toContain(p);
    // And nothing but the report's own elements exist: one script, no img/iframe/svg-with-handlers, no links.
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("img, iframe, a[href], [onerror], [onload], [onfocus], [onmouseover], [autofocus]").count()).toBe(0);
  });

  it("prints with filters hidden and every detail expanded", async () => {
    const { page } = await open(renderHtml(htmlFixture()), "print");
    const closed = page.locator("details.more").first();
    expect(await closed.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#filters").isVisible()).toBe(false);
    expect(await page.locator("#f-print-note").innerText()).toContain("status FAIL, UNKNOWN");
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    expect(await page.locator("details:not([open])").count()).toBe(0);
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    expect(await closed.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("10,000 results stay usable: filters still count right (figures printed)", { timeout: 120_000 }, async () => {
    const report = largeReport(10_000, 1);
    const t0 = performance.now();
    const html = renderHtml(report);
    const renderMs = performance.now() - t0;
    const t1 = performance.now();
    const { page, errors } = await open(html, "large");
    const loadMs = performance.now() - t1;
    // Each resource is judged by 5 rules in 5 areas: one row per result, FAIL rows shown by default.
    const failRows = report.results.filter((r) => r.status === "FAIL" || r.status === "UNKNOWN").length;
    expect(await page.locator("#f-total").textContent()).toBe("10000");
    expect(await shown(page)).toBe(failRows);
    const filterMs = await page.evaluate(() => {
      const box = document.querySelector<HTMLInputElement>('#filters input[name="status"][value="PASS"]')!;
      const t = performance.now();
      box.click();
      void document.body.offsetHeight;
      return performance.now() - t;
    });
    expect(await shown(page)).toBe(failRows + report.summary.PASS);
    await page.locator("#f-text").fill('"bucket-1999"');
    expect(await shown(page)).toBe(5 - report.results.filter((r) => r.resource.id === "bucket-1999" && r.status === "NOT_APPLICABLE").length);
    expect(errors).toEqual([]);
    console.log(
      `HTML report, ${report.results.length} results: ${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB, rendered in ${Math.round(renderMs)} ms, ` +
        `opened in Chromium in ${Math.round(loadMs)} ms, a filter change takes ${Math.round(filterMs)} ms`,
    );
  });

  it("the readiness artifact's HTML renders with no script, no error, no request; payloads stay text", async () => {
    const model = readinessFixture();
    const { page, errors, requests, dialogs } = await open(renderReadinessHtml(model), "readiness");
    expect(await page.locator("#decision .banner strong").textContent()).toBe("NO-GO");
    expect(await page.locator("tbody.control").count()).toBe(model.controls.length);
    expect(await page.locator('[data-count="not-met"]').textContent()).toBe("1");
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator("img, iframe, a[href], [onerror], [onload], [onfocus], [autofocus]").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator("body").innerText()).toContain(XSS.waiver);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "html-readiness.png"), fullPage: true });
  });

  it("a real audit (examples/mobilytics dev) renders and is kept as a screenshot", async () => {
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
    const { page, errors, requests } = await open(renderHtml(report), "mobilytics-dev", { width: 1440, height: 1000 });
    expect(await page.locator('[data-count="FAIL"]').textContent()).toBe(String(report.summary.FAIL));
    const failRows = await page.locator('tbody.result[data-status~="FAIL"]').count();
    expect(failRows).toBeGreaterThan(0);
    await setBox(page, "status", "UNKNOWN", false);
    expect(await visibleRows(page)).toBe(failRows);
    await setBox(page, "status", "UNKNOWN", true);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const shot = join(ARTIFACTS, "html-report-mobilytics-dev.png");
    await page.screenshot({ path: shot, fullPage: false });
    expect(existsSync(shot)).toBe(true);
    await page.locator("#findings-h").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "html-report-mobilytics-dev-findings.png") });
    writeFileSync(join(ARTIFACTS, "html-report-mobilytics-dev.html"), renderHtml(report));
  });
});

function stripCsp(html: string): string {
  const out = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "");
  if (out === html) throw new Error("no CSP meta to strip");
  return out;
}
