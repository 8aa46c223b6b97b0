import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/policy/loader.js";

async function files(map: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "plumbline-drift-policy-"));
  for (const [name, text] of Object.entries(map)) await writeFile(join(dir, name), text);
  return dir;
}

describe("policy drift.ignore", () => {
  it("loads entries with their line, and adds up bases' entries like waivers", async () => {
    const dir = await files({
      "base.yaml": `name: base
rules: { include: { all: true } }
drift:
  ignore:
    - { type: "AWS::ECS::Service", id: "*", attributes: [TaskDefinition], reason: deployed by CI }
`,
      "prod.yaml": `name: prod
extends: [base.yaml]
drift:
  ignore:
    - type: AWS::S3::Bucket
      id: "scratch-*"
      reason: scratch buckets come and go
`,
    });
    const p = await loadPolicy(join(dir, "prod.yaml"));
    expect(p.drift?.ignore).toEqual([
      { type: "AWS::ECS::Service", id: "*", attributes: ["TaskDefinition"], reason: "deployed by CI", file: join(dir, "base.yaml"), line: 5 },
      { type: "AWS::S3::Bucket", id: "scratch-*", reason: "scratch buckets come and go", file: join(dir, "prod.yaml"), line: 5 },
    ]);
  });

  it("a policy without drift settings has none", async () => {
    const dir = await files({ "p.yaml": "name: p\nrules: { include: { all: true } }\n" });
    expect((await loadPolicy(join(dir, "p.yaml"))).drift).toBeUndefined();
  });

  it("an entry without a reason, or with an unknown key, is an input error naming the line", async () => {
    const dir = await files({
      "a.yaml": "name: a\nrules: { include: { all: true } }\ndrift:\n  ignore:\n    - { type: AWS::S3::Bucket, id: x }\n",
      "b.yaml": "name: b\nrules: { include: { all: true } }\ndrift:\n  ignore:\n    - { type: AWS::S3::Bucket, id: x, reason: r, paths: [Tags] }\n",
    });
    await expect(loadPolicy(join(dir, "a.yaml"))).rejects.toThrow(/a\.yaml:5: .*reason/);
    await expect(loadPolicy(join(dir, "b.yaml"))).rejects.toThrow(/b\.yaml:5: .*paths/);
  });
});
