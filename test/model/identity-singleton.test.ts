/**
 * Singleton types (one record per account, or per account and region): identity is (type, account[,
 * region]) — the type registry's `singleton` flag — so the Terraform record, whose state has no ARN and
 * hence a placeholder id, matches the live record instead of showing as both missing and unmanaged.
 */
import { describe, expect, it } from "vitest";
import { diffResources } from "../../src/drift/diff.js";
import { linkResources } from "../../src/drift/link.js";
import { AccountContext, identityKeys, matchResources, placeholderId, sameResource, singletonScope } from "../../src/model/identity.js";
import type { Resource, SourceKind } from "../../src/model/resource.js";
import { RESOURCE_TYPES } from "../../src/model/types/index.js";

const A = "270000000001";
const B = "270000000002";
const PW = "AWS::IAM::AccountPasswordPolicy";
const EBS = "AWS::EC2::EBSEncryptionByDefault";

function tf(type: string, address: string, over: Partial<Resource> = {}, source: SourceKind = "tf-state", location = "prod.tfstate"): Resource {
  return { type, id: placeholderId(address), tags: {}, props: {}, origin: { source, address, location }, ...over };
}

function live(type: string, account: string, over: Partial<Resource> = {}): Resource {
  return { type, id: account, account, tags: {}, props: {}, origin: { source: "aws", location: `aws://${account}` }, ...over };
}

/** A state record that knows its account through its ARN: its location's other records are in that account. */
function roleIn(account: string, location = "prod.tfstate"): Resource {
  return {
    type: "AWS::IAM::Role",
    id: "AROA1",
    arn: `arn:aws:iam::${account}:role/app`,
    tags: {},
    props: {},
    origin: { source: "tf-state", address: "aws_iam_role.app", location },
  };
}

describe("singleton identity", () => {
  it("reads the per-type flag from the type registry", () => {
    expect(singletonScope(PW)).toBe("account");
    expect(singletonScope("AWS::S3::AccountPublicAccessBlock")).toBe("account");
    expect(singletonScope("AWS::::Account")).toBe("account");
    expect(singletonScope(EBS)).toBe("region");
    expect(singletonScope("AWS::S3::Bucket")).toBeUndefined();
    const flagged = Object.entries(RESOURCE_TYPES)
      .filter(([, t]) => t.singleton)
      .map(([k]) => k)
      .sort();
    expect(flagged).toEqual(["AWS::::Account", EBS, PW, "AWS::S3::AccountPublicAccessBlock"].sort());
  });

  it("keys a singleton by type and account (and region for a per-region type)", () => {
    expect(identityKeys(live(PW, A))[0]).toBe(`single:${PW}:${A}`);
    expect(identityKeys(live(EBS, A, { id: `${A}:eu-west-1`, region: "eu-west-1" }))[0]).toBe(`single:${EBS}:${A}:eu-west-1`);
    // Without an account (and no context), only the Terraform address is left.
    expect(identityKeys(tf(PW, "aws_iam_account_password_policy.this"))).toEqual([`tf:${PW}:aws_iam_account_password_policy.this`]);
    // A per-region type without a region has no singleton key.
    expect(identityKeys(live(EBS, A, { id: "x" })).some((k) => k.startsWith("single:"))).toBe(false);
  });

  it("matches the state's password policy to the live one through its state file's account", () => {
    const state = tf(PW, "aws_iam_account_password_policy.this", { region: "eu-west-1" });
    const liveA = live(PW, A);
    const liveB = live(PW, B);
    const m = matchResources([roleIn(A), state], [liveB, liveA]);
    expect(m.matched.map((x) => [x.a.type, x.b.account, x.by])).toEqual([[PW, A, "singleton"]]);
    expect(m.onlyB).toEqual([liveB]);
  });

  it("takes the audit's only live account when the Terraform record's location knows none", () => {
    const state = tf(PW, "aws_iam_account_password_policy.this");
    expect(sameResource(state, live(PW, A), new AccountContext([state, live(PW, A)]))).toBe("singleton");
    expect(matchResources([state], [live(PW, A)]).matched).toHaveLength(1);
    // Two live accounts: which one the state describes is not known, so no match (never a guess).
    const two = matchResources([state], [live(PW, A), live(PW, B)]);
    expect(two.matched).toEqual([]);
    expect(two.onlyA).toEqual([state]);
  });

  it("matches a per-region setting in its own region only, by the accounts audited there", () => {
    const eu = tf(EBS, "aws_ebs_encryption_by_default.eu", { region: "eu-west-1" });
    const liveEu = live(EBS, A, { id: `${A}:eu-west-1`, region: "eu-west-1" });
    const liveUs = live(EBS, A, { id: `${A}:us-east-1`, region: "us-east-1" });
    // Account B was audited in us-east-1 only: in eu-west-1, A is the only live account.
    const liveUsB = live(EBS, B, { id: `${B}:us-east-1`, region: "us-east-1" });
    const m = matchResources([eu], [liveUs, liveUsB, liveEu]);
    expect(m.matched.map((x) => x.b)).toEqual([liveEu]);
    expect(m.onlyB).toEqual([liveUs, liveUsB]);
  });

  it("never matches two known, different accounts, even at the same Terraform address", () => {
    const a = tf(PW, "aws_iam_account_password_policy.this", { account: A });
    const b = tf(PW, "aws_iam_account_password_policy.this", { account: B }, "tf-state", "other.tfstate");
    expect(sameResource(a, b)).toBeUndefined();
    expect(sameResource(a, tf(PW, "aws_iam_account_password_policy.this", { account: A }, "hcl", "infra/"))).toBe("singleton");
  });

  it("links the state and live records of the account's password policy (one link, no region)", () => {
    const state = tf(PW, "aws_iam_account_password_policy.this", { region: "eu-west-1" });
    const l = live(PW, A);
    const links = linkResources([roleIn(A), state, l, live("AWS::IAM::Role", A, { id: "AROA1", arn: `arn:aws:iam::${A}:role/app` })])!;
    expect(links.get(state)).toBe(`${PW}|${A}||${A}`);
    expect(links.get(l)).toBe(links.get(state));
  });

  it("drift: a changed password policy is one 'changed' item, not missing plus unmanaged", () => {
    const state = tf(PW, "aws_iam_account_password_policy.this", { region: "eu-west-1", props: { MinimumPasswordLength: 14, RequireSymbols: true } });
    const l = live(PW, A, { props: { MinimumPasswordLength: 8, RequireSymbols: true } });
    const d = diffResources([roleIn(A), state], [l, live("AWS::IAM::Role", A, { id: "AROA1", arn: `arn:aws:iam::${A}:role/app` })], {
      coverage: { collected: [{ type: PW, account: A }, { type: "AWS::IAM::Role", account: A }], gaps: [] },
    });
    expect(d.items.map((i) => [i.kind, i.type, i.account])).toEqual([["changed", PW, A]]);
    expect(d.items[0].changes?.map((c) => [c.path, c.desired, c.actual])).toEqual([["MinimumPasswordLength", 14, 8]]);
  });

  it("drift: a plan's new singleton with nothing live is 'not created yet', not missing", () => {
    const planned = tf(PW, "aws_iam_account_password_policy.this", { props: { MinimumPasswordLength: 14 } }, "tf-plan", "plan.json");
    const d = diffResources([planned], [live("AWS::IAM::Role", A, { id: "AROA1", arn: `arn:aws:iam::${A}:role/app` })], {
      coverage: { collected: [{ type: PW, account: A }, { type: "AWS::IAM::Role", account: A }], gaps: [] },
    });
    expect(d.items.filter((i) => i.type === PW)).toEqual([]);
    expect(d.notes).toContain("1 planned resource(s) not created yet were not compared");
  });
});
