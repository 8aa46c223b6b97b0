/**
 * Collectors-B for the types added with the wider rule library: ELBv2, AWS Backup, Shield, against moto
 * in account 220000000004 (created through the real APIs, collected with the real collectors).
 */
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand } from "@aws-sdk/client-backup";
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateProtectionCommand, CreateSubscriptionCommand, ShieldClient } from "@aws-sdk/client-shield";
import type { AwsCredentialIdentity } from "@smithy/types";
import { beforeAll, describe, expect, it } from "vitest";
import type { Resource } from "../../../../src/model/resource.js";
import { validateProps } from "../../../../src/model/types/index.js";
import { isUnknown } from "../../../../src/model/values.js";
import { BACKUP_COLLECTOR } from "../../../../src/sources/aws/collectors/backup.js";
import { ELBV2_COLLECTOR } from "../../../../src/sources/aws/collectors/elbv2.js";
import { SHIELD_COLLECTOR } from "../../../../src/sources/aws/collectors/shield.js";
import { accountCredentials, runCollector, seedConfig, type TestRun } from "./support.js";

const ACCOUNT = "220000000004";
const REGION = "eu-west-1";
let creds: AwsCredentialIdentity;

function expectValid(run: TestRun): void {
  for (const r of run.resources) expect(validateProps(r.type, r.props), `${r.type} ${r.id}`).toEqual({ valid: true, errors: [] });
}

beforeAll(async () => {
  creds = await accountCredentials(ACCOUNT);
});

describe("ELBv2 collector", () => {
  let run: TestRun;
  let lbArn = "";
  beforeAll(async () => {
    const ec2 = new EC2Client(seedConfig(creds, REGION));
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.60.0.0/16" }))).Vpc!.VpcId!;
    const a = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: "10.60.1.0/24", AvailabilityZone: `${REGION}a` }))).Subnet!.SubnetId!;
    const b = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: "10.60.2.0/24", AvailabilityZone: `${REGION}b` }))).Subnet!.SubnetId!;
    ec2.destroy();
    const elb = new ElasticLoadBalancingV2Client(seedConfig(creds, REGION));
    lbArn = (await elb.send(new CreateLoadBalancerCommand({ Name: "m-web", Subnets: [a, b], Scheme: "internet-facing", Type: "application", Tags: [{ Key: "Owner", Value: "web" }] }))).LoadBalancers![0].LoadBalancerArn!;
    await elb.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: lbArn, Attributes: [{ Key: "deletion_protection.enabled", Value: "true" }, { Key: "routing.http.drop_invalid_header_fields.enabled", Value: "true" }] }));
    await elb.send(new CreateListenerCommand({
      LoadBalancerArn: lbArn, Protocol: "HTTP", Port: 80,
      DefaultActions: [{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } }],
    }));
    elb.destroy();
    run = await runCollector(ELBV2_COLLECTOR, { account: ACCOUNT, region: REGION, creds });
  });

  it("maps load balancers with their attribute list and tags, and their listeners", () => {
    expectValid(run);
    expect(run.gaps).toEqual([]);
    const lb = run.resources.find((r) => r.type === "AWS::ElasticLoadBalancingV2::LoadBalancer")!;
    expect(lb).toMatchObject({ id: lbArn, arn: lbArn, name: "m-web", tags: { Owner: "web" } });
    expect(lb.props).toMatchObject({ Name: "m-web", Type: "application", Scheme: "internet-facing" });
    expect(lb.props.Subnets).toHaveLength(2);
    expect(lb.props.LoadBalancerAttributes).toEqual(expect.arrayContaining([
      { Key: "deletion_protection.enabled", Value: "true" },
      { Key: "routing.http.drop_invalid_header_fields.enabled", Value: "true" },
    ]));
    const listener = run.resources.find((r) => r.type === "AWS::ElasticLoadBalancingV2::Listener")!;
    expect(listener.props).toMatchObject({
      LoadBalancerArn: lbArn, Port: 80, Protocol: "HTTP",
      DefaultActions: [{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } }],
    });
  });
});

describe("Backup collector", () => {
  let run: TestRun;
  beforeAll(async () => {
    const backup = new BackupClient(seedConfig(creds, REGION));
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: "m-vault", EncryptionKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0000aaaa-1111-2222-3333-444455556666`, BackupVaultTags: { Owner: "sre" } }));
    await backup.send(new CreateBackupPlanCommand({
      BackupPlan: { BackupPlanName: "m-daily", Rules: [{ RuleName: "daily", TargetBackupVaultName: "m-vault", ScheduleExpression: "cron(0 5 * * ? *)", Lifecycle: { DeleteAfterDays: 35 } }] },
    }));
    backup.destroy();
    run = await runCollector(BACKUP_COLLECTOR, { account: ACCOUNT, region: REGION, creds, maxAttempts: 1 });
  });

  it("maps vaults (key from the list) and plans in CloudFormation's shape; selections moto cannot list are UNKNOWN", () => {
    expectValid(run);
    const vault = run.resources.find((r) => r.type === "AWS::Backup::BackupVault" && r.name === "m-vault")!;
    expect(vault.props).toEqual({ BackupVaultName: "m-vault", EncryptionKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0000aaaa-1111-2222-3333-444455556666` });
    // (moto's ListTags returns no tags for a vault created with BackupVaultTags: not asserted here.)
    const plan = run.resources.find((r) => r.type === "AWS::Backup::BackupPlan")!;
    expect(plan.props.BackupPlan).toEqual({
      BackupPlanName: "m-daily",
      BackupPlanRule: [{ RuleName: "daily", TargetBackupVault: "m-vault", ScheduleExpression: "cron(0 5 * * ? *)", Lifecycle: { DeleteAfterDays: 35 } }],
    });
    // moto 5.2 has no ListBackupSelections: unknown with the action, never "covers nothing".
    const sel = plan.props.Selections;
    expect(isUnknown(sel) && sel.expression).toBe("backup:ListBackupSelections");
  });
});

describe("Shield collector", () => {
  it("reads protections once per account from us-east-1", async () => {
    const shield = new ShieldClient(seedConfig(creds, "us-east-1"));
    await shield.send(new CreateSubscriptionCommand({}));
    const dist = `arn:aws:cloudfront::${ACCOUNT}:distribution/EPROTECTED1`;
    await shield.send(new CreateProtectionCommand({ Name: "m-edge", ResourceArn: dist }));
    shield.destroy();
    const run = await runCollector(SHIELD_COLLECTOR, { account: ACCOUNT, region: "us-east-1", creds });
    expectValid(run);
    expect(run.gaps).toEqual([]);
    const p: Resource = run.resources[0];
    expect(run.resources).toHaveLength(1);
    expect(p).toMatchObject({ type: "AWS::Shield::Protection", name: "m-edge", props: { Name: "m-edge", ResourceArn: dist } });
  });
});
