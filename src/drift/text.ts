/** The drift section as plain text for a terminal or a CI log. Values are shown as the diff shows them. */
import type { DriftItem, DriftSection } from "./types.js";

function label(i: DriftItem): string {
  return i.address ?? i.arn ?? `${i.type} ${i.id}`;
}

function attribution(i: DriftItem): string | undefined {
  const a = i.attribution;
  if (!a) return undefined;
  if (a.status === "found") {
    const e = a.events[0];
    return `last write: ${e.eventName} by ${e.who ?? "unknown"}${e.sourceIPAddress ? ` from ${e.sourceIPAddress}` : ""} at ${e.eventTime}`;
  }
  return a.status === "none" ? a.reason : `attribution unavailable: ${a.reason}`;
}

export function renderDriftText(d: DriftSection, opts: { max?: number } = {}): string {
  const c = d.counts;
  const lines: string[] = [];
  lines.push(`drift: ${c.total} item(s): ${c.security} security, ${c.changed - c.security} changed (${c.tagOnly} tag-only), ${c.missing} missing, ${c.unmanaged} unmanaged`);
  if (d.decision) lines.push(`decision: ${d.decision.decision} (exit ${d.decision.exitCode}, --fail-on ${d.decision.failOn})`);
  const max = opts.max ?? Infinity;
  for (const i of d.items.slice(0, max)) {
    const tag = i.security ? "SECURITY" : i.tagOnly ? "TAGS" : i.kind.toUpperCase();
    lines.push(`  ${tag.padEnd(9)} ${label(i)}${i.rules ? ` [${i.rules.join(", ")}]` : ""}${i.failingRules ? ` (fails ${i.failingRules.join(", ")})` : ""}`);
    for (const ch of i.changes ?? []) lines.push(`      ${ch.text}`);
    const who = attribution(i);
    if (who) lines.push(`      ${who}`);
  }
  if (d.items.length > max) lines.push(`  ... ${d.items.length - max} more`);
  for (const n of d.notCompared) lines.push(`  NOT COMPARED ${n.type}${n.account ? ` ${n.account}` : ""}${n.region ? ` ${n.region}` : ""}: ${n.reason}${n.resources ? ` (${n.resources} resource(s))` : ""}`);
  for (const n of [...d.notes, ...d.attribution.notes]) lines.push(`  note: ${n}`);
  return `${lines.join("\n")}\n`;
}
