/**
 * The readiness artifact's HTML view model (reports/html/readiness.hbs): the go / no-go decision, each
 * readiness control with its status and findings, the waivers relied on, the evidence with its digests.
 * Plain strings and numbers; Handlebars escapes every one of them.
 */
import type { ControlStatus, ReadinessArtifact } from "../readiness.js";
import { SOURCE_LABELS, STATUS_LABELS, text } from "./html-view.js";

export const CONTROL_STATUSES: readonly ControlStatus[] = ["not-met", "unknown", "not-assessed", "waived", "manual", "met"];

const CONTROL_LABELS: Record<ControlStatus, string> = {
  "not-met": "NOT MET",
  unknown: "UNKNOWN",
  "not-assessed": "NOT ASSESSED",
  waived: "WAIVED",
  manual: "MANUAL",
  met: "MET",
};

/** The verdict colour each control status is drawn in (CSS classes of the report). */
const CONTROL_CLASS: Record<ControlStatus, string> = {
  "not-met": "FAIL",
  unknown: "UNKNOWN",
  "not-assessed": "UNKNOWN",
  waived: "WAIVED",
  manual: "NOT_APPLICABLE",
  met: "PASS",
};

const rank = (s: ControlStatus) => CONTROL_STATUSES.indexOf(s);

export function readinessView(model: ReadinessArtifact) {
  const controls = [...(model.controls ?? [])].sort((a, b) => rank(a.status) - rank(b.status) || a.id.localeCompare(b.id));
  return {
    title: `Readiness: ${text(model.readiness?.name ?? "", 200)}`,
    model,
    counts: CONTROL_STATUSES.map((s) => ({ status: s, label: CONTROL_LABELS[s], cls: CONTROL_CLASS[s], n: model.counts?.[s] ?? 0 })),
    controls: controls.map((c) => ({
      id: text(c.id, 200),
      title: text(c.title, 300),
      roadmap: c.roadmap !== undefined ? text(c.roadmap, 500) : undefined,
      status: c.status,
      label: CONTROL_LABELS[c.status] ?? text(c.status, 30),
      cls: CONTROL_CLASS[c.status] ?? "UNKNOWN",
      severity: c.severity,
      reason: text(c.reason),
      sources: (c.sources ?? []).map((s) => SOURCE_LABELS[s] ?? text(s, 30)).join(", "),
      rules: (c.rules ?? []).map((r) => ({
        ruleId: text(r.ruleId, 200),
        enabled: r.enabled,
        counts: (["FAIL", "UNKNOWN", "PASS", "NOT_APPLICABLE"] as const).filter((v) => r.counts?.[v]).map((v) => `${r.counts[v]} ${STATUS_LABELS[v]}`).join(", "),
      })),
      findings: (c.findings ?? []).map((f) => ({
        ruleId: text(f.ruleId, 200),
        status: f.status,
        statusLabel: STATUS_LABELS[f.status] ?? text(f.status, 20),
        severity: f.severity,
        resource: text(f.resource, 500),
        where: f.where !== undefined ? text(f.where, 500) : undefined,
        reason: text(f.reason),
        waived: f.waived === true,
      })),
      attestation: c.attestation !== undefined ? text(c.attestation) : undefined,
    })),
    waivers: (model.waivers ?? []).map((w) => ({
      rule: text(w.rule, 200),
      resource: text(w.resource, 500),
      reason: text(w.reason),
      owner: w.owner !== undefined ? text(w.owner, 200) : undefined,
      ticket: w.ticket !== undefined ? text(w.ticket, 200) : undefined,
      expires: w.expires !== undefined ? text(w.expires, 40) : undefined,
      expired: w.expired,
      controls: (w.controls ?? []).map((c) => text(c, 200)).join(", "),
    })),
    evidence: (model.evidence ?? []).map((e) => ({
      label: SOURCE_LABELS[e.source] ?? text(e.source, 30),
      source: e.source,
      location: text(e.location, 500),
      workspace: e.workspace !== undefined ? text(e.workspace, 200) : undefined,
      resources: e.resources,
      collectedAt: e.collectedAt !== undefined ? text(e.collectedAt, 60) : undefined,
      sha256: e.sha256 !== undefined ? text(e.sha256, 100) : undefined,
      note: e.note !== undefined ? text(e.note) : undefined,
      files: (e.files ?? []).map((f) => ({ path: text(f.path, 500), sha256: text(f.sha256, 100), bytes: f.bytes })),
    })),
  };
}
