/** Output formats by name. A new format (HTML, SARIF, JUnit...) is one entry here and one module in render/. */
import type { AuditReport } from "./model.js";
import { renderJson } from "./render/json.js";
import { renderMarkdown } from "./render/markdown.js";
import { renderText } from "./render/text.js";

export interface Renderer {
  /** File extension under --out: report.<ext> */
  ext: string;
  render(report: AuditReport): string;
}

export const RENDERERS: Record<string, Renderer> = {
  json: { ext: "json", render: renderJson },
  md: { ext: "md", render: renderMarkdown },
  text: { ext: "txt", render: (r) => renderText(r) },
};

export const FORMAT_NAMES = Object.keys(RENDERERS);
