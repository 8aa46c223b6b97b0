import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Integrity of examples/mobilytics/generated: the state and plan files that other tests and the demo
 * read were produced by scripts/regenerate-example.sh from the HCL next to them. These checks catch a
 * stale or hand-edited file: HCL changed without regenerating, a truncated file, a plan of the wrong kind.
 */

const EXAMPLE = join(import.meta.dirname, "../../examples/mobilytics");
const GENERATED = join(EXAMPLE, "generated");
const ENVS = ["dev", "staging", "prod"] as const;
const MAX_BYTES = 1.5 * 1024 * 1024;

interface StateResource {
  module?: string;
  mode: string;
  type: string;
  name: string;
  instances: { index_key?: string | number; attributes: Record<string, unknown> }[];
}
interface State {
  version: number;
  terraform_version: string;
  serial: number;
  lineage: string;
  resources: StateResource[];
  check_results?: { config_addr: string; status: string }[];
}
interface ResourceChange {
  address: string;
  type: string;
  change: { actions: string[]; after_unknown?: unknown };
}
interface Plan {
  format_version: string;
  terraform_version: string;
  planned_values: unknown;
  resource_changes: ResourceChange[];
  configuration: { root_module: { module_calls?: Record<string, unknown> } };
  complete?: boolean;
  errored?: boolean;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(GENERATED, file), "utf8")) as T;
const state = (env: string) => readJson<State>(`${env}.tfstate`);
const plan = (name: string) => readJson<Plan>(`${name}.plan.json`);

/** Module names called from the root main.tf: `module "vpc" {`. */
function rootModuleCalls(): string[] {
  const main = readFileSync(join(EXAMPLE, "main.tf"), "utf8");
  return [...main.matchAll(/^module "([\w-]+)"/gm)].map((m) => m[1]);
}

function instanceAddresses(s: State): Set<string> {
  const out = new Set<string>();
  for (const r of s.resources) {
    if (r.mode !== "managed") continue;
    const base = `${r.module ? `${r.module}.` : ""}${r.type}.${r.name}`;
    for (const i of r.instances) out.add(i.index_key === undefined ? base : `${base}[${JSON.stringify(i.index_key)}]`);
  }
  return out;
}

function attributesOf(s: State, module: string, type: string, name: string, key?: string | number) {
  const r = s.resources.find((x) => x.module === module && x.type === type && x.name === name);
  const inst = r?.instances.find((i) => i.index_key === key);
  if (!inst) throw new Error(`${module}.${type}.${name}[${String(key)}] not in state`);
  return inst.attributes;
}

function hasTrueLeaf(v: unknown): boolean {
  if (v === true) return true;
  if (Array.isArray(v)) return v.some(hasTrueLeaf);
  if (v && typeof v === "object") return Object.values(v).some(hasTrueLeaf);
  return false;
}

describe("examples/mobilytics/generated", () => {
  it("holds the state, plans and manifest, each under 1.5 MB", () => {
    const files = readdirSync(GENERATED).sort();
    expect(files).toEqual(
      [
        "dev-change.plan.json",
        ...ENVS.flatMap((e) => [`${e}.plan.json`, `${e}.tfstate`]),
        "manifest.json",
      ].sort(),
    );
    for (const f of files) expect(statSync(join(GENERATED, f)).size, f).toBeLessThan(MAX_BYTES);
  });

  it("records the Terraform version the files were made with", () => {
    const manifest = readJson<{ terraform_version: string; provider: { version: string } }>("manifest.json");
    expect(manifest.provider.version).toMatch(/^5\.\d+\.\d+$/);
    for (const env of ENVS) {
      expect(state(env).terraform_version).toBe(manifest.terraform_version);
      expect(plan(env).terraform_version).toBe(manifest.terraform_version);
    }
  });

  describe.each(ENVS)("%s state", (env) => {
    const s = state(env);

    it("is a state v4 file with resources from every module the root calls", () => {
      expect(s.version).toBe(4);
      expect(s.lineage).toMatch(/^[0-9a-f-]{36}$/);
      const modules = new Set(s.resources.map((r) => r.module));
      for (const m of rootModuleCalls()) expect(modules, `module.${m}`).toContain(`module.${m}`);
    });

    it("passed the workspace check", () => {
      const check = s.check_results?.find((c) => c.config_addr === "check.workspace_matches_environment");
      expect(check?.status).toBe("pass");
    });

    it("belongs to the environment's own account", () => {
      const accounts = readJson<{ accounts: Record<string, string> }>("manifest.json").accounts;
      const vpc = attributesOf(s, "module.vpc", "aws_vpc", "this");
      expect(vpc.arn).toContain(`:${accounts[env]}:`);
      expect((vpc.tags_all as Record<string, string>).Environment).toBe(env);
    });

    it("holds only obviously fake secret values", () => {
      const token = attributesOf(s, "module.elasticache", "aws_elasticache_replication_group", "this").auth_token;
      expect(token).toMatch(/^dummy-.*not-real/);
      const version = attributesOf(s, "module.secrets", "aws_secretsmanager_secret_version", "initial", "stripe-api-key");
      expect(version.secret_string).toMatch(/^dummy-.*not-real$/);
    });
  });

  it("dev state carries the deliberate violations the README lists", () => {
    const s = state("dev");
    const db = attributesOf(s, "module.rds", "aws_db_instance", "this");
    expect(db).toMatchObject({ backup_retention_period: 1, deletion_protection: false, multi_az: false, storage_encrypted: true });
    // The AWS-managed aws/rds key, not module.kms's rds CMK.
    const rdsCmk = attributesOf(s, "module.kms", "aws_kms_key", "this", "rds").arn;
    expect(db.kms_key_id).toMatch(/^arn:aws:kms:/);
    expect(db.kms_key_id).not.toBe(rdsCmk);

    const admin = attributesOf(s, "module.vpc", "aws_security_group", "admin", 0);
    expect(admin.ingress).toContainEqual(expect.objectContaining({ from_port: 22, cidr_blocks: ["0.0.0.0/0"] }));

    const worker = attributesOf(s, "module.ecs", "aws_cloudwatch_log_group", "service", "worker");
    expect(worker).toMatchObject({ retention_in_days: 1, kms_key_id: "" });
    expect((worker.tags_all as Record<string, string>).Owner).toBe("");

    expect(attributesOf(s, "module.iam", "aws_iam_role", "deploy").permissions_boundary).toBe("");
    expect(attributesOf(s, "module.secrets", "aws_ssm_parameter", "this", "support-api-token").type).toBe("String");

    const addresses = instanceAddresses(s);
    expect(addresses).not.toContain('module.secrets.aws_secretsmanager_secret_rotation.this["usps-credentials"]');
    expect(addresses).toContain('module.secrets.aws_secretsmanager_secret_rotation.this["stripe-api-key"]');
    expect(addresses).not.toContain("module.support_ui.aws_s3_bucket_versioning.site[0]");
  });

  it("prod state is clean where dev is not, and has the one documented exception", () => {
    const s = state("prod");
    const db = attributesOf(s, "module.rds", "aws_db_instance", "this");
    expect(db).toMatchObject({ backup_retention_period: 35, deletion_protection: true, multi_az: true });
    expect(db.kms_key_id).toBe(attributesOf(s, "module.kms", "aws_kms_key", "this", "rds").arn);
    expect(attributesOf(s, "module.iam", "aws_iam_role", "deploy").permissions_boundary).toMatch(/permissions-boundary$/);

    const redis = attributesOf(s, "module.elasticache", "aws_elasticache_replication_group", "this");
    expect(redis).toMatchObject({ automatic_failover_enabled: true, num_cache_clusters: 2, transit_encryption_enabled: true });

    const cdn = attributesOf(s, "module.support_ui", "aws_cloudfront_distribution", "this");
    expect(cdn.logging_config).toEqual([]); // the waived exception (PLAT-412)
    expect(cdn.web_acl_id).toMatch(/^arn:aws:wafv2:us-east-1:/);

    const params = attributesOf(s, "module.rds", "aws_db_parameter_group", "this").parameter as { name: string; value: string }[];
    expect(params).toContainEqual(expect.objectContaining({ name: "rds.force_ssl", value: "1" }));
  });

  describe.each(ENVS)("%s fresh plan", (env) => {
    const p = plan(env);

    it("is a complete plan that creates everything, with values known only after apply", () => {
      expect(p.format_version).toMatch(/^1\./);
      expect(p.errored ?? false).toBe(false);
      expect(p.planned_values).toBeTruthy();
      const managed = p.resource_changes.filter((c) => !c.address.includes(".data."));
      expect(managed.length).toBeGreaterThan(90);
      for (const c of p.resource_changes) expect(["create", "read"], c.address).toContain(c.change.actions.join(","));
      expect(managed.filter((c) => hasTrueLeaf(c.change.after_unknown)).length).toBeGreaterThan(50);
    });

    it("configures every module the root calls", () => {
      expect(Object.keys(p.configuration.root_module.module_calls ?? {}).sort()).toEqual(rootModuleCalls().sort());
    });
  });

  it("dev-change plan updates, replaces and deletes", () => {
    const changes = plan("dev-change").resource_changes;
    const actions = (address: string) => changes.find((c) => c.address === address)?.change.actions.join(",");
    expect(actions("module.rds.aws_db_instance.this")).toBe("update");
    expect(actions('module.ecs.aws_ecs_task_definition.service["api"]')).toBe("delete,create");
    expect(actions('module.ecs.aws_ecs_service.service["api"]')).toBe("update");
    expect(actions("module.vpc.aws_security_group.admin[0]")).toBe("delete");
    // Nothing else moves: the applied state round-trips through the provider.
    const moving = changes.filter((c) => !["no-op", "read"].includes(c.change.actions.join(",")));
    expect(moving).toHaveLength(6);
  });
});
