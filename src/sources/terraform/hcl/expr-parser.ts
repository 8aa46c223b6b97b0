/**
 * A JS parser for HCL, for speed: tree-sitter's parse and every crossing into WASM (~0.6 µs per CST node)
 * cost several times more. Two uses:
 * - `parseFile()`: a whole file, as the first choice. It accepts only plainly well-formed HCL (newlines end
 *   attributes outside brackets, escapes are checked, names are ASCII...), stricter than the grammar, and
 *   returns undefined for anything else, which then goes to tree-sitter for its syntax errors or its tree.
 * - `parse(s, e)`: one expression in text tree-sitter has already accepted; any surprise throws, and the
 *   caller falls back to the CST converter.
 * Templates follow the same rules as ./template.ts (escapes, strip markers, <<- indentation).
 */
import type { Attribute, Block, Body, Expr, SourceFile, Step, TemplatePart } from "./ast.js";
import { templateLiteral, unescapeQuoted } from "./template.js";

/** Thrown on anything unexpected; built without a stack trace, since the fallback path expects it. */
class Fail extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

const PREC: Record<string, number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 4,
  ">": 4,
  "<=": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "%": 6,
};
const OPS3 = ["..."];
const OPS2 = ["==", "!=", "<=", ">=", "&&", "||", "=>", ".*", "<<"];
const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57) || c === 45;
const isDigit = (c: number) => c >= 48 && c <= 57;

type FlatTag =
  | { t: "lit"; s: number; e: number }
  | { t: "interp"; expr: Expr; s: number; e: number; sl: boolean; sr: boolean }
  | { t: "if"; cond: Expr; s: number; e: number; sl: boolean; sr: boolean }
  | { t: "for"; keyVar?: string; valVar: string; coll: Expr; s: number; e: number; sl: boolean; sr: boolean }
  | { t: "else" | "endif" | "endfor"; s: number; e: number; sl: boolean; sr: boolean };

export class ExprParser {
  private pos = 0;
  private end = 0;
  private readonly text: string;
  /** Whole-file mode: a newline outside brackets ends an expression, as in HCL. */
  private nlStop = false;
  /** Open (), [], {} and template tags around the current position. */
  private depth = 0;
  /** Line numbers, counted forward from the last offset asked about. */
  private lineOffset = 0;
  private lineNo = 1;

  constructor(private readonly file: SourceFile) {
    this.text = file.text;
  }

  /** Parse the expression spanning [s, e), or throw. */
  parse(s: number, e: number): Expr {
    this.pos = s;
    this.end = e;
    this.nlStop = false;
    this.depth = 0;
    const x = this.expr();
    this.ws();
    if (this.pos !== e) throw new Fail("trailing input");
    return x;
  }

  /**
   * Parse a whole file into its body, or return undefined when anything is unexpected. Stricter than HCL
   * where that is simpler (one attribute per line, a newline after a block's `{` unless the block is a
   * one-liner, ASCII names, labels without templates); what it refuses, the caller leaves to tree-sitter.
   */
  parseFile(): Body | undefined {
    this.pos = 0;
    this.end = this.text.length;
    this.nlStop = true;
    this.depth = 0;
    this.lineOffset = 0;
    this.lineNo = 1;
    try {
      return this.body(false);
    } catch {
      return undefined;
    }
  }

  /** 1-based line of an offset; offsets are asked for in increasing order. */
  private line(offset: number): number {
    const t = this.text;
    let n = this.lineNo;
    for (let i = t.indexOf("\n", this.lineOffset); i !== -1 && i < offset; i = t.indexOf("\n", i + 1)) n++;
    this.lineOffset = offset;
    this.lineNo = n;
    return n;
  }

  /** Attributes and blocks up to the end of the file, or up to (not past) the `}` closing a block. */
  private body(inBlock: boolean): Body {
    const t = this.text;
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    for (;;) {
      this.blank();
      if (this.pos >= this.end) {
        if (inBlock) throw new Fail("unclosed block");
        break;
      }
      if (t.charCodeAt(this.pos) === 125) {
        if (!inBlock) throw new Fail("unexpected }");
        break;
      }
      const s = this.pos;
      const name = this.nameHere();
      this.inline();
      if (t[this.pos] === "=" && t[this.pos + 1] !== "=") {
        const line = this.line(s);
        this.pos++;
        const expr = this.expr();
        this.endLine();
        attributes.push({ name, expr, line });
        continue;
      }
      const line = this.line(s);
      const labels: string[] = [];
      for (;;) {
        const c = t.charCodeAt(this.pos);
        if (c === 123) break;
        if (c === 34) labels.push(this.label());
        else labels.push(this.nameHere());
        this.inline();
      }
      this.pos++;
      this.inline();
      let inner: Body;
      const c = t.charCodeAt(this.pos);
      if (c === 10 || c === 35 || (c === 47 && t.charCodeAt(this.pos + 1) === 47)) {
        this.endLine();
        inner = this.body(true);
      } else if (c === 125) inner = { attributes: [], blocks: [] };
      else {
        // A one-line block: at most one attribute, then `}` on the same line.
        const as = this.pos;
        const an = this.nameHere();
        this.inline();
        if (t[this.pos] !== "=" || t[this.pos + 1] === "=") throw new Fail("one-line block");
        this.pos++;
        const expr = this.expr();
        this.inline();
        if (t.charCodeAt(this.pos) !== 125) throw new Fail("one-line block end");
        inner = { attributes: [{ name: an, expr, line: this.line(as) }], blocks: [] };
      }
      this.pos++; // }
      this.endLine();
      blocks.push({ type: name, labels, body: inner, line, file: this.file });
    }
    return { attributes, blocks };
  }

  /** An identifier exactly here (no space before it). */
  private nameHere(): string {
    if (!isIdStart(this.text.charCodeAt(this.pos))) throw new Fail("name");
    const id = this.tryIdent();
    if (id === undefined || id.includes("::")) throw new Fail("name");
    return id;
  }

  /** A block label string: no templates, valid escapes only. */
  private label(): string {
    const t = this.text;
    const s = ++this.pos;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (this.pos >= this.end || c === 10) throw new Fail("label");
      if (c === 34) break;
      if ((c === 36 || c === 37) && t.charCodeAt(this.pos + 1) === 123) throw new Fail("label template");
      if (c === 92) {
        const n = t[this.pos + 1];
        if (n !== "n" && n !== "r" && n !== "t" && n !== '"' && n !== "\\") throw new Fail("label escape");
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    const raw = t.slice(s, this.pos);
    this.pos++;
    return unescapeQuoted(raw);
  }

  /** Spaces, tabs and one-line comments `/* *\/` on the current line. */
  private inline(): void {
    const t = this.text;
    while (this.pos < this.end) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 13) this.pos++;
      else if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const close = t.indexOf("*/", this.pos + 2);
        if (close === -1 || t.slice(this.pos, close).includes("\n")) throw new Fail("comment");
        this.pos = close + 2;
      } else break;
    }
  }

  /** The end of an attribute or block line: an optional comment, then a newline or the end of the file. */
  private endLine(): void {
    this.inline();
    const t = this.text;
    if (this.pos >= this.end) return;
    const c = t.charCodeAt(this.pos);
    if (c === 35 || (c === 47 && t.charCodeAt(this.pos + 1) === 47)) {
      const nl = t.indexOf("\n", this.pos);
      this.pos = nl === -1 ? this.end : nl;
      if (this.pos >= this.end) return;
    }
    if (t.charCodeAt(this.pos) !== 10) throw new Fail("newline expected");
    this.pos++;
  }

  /** Whitespace, newlines and comments between body items. */
  private blank(): void {
    const t = this.text;
    while (this.pos < this.end) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 13 || c === 10) this.pos++;
      else if (c === 35 || (c === 47 && t.charCodeAt(this.pos + 1) === 47)) {
        const nl = t.indexOf("\n", this.pos);
        this.pos = nl === -1 ? this.end : nl;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const close = t.indexOf("*/", this.pos + 2);
        if (close === -1) throw new Fail("comment");
        this.pos = close + 2;
      } else break;
    }
  }

  private node<T extends object>(s: number, n: T): Expr {
    const x = n as unknown as Expr;
    x.s = s;
    x.e = this.pos;
    x.file = this.file;
    return x;
  }

  /** Skip whitespace and comments; report whether a newline was crossed. */
  private ws(): boolean {
    const t = this.text;
    let nl = false;
    while (this.pos < this.end) {
      const c = t.charCodeAt(this.pos);
      if (c === 10) {
        if (this.nlStop && this.depth === 0) break;
        nl = true;
        this.pos++;
      } else if (c === 32 || c === 9 || c === 13) this.pos++;
      else if (c === 35 || (c === 47 && t.charCodeAt(this.pos + 1) === 47)) {
        while (this.pos < this.end && t.charCodeAt(this.pos) !== 10) this.pos++;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const close = t.indexOf("*/", this.pos + 2);
        if (close === -1 || close + 2 > this.end) throw new Fail("comment");
        if (t.slice(this.pos, close).includes("\n")) {
          if (this.nlStop && this.depth === 0) throw new Fail("multi-line comment in an expression");
          nl = true;
        }
        this.pos = close + 2;
      } else break;
    }
    return nl;
  }

  private peekOp(): string {
    const t = this.text;
    const three = t.substr(this.pos, 3);
    if (OPS3.includes(three)) return three;
    const two = t.substr(this.pos, 2);
    if (OPS2.includes(two)) return two;
    return t[this.pos] ?? "";
  }

  private eat(tok: string): boolean {
    this.ws();
    if (this.text.startsWith(tok, this.pos) && this.pos + tok.length <= this.end) {
      this.pos += tok.length;
      return true;
    }
    return false;
  }

  private expect(tok: string): void {
    if (!this.eat(tok)) throw new Fail(`expected ${tok}`);
  }

  private ident(): string {
    const id = this.tryIdent();
    if (id === undefined) throw new Fail("identifier");
    return id;
  }

  private tryIdent(): string | undefined {
    this.ws();
    const t = this.text;
    const s = this.pos;
    if (!isIdStart(t.charCodeAt(s))) return undefined;
    let i = s + 1;
    let ascii = t.charCodeAt(s) < 128;
    for (;;) {
      const c = t.charCodeAt(i);
      if (isIdPart(c)) {
        if (c > 127) ascii = false;
        i++;
      } else if (c === 58 && t.charCodeAt(i + 1) === 58 && isIdStart(t.charCodeAt(i + 2))) i += 2;
      else break;
    }
    if (i > this.end) throw new Fail("identifier past the end");
    // Non-ASCII names are valid HCL only when they are letters: in a whole file, leave them to tree-sitter.
    if (!ascii && this.nlStop) throw new Fail("non-ASCII identifier");
    this.pos = i;
    return t.slice(s, i);
  }

  private peekIdent(): string | undefined {
    const save = this.pos;
    const id = this.tryIdent();
    this.pos = save;
    return id;
  }

  expr(): Expr {
    this.ws();
    const s = this.pos;
    const c = this.binary(1);
    const save = this.pos;
    this.ws();
    if (this.text[this.pos] === "?") {
      this.pos++;
      const t = this.expr();
      this.expect(":");
      const f = this.expr();
      return this.node(s, { k: "cond", c, t, f });
    }
    this.pos = save;
    return c;
  }

  private binary(min: number): Expr {
    this.ws();
    const s = this.pos;
    let left = this.unary();
    for (;;) {
      const save = this.pos;
      this.ws();
      const op = this.peekOp();
      const p = PREC[op];
      if (p === undefined || p < min || op === "=>") {
        this.pos = save;
        return left;
      }
      this.pos += op.length;
      const right = this.binary(p + 1);
      left = this.node(s, { k: "binary", op, l: left, r: right });
    }
  }

  private unary(): Expr {
    this.ws();
    const s = this.pos;
    const c = this.text[this.pos];
    if (c === "-" || c === "!") {
      this.pos++;
      const x = this.unary();
      if (c === "-" && x.k === "lit" && typeof x.v === "number") return this.node(s, { k: "lit", v: -x.v });
      return this.node(s, { k: "unary", op: c, x });
    }
    return this.postfix();
  }

  private postfix(): Expr {
    this.ws();
    const s = this.pos;
    let cur = this.primary();
    for (;;) {
      const save = this.pos;
      this.ws();
      const t = this.text;
      if (t.startsWith(".*", this.pos) && !isDigit(t.charCodeAt(this.pos + 2))) {
        this.pos += 2;
        cur = this.node(s, { k: "splat", obj: cur, steps: this.splatSteps() });
      } else if (t.startsWith("[*]", this.pos) || /^\[\s*\*\s*\]/.test(t.slice(this.pos, this.pos + 8))) {
        this.pos = t.indexOf("]", this.pos) + 1;
        cur = this.node(s, { k: "splat", obj: cur, steps: this.splatSteps() });
      } else if (t[this.pos] === "." && !t.startsWith("...", this.pos)) {
        this.pos++;
        this.ws();
        if (isDigit(t.charCodeAt(this.pos))) {
          const ds = this.pos;
          while (isDigit(t.charCodeAt(this.pos))) this.pos++;
          const key = this.node(ds, { k: "lit", v: Number(t.slice(ds, this.pos)) });
          cur = this.node(s, { k: "index", obj: cur, key });
        } else cur = this.node(s, { k: "attr", obj: cur, name: this.ident() });
      } else if (t[this.pos] === "[") {
        this.pos++;
        this.depth++;
        const key = this.expr();
        this.expect("]");
        this.depth--;
        cur = this.node(s, { k: "index", obj: cur, key });
      } else {
        this.pos = save;
        return cur;
      }
    }
  }

  private splatSteps(): Step[] {
    const steps: Step[] = [];
    for (;;) {
      const save = this.pos;
      this.ws();
      const t = this.text;
      if (t[this.pos] === "." && !t.startsWith(".*", this.pos) && !t.startsWith("...", this.pos)) {
        this.pos++;
        this.ws();
        if (isDigit(t.charCodeAt(this.pos))) {
          const ds = this.pos;
          while (isDigit(t.charCodeAt(this.pos))) this.pos++;
          steps.push({ kind: "index", key: this.node(ds, { k: "lit", v: Number(t.slice(ds, this.pos)) }) });
        } else steps.push({ kind: "attr", name: this.ident() });
      } else if (t[this.pos] === "[" && !/^\[\s*\*/.test(t.slice(this.pos, this.pos + 4))) {
        this.pos++;
        this.depth++;
        const key = this.expr();
        this.expect("]");
        this.depth--;
        steps.push({ kind: "index", key });
      } else {
        this.pos = save;
        return steps;
      }
    }
  }

  private primary(): Expr {
    this.ws();
    const t = this.text;
    const s = this.pos;
    const c = t.charCodeAt(s);
    if (isDigit(c)) {
      const m = /^(?:0x[0-9a-zA-Z]+|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(t.slice(s, Math.min(this.end, s + 64)));
      if (!m) throw new Fail("number");
      this.pos += m[0].length;
      return this.node(s, { k: "lit", v: Number(m[0]) });
    }
    if (c === 34) return this.quoted();
    if (c === 60 && t.startsWith("<<", s)) return this.heredoc();
    if (c === 40) {
      this.pos++;
      this.depth++;
      const x = this.expr();
      this.expect(")");
      this.depth--;
      return this.node(s, { k: "paren", x });
    }
    if (c === 91) return this.tuple();
    if (c === 123) return this.object();
    const name = this.ident();
    if (name === "true" || name === "false") return this.node(s, { k: "lit", v: name === "true" });
    if (name === "null") return this.node(s, { k: "lit", v: null });
    const save = this.pos;
    const nl = this.ws();
    if (!nl && t[this.pos] === "(") {
      this.pos++;
      this.depth++;
      const args: Expr[] = [];
      let expand = false;
      while (!this.eat(")")) {
        args.push(this.expr());
        if (this.eat("...")) expand = true;
        if (!this.eat(",")) {
          this.expect(")");
          break;
        }
      }
      this.depth--;
      return this.node(s, { k: "call", name, args, expand });
    }
    this.pos = save;
    return this.node(s, { k: "var", name });
  }

  private forIntro(): { keyVar?: string; valVar: string; coll: Expr } {
    const a = this.ident();
    let keyVar: string | undefined;
    let valVar = a;
    if (this.eat(",")) {
      keyVar = a;
      valVar = this.ident();
    }
    if (this.ident() !== "in") throw new Fail("for: in");
    const coll = this.expr();
    this.expect(":");
    return keyVar ? { keyVar, valVar, coll } : { valVar, coll };
  }

  private isFor(): boolean {
    const save = this.pos;
    const kw = this.peekIdent();
    if (kw !== "for") return false;
    this.ident();
    const next = this.peekIdent();
    this.pos = save;
    return next !== undefined;
  }

  private tuple(): Expr {
    const s = this.pos;
    this.pos++;
    this.depth++;
    this.ws();
    if (this.isFor()) {
      this.ident();
      const intro = this.forIntro();
      const valExpr = this.expr();
      const cond = this.forCond();
      this.expect("]");
      this.depth--;
      return this.node(s, { k: "for", ...intro, valExpr, cond, group: false });
    }
    const items: Expr[] = [];
    while (!this.eat("]")) {
      items.push(this.expr());
      if (!this.eat(",")) {
        this.expect("]");
        break;
      }
    }
    this.depth--;
    return this.node(s, { k: "tuple", items });
  }

  private forCond(): Expr | undefined {
    const save = this.pos;
    if (this.peekIdent() === "if") {
      this.ident();
      return this.expr();
    }
    this.pos = save;
    return undefined;
  }

  private object(): Expr {
    const s = this.pos;
    this.pos++;
    this.depth++;
    this.ws();
    if (this.isFor()) {
      this.ident();
      const intro = this.forIntro();
      const keyExpr = this.expr();
      this.expect("=>");
      const valExpr = this.expr();
      const group = this.eat("...");
      const cond = this.forCond();
      this.expect("}");
      this.depth--;
      return this.node(s, { k: "for", ...intro, keyExpr, valExpr, cond, group });
    }
    const items: { key: Expr; val: Expr }[] = [];
    while (!this.eat("}")) {
      this.ws();
      let key = this.expr();
      // A bare identifier key is a literal name; `(expr)` or a string is evaluated.
      if (key.k === "var") key = { k: "lit", v: key.name, s: key.s, e: key.e, file: key.file };
      this.ws();
      if (this.text[this.pos] === "=" || this.text[this.pos] === ":") this.pos++;
      else throw new Fail("object: = or :");
      const val = this.expr();
      items.push({ key, val });
      // Items are separated by a comma or a newline.
      const nl = this.ws();
      if (!this.eat(",") && !nl && this.text[this.pos] !== "}") throw new Fail("object: , or newline");
    }
    this.depth--;
    return this.node(s, { k: "object", items });
  }

  // ---- templates --------------------------------------------------------------------------------------

  private quoted(): Expr {
    const s = this.pos;
    this.pos++;
    const flat = this.templateBody(false, -1);
    const close = this.pos;
    if (this.text[this.pos] !== '"') throw new Fail("unterminated string");
    this.pos++;
    if (flat.length === 0) return this.node(s, { k: "lit", v: "" });
    if (flat.length === 1 && flat[0]!.t === "lit") return this.node(s, { k: "lit", v: unescapeQuoted(this.text.slice(flat[0]!.s, flat[0]!.e)) });
    return this.node(s, { k: "tmpl", parts: this.buildParts(flat, s + 1, close, false, []) });
  }

  private heredoc(): Expr {
    const s = this.pos;
    const t = this.text;
    const m = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(t.slice(s, s + 256));
    if (!m) throw new Fail("heredoc");
    const flush = m[1] === "-";
    const marker = m[2]!;
    const from = s + m[0].length;
    // The closing marker is the first line, after optional indentation, that is exactly the marker.
    const re = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`, "m");
    let to = -1;
    for (let ls = from; ls <= this.end; ) {
      const nl = t.indexOf("\n", ls);
      const lineEnd = nl === -1 || nl > this.end ? this.end : nl;
      if (re.test(t.slice(ls, lineEnd))) {
        to = ls;
        break;
      }
      if (nl === -1 || nl >= this.end) break;
      ls = nl + 1;
    }
    if (to === -1) throw new Fail("heredoc end");
    this.pos = from;
    const flat = this.templateBody(true, to);
    if (this.pos !== to) throw new Fail("heredoc body");
    const removed: [number, number][] = [];
    if (flush) this.dedent(flat, from, to, removed);
    this.pos = t.indexOf(marker, to) + marker.length;
    return this.node(s, { k: "tmpl", parts: this.buildParts(flat, from, to, true, removed) });
  }

  /** Scan a template body into literal spans and tags, stopping at `"` (quoted) or `stop` (heredoc). */
  private templateBody(heredoc: boolean, stop: number): FlatTag[] {
    const t = this.text;
    const out: FlatTag[] = [];
    let litStart = this.pos;
    const flushLit = (e: number) => {
      if (e > litStart) out.push({ t: "lit", s: litStart, e });
    };
    for (;;) {
      if (heredoc ? this.pos >= stop : this.pos >= this.end) {
        if (!heredoc) throw new Fail("unterminated");
        flushLit(this.pos);
        return out;
      }
      const c = t[this.pos];
      if (!heredoc && c === '"') {
        flushLit(this.pos);
        return out;
      }
      if (!heredoc && c === "\n") throw new Fail("newline in string");
      if (!heredoc && c === "\\") {
        const n = t[this.pos + 1];
        if (n === "u" || n === "U") {
          const len = n === "u" ? 4 : 8;
          if (!/^[0-9a-fA-F]+$/.test(t.slice(this.pos + 2, this.pos + 2 + len)) || this.pos + 2 + len > this.end) throw new Fail("escape");
          this.pos += 2 + len;
          continue;
        }
        if (n !== "n" && n !== "r" && n !== "t" && n !== '"' && n !== "\\") throw new Fail("escape");
        this.pos += 2;
        continue;
      }
      if ((c === "$" || c === "%") && t[this.pos + 1] === c && t[this.pos + 2] === "{") {
        this.pos += 3;
        continue;
      }
      if ((c === "$" || c === "%") && t[this.pos + 1] === "{") {
        flushLit(this.pos);
        const s = this.pos;
        this.pos += 2;
        const sl = t[this.pos] === "~";
        if (sl) this.pos++;
        const saveEnd = this.end;
        this.end = heredoc ? stop : saveEnd;
        this.depth++;
        if (c === "$") {
          const expr = this.expr();
          this.ws();
          const sr = this.closeTag();
          out.push({ t: "interp", expr, s, e: this.pos, sl, sr });
        } else out.push(this.directive(s, sl));
        this.depth--;
        this.end = saveEnd;
        litStart = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private closeTag(): boolean {
    this.ws();
    const sr = this.text[this.pos] === "~";
    if (sr) this.pos++;
    if (this.text[this.pos] !== "}") throw new Fail("tag end");
    this.pos++;
    return sr;
  }

  private directive(s: number, sl: boolean): FlatTag {
    const kw = this.ident();
    if (kw === "if") {
      const cond = this.expr();
      const sr = this.closeTag();
      return { t: "if", cond, s, e: this.pos, sl, sr };
    }
    if (kw === "for") {
      const a = this.ident();
      let keyVar: string | undefined;
      let valVar = a;
      if (this.eat(",")) {
        keyVar = a;
        valVar = this.ident();
      }
      if (this.ident() !== "in") throw new Fail("for in");
      const coll = this.expr();
      const sr = this.closeTag();
      return keyVar ? { t: "for", keyVar, valVar, coll, s, e: this.pos, sl, sr } : { t: "for", valVar, coll, s, e: this.pos, sl, sr };
    }
    if (kw === "else" || kw === "endif" || kw === "endfor") {
      const sr = this.closeTag();
      return { t: kw, s, e: this.pos, sl, sr };
    }
    throw new Fail("directive");
  }

  private dedent(flat: FlatTag[], from: number, to: number, removed: [number, number][]): void {
    const t = this.text;
    const tags = flat.filter((f) => f.t !== "lit");
    const inTag = (i: number) => tags.some((g) => i > g.s && i < g.e);
    const starts: number[] = [];
    let min = Infinity;
    for (let ls = from; ls < to; ) {
      let nl = t.indexOf("\n", ls);
      if (nl === -1 || nl >= to) nl = to;
      if (!inTag(ls)) {
        let i = ls;
        while (i < nl && (t[i] === " " || t[i] === "\t")) i++;
        const blank = i >= nl || (t[i] === "\r" && i + 1 >= nl);
        if (!blank) {
          starts.push(ls);
          min = Math.min(min, i - ls);
        }
      }
      ls = nl + 1;
    }
    if (!isFinite(min) || min === 0) return;
    for (const ls of starts) removed.push([ls, ls + min]);
  }

  private buildParts(flat: FlatTag[], from: number, to: number, heredoc: boolean, removed: [number, number][]): TemplatePart[] {
    const t = this.text;
    const isWs = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
    for (const f of flat) {
      if (f.t === "lit") continue;
      if (f.sl) for (let i = f.s - 1; i >= from && isWs(t[i]); i--) removed.push([i, i + 1]);
      if (f.sr) for (let i = f.e; i < to && isWs(t[i]); i++) removed.push([i, i + 1]);
    }
    removed.sort((a, b) => a[0] - b[0]);
    const literal = (s: number, e: number): string => templateLiteral(t, removed, s, e, heredoc);
    // Nest directives with a stack: each frame collects parts until its closing tag.
    type Frame = { parts: TemplatePart[]; open?: Extract<FlatTag, { t: "if" } | { t: "for" }>; then?: TemplatePart[] };
    const stack: Frame[] = [{ parts: [] }];
    const top = () => stack[stack.length - 1]!;
    for (const f of flat) {
      switch (f.t) {
        case "lit": {
          const text = literal(f.s, f.e);
          if (text) top().parts.push({ kind: "lit", text });
          break;
        }
        case "interp":
          top().parts.push({ kind: "interp", expr: f.expr });
          break;
        case "if":
        case "for":
          stack.push({ parts: [], open: f });
          break;
        case "else": {
          const fr = top();
          if (fr.open?.t !== "if" || fr.then) throw new Fail("else");
          fr.then = fr.parts;
          fr.parts = [];
          break;
        }
        case "endif":
        case "endfor": {
          const fr = stack.pop()!;
          if (!fr.open || stack.length === 0) throw new Fail("end");
          if (fr.open.t === "if" && f.t === "endif") {
            top().parts.push({ kind: "if", cond: fr.open.cond, then: fr.then ?? fr.parts, else: fr.then ? fr.parts : [] });
          } else if (fr.open.t === "for" && f.t === "endfor") {
            const o = fr.open;
            top().parts.push(
              o.keyVar
                ? { kind: "for", keyVar: o.keyVar, valVar: o.valVar, coll: o.coll, body: fr.parts }
                : { kind: "for", valVar: o.valVar, coll: o.coll, body: fr.parts },
            );
          } else throw new Fail("mismatched directive");
          break;
        }
      }
    }
    if (stack.length !== 1) throw new Fail("unclosed directive");
    return stack[0]!.parts;
  }
}
