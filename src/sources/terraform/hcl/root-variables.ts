/**
 * Values of the root module's input variables, in Terraform's precedence (later wins): TF_VAR_name
 * environment variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical order,
 * then --var-file files in order, then --var name=value. A -var / TF_VAR_ value is a plain string for a
 * primitive type, and parsed as an HCL expression for complex types (or, untyped, when it looks like one).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Parser } from "web-tree-sitter";
import { InputError, inputError } from "../../../errors.js";
import type { Block } from "./ast.js";
import { evaluateSafe, Scope, type EvalContext } from "./evaluate.js";
import { parseHcl } from "./parser.js";
import { convert, isPrimitive, type TfType } from "./types.js";
import { EvalError } from "./value.js";

type Entry = { value: unknown } | { raw: string; origin: string };

/** tfvars and -var values may not refer to anything; only constants and pure functions. */
export const CONSTANT_CONTEXT: EvalContext = {
  resolve(root) {
    throw new EvalError(`${root} cannot be referred to here (only constant values are allowed)`);
  },
  readFile() {
    throw new EvalError("files cannot be read here");
  },
  fileExists() {
    throw new EvalError("files cannot be read here");
  },
  renderTemplate() {
    throw new EvalError("templates cannot be rendered here");
  },
};
const CONSTANT_SCOPE = new Scope(CONSTANT_CONTEXT);

export interface RootVariableSources {
  varFiles?: string[];
  vars?: Record<string, string>;
  env?: Record<string, string | undefined>;
}

export class RootVariables {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly parser: Parser,
    rootAbs: string,
    declared: Map<string, Block>,
    src: RootVariableSources,
  ) {
    const env = src.env ?? process.env;
    for (const name of declared.keys()) {
      const v = env[`TF_VAR_${name}`];
      if (v !== undefined) this.entries.set(name, { raw: v, origin: `environment variable TF_VAR_${name}` });
    }
    const auto: string[] = [];
    for (const n of readdirSync(rootAbs).sort()) if (n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json")) auto.push(n);
    for (const n of ["terraform.tfvars", "terraform.tfvars.json", ...auto]) {
      const abs = path.join(rootAbs, n);
      if (existsSync(abs)) this.loadFile(abs, n);
    }
    for (const f of src.varFiles ?? []) {
      const abs = path.resolve(f);
      if (!existsSync(abs)) throw inputError(f, undefined, "variable file not found");
      this.loadFile(abs, f);
    }
    for (const [name, raw] of Object.entries(src.vars ?? {})) this.entries.set(name, { raw, origin: `--var ${name}` });
  }

  private loadFile(abs: string, shown: string): void {
    let text: string;
    try {
      text = readFileSync(abs, "utf8");
    } catch {
      throw inputError(shown, undefined, "cannot be read");
    }
    if (shown.endsWith(".json")) {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        // JSON.parse messages quote input: keep only the position.
        const at = /position (\d+)/.exec(String((e as Error).message));
        const line = at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
        throw inputError(shown, line, "invalid JSON");
      }
      if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw inputError(shown, 1, "expected a JSON object of variable values");
      for (const [k, v] of Object.entries(doc)) this.entries.set(k, { value: v });
      return;
    }
    const file = parseHcl(this.parser, text, shown);
    if (file.body.blocks.length) throw inputError(shown, file.body.blocks[0]!.line, "variable files may only contain name = value assignments");
    for (const a of file.body.attributes) this.entries.set(a.name, { value: evaluateSafe(a.expr, CONSTANT_SCOPE) });
  }

  get(name: string, type: TfType | undefined): { value: unknown } | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    let value: unknown;
    if ("value" in e) value = e.value;
    else {
      const complex = type ? !isPrimitive(type) && type.k !== "any" : false;
      const looksHcl = /^\s*[[{"]/.test(e.raw);
      value = complex || ((!type || type.k === "any") && looksHcl) ? this.parseRaw(e.raw, e.origin) : e.raw;
    }
    return { value: type ? convert(value, type, (x) => evaluateSafe(x, CONSTANT_SCOPE)) : value };
  }

  private parseRaw(raw: string, origin: string): unknown {
    try {
      const file = parseHcl(this.parser, `v = ${raw}\n`, origin);
      const a = file.body.attributes[0];
      if (!a || file.body.attributes.length !== 1 || file.body.blocks.length) throw new Error("not one expression");
      return evaluateSafe(a.expr, CONSTANT_SCOPE);
    } catch (e) {
      if (e instanceof InputError || e instanceof Error) throw inputError(undefined, undefined, `${origin}: the value is not a valid HCL expression`);
      throw e;
    }
  }
}
