/**
 * A minimal readiness.html, used only when the HTML report's readiness view (renderReadinessHtml in
 * html.ts) is not available: every value escaped, no script, no external resource.
 */
import type { ReadinessArtifact } from "../readiness.js";

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const h = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => ESC[c]);

export function renderReadinessFallbackHtml(a: ReadinessArtifact): string {
  const rows = (cells: unknown[][]) => cells.map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join("")}</tr>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${h(a.readiness.name)}: ${h(a.decision.toUpperCase())}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}</style>
</head><body>
<h1>${h(a.readiness.name)}: ${h(a.decision.toUpperCase())} (exit ${h(a.exitCode)})</h1>
<p>Policy ${h(a.policy.name)} · ${h(a.generatedAt)} · plumbline ${h(a.tool.version)} · fail on ${h(a.failOn)}</p>
<ul>${a.reasons.map((r) => `<li>${h(r)}</li>`).join("")}</ul>
<h2>Controls</h2>
<table><tr><th>control</th><th>status</th><th>why</th><th>sources</th></tr>
${rows(a.controls.map((c) => [`${c.id}: ${c.title}`, c.status, c.attestation ?? c.reason, c.sources.join(", ")]))}
</table>
<h2>Evidence</h2>
<table><tr><th>source</th><th>location</th><th>collected</th><th>sha256</th></tr>
${rows(a.evidence.map((e) => [e.source, e.location, e.collectedAt ?? "", e.sha256 ?? e.note ?? ""]))}
</table>
<h2>Waivers relied on</h2>
<table><tr><th>rule</th><th>resource</th><th>owner</th><th>ticket</th><th>expires</th><th>reason</th></tr>
${rows(a.waivers.map((w) => [w.rule, w.resource, w.owner ?? "", w.ticket ?? "", `${w.expires ?? ""}${w.expired ? " (expired)" : ""}`, w.reason]))}
</table>
<h2>Digests</h2>
<p>report.json sha256:${h(a.report.sha256)}${a.digests.evidence ? ` · evidence sha256:${h(a.digests.evidence)}` : ""}</p>
</body></html>
`;
}
