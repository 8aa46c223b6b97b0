/**
 * Parses HCL into the plain syntax tree of ./ast.ts. Plainly well-formed files are parsed in JS by
 * ./expr-parser.ts, which is several times faster than the grammar; everything it refuses goes to
 * web-tree-sitter's Terraform grammar: syntax errors become an InputError with file:line, and accepted text
 * is walked with a cursor (the cheapest way across the WASM boundary) into a light JS mirror, converted,
 * and freed. The two paths build the same tree (test/sources/hcl/differential.test.ts).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { Language, Parser } from "web-tree-sitter";
import { inputError } from "../../../errors.js";
import type { Attribute, Block, Body, Expr, SourceFile } from "./ast.js";
import { ExprParser } from "./expr-parser.js";
import { convertTemplate, unescapeQuoted } from "./template.js";

let parserPromise: Promise<Parser> | undefined;

/** One parser per process: loading the grammar costs ~60 ms, parsing after that is synchronous. */
export function getParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    const req = createRequire(import.meta.url);
    const pkg = req.resolve("@tree-sitter-grammars/tree-sitter-hcl/package.json");
    await Parser.init();
    const lang = await Language.load(path.join(path.dirname(pkg), "tree-sitter-terraform.wasm"));
    const parser = new Parser();
    parser.setLanguage(lang);
    return parser;
  })();
  return parserPromise;
}

/** A CST node copied out of WASM: type, named-ness, range, children (comments dropped). */
export interface Raw {
  t: string;
  named: boolean;
  s: number;
  e: number;
  kids: Raw[];
}

/**
 * Parse one file's text. `rel` is the path shown in errors and kept on blocks. Most files are parsed by
 * ./expr-parser.ts alone, in JS: it accepts only well-formed HCL (stricter than the grammar in places).
 * Whatever it refuses goes to tree-sitter, which reports syntax errors with file:line; text the grammar
 * accepts is then walked down to attributes, whose expressions are parsed by the JS parser again, with the
 * CST converter below as the fallback should that parser ever disagree with the grammar.
 */
export function parseHcl(parser: Parser, text: string, rel: string): SourceFile {
  return parseHclFast(text, rel) ?? parseHclTreeSitter(parser, text, rel);
}

/** The JS-only parse: a SourceFile, or undefined when the text is not plainly well-formed HCL. */
export function parseHclFast(text: string, rel: string): SourceFile | undefined {
  const file: SourceFile = { path: rel, text, body: { attributes: [], blocks: [] } };
  const body = new ExprParser(file).parseFile();
  if (!body) return undefined;
  file.body = body;
  return file;
}

/** The tree-sitter parse: syntax errors, then attributes and blocks from the CST. */
export function parseHclTreeSitter(parser: Parser, text: string, rel: string): SourceFile {
  const tree = parser.parse(text);
  if (!tree) throw inputError(rel, undefined, "could not be parsed");
  try {
    const root = tree.rootNode;
    if (root.hasError) throw syntaxError(root, rel);
    const file: SourceFile = { path: rel, text, body: { attributes: [], blocks: [] } };
    const conv = new Converter(file);
    const exprs = new ExprParser(file);
    const cursor = tree.walk();
    try {
      if (cursor.gotoFirstChild()) {
        do {
          const t = cursor.nodeType;
          if (t === "body") file.body = structure(cursor, file, conv, exprs);
          else if (t === "object") throw inputError(rel, 1, "expected HCL attributes and blocks, found a JSON-style object");
        } while (cursor.gotoNextSibling());
      }
    } finally {
      cursor.delete();
    }
    return file;
  } finally {
    tree.delete();
  }
}

/** The same parse through the CST converter only: slower, kept as the reference the fast path is tested against. */
export function parseHclViaCst(parser: Parser, text: string, rel: string): SourceFile {
  const tree = parser.parse(text);
  if (!tree) throw inputError(rel, undefined, "could not be parsed");
  try {
    if (tree.rootNode.hasError) throw syntaxError(tree.rootNode, rel);
    const file: SourceFile = { path: rel, text, body: { attributes: [], blocks: [] } };
    const cursor = tree.walk();
    const raw = mirror(cursor);
    cursor.delete();
    const bodyRaw = raw.kids.find((k) => k.t === "body");
    if (bodyRaw) file.body = new Converter(file).body(bodyRaw);
    return file;
  } finally {
    tree.delete();
  }
}

type Cursor = ReturnType<NonNullable<ReturnType<Parser["parse"]>>["walk"]>;

/** Walk a body node's attributes and blocks; the cursor is left where it started. */
function structure(cursor: Cursor, file: SourceFile, conv: Converter, exprs: ExprParser): Body {
  const body: Body = { attributes: [], blocks: [] };
  if (!cursor.gotoFirstChild()) return body;
  const text = file.text;
  do {
    const t = cursor.nodeType;
    if (t === "attribute") {
      // Read the name and the expression's range from the text: descending costs WASM calls per node.
      const s = cursor.startIndex;
      const e = cursor.endIndex;
      const line = conv.line(s);
      let i = s;
      while (i < e && !/[\s=]/.test(text[i]!)) i++;
      const name = text.slice(s, i);
      const eq = text.indexOf("=", i);
      let expr: Expr;
      try {
        expr = exprs.parse(eq + 1, e);
      } catch {
        cursor.gotoFirstChild();
        while (cursor.gotoNextSibling() && cursor.nodeType !== "expression");
        expr = conv.expr(mirror(cursor));
        cursor.gotoParent();
      }
      body.attributes.push({ name, expr, line });
    } else if (t === "block") {
      const line = conv.line(cursor.startIndex);
      cursor.gotoFirstChild();
      const type = text.slice(cursor.startIndex, cursor.endIndex);
      const labels: string[] = [];
      let inner: Body = { attributes: [], blocks: [] };
      while (cursor.gotoNextSibling()) {
        const k = cursor.nodeType;
        if (k === "string_lit") labels.push(unescapeQuoted(text.slice(cursor.startIndex + 1, cursor.endIndex - 1)));
        else if (k === "identifier") labels.push(text.slice(cursor.startIndex, cursor.endIndex));
        else if (k === "body") inner = structure(cursor, file, conv, exprs);
      }
      cursor.gotoParent();
      body.blocks.push({ type, labels, body: inner, line, file });
    }
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return body;
}

/** Copy the subtree under the cursor into JS; the cursor is left where it started. */
function mirror(cursor: Cursor): Raw {
  const visit = (): Raw => {
    const node: Raw = { t: cursor.nodeType, named: cursor.nodeIsNamed, s: cursor.startIndex, e: cursor.endIndex, kids: [] };
    if (cursor.gotoFirstChild()) {
      do {
        if (cursor.nodeType === "comment") continue;
        node.kids.push(visit());
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return node;
  };
  return visit();
}

type TsNode = NonNullable<ReturnType<Parser["parse"]>>["rootNode"];

/** The first ERROR or MISSING node, described without quoting input text that could be secret. */
function syntaxError(root: TsNode, rel: string) {
  let found: TsNode | undefined;
  const stack: TsNode[] = [root];
  while (stack.length && !found) {
    const n = stack.pop()!;
    if (n.isMissing || n.type === "ERROR") {
      found = n;
      break;
    }
    if (!n.hasError) continue;
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  if (!found) return inputError(rel, 1, "syntax error");
  const line = found.startPosition.row + 1;
  const col = found.startPosition.column + 1;
  if (found.isMissing) return inputError(rel, line, `syntax error at column ${col}: missing ${describeToken(found.type)}`);
  const first = found.firstChild ?? found;
  const what = first.isNamed ? first.type.replace(/_/g, " ") : describeToken(first.type);
  return inputError(rel, line, `syntax error at column ${col}: unexpected ${what}`);
}

function describeToken(t: string): string {
  const names: Record<string, string> = {
    block_end: '"}"',
    object_end: '"}"',
    tuple_end: '"]"',
    quoted_template_end: "closing quote",
    template_interpolation_end: '"}" closing an interpolation',
    heredoc_identifier: "heredoc end marker",
  };
  return names[t] ?? (/^[a-z_]+$/.test(t) ? t.replace(/_/g, " ") : `"${t}"`);
}

const BINARY_OPS = new Set(["*", "/", "%", "+", "-", ">", ">=", "<", "<=", "==", "!=", "&&", "||"]);

/** Raw CST → ast.ts. Pure JS; knows the grammar's shapes (see make_grammar.js of tree-sitter-hcl). */
class Converter {
  private lineStarts: number[] = [0];
  constructor(private readonly file: SourceFile) {
    const t = file.text;
    for (let i = t.indexOf("\n"); i !== -1; i = t.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  line(offset: number): number {
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  text(r: Raw): string {
    return this.file.text.slice(r.s, r.e);
  }

  body(r: Raw): Body {
    const body: Body = { attributes: [], blocks: [] };
    for (const k of r.kids) {
      if (k.t === "attribute") body.attributes.push(this.attribute(k));
      else if (k.t === "block") body.blocks.push(this.block(k));
    }
    return body;
  }

  attribute(r: Raw): Attribute {
    const id = r.kids[0]!;
    const ex = r.kids.find((k) => k.t === "expression")!;
    return { name: this.text(id), expr: this.expr(ex), line: this.line(r.s) };
  }

  block(r: Raw): Block {
    const type = this.text(r.kids[0]!);
    const labels: string[] = [];
    let body: Body = { attributes: [], blocks: [] };
    for (let i = 1; i < r.kids.length; i++) {
      const k = r.kids[i]!;
      if (k.t === "string_lit") labels.push(this.stringLit(k));
      else if (k.t === "identifier") labels.push(this.text(k));
      else if (k.t === "body") body = this.body(k);
    }
    return { type, labels, body, line: this.line(r.s), file: this.file };
  }

  stringLit(r: Raw): string {
    const start = r.kids[0]!;
    const end = r.kids[r.kids.length - 1]!;
    return unescapeQuoted(this.file.text.slice(start.e, end.s));
  }

  private node<T extends object>(r: Raw, n: T): Expr {
    return { s: r.s, e: r.e, file: this.file, ...n } as unknown as Expr;
  }

  /** An `expression` node: a conditional, or a term sequence. */
  expr(r: Raw): Expr {
    if (r.t !== "expression") return this.terms([r]);
    if (r.kids.length === 1 && r.kids[0]!.t === "conditional") {
      const c = r.kids[0]!.kids.filter((k) => k.t === "expression");
      return this.node(r, { k: "cond", c: this.expr(c[0]!), t: this.expr(c[1]!), f: this.expr(c[2]!) });
    }
    return this.terms(r.kids);
  }

  /** A primary term followed by traversal steps (get_attr, index, splat), as the grammar flattens them. */
  terms(kids: Raw[]): Expr {
    let i = 0;
    let cur: Expr;
    const first = kids[0]!;
    if (first.t === "(") {
      const inner = kids[1]!;
      cur = this.node({ ...inner, s: first.s, e: kids[2]?.e ?? inner.e }, { k: "paren", x: this.expr(inner) });
      i = 3;
    } else {
      cur = this.primary(first);
      i = 1;
    }
    for (; i < kids.length; i++) {
      const k = kids[i]!;
      const span = { ...k, s: first.s, e: k.e };
      if (k.t === "get_attr") cur = this.node(span, { k: "attr", obj: cur, name: this.text(k.kids[1]!) });
      else if (k.t === "index") cur = this.node(span, { k: "index", obj: cur, key: this.indexKey(k) });
      else if (k.t === "splat") {
        const sp = k.kids[0]!;
        const steps = sp.kids.slice(1).map((st) =>
          st.t === "get_attr"
            ? { kind: "attr" as const, name: this.text(st.kids[1]!) }
            : { kind: "index" as const, key: this.indexKey(st) },
        );
        cur = this.node(span, { k: "splat", obj: cur, steps });
      }
    }
    return cur;
  }

  indexKey(r: Raw): Expr {
    const ix = r.kids[0]!;
    if (ix.t === "legacy_index") return this.node(ix, { k: "lit", v: Number(this.text(ix).replace(/^\.\s*/, "")) });
    return this.expr(ix.kids.find((k) => k.t === "expression")!);
  }

  primary(r: Raw): Expr {
    switch (r.t) {
      case "literal_value":
        return this.literal(r.kids[0]!, r);
      case "template_expr":
        return this.node(r, { k: "tmpl", parts: convertTemplate(this.file.text, r.kids[0]!, (x) => this.expr(x)) });
      case "collection_value":
        return this.collection(r.kids[0]!);
      case "variable_expr":
        return this.node(r, { k: "var", name: this.text(r.kids[0]!) });
      case "function_call":
        return this.call(r);
      case "for_expr":
        return this.forExpr(r.kids[0]!, r);
      case "operation":
        return this.operation(r.kids[0]!, r);
      case "expression":
        return this.expr(r);
      default:
        throw inputError(this.file.path, this.line(r.s), `unsupported expression (${r.t})`);
    }
  }

  literal(r: Raw, whole: Raw): Expr {
    switch (r.t) {
      case "numeric_lit":
        return this.node(whole, { k: "lit", v: Number(this.text(r)) });
      case "bool_lit":
        return this.node(whole, { k: "lit", v: this.text(r) === "true" });
      case "null_lit":
        return this.node(whole, { k: "lit", v: null });
      default:
        return this.node(whole, { k: "lit", v: this.stringLit(r) });
    }
  }

  collection(r: Raw): Expr {
    if (r.t === "tuple") {
      return this.node(r, { k: "tuple", items: r.kids.filter((k) => k.t === "expression").map((k) => this.expr(k)) });
    }
    const items = r.kids
      .filter((k) => k.t === "object_elem")
      .map((el) => {
        const [keyRaw, valRaw] = el.kids.filter((k) => k.t === "expression");
        // A bare identifier key is a literal name; `(expr)` or a string is evaluated.
        const only = keyRaw!.kids.length === 1 ? keyRaw!.kids[0]! : undefined;
        const key =
          only?.t === "variable_expr"
            ? this.node(keyRaw!, { k: "lit", v: this.text(only.kids[0]!) })
            : this.expr(keyRaw!);
        return { key, val: this.expr(valRaw!) };
      });
    return this.node(r, { k: "object", items });
  }

  call(r: Raw): Expr {
    const name = this.text(r.kids[0]!);
    const argsRaw = r.kids.find((k) => k.t === "function_arguments");
    const args = argsRaw ? argsRaw.kids.filter((k) => k.t === "expression").map((k) => this.expr(k)) : [];
    const expand = !!argsRaw?.kids.some((k) => k.t === "ellipsis");
    return this.node(r, { k: "call", name, args, expand });
  }

  forExpr(r: Raw, whole: Raw): Expr {
    const intro = r.kids.find((k) => k.t === "for_intro")!;
    const ids = intro.kids.filter((k) => k.t === "identifier").map((k) => this.text(k));
    const coll = this.expr(intro.kids.find((k) => k.t === "expression")!);
    const exprs = r.kids.filter((k) => k.t === "expression").map((k) => this.expr(k));
    const condRaw = r.kids.find((k) => k.t === "for_cond");
    const cond = condRaw ? this.expr(condRaw.kids.find((k) => k.t === "expression")!) : undefined;
    const vars = ids.length === 2 ? { keyVar: ids[0], valVar: ids[1]! } : { valVar: ids[0]! };
    if (r.t === "for_tuple_expr") return this.node(whole, { k: "for", ...vars, coll, valExpr: exprs[0]!, cond, group: false });
    const group = r.kids.some((k) => k.t === "ellipsis");
    return this.node(whole, { k: "for", ...vars, coll, keyExpr: exprs[0], valExpr: exprs[1]!, cond, group });
  }

  operation(r: Raw, whole: Raw): Expr {
    const kids = r.kids;
    if (r.t === "unary_operation") {
      const op = kids[0]!.t as "-" | "!";
      const x = this.terms(kids.slice(1));
      // Fold `-1` like HCL does, so it stays a literal.
      if (op === "-" && x.k === "lit" && typeof x.v === "number") return this.node(whole, { k: "lit", v: -x.v });
      return this.node(whole, { k: "unary", op, x });
    }
    const at = kids.findIndex((k) => !k.named && BINARY_OPS.has(k.t));
    const left = kids.slice(0, at);
    const right = kids.slice(at + 1);
    const l = this.terms(left);
    const rr = this.terms(right);
    return this.node(whole, { k: "binary", op: kids[at]!.t, l, r: rr });
  }
}
