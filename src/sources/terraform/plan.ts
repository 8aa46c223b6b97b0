/**
 * `terraform show -json <planfile>` → TfEvidence: what each resource instance will look like after
 * apply (`resource_changes[].change.after`), with values Terraform only knows after apply as Unknown
 * (or Ref, when configuration shows the value is another resource's attribute) and sensitive values
 * redacted in place before anything else sees the document.
 */
import { readFile } from "node:fs/promises";
import { inputError } from "../../errors.js";
import { Ref, REDACTED, Unknown } from "../../model/values.js";
import type { TfEvidence, TfInstance } from "./instance.js";
import { parseArn } from "./address.js";
import { parseJsonDocument } from "./json-input.js";
import { PlanConfiguration, type ModuleContext } from "./plan-config.js";
import { MAX_NESTING_DEPTH, NestingTooDeepError, redactByMask, redactSecretNames, redactSensitiveOutputs } from "./redact.js";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const WHAT = "Terraform plan (terraform show -json <planfile>)";

export async function loadPlanEvidence(file: string): Promise<TfEvidence> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    throw inputError(file, undefined, code === "ENOENT" ? "no such file" : `cannot read (${code ?? "unknown error"})`);
  }
  return parsePlanText(text, file);
}

/** Pure: plan JSON text → evidence. `location` names the file in instances and errors. */
export function parsePlanText(text: string, location: string): TfEvidence {
  if (text.startsWith("PK\u0003\u0004")) {
    throw inputError(location, undefined, "this is a binary plan file; convert it with terraform show -json <planfile> > plan.json");
  }
  const doc = parseJsonDocument(text, location, WHAT);
  if (!isObj(doc)) throw inputError(location, undefined, `not a ${WHAT}: expected a JSON object`);
  checkFormat(doc, location);

  const config = new PlanConfiguration(doc.configuration);
  redactPlanSecretsOutsideResources(doc, config);

  const changes = doc.resource_changes ?? [];
  if (!Array.isArray(changes)) throw inputError(location, undefined, `"resource_changes" is not an array`);

  const instances: TfInstance[] = [];
  const deleted: string[] = [];
  const forgotten: string[] = [];
  let unknownCount = 0;

  for (let i = 0; i < changes.length; i++) {
    const rc = changes[i];
    const where = `resource_changes[${i}]`;
    if (!isObj(rc) || typeof rc.address !== "string" || typeof rc.type !== "string" || typeof rc.name !== "string") {
      throw inputError(location, undefined, `${where} lacks an address, type or name`);
    }
    const address = rc.address;
    const mode = rc.mode;
    if (mode !== "managed" && mode !== "data") throw inputError(location, undefined, `${address}: mode is neither "managed" nor "data"`);
    const change = rc.change;
    if (!isObj(change) || !Array.isArray(change.actions)) throw inputError(location, undefined, `${address}: "change.actions" is missing`);
    const actions = change.actions as unknown[];

    if (rc.deposed !== undefined || (actions.length === 1 && actions[0] === "delete")) {
      deleted.push(address);
      continue;
    }
    if (actions.length === 1 && actions[0] === "forget") {
      forgotten.push(address);
      continue;
    }
    const after = change.after;
    if (!isObj(after)) {
      // No planned object (whatever the action): nothing to judge; say so rather than drop it silently.
      (actions.includes("delete") ? deleted : forgotten).push(address);
      continue;
    }

    const modulePath = typeof rc.module_address === "string" ? rc.module_address : "";
    const ctx = config.moduleContext(modulePath);
    const resourceConfig = config.resource(ctx, mode, rc.type, rc.name);
    try {
      if (change.after_sensitive === true) for (const k in after) after[k] = redactByMask(after[k], true);
      else redactByMask(after, change.after_sensitive);
      redactSecretNames(rc.type, after);
      const overlay = new UnknownOverlay(config, ctx, address);
      overlay.apply(after, change.after_unknown, isObj(resourceConfig?.expressions) ? resourceConfig.expressions : undefined);
      unknownCount += overlay.count;
    } catch (e) {
      if (e instanceof NestingTooDeepError) throw inputError(location, undefined, `${address}: ${e.message}`);
      throw e;
    }

    const arn = parseArn(after.arn);
    const region = arn?.region ?? config.region(resourceConfig);
    const instance: TfInstance = {
      address,
      modulePath,
      mode,
      type: rc.type,
      name: rc.name,
      attributes: after,
      source: "tf-plan",
      location,
    };
    if (typeof rc.index === "number" || typeof rc.index === "string") instance.index = rc.index;
    if (arn?.account) instance.account = arn.account;
    if (region) instance.region = region;
    instances.push(instance);
  }

  return { source: "tf-plan", location, instances, notes: planNotes(doc, location, instances.length, deleted, forgotten, unknownCount) };
}

function checkFormat(doc: Obj, location: string): void {
  const fv = doc.format_version;
  if (typeof fv !== "string") {
    if (doc.version === 4 && Array.isArray(doc.resources)) {
      throw inputError(location, undefined, "this is a Terraform state file, not a plan; pass it as a state");
    }
    throw inputError(location, undefined, `no "format_version": not a ${WHAT}`);
  }
  const m = /^(\d+)\.\d+/.exec(fv);
  const major = m ? Number(m[1]) : NaN;
  if (major !== 0 && major !== 1) {
    throw inputError(location, undefined, `plan format_version ${/^[\w.]{1,20}$/.test(fv) ? fv : "?"} is not supported (expected 0.x or 1.x)`);
  }
  if (!("resource_changes" in doc) && !("planned_values" in doc) && "values" in doc) {
    throw inputError(location, undefined, "this is terraform show -json of a state, not of a plan; pass the raw state file as a state");
  }
}

/**
 * Values outside resource_changes that can hold secrets: root variables declared sensitive and outputs
 * marked sensitive. Nothing below reads them, but the parsed document must hold no secret either way.
 */
function redactPlanSecretsOutsideResources(doc: Obj, config: PlanConfiguration): void {
  const vars = doc.variables;
  if (isObj(vars)) {
    for (const name of config.sensitiveRootVariables()) {
      const v = vars[name];
      if (isObj(v) && v.value !== null && v.value !== undefined) v.value = REDACTED;
    }
  }
  redactSensitiveOutputs(doc.output_changes);
  // prior_state, planned_values and resource_drift repeat resource values with their own masks; we
  // never read them, so drop them rather than redact a second and third copy.
  delete doc.prior_state;
  delete doc.planned_values;
  delete doc.resource_drift;
}

/**
 * Walks `after_unknown` over a resource's `after` value, in step with its configuration expressions,
 * putting an Unknown (or a Ref) wherever Terraform marks a value known only after apply.
 */
class UnknownOverlay {
  count = 0;
  constructor(
    private readonly config: PlanConfiguration,
    private readonly ctx: ModuleContext | undefined,
    private readonly address: string,
  ) {}

  apply(after: Obj, mask: unknown, expressions: Obj | undefined): void {
    if (!isObj(mask)) return;
    for (const k in mask) {
      if (mask[k] === false) continue;
      // An attribute the configuration does not set, wholly unknown, is one the provider computes
      // (inline_policy, rotation_period_in_days, an unset kms_key_id...). The HCL reader sees it as not
      // set, and the mappers apply the documented default to both: the same verdict from code and plan.
      // Identities (id, arn) stay Unknown: they are never configured, and their expression names the resource.
      if (mask[k] === true && expressions !== undefined && expressions[k] === undefined && k !== "id" && k !== "arn") {
        delete after[k];
        continue;
      }
      after[k] = this.at(after[k], mask[k], expressions?.[k], attrPath("", k), 1);
    }
  }

  private at(value: unknown, mask: unknown, expr: unknown, path: string, depth: number): unknown {
    if (mask === true) return this.unknown(expr, path);
    if (typeof mask !== "object" || mask === null) return value;
    if (depth > MAX_NESTING_DEPTH) throw new NestingTooDeepError();
    if (Array.isArray(mask)) {
      if (!Array.isArray(value)) return value;
      // Nested blocks: configuration holds one expression object per written block.
      const blocks = Array.isArray(expr) ? expr : undefined;
      for (let i = 0; i < mask.length && i < value.length; i++) {
        if (mask[i] !== false) value[i] = this.at(value[i], mask[i], blocks?.[i], `${path}[${i}]`, depth + 1);
      }
      return value;
    }
    if (!isObj(value)) return value;
    const fields = isObj(expr) && !isExpression(expr) ? expr : undefined;
    for (const k in mask) {
      const m = (mask as Obj)[k];
      if (m !== false) value[k] = this.at(value[k], m, fields?.[k], attrPath(path, k), depth + 1);
    }
    return value;
  }

  private unknown(expr: unknown, path: string): Unknown {
    this.count++;
    const ref = isExpression(expr) ? this.config.resolve(this.ctx, expr) : undefined;
    if (ref) return new Ref(ref.target, ref.attribute, ref.expression);
    return new Unknown("known only after apply", `${this.address}${path}`);
  }
}

/** A configuration expression ({references}, {constant_value}, or {} for a call without references). */
function isExpression(e: unknown): e is Obj {
  return isObj(e) && ("references" in e || "constant_value" in e || Object.keys(e).length === 0);
}

function attrPath(base: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

function planNotes(doc: Obj, location: string, judged: number, deleted: string[], forgotten: string[], unknowns: number): string[] {
  const tf = typeof doc.terraform_version === "string" && /^[\w.+-]{1,40}$/.test(doc.terraform_version) ? doc.terraform_version : "?";
  const notes = [`plan ${location} (terraform ${tf}): ${judged} resource instances as they will be after apply`];
  if (doc.complete === false || doc.errored === true) {
    const why = [doc.complete === false ? "complete=false" : "", doc.errored === true ? "errored=true" : ""].filter(Boolean).join(", ");
    notes.push(`the plan is incomplete (${why}): Terraform could not plan everything, so absent resources prove nothing`);
  }
  const deferred = Array.isArray(doc.deferred_changes) ? doc.deferred_changes.length : 0;
  if (deferred) notes.push(`${deferred} resource changes deferred to a later plan, not judged`);
  if (deleted.length) notes.push(`${deleted.length} resources planned for deletion not judged: ${list(deleted)}`);
  if (forgotten.length) notes.push(`${forgotten.length} resources leaving Terraform management (forget) or without planned values not judged: ${list(forgotten)}`);
  if (unknowns) notes.push(`${unknowns} values are known only after apply; rules that need them give UNKNOWN`);
  return notes;
}

function list(addresses: string[], max = 10): string {
  return addresses.length > max ? `${addresses.slice(0, max).join(", ")}, and ${addresses.length - max} more` : addresses.join(", ");
}
