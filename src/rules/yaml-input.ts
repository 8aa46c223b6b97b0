/**
 * Strict YAML reading for rule and policy files: syntax errors, duplicate keys, several documents and
 * alias bombs become one-line InputErrors with a line; JSON pointers map back to lines for schema errors.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { inputError } from "../errors.js";
import type { Pointer } from "./compile.js";

/** Alias uses allowed when building the data: plenty for real files, far too few for "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

export interface YamlInput {
  file: string;
  data: unknown;
  /** The line of the node at `pointer` (of its key when `key`), or of the deepest node that exists on the way. */
  lineOf(pointer: Pointer, key?: boolean): number | undefined;
}

export function parseYaml(text: string, file: string): YamlInput {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = lineAt(e.pos[0]);
    let what: string;
    if (e.code === "DUPLICATE_KEY") {
      const key = text.slice(e.pos[0]).split(/:\s|:$|\n/m)[0].trim();
      what = `duplicate key '${key.slice(0, 60)}'`;
    } else if (e.code === "MULTIPLE_DOCS") {
      what = "the file holds several YAML documents ('---'); put one in each file";
    } else {
      what = `YAML syntax error: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`;
    }
    throw inputError(file, line, what);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw inputError(file, undefined, `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} uses): refusing a possible "billion laughs" file`);
    }
    throw inputError(file, undefined, `YAML error: ${(e as Error).message.split("\n")[0]}`);
  }
  return { file, data, lineOf: (pointer, key) => lineOf(doc, pointer, key, lineAt) };
}

function lineOf(doc: Document, pointer: Pointer, key: boolean | undefined, lineAt: (o: number) => number): number | undefined {
  let node = doc.contents as YamlNode | null;
  let best: number | undefined = node?.range ? lineAt(node.range[0]) : undefined;
  for (let i = 0; i < pointer.length && node; i++) {
    if (isAlias(node)) node = node.resolve(doc) ?? null;
    const seg = pointer[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) === String(seg) : String(p.key) === String(seg)));
      if (!pair) return best;
      const last = i === pointer.length - 1;
      const k = pair.key as YamlNode | null;
      if (last && key && k?.range) return lineAt(k.range[0]);
      node = pair.value as YamlNode | null;
      if (node?.range) best = lineAt(node.range[0]);
      else if (k?.range) best = lineAt(k.range[0]);
    } else if (isSeq(node) && typeof seg === "number") {
      node = (node.items[seg] as YamlNode | undefined) ?? null;
      if (node?.range) best = lineAt(node.range[0]);
    } else {
      return best;
    }
  }
  return best;
}
