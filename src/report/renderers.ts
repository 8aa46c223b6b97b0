/** Output formats by name. A new format (HTML, SARIF, JUnit...) is one entry here and one module in render/. */
import type { AuditReport } from "./model.js";
import { renderHtml } from "./render/html.js";
import { renderJson } from "./render/json.js";
import { renderMarkdown } from "./render/markdown.js";
import { renderText } from "./render/text.js";
import { renderSarif } from "./render/sarif.js";
import { renderJunit } from "./render/junit.js";
import { renderCsv } from "./render/csv.js";
import { renderAsff, type AsffOptions } from "./render/asff.js";

/** Options some formats read; the others ignore them. */
export interface RenderOptions {
  /** HTML: waivers expiring within this many days are flagged (default 30). */
  waiverWarningDays?: number;
  /** ASFF: account / region for findings whose resource has none (Terraform-only evidence). */
  asff?: AsffOptions;
}

export interface Renderer {
  /** File extension under --out: report.<ext> */
  ext: string;
  render(report: AuditReport, opts?: RenderOptions): string;
}

export const RENDERERS: Record<string, Renderer> = {
  json: { ext: "json", render: renderJson },
  md: { ext: "md", render: renderMarkdown },
  text: { ext: "txt", render: (r) => renderText(r) },
  html: { ext: "html", render: (r, o) => renderHtml(r, { expiringDays: o?.waiverWarningDays }) },
  sarif: { ext: "sarif", render: (r) => renderSarif(r) },
  junit: { ext: "junit.xml", render: (r) => renderJunit(r) },
  csv: { ext: "csv", render: (r) => renderCsv(r) },
  asff: { ext: "asff.json", render: (r, o) => renderAsff(r, o?.asff) },
};

export const FORMAT_NAMES = Object.keys(RENDERERS);
