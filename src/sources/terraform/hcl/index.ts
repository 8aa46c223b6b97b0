/**
 * The HCL source: a Terraform root directory (local modules included) → TfEvidence with source "hcl".
 *
 *   const evidence = await loadHclEvidence("envs/prod", { varFiles: ["prod.tfvars"], workspace: "prod" });
 *
 * Everything is evaluated statically: what only `terraform apply` could know is an Unknown (or a Ref to
 * the resource it comes from), with a reason. Secrets are redacted at load time.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Parser } from "web-tree-sitter";
import { InputError, inputError } from "../../../errors.js";
import type { SourceLocation } from "../../../model/resource.js";
import type { TfEvidence, TfInstance } from "../instance.js";
import type { Expr, SourceFile, TemplatePart } from "./ast.js";
import { evaluate, Scope, type EvalContext } from "./evaluate.js";
import { readModuleDir, relPath, type ModuleDef } from "./module-def.js";
import { ModuleInstance, type LoadContext } from "./module-instance.js";
import { getParser, parseHcl } from "./parser.js";
import { RootVariables } from "./root-variables.js";
import { EvalError } from "./value.js";

export interface HclOptions {
  /** --var-file paths, relative to the current directory, applied in order. */
  varFiles?: string[];
  /** --var name=value pairs. */
  vars?: Record<string, string>;
  /** terraform.workspace; "default" when not given. */
  workspace?: string;
  /** Environment for TF_VAR_name lookups; process.env when not given. */
  env?: Record<string, string | undefined>;
}

export async function loadHclEvidence(dir: string, opts: HclOptions = {}): Promise<TfEvidence> {
  const parser = await getParser();
  const loader = new Loader(parser, dir, opts);
  const instances: TfInstance[] = [];
  loader.root.emit(instances);
  return { source: "hcl", location: dir, instances, notes: [...new Set(loader.notes)] };
}

const TEMPLATE_END = "__PLUMBLINE_TEMPLATE_END__";
const MAX_FILE_BYTES = 16 * 1024 * 1024;

class Loader implements LoadContext {
  readonly rootAbs: string;
  readonly location: string;
  readonly workspace: string;
  readonly notes: string[] = [];
  readonly root: ModuleInstance;
  private readonly defs = new Map<string, ModuleDef>();
  private readonly allowedDirs: string[] = [];
  private readonly vars: RootVariables;
  private readonly files = new Map<string, string>();
  private readonly templates = new Map<string, TemplatePart[]>();

  constructor(
    private readonly parser: Parser,
    dir: string,
    opts: HclOptions,
  ) {
    this.rootAbs = path.resolve(dir);
    this.location = dir;
    this.workspace = opts.workspace ?? "default";
    const def = readModuleDir(parser, this.rootAbs, this.rootAbs, dir, this.notes);
    this.addDef(def);
    this.vars = new RootVariables(parser, this.rootAbs, def.variables, opts);
    this.root = new ModuleInstance(this, def, "");
  }

  note(msg: string): void {
    this.notes.push(msg);
  }

  private addDef(def: ModuleDef): void {
    this.defs.set(def.dir, def);
    try {
      this.allowedDirs.push(realpathSync(def.dir));
    } catch {
      this.allowedDirs.push(def.dir);
    }
  }

  moduleDef(absDir: string, from: SourceLocation, shown: string): ModuleDef {
    const have = this.defs.get(absDir);
    if (have) return have;
    let def: ModuleDef;
    try {
      def = readModuleDir(this.parser, this.rootAbs, absDir, relPath(this.rootAbs, absDir) || ".", this.notes);
    } catch (e) {
      // A missing or empty module directory is reported where the call is.
      if (e instanceof InputError && e.file === undefined) throw inputError(from.file, from.line, `module source ${shown}: ${e.message}`);
      throw e;
    }
    this.addDef(def);
    return def;
  }

  rootVariable(name: string, type: Parameters<RootVariables["get"]>[1]) {
    return this.vars.get(name, type);
  }

  /** Files are read relative to the working directory (the root), and only inside loaded module trees. */
  private readonly realPaths = new Map<string, string>();

  private confined(p: string): string {
    const have = this.realPaths.get(p);
    if (have) return have;
    const abs = path.resolve(this.rootAbs, p);
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      real = abs;
    }
    if (!this.allowedDirs.some((d) => real === d || real.startsWith(d + path.sep))) {
      throw new EvalError(`${p} is outside the audited directory; not read`);
    }
    this.realPaths.set(p, real);
    return real;
  }

  readFile(p: string): string {
    const real = this.confined(p);
    const have = this.files.get(real);
    if (have !== undefined) return have;
    let text: string;
    try {
      if (statSync(real).size > MAX_FILE_BYTES) throw new EvalError(`${p} is too large to read`);
      text = readFileSync(real, "utf8");
    } catch (e) {
      if (e instanceof EvalError) throw e;
      throw new EvalError(`file ${p} cannot be read`);
    }
    this.files.set(real, text);
    return text;
  }

  fileExists(p: string): boolean {
    return existsSync(this.confined(p));
  }

  renderTemplate(text: string, p: string, vars: Record<string, unknown>): unknown {
    let parts = this.templates.get(p);
    if (!parts) {
      parts = this.parseTemplate(text, p);
      this.templates.set(p, parts);
    }
    const file: SourceFile = { path: p, text, body: { attributes: [], blocks: [] } };
    const node = { k: "tmpl", parts, s: 0, e: text.length, file } as Expr;
    const ctx: EvalContext = {
      resolve: (root) => {
        throw new EvalError(`templatefile ${p}: vars has no "${root}"`);
      },
      readFile: (x) => this.readFile(x),
      fileExists: (x) => this.fileExists(x),
      renderTemplate: (t, x, v) => this.renderTemplate(t, x, v),
    };
    return evaluate(node, new Scope(ctx, vars));
  }

  /** A template file is a heredoc body: same syntax, no backslash escapes. */
  private parseTemplate(text: string, p: string): TemplatePart[] {
    const addNl = !text.endsWith("\n");
    const src = `t = <<${TEMPLATE_END}\n${text}${addNl ? "\n" : ""}${TEMPLATE_END}\n`;
    let file: SourceFile;
    try {
      file = parseHcl(this.parser, src, p);
    } catch (e) {
      if (e instanceof InputError && e.line !== undefined) {
        throw inputError(p, Math.max(1, e.line - 1), e.message.replace(/^[^:]*:\d+: /, "").replace(/^syntax error/, "template syntax error"));
      }
      throw e;
    }
    const expr = file.body.attributes[0]?.expr;
    if (expr?.k !== "tmpl") return [{ kind: "lit", text }];
    const parts = [...expr.parts];
    const last = parts[parts.length - 1];
    if (addNl && last?.kind === "lit") {
      const t = last.text.slice(0, -1);
      if (t) parts[parts.length - 1] = { kind: "lit", text: t };
      else parts.pop();
    }
    return parts;
  }
}
