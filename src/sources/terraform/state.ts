/**
 * Terraform state v4 (a local terraform.tfstate, or the S3 backend's object) → TfEvidence.
 * One read, one JSON.parse, then instances built by reference into the parsed document; redaction
 * is done in place before any instance leaves this module.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { inputError, InputError } from "../../errors.js";
import type { TfEvidence, TfInstance } from "./instance.js";
import { instanceAddress } from "./address.js";
import { parseJsonDocument } from "./json-input.js";
import {
  NestingTooDeepError,
  readSensitiveAttributes,
  redactByMask,
  redactPaths,
  redactSecretNames,
  redactSensitiveOutputs,
} from "./redact.js";

export interface StateOptions {
  /** Terraform workspace; "default" when unset. */
  workspace?: string;
  /** S3 backend workspace_key_prefix (default "env:"). */
  workspaceKeyPrefix?: string;
}

/**
 * Reads a state from a local path or s3://bucket/key. A local directory is read the way the local
 * backend lays it out: terraform.tfstate for the default workspace, terraform.tfstate.d/<ws>/ otherwise.
 */
export async function loadStateEvidence(location: string, opts: StateOptions = {}): Promise<TfEvidence> {
  if (location.startsWith("s3://")) {
    // Loaded on demand: the AWS SDK costs startup time and memory that local audits need not pay.
    const { readStateObject } = await import("./s3-backend.js");
    const { text, url } = await readStateObject(location, opts);
    return parseStateText(text, url, { workspace: opts.workspace });
  }
  const file = await localStateFile(location, opts.workspace);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw fileError(file, e);
  }
  return parseStateText(text, file, { workspace: opts.workspace });
}

async function localStateFile(location: string, workspace: string | undefined): Promise<string> {
  let isDir = false;
  try {
    isDir = (await stat(location)).isDirectory();
  } catch (e) {
    throw fileError(location, e);
  }
  if (!isDir) return location;
  return workspace && workspace !== "default"
    ? join(location, "terraform.tfstate.d", workspace, "terraform.tfstate")
    : join(location, "terraform.tfstate");
}

function fileError(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const what =
    code === "ENOENT"
      ? "no such file"
      : code === "EACCES"
        ? "permission denied"
        : code === "EISDIR"
          ? "is a directory, expected a state file"
          : code === "ERR_STRING_TOO_LONG"
            ? "file too large to read as one JSON document"
            : `cannot read (${code ?? "unknown error"})`;
  return inputError(file, undefined, what);
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Pure: state text → evidence. `location` names the file (or s3:// URL) in instances and errors. */
export function parseStateText(text: string, location: string, opts: { workspace?: string } = {}): TfEvidence {
  const doc = parseJsonDocument(text, location, "Terraform state");
  if (!isObj(doc)) throw inputError(location, undefined, "not a Terraform state file (expected a JSON object)");
  checkVersion(doc, location);
  if (!Array.isArray(doc.resources)) {
    throw inputError(location, undefined, `state has no "resources" array (not a Terraform state v4 file?)`);
  }
  // Outputs are not resources and are not handed on, but a secret must not survive in memory we return.
  redactSensitiveOutputs(doc.outputs);

  const workspace = opts.workspace ?? "default";
  const instances: TfInstance[] = [];
  const tainted: string[] = [];
  const deposed: string[] = [];
  const flat: string[] = [];
  const resources = doc.resources as unknown[];
  // One provider configuration is one region: resources without an ARN (a Config recorder, a flow log)
  // take the region their provider's other resources show, when they all show the same one.
  const providerOf = new Map<TfInstance, string>();
  const providerRegions = new Map<string, Set<string>>();

  for (let r = 0; r < resources.length; r++) {
    const res = resources[r];
    const where = `resources[${r}]`;
    if (!isObj(res)) throw inputError(location, undefined, `${where} is not an object`);
    const mode = res.mode;
    if (mode !== "managed" && mode !== "data") {
      throw inputError(location, undefined, `${where} has ${mode === undefined ? "no mode" : "an unknown mode"}; expected "managed" or "data"`);
    }
    const type = requireString(res, "type", where, location);
    const name = requireString(res, "name", where, location);
    const modulePath = res.module === undefined ? "" : requireString(res, "module", where, location);
    if (!Array.isArray(res.instances)) throw inputError(location, undefined, `${where} (${type}.${name}) has no "instances" array`);

    for (const inst of res.instances as unknown[]) {
      if (!isObj(inst)) throw inputError(location, undefined, `${where} (${type}.${name}) has an instance that is not an object`);
      const index = indexKey(inst.index_key, where, location);
      const address = instanceAddress(modulePath, mode, type, name, index);
      if (inst.deposed !== undefined) {
        // A deposed object is the old half of a create_before_destroy replacement, about to be destroyed.
        deposed.push(address);
        continue;
      }
      if (!isObj(inst.attributes)) {
        if (inst.attributes !== undefined) throw inputError(location, undefined, `${address}: "attributes" is not an object`);
        // Legacy attributes_flat, or nothing (Terraform reads that as empty): nothing we can judge.
        flat.push(address);
        continue;
      }
      if (inst.status === "tainted") tainted.push(address);
      const attributes = inst.attributes;
      redactInstance(type, attributes, inst.sensitive_attributes, address, location);

      const arn = arnParts(attributes.arn);
      const region = arn?.region ?? (typeof attributes.region === "string" && attributes.region ? attributes.region : undefined);
      const instance: TfInstance = {
        address,
        modulePath,
        mode,
        type,
        name,
        attributes,
        source: "tf-state",
        location,
        workspace,
      };
      if (index !== undefined) instance.index = index;
      if (arn?.account) instance.account = arn.account;
      if (region) instance.region = region;
      // Only ARN-less resources: an ARN without a region (IAM, CloudFront) marks a global resource.
      if (typeof res.provider === "string" && (region || attributes.arn === undefined || attributes.arn === null)) {
        providerOf.set(instance, res.provider);
        if (region) {
          let regions = providerRegions.get(res.provider);
          if (!regions) providerRegions.set(res.provider, (regions = new Set()));
          regions.add(region);
        }
      }
      instances.push(instance);
    }
  }

  for (const [instance, provider] of providerOf) {
    if (instance.region || instance.attributes.arn) continue;
    const regions = providerRegions.get(provider);
    if (regions?.size === 1) instance.region = regions.values().next().value;
  }

  const notes = [
    `state ${location} (workspace ${workspace}, terraform ${describeVersion(doc.terraform_version)}, serial ${describeVersion(doc.serial)}): ${instances.length} resource instances`,
  ];
  if (tainted.length) notes.push(`${tainted.length} tainted instances (will be replaced on next apply), judged as they are: ${list(tainted)}`);
  if (deposed.length) notes.push(`${deposed.length} deposed objects (pending destruction) not judged: ${list(deposed)}`);
  if (flat.length) {
    notes.push(
      `${flat.length} instances have no JSON attributes (legacy attributes_flat from Terraform 0.11, or empty) and were not judged; run terraform apply -refresh-only with Terraform 0.12+ to upgrade them: ${list(flat)}`,
    );
  }
  return { source: "tf-state", location, instances, notes };
}

const ACCOUNT_ID = /^\d{12}$/;

/** address.ts parseArn's region and account (empty region / malformed account come back undefined), by colons. */
function arnParts(arn: unknown): { region?: string; account?: string } | undefined {
  if (typeof arn !== "string" || !arn.startsWith("arn:")) return undefined;
  const c2 = arn.indexOf(":", 4);
  const c3 = c2 < 0 ? -1 : arn.indexOf(":", c2 + 1);
  const c4 = c3 < 0 ? -1 : arn.indexOf(":", c3 + 1);
  const c5 = c4 < 0 ? -1 : arn.indexOf(":", c4 + 1);
  if (c5 < 0) return undefined;
  const account = arn.slice(c4 + 1, c5);
  return { region: arn.slice(c3 + 1, c4) || undefined, account: ACCOUNT_ID.test(account) ? account : undefined };
}

function redactInstance(type: string, attributes: Obj, sensitive: unknown, address: string, location: string): void {
  try {
    const s = readSensitiveAttributes(sensitive);
    if (s.unreadable) {
      // Terraform marked something sensitive in a shape we cannot read: keep nothing but nulls.
      for (const k in attributes) if (attributes[k] !== null) attributes[k] = redactByMask(attributes[k], true);
    }
    if (s.paths.length) redactPaths(attributes, s.paths);
    if (s.mask !== undefined) redactByMask(attributes, s.mask);
    redactSecretNames(type, attributes);
  } catch (e) {
    if (e instanceof NestingTooDeepError) throw inputError(location, undefined, `${address}: ${e.message}`);
    throw e;
  }
}

function checkVersion(doc: Obj, location: string): void {
  const v = doc.version;
  if (v === 4) return;
  if (v === undefined) {
    if ("format_version" in doc && ("resource_changes" in doc || "planned_values" in doc)) {
      throw inputError(location, undefined, "this is a plan (terraform show -json), not a state file; pass it as a plan");
    }
    if ("format_version" in doc && "values" in doc) {
      throw inputError(location, undefined, "this is terraform show -json output, not a raw state file; pass the terraform.tfstate itself (terraform state pull)");
    }
    throw inputError(location, undefined, `state has no "version" (not a Terraform state file?)`);
  }
  if (v === 1 || v === 2 || v === 3) {
    throw inputError(location, undefined, `state version ${v} is not supported; run terraform 0.12+ to upgrade it`);
  }
  throw inputError(location, undefined, `state version ${describe(v)} is not supported (expected 4)`);
}

function requireString(o: Obj, key: string, where: string, location: string): string {
  const v = o[key];
  if (typeof v !== "string" || v === "") throw inputError(location, undefined, `${where} has no "${key}"`);
  return v;
}

function indexKey(v: unknown, where: string, location: string): number | string | undefined {
  if (v === undefined || v === null) return undefined;
  if ((typeof v === "number" && Number.isInteger(v)) || typeof v === "string") return v;
  throw inputError(location, undefined, `${where} has an index_key that is neither an integer nor a string`);
}

/** Describes a structural value without echoing free text from the input (which could be a secret). */
function describe(v: unknown): string {
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  if (v === undefined) return "missing";
  return typeof v === "string" ? "a string" : Array.isArray(v) ? "an array" : "an object";
}

function describeVersion(v: unknown): string {
  return typeof v === "number" || (typeof v === "string" && /^[\w.+-]{1,40}$/.test(v)) ? String(v) : "?";
}

function list(addresses: string[], max = 10): string {
  return addresses.length > max ? `${addresses.slice(0, max).join(", ")}, and ${addresses.length - max} more` : addresses.join(", ");
}
