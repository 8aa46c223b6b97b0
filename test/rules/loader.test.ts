import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { loadRules, parseRule } from "../../src/rules/loader.js";
import { resource } from "./helpers.js";

const FIX = join(import.meta.dirname, "../fixtures/rules-engine");

/** The one-line message parseRule throws for `text`, or "" if it does not throw. */
function errorOf(text: string, file = "rules/x.yaml"): string {
  try {
    parseRule(text, file);
    return "";
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).not.toContain("\n");
    return (e as Error).message;
  }
}

const head = `id: x-rule
title: A rule
severity: high
area: encryption
resourceTypes: [AWS::RDS::DBInstance]
remediation: fix
`;

describe("loadRules", () => {
  it("loads every .yaml / .yml under the directories, recursively, in name order", async () => {
    const rules = await loadRules([join(FIX, "valid")]);
    expect(rules.map((r) => r.id)).toEqual(["cloudfront-waf-blocking", "cloudtrail-multi-region", "rds-backup-retention", "rds-storage-encrypted", "s3-bucket-kms"]);
    const rds = rules.find((r) => r.id === "rds-storage-encrypted")!;
    expect(rds).toMatchObject({ scope: "resource", severity: "high", area: "encryption", controls: { awsConfigRule: "RDS_STORAGE_ENCRYPTED", fsbp: ["RDS.3"], cis: ["2.3.1"] }, line: 1 });
    expect(rds.file).toBe(join(FIX, "valid/storage/rds-storage-encrypted.yaml"));
    expect(rules.find((r) => r.id === "cloudtrail-multi-region")!.scope).toBe("account");
  });

  it("loaded rules evaluate (params default, applies, wildcards)", async () => {
    const rules = await loadRules([join(FIX, "valid/storage")]);
    const db = resource("AWS::RDS::DBInstance", { StorageEncrypted: false, BackupRetentionPeriod: 3 });
    const replica = resource("AWS::RDS::DBInstance", { StorageEncrypted: true, ReadReplicaSourceDBInstanceIdentifier: "db-1" });
    const res = evaluate(rules, [db, replica]);
    expect(res.map((r) => `${r.rule.id} ${r.verdict} ${r.reason}`)).toEqual([
      "rds-backup-retention FAIL BackupRetentionPeriod is 3, below the minimum 7",
      'rds-backup-retention NOT_APPLICABLE does not apply: ReadReplicaSourceDBInstanceIdentifier is "db-1"',
      "rds-storage-encrypted FAIL StorageEncrypted is false",
      "rds-storage-encrypted PASS StorageEncrypted is true",
    ]);
  });

  it("rejects duplicate ids across files, naming both", async () => {
    await expect(loadRules([join(FIX, "dup-a"), join(FIX, "dup-b")])).rejects.toThrow(
      `${join(FIX, "dup-b/versioning-copy.yaml")}:3: duplicate rule id 's3-versioning': also defined in ${join(FIX, "dup-a/s3-versioning.yaml")}:1`,
    );
  });

  it("rejects a directory that does not exist", async () => {
    await expect(loadRules([join(FIX, "nope")])).rejects.toThrow(/nope: rules directory or file not found/);
  });
});

describe("parseRule errors name file, line and field", () => {
  it("unknown operator, with the list of operators", () => {
    const text = `${head}condition:
  all:
    - { path: StorageEncrypted, op: eq, value: true }
    - path: KmsKeyId
      op: equals
      value: x
`;
    expect(errorOf(text)).toBe(
      "rules/x.yaml:11: condition.all[1].op: unknown operator 'equals' (expected one of eq, ne, in, not-in, contains, not-contains, contains-all, matches, within-days, gt, gte, lt, lte, exists, absent, known, empty, not-empty)",
    );
  });

  it("malformed YAML", () => {
    expect(errorOf(`${head}condition: { path: X, op: eq, value: [1, 2 }\n`)).toMatch(/^rules\/x\.yaml:7: YAML syntax error: /);
    expect(errorOf(`id: x\ntitle: "unterminated\nseverity: high\n`)).toBe("rules/x.yaml:4: YAML syntax error: Missing closing \"quote");
  });

  it("duplicate keys", () => {
    expect(errorOf(`${head}condition: { path: X, op: exists }\nseverity: low\n`)).toBe("rules/x.yaml:8: duplicate key 'severity'");
  });

  it("several documents", () => {
    expect(errorOf(`${head}condition: { path: X, op: exists }\n---\nid: y\n`)).toBe("rules/x.yaml:8: the file holds several YAML documents ('---'); put one in each file");
  });

  it("unknown keys, at the rule and inside a condition", () => {
    expect(errorOf(`${head}condition: { path: X, op: exists }\nseverty: low\n`)).toMatch(/^rules\/x\.yaml:8: severty: unknown key 'severty' \(expected one of id, title, /);
    expect(errorOf(`${head}condition:\n  path: X\n  op: exists\n  vaule: 3\n`)).toBe("rules/x.yaml:10: condition.vaule: unknown key 'vaule' (expected path, op, value, message)");
    expect(errorOf(`${head}condition:\n  some:\n    path: Rules\n    when: { path: X, op: exists }\n`)).toBe("rules/x.yaml:10: condition.some.when: unknown key 'when' (expected path, where)");
  });

  it("wrong types", () => {
    expect(errorOf(`${head}condition: { path: X, op: gte, value: "7" }\n`)).toBe(`rules/x.yaml:7: condition.value: 'gte' needs a number, got string "7"`);
    expect(errorOf(`${head}condition: { path: X, op: in, value: aws:kms }\n`)).toBe(`rules/x.yaml:7: condition.value: 'in' needs a list, got string "aws:kms"`);
    expect(errorOf(`${head}condition: { path: X, op: exists, value: true }\n`)).toBe("rules/x.yaml:7: condition.value: 'exists' takes no value");
    expect(errorOf(`${head}condition: { path: X, op: eq }\n`)).toBe("rules/x.yaml:7: condition: 'eq' needs a value");
    expect(errorOf(`${head}condition:\n  all: []\n`)).toBe("rules/x.yaml:8: condition.all: 'all' needs a non-empty list of conditions");
    expect(errorOf(head.replace("severity: high", "severity: urgent") + "condition: { path: X, op: exists }\n")).toBe(
      "rules/x.yaml:3: severity: 'urgent' is not one of critical, high, medium, low, info",
    );
    expect(errorOf(head.replace("title: A rule", "title: [a, b]") + "condition: { path: X, op: exists }\n")).toBe("rules/x.yaml:2: title: expected string, got a list");
    expect(errorOf(head.replace("id: x-rule", "id: X_Rule") + "condition: { path: X, op: exists }\n")).toMatch(
      /^rules\/x\.yaml:1: id: 'X_Rule' does not match .*kebab-case/,
    );
    expect(errorOf(head.replace("resourceTypes: [AWS::RDS::DBInstance]\n", "") + "condition: { path: X, op: exists }\n")).toBe("rules/x.yaml:1: missing required key 'resourceTypes'");
    expect(errorOf(head.replace("resourceTypes: [AWS::RDS::DBInstance]", "resourceTypes: [aws_db_instance]") + "condition: { path: X, op: exists }\n")).toMatch(
      /^rules\/x\.yaml:5: resourceTypes\[0\]: 'aws_db_instance' does not match/,
    );
  });

  it("invalid regex and invalid paths, at load time", () => {
    expect(errorOf(`${head}condition:\n  path: $name\n  op: matches\n  value: "^prod-(["\n`)).toMatch(/^rules\/x\.yaml:10: condition\.value: invalid regular expression: /);
    expect(errorOf(`${head}condition: { path: "Rules[x].A", op: exists }\n`)).toBe(
      "rules/x.yaml:7: condition.path: invalid path 'Rules[x].A': '[x]' is not an index: use [0], [-1], [*] or [\"key\"]",
    );
    expect(errorOf(`${head}condition: { path: "$tag.Owner", op: exists }\n`)).toMatch(/^rules\/x\.yaml:7: condition\.path: invalid path '\$tag\.Owner': unknown resource field '\$tag'/);
  });

  it("params: undeclared, wrongly typed, bad defaults", () => {
    expect(errorOf(`${head}condition: { path: X, op: gte, value: { param: minDays } }\n`)).toBe("rules/x.yaml:7: condition.value.param: parameter 'minDays' is not declared in params");
    const p = `${head}params:\n  pattern: { type: string, default: "^a" }\n  days: { type: integer, default: 7.5 }\n`;
    expect(errorOf(`${p}condition: { path: X, op: gte, value: { param: pattern } }\n`)).toBe("rules/x.yaml:9: params.days.default: expected a whole number, got 7.5");
    const q = `${head}params:\n  pattern: { type: string, default: "^a" }\n`;
    expect(errorOf(`${q}condition: { path: X, op: gte, value: { param: pattern } }\n`)).toBe("rules/x.yaml:9: condition.value.param: parameter 'pattern' is a string; this needs a number or integer");
    expect(errorOf(`${q}condition: { path: X, op: matches, value: { param: pattern } }\n`)).toBe("");
  });

  it("count and ref shapes", () => {
    const acct = head.replace("resourceTypes: [AWS::RDS::DBInstance]", "scope: account");
    expect(errorOf(`${acct}condition:\n  count: { type: AWS::CloudTrail::Trail, gte: 1, lte: 3 }\n`)).toBe("rules/x.yaml:8: condition.count: 'count' needs exactly one of eq, gt, gte, lt, lte");
    expect(errorOf(`${acct}condition:\n  count: { type: AWS::CloudTrail::Trail, gte: -1 }\n`)).toBe("rules/x.yaml:8: condition.count.gte: expected a whole number, got number -1");
    expect(errorOf(`${head}condition:\n  ref: { path: KmsKeyId }\n`)).toBe("rules/x.yaml:8: condition.ref: 'ref' needs a type");
  });

  it("rejects a YAML alias bomb quickly", () => {
    const bomb = [
      `${head}condition: { path: X, op: exists }`,
      `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`,
      ...["b", "c", "d", "e", "f", "g", "h", "i"].map((k, i, all) => `${k}: &${k} [${Array(9).fill(`*${i === 0 ? "a" : all[i - 1]}`).join(",")}]`),
    ].join("\n");
    // The limit is what stops the expansion: without it this would not return in any time a test allows.
    expect(errorOf(bomb)).toBe('rules/x.yaml: YAML aliases expand too much (more than 100 uses): refusing a possible "billion laughs" file');
  });

  it("empty files and non-mappings", () => {
    expect(errorOf("")).toMatch(/^rules\/x\.yaml: the file is empty/);
    expect(errorOf("- a\n- b\n")).toBe("rules/x.yaml:1: expected a mapping with id, title, severity, area, condition, remediation");
  });
});
