/**
 * Differential tests: the tree-sitter parse against HashiCorp's own parser (@cdktn/hcl2json), and the
 * fast JS expression parser against the CST converter, over every fixture .tf file.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as hcl2json } from "@cdktn/hcl2json";
import { beforeAll, describe, expect, it } from "vitest";
import type { Body, Expr } from "../../../src/sources/terraform/hcl/ast.js";
import { evaluate, Scope } from "../../../src/sources/terraform/hcl/evaluate.js";
import { getParser, parseHcl, parseHclViaCst } from "../../../src/sources/terraform/hcl/parser.js";
import { CONSTANT_CONTEXT } from "../../../src/sources/terraform/hcl/root-variables.js";

const FIXTURES = "test/fixtures/hcl";
const BROKEN = new Set(["broken/main.tf"]);

function tfFiles(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const abs = path.join(dir, n);
    const r = rel ? `${rel}/${n}` : n;
    if (statSync(abs).isDirectory()) out.push(...tfFiles(abs, r));
    else if (n.endsWith(".tf") && !BROKEN.has(r)) out.push(r);
  }
  return out;
}

/** A literal expression: no references, no calls, no interpolation. */
function isLiteral(e: Expr): boolean {
  switch (e.k) {
    case "lit":
      return true;
    case "tmpl":
      return e.parts.every((p) => p.kind === "lit");
    case "tuple":
      return e.items.every(isLiteral);
    case "object":
      return e.items.every((i) => i.key.k === "lit" && isLiteral(i.val));
    default:
      return false;
  }
}

/** hcl2json re-renders strings as templates, so a literal `${` reads `$${` there. */
function asHcl2json(v: unknown): unknown {
  if (typeof v === "string") return v.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
  if (Array.isArray(v)) return v.map(asHcl2json);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asHcl2json(x)]));
  return v;
}

const constant = new Scope(CONSTANT_CONTEXT);

/** Compare a body with hcl2json's object for it; returns the number of literal leaves compared. */
function compareBody(body: Body, theirs: Record<string, unknown>, where: string): number {
  let compared = 0;
  const ours = new Set<string>();
  for (const a of body.attributes) {
    ours.add(a.name);
    expect(theirs, `${where}.${a.name} missing in hcl2json`).toHaveProperty([a.name]);
    if (isLiteral(a.expr)) {
      expect(asHcl2json(evaluate(a.expr, constant)), `${where}.${a.name}`).toEqual(theirs[a.name]);
      compared++;
    }
  }
  // Blocks: type → label → ... → [bodies], in source order per path.
  const seen = new Map<string, number>();
  for (const b of body.blocks) {
    ours.add(b.type);
    let node: unknown = theirs[b.type];
    for (const l of b.labels) node = (node as Record<string, unknown>)?.[l];
    const key = [b.type, ...b.labels].join("\u0000");
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    expect(Array.isArray(node), `${where}.${[b.type, ...b.labels].join(".")} is not a block list in hcl2json`).toBe(true);
    compared += compareBody(b.body, (node as Record<string, unknown>[])[i]!, `${where}.${[b.type, ...b.labels].join(".")}[${i}]`);
  }
  expect([...ours].sort(), `${where}: names`).toEqual(Object.keys(theirs).sort());
  return compared;
}

/** The AST without positions, for comparing two parses. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== "s" && k !== "e" && k !== "file" && k !== "line" && k !== "chain") out[k] = strip(x);
    return out;
  }
  return v;
}

describe("differential: every fixture .tf file", () => {
  const files = tfFiles(FIXTURES);
  let parser: Awaited<ReturnType<typeof getParser>>;
  beforeAll(async () => {
    parser = await getParser();
  });

  it("covers a real set of files", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it("agrees with hcl2json (HashiCorp's parser) on structure and every literal value", async () => {
    let leaves = 0;
    for (const f of files) {
      const text = readFileSync(path.join(FIXTURES, f), "utf8");
      const theirs = await hcl2json(f, text); // sequentially: one Go WASM runtime
      const ours = parseHcl(parser, text, f);
      leaves += compareBody(ours.body, theirs, f);
    }
    expect(leaves).toBeGreaterThan(100);
  });

  it("the JS expression parser builds the same tree as the CST converter", () => {
    for (const f of files) {
      const text = readFileSync(path.join(FIXTURES, f), "utf8");
      expect(strip(parseHcl(parser, text, f).body), f).toEqual(strip(parseHclViaCst(parser, text, f).body));
    }
  });
});
