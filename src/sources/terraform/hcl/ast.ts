/**
 * The HCL syntax tree this package evaluates: a small, plain-JS mirror of the tree-sitter CST, built in one
 * pass so that evaluation never calls back into WASM. Every node keeps its source range for messages.
 */

/** One parsed file. `text` is the source; ranges index into it (UTF-16 offsets, as JS strings do). */
export interface SourceFile {
  /** Path relative to the audited root, forward slashes: modules/db/main.tf */
  path: string;
  text: string;
  body: Body;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

export interface Attribute {
  name: string;
  expr: Expr;
  line: number;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  line: number;
  file: SourceFile;
}

interface Node {
  /** Source range [s, e) in the file's text. */
  s: number;
  e: number;
  file: SourceFile;
}

/** A traversal step after a root name: `.name`, `[expr]`. */
export type Step = { kind: "attr"; name: string } | { kind: "index"; key: Expr };

export type TemplatePart =
  | { kind: "lit"; text: string }
  | { kind: "interp"; expr: Expr }
  | { kind: "if"; cond: Expr; then: TemplatePart[]; else: TemplatePart[] }
  | { kind: "for"; keyVar?: string; valVar: string; coll: Expr; body: TemplatePart[] };

export type Expr = Node &
  (
    | { k: "lit"; v: string | number | boolean | null }
    | { k: "tmpl"; parts: TemplatePart[] }
    | { k: "tuple"; items: Expr[] }
    | { k: "object"; items: { key: Expr; val: Expr }[] }
    | { k: "var"; name: string }
    | { k: "attr"; obj: Expr; name: string }
    | { k: "index"; obj: Expr; key: Expr }
    | { k: "splat"; obj: Expr; steps: Step[] }
    | { k: "call"; name: string; args: Expr[]; expand: boolean }
    | {
        k: "for";
        keyVar?: string;
        valVar: string;
        coll: Expr;
        keyExpr?: Expr;
        valExpr: Expr;
        cond?: Expr;
        group: boolean;
      }
    | { k: "cond"; c: Expr; t: Expr; f: Expr }
    | { k: "unary"; op: "-" | "!"; x: Expr }
    | { k: "binary"; op: string; l: Expr; r: Expr }
    | { k: "paren"; x: Expr }
  );

/** The source text of an expression, as written. */
export function exprText(e: Expr): string {
  return e.file.text.slice(e.s, e.e);
}
