/**
 * Differential tests: the parse against HashiCorp's own parser (@cdktn/hcl2json), the JS parser against the
 * tree-sitter paths over every fixture .tf file, and, on mutated fixtures, the JS parser never accepting
 * what tree-sitter rejects.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as hcl2json } from "@cdktn/hcl2json";
import { beforeAll, describe, expect, it } from "vitest";
import type { Body, Expr } from "../../../src/sources/terraform/hcl/ast.js";
import { evaluate, Scope } from "../../../src/sources/terraform/hcl/evaluate.js";
import { getParser, parseHcl, parseHclFast, parseHclTreeSitter, parseHclViaCst } from "../../../src/sources/terraform/hcl/parser.js";
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

  it("parses every fixture in JS alone, to the tree the tree-sitter path builds, positions and lines included", () => {
    for (const f of files) {
      const text = readFileSync(path.join(FIXTURES, f), "utf8");
      const fast = parseHclFast(text, f);
      expect(fast, `${f} was left to tree-sitter`).toBeDefined();
      expect(noFile(fast!.body), f).toEqual(noFile(parseHclTreeSitter(parser, text, f).body));
    }
  });

  it("leaves to tree-sitter what is not plainly HCL, and syntax errors", () => {
    // Accepted by the grammar, but not by HCL (or not worth a JS rule): tree-sitter's tree is used.
    const lenient = [
      "x = { a = 1 b = 2 }\n",
      "a = 1 b = 2\n",
      "a = 1\n+ 2\n",
      "a = true ? 1\n : 2\n",
      "b {\n  x = 1 }\n",
      'b "x${y}" {\n}\n',
      "b { c {} }\n",
      "a =\n  1\n",
      "\u00e9 = 1\n",
      '{\n  "a": 1\n}\n',
    ];
    for (const text of lenient) {
      expect(parseHclFast(text, "t.tf"), JSON.stringify(text)).toBeUndefined();
      expect(() => parseHcl(parser, text, "t.tf"), JSON.stringify(text)).not.toThrow(/syntax error/);
    }
    for (const text of ['x = "\\q"\n', "a = [1 2]\n", "a = 1a\n", "b {\n", "}\n", 'a = "x"y\n']) {
      expect(parseHclFast(text, "t.tf"), JSON.stringify(text)).toBeUndefined();
      expect(() => parseHcl(parser, text, "t.tf"), JSON.stringify(text)).toThrow(/t\.tf:\d+: syntax error/);
    }
  });

  it("never accepts in JS a mutated file tree-sitter rejects, and agrees with it on those it accepts", () => {
    const texts = files.map((f) => readFileSync(path.join(FIXTURES, f), "utf8")).filter((t) => t.length > 0);
    const alphabet = ["{", "}", "[", "]", "(", ")", '"', "\n", " ", "=", ".", ",", "$", "%", "\\", "#", "/", "*", "<", "?", ":", "!", "-", "a", "1", "~"];
    let seed = 20240611;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let accepted = 0;
    for (let i = 0; i < 1500; i++) {
      let t = texts[rnd(texts.length)]!;
      for (let j = 1 + rnd(3); j > 0; j--) {
        const at = rnd(t.length);
        const c = alphabet[rnd(alphabet.length)]!;
        const op = rnd(3);
        t = op === 0 ? t.slice(0, at) + t.slice(at + 1) : op === 1 ? t.slice(0, at) + c + t.slice(at) : t.slice(0, at) + c + t.slice(at + 1);
      }
      const fast = parseHclFast(t, "m.tf");
      if (!fast) continue;
      accepted++;
      const tree = parser.parse(t)!;
      const rejected = tree.rootNode.hasError;
      tree.delete();
      expect(rejected, `JS accepted what tree-sitter rejects: ${JSON.stringify(t)}`).toBe(false);
      expect(noFile(fast.body)).toEqual(noFile(parseHclTreeSitter(parser, t, "m.tf").body));
    }
    expect(accepted).toBeGreaterThan(200);
  });
});

/** The AST without the back-references to its file (positions kept). */
function noFile(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(noFile);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== "file" && k !== "chain") out[k] = noFile(x);
    return out;
  }
  return v;
}
