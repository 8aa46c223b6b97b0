/**
 * One module directory, parsed once and indexed: variables, locals, outputs, resources and data, module
 * calls, providers. Shared by every instance of the module (count / for_each on module calls).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Parser } from "web-tree-sitter";
import { inputError } from "../../../errors.js";
import type { Attribute, Block, SourceFile } from "./ast.js";
import { parseHcl } from "./parser.js";

export interface ModuleDef {
  /** Absolute directory. */
  dir: string;
  /** Directory relative to the audited root ("" for the root), as path.module shows it. */
  rel: string;
  files: SourceFile[];
  variables: Map<string, Block>;
  locals: Map<string, Attribute>;
  outputs: Map<string, Block>;
  /** "type.name" for managed resources, "data.type.name" for data sources. */
  resources: Map<string, Block>;
  /** Resource and data blocks in file order. */
  ordered: Block[];
  calls: Map<string, Block>;
  callOrder: Block[];
  /** "aws", or "aws.alias". */
  providers: Map<string, Block>;
}

/** Forward-slash path of `abs` relative to the root: what findings show. */
export function relPath(rootAbs: string, abs: string): string {
  return path.relative(rootAbs, abs).split(path.sep).join("/");
}

export function readModuleDir(parser: Parser, rootAbs: string, dir: string, shownDir: string, notes: string[]): ModuleDef {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    names = readdirSync(dir);
  } catch {
    throw inputError(undefined, undefined, `cannot read directory ${shownDir}`);
  }
  const rel = relPath(rootAbs, dir);
  const shown = (n: string) => (rel ? `${rel}/${n}` : n);
  const tf: string[] = [];
  for (const n of names.sort()) {
    if (n.endsWith(".tf.json")) notes.push(`${shown(n)}: JSON configuration files are not read`);
    if (!n.endsWith(".tf")) continue;
    if (n === "override.tf" || n.endsWith("_override.tf")) {
      notes.push(`${shown(n)}: override files are not applied`);
      continue;
    }
    tf.push(n);
  }
  if (!tf.length) throw inputError(undefined, undefined, `no .tf files in ${shownDir}`);

  const def: ModuleDef = {
    dir,
    rel,
    files: [],
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: new Map(),
    ordered: [],
    calls: new Map(),
    callOrder: [],
    providers: new Map(),
  };
  const firstSeen = new Map<string, Map<string, { file: string; line: number }>>();
  const unique = (kind: string, key: string, file: string, line: number) => {
    let seen = firstSeen.get(kind);
    if (!seen) firstSeen.set(kind, (seen = new Map()));
    const prev = seen.get(key);
    if (prev) throw inputError(file, line, `duplicate ${kind} ${key} (first declared at ${prev.file}:${prev.line})`);
    seen.set(key, { file, line });
  };

  for (const n of tf) {
    let text: string;
    try {
      text = readFileSync(path.join(dir, n), "utf8");
    } catch {
      throw inputError(shown(n), undefined, "cannot be read");
    }
    const file = parseHcl(parser, text, shown(n));
    def.files.push(file);
    for (const b of file.body.blocks) {
      const [l0, l1] = b.labels;
      switch (b.type) {
        case "variable":
          if (!l0) break;
          unique("variable", l0, file.path, b.line);
          def.variables.set(l0, b);
          break;
        case "output":
          if (!l0) break;
          unique("output", l0, file.path, b.line);
          def.outputs.set(l0, b);
          break;
        case "locals":
          for (const a of b.body.attributes) {
            unique("local", a.name, file.path, a.line);
            def.locals.set(a.name, a);
          }
          break;
        case "resource":
        case "data": {
          if (!l0 || !l1) throw inputError(file.path, b.line, `${b.type} block needs a type and a name`);
          const key = b.type === "data" ? `data.${l0}.${l1}` : `${l0}.${l1}`;
          unique(b.type === "data" ? "data source" : "resource", key, file.path, b.line);
          def.resources.set(key, b);
          def.ordered.push(b);
          break;
        }
        case "module":
          if (!l0) break;
          unique("module", l0, file.path, b.line);
          def.calls.set(l0, b);
          def.callOrder.push(b);
          break;
        case "provider": {
          if (!l0) break;
          const alias = b.body.attributes.find((a) => a.name === "alias");
          const an = alias?.expr.k === "lit" && typeof alias.expr.v === "string" ? alias.expr.v : undefined;
          def.providers.set(an ? `${l0}.${an}` : l0, b);
          break;
        }
      }
    }
  }
  return def;
}
