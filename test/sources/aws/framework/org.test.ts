/**
 * Account discovery: --accounts + --role-name on the shared moto (this suite's account ids), and --org on
 * a moto of our own (creating an organization in the shared server's default account would change what
 * other tests see): Organizations ListAccounts, then the role assumed in each member account, the
 * management account read with the caller's own credentials.
 */
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Collector } from "../../../../src/sources/aws/contract.js";
import { collectLiveRun } from "../../../../src/sources/aws/collect.js";
import { motoClientConfig, motoEndpoint } from "../../../support/moto.js";
import { motoAccount, record } from "./helpers.js";
import { startOwnMoto, type OwnMoto } from "./own-moto.js";

const ROOT = { accessKeyId: "testing", secretAccessKey: "testing" };

/** One record per account: who the framework's credentials say we are. */
const WHOAMI: Collector = {
  service: "iam",
  types: ["AWS::IAM::Role"],
  global: true,
  actions: ["iam:ListRoles"],
  async collect(ctx) {
    const { ListRolesCommand } = await import("@aws-sdk/client-iam");
    const roles = await ctx.client(IAMClient).send(new ListRolesCommand({}));
    return (roles.Roles ?? []).map((r) => record(ctx, "AWS::IAM::Role", r.RoleName!));
  },
};

describe("--accounts with --role-name", () => {
  it("assumes the role in each listed account and keeps their evidence apart", async () => {
    const ids = ["200000000401", "200000000402"];
    for (const [i, id] of ids.entries()) {
      const iam = new IAMClient(await motoAccount(id));
      await iam.send(new CreateRoleCommand({ RoleName: `only-in-${i}`, AssumeRolePolicyDocument: "{}" }));
    }
    const run = await collectLiveRun({ credentials: motoClientConfig().credentials, endpoint: motoEndpoint(), accounts: ids, roleName: "plumbline-audit", regions: ["us-east-1"], collectors: [WHOAMI] });
    const byAccount = Object.fromEntries(run.evidence.map((e) => [e.account, e.resources.map((r) => r.id).sort()]));
    expect(byAccount).toEqual({ "200000000401": ["only-in-0"], "200000000402": ["only-in-1"] });
    for (const ev of run.evidence) for (const r of ev.resources) expect(r.account).toBe(ev.account);
  });
});

describe("--org", () => {
  let moto: OwnMoto;
  let members: string[];
  beforeAll(async () => {
    moto = await startOwnMoto({});
    const org = new OrganizationsClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: ROOT });
    await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    members = [];
    for (const name of ["dev", "prod"]) {
      const out = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
      members.push(out.CreateAccountStatus!.AccountId!);
    }
    await new IAMClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: ROOT }).send(new CreateRoleCommand({ RoleName: "management-only", AssumeRolePolicyDocument: "{}" }));
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it("audits every active account of the organization", async () => {
    const run = await collectLiveRun({ credentials: ROOT, endpoint: moto.endpoint, org: true, roleName: "OrganizationAccountAccessRole", regions: ["us-east-1"], collectors: [WHOAMI] });
    const accounts = run.evidence.map((e) => e.account).sort();
    expect(accounts).toEqual(["123456789012", ...members].sort());
    const mgmt = run.evidence.find((e) => e.account === "123456789012")!;
    expect(mgmt.resources.map((r) => r.id)).toContain("management-only");
    for (const id of members) expect(run.evidence.find((e) => e.account === id)!.resources.map((r) => r.id)).not.toContain("management-only");
    expect(run.stats.operations).toContain("organizations:ListAccounts");
    expect(run.stats.operations.filter((o) => o === "sts:AssumeRole")).toHaveLength(members.length);
  });
});
