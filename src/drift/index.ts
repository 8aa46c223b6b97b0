/** Drift: desired (Terraform) vs actual (live AWS), scored against policy and attributed via CloudTrail. */
export * from "./types.js";
export { diffResources, orderItems, type DiffOptions, type DiffResult } from "./diff.js";
export { compareResources, pathFilter } from "./compare.js";
export { Coverage, type CoverageInput, type LiveCoverage } from "./coverage.js";
export { NOISE, UNMANAGED_EXEMPT, type NoiseEntry, type NoiseTable } from "./noise.js";
export { scoreDrift } from "./score.js";
export { attributeItems, type AttributionOptions } from "./attribution.js";
export { computeDrift, decideDrift, type DriftInput, type FailOn } from "./drift.js";
export { linkResources } from "./link.js";
export { runDrift, dedupeDesired, liveCoverage, type DriftRunOptions } from "./run.js";
export { renderDriftText } from "./text.js";
