/**
 * Quoted strings and heredocs → template parts, with HCL's rules: backslash escapes (quoted only),
 * `$${` / `%%{` escapes, `~` strip markers, and `<<-` flush indentation (lines that are only whitespace
 * neither set nor lose indentation, as hashicorp/hcl does). Literal text is cut from the source between
 * interpolations and directives, by offset, because the grammar's literal tokens omit some whitespace.
 */
import type { Expr, TemplatePart } from "./ast.js";
import type { Raw } from "./parser.js";

type Range = [number, number];

const QUOTED_ESCAPE = /\\(?:[nrt"\\]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})|\$\$\{|%%\{/g;
const HEREDOC_ESCAPE = /\$\$\{|%%\{/g;

export function unescapeQuoted(s: string): string {
  if (!s.includes("\\") && !s.includes("$${") && !s.includes("%%{")) return s;
  return s.replace(QUOTED_ESCAPE, unescapeOne);
}

/**
 * The literal text of a template between s and e, less the whitespace that strip markers (`~`) remove
 * (`removed`: sorted [start, end) ranges), with escapes undone. Shared by the tree-sitter path and the
 * JS fast path, so both read template text alike.
 */
export function templateLiteral(text: string, removed: readonly (readonly [number, number])[], s: number, e: number, heredoc: boolean): string {
  let out = "";
  let pos = s;
  for (const [rs, re] of removed) {
    if (re <= pos) continue;
    if (rs >= e) break;
    if (rs > pos) out += text.slice(pos, rs);
    pos = Math.max(pos, re);
  }
  if (pos < e) out += text.slice(pos, e);
  if (!heredoc) return unescapeQuoted(out);
  return out.includes("$${") || out.includes("%%{") ? out.replace(HEREDOC_ESCAPE, (m) => m.slice(1)) : out;
}

function unescapeOne(m: string): string {
  switch (m[1]) {
    case "n":
      return "\n";
    case "r":
      return "\r";
    case "t":
      return "\t";
    case '"':
      return '"';
    case "\\":
      return "\\";
    case "u":
    case "U":
      return String.fromCodePoint(parseInt(m.slice(2), 16));
    case "$":
      return "${";
    case "%":
      return "%{";
  }
  return m;
}

const isWs = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";

export function convertTemplate(text: string, r: Raw, expr: (r: Raw) => Expr): TemplatePart[] {
  const heredoc = r.t === "heredoc_template";
  let from: number;
  let to: number;
  const removed: Range[] = [];
  const tags: Raw[] = [];
  collectTags(r, tags);

  if (heredoc) {
    const open = r.kids[1]!;
    const close = r.kids[r.kids.length - 1]!;
    const nl = text.indexOf("\n", open.e);
    from = nl === -1 ? open.e : nl + 1;
    to = text.lastIndexOf("\n", close.s - 1) + 1;
    if (to < from) to = from;
    if (r.kids[0] && text.slice(r.kids[0].s, r.kids[0].e) === "<<-") dedent(text, from, to, tags, removed);
  } else {
    from = r.kids[0]!.e;
    to = r.kids[r.kids.length - 1]!.s;
  }

  for (const tag of tags) {
    const k = tag.kids;
    if (k[1]?.t === "strip_marker") for (let i = tag.s - 1; i >= from && isWs(text[i]); i--) removed.push([i, i + 1]);
    if (k.length > 3 && k[k.length - 2]?.t === "strip_marker") for (let i = tag.e; i < to && isWs(text[i]); i++) removed.push([i, i + 1]);
  }
  removed.sort((a, b) => a[0] - b[0]);

  const literal = (s: number, e: number): string => templateLiteral(text, removed, s, e, heredoc);

  const parts = (s: number, e: number, kids: Raw[]): TemplatePart[] => {
    const out: TemplatePart[] = [];
    let prev = s;
    for (const k of kids) {
      if (k.t !== "template_interpolation" && k.t !== "template_directive") continue;
      if (k.s > prev) pushLit(out, literal(prev, k.s));
      if (k.t === "template_interpolation") {
        const ex = k.kids.find((x) => x.t === "expression");
        if (ex) out.push({ kind: "interp", expr: expr(ex) });
      } else {
        out.push(directive(k.kids[0]!));
      }
      prev = k.e;
    }
    if (e > prev) pushLit(out, literal(prev, e));
    return out;
  };

  const directive = (d: Raw): TemplatePart => {
    if (d.t === "template_for") {
      const start = d.kids[0]!;
      const end = d.kids[d.kids.length - 1]!;
      const ids = start.kids.filter((x) => x.t === "identifier").map((x) => text.slice(x.s, x.e));
      const coll = expr(start.kids.find((x) => x.t === "expression")!);
      const body = parts(start.e, end.s, d.kids.slice(1, -1));
      return ids.length === 2
        ? { kind: "for", keyVar: ids[0], valVar: ids[1]!, coll, body }
        : { kind: "for", valVar: ids[0]!, coll, body };
    }
    const intro = d.kids[0]!;
    const end = d.kids[d.kids.length - 1]!;
    const elseAt = d.kids.findIndex((x) => x.t === "template_else_intro");
    const cond = expr(intro.kids.find((x) => x.t === "expression")!);
    if (elseAt === -1) return { kind: "if", cond, then: parts(intro.e, end.s, d.kids.slice(1, -1)), else: [] };
    const el = d.kids[elseAt]!;
    return {
      kind: "if",
      cond,
      then: parts(intro.e, el.s, d.kids.slice(1, elseAt)),
      else: parts(el.e, end.s, d.kids.slice(elseAt + 1, -1)),
    };
  };

  return parts(from, to, r.kids);
}

function pushLit(out: TemplatePart[], text: string): void {
  if (text) out.push({ kind: "lit", text });
}

/** Every tag that can carry strip markers: interpolations and each directive keyword tag. */
function collectTags(r: Raw, out: Raw[]): void {
  for (const k of r.kids) {
    switch (k.t) {
      case "template_interpolation":
      case "template_for_start":
      case "template_for_end":
      case "template_if_intro":
      case "template_else_intro":
      case "template_if_end":
        out.push(k);
        break;
      case "template_directive":
      case "template_for":
      case "template_if":
        collectTags(k, out);
        break;
    }
  }
}

/** `<<-`: remove the smallest indentation of the non-blank lines from each of them. */
function dedent(text: string, from: number, to: number, tags: Raw[], removed: Range[]): void {
  const inTag = (i: number) => tags.some((t) => i > t.s && i < t.e);
  const lines: [number, number][] = [];
  let min = Infinity;
  for (let ls = from; ls < to; ) {
    let nl = text.indexOf("\n", ls);
    if (nl === -1 || nl >= to) nl = to;
    if (!inTag(ls)) {
      let i = ls;
      while (i < nl && (text[i] === " " || text[i] === "\t")) i++;
      const blank = i >= nl || (text[i] === "\r" && i + 1 >= nl);
      if (!blank) {
        lines.push([ls, i]);
        min = Math.min(min, i - ls);
      }
    }
    ls = nl + 1;
  }
  if (!isFinite(min) || min === 0) return;
  for (const [ls] of lines) removed.push([ls, ls + min]);
}
