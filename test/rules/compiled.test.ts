import { describe, expect, it } from "vitest";
import type { Resource } from "../../src/model/resource.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { EvidenceIndex } from "../../src/rules/index.js";
import { parseRule } from "../../src/rules/loader.js";
import { pathStats } from "../../src/rules/path.js";

const simple = parseRule(
  `id: perf-rds-encrypted
title: RDS instances encrypt storage
severity: high
area: encryption
resourceTypes: [AWS::RDS::DBInstance]
condition:
  all:
    - { path: StorageEncrypted, op: eq, value: true }
    - { path: $tags.Owner, op: exists }
    - { path: BackupRetentionPeriod, op: gte, value: 7 }
remediation: fix
`,
  "rules/perf.yaml",
);

function fleet(n: number): Resource[] {
  return Array.from({ length: n }, (_, i) => ({
    type: "AWS::RDS::DBInstance",
    id: `db-${i}`,
    tags: (i % 3 === 0 ? {} : { Owner: "team" }) as Record<string, string>,
    props: { StorageEncrypted: i % 2 === 0, BackupRetentionPeriod: i % 10 },
    origin: { source: "aws" as const },
  }));
}

describe("compiled evaluation", () => {
  it("never parses a path while evaluating", () => {
    const resources = fleet(2000);
    const before = pathStats.parsed;
    const results = evaluate([simple], resources);
    expect(results).toHaveLength(2000);
    expect(pathStats.parsed).toBe(before);
    // Copies of a rule (a policy's severity override) share the compilation too.
    evaluate([{ ...simple, severity: "critical" }], resources);
    expect(pathStats.parsed).toBe(before);
  });

  it("is deterministic and does not touch the resources", () => {
    const resources = fleet(50);
    const snapshot = JSON.stringify(resources);
    const a = evaluate([simple], resources).map((r) => [r.verdict, r.reason]);
    const b = evaluate([simple], resources).map((r) => [r.verdict, r.reason]);
    expect(a).toEqual(b);
    expect(JSON.stringify(resources)).toBe(snapshot);
  });
});
