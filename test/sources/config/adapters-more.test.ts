/**
 * Adapters for the types added after the first set: ECS, ECR, SQS, SNS, AWS Backup, RDS snapshots,
 * AWS Config's recorder, Shield protections (both Config types), ELBv2 listeners and the S3 account
 * public access block. Items are in test/fixtures/config/items/ (keys from AWS's own property lists per
 * type, awslabs/aws-config-resource-schema; each file names its source). Each type: the item through its
 * adapter and the live mapper, what the rules read, and what the item lacks coming out Unknown. Then the
 * verdicts of the real rules over those items, through the Lambda's judge.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { judgeItems } from "../../../src/configrule/judge.js";
import { selectFromParameters } from "../../../src/configrule/parameters.js";
import { isRedacted, isUnknown } from "../../../src/model/values.js";
import { normalizeItem, type ConfigItem } from "../../../src/sources/config/item.js";
import { joinParts } from "../../../src/sources/config/join.js";
import { itemToResource } from "../../../src/sources/config/resource.js";
import { configTypesFor, unreadableReason } from "../../../src/sources/config/types.js";
import { FIXTURES, ruleSet } from "../../configrule/helpers.js";

const ACCOUNT = "280000000001";

function raw(name: string): any {
  return JSON.parse(readFileSync(join(FIXTURES, "items", `${name}.json`), "utf8"));
}

function item(name: string, edit: (configuration: any, raw: any) => void = () => {}): ConfigItem {
  const r = raw(name);
  const text = typeof r.configuration === "string";
  const c = text ? JSON.parse(r.configuration) : r.configuration;
  edit(c, r);
  r.configuration = text ? JSON.stringify(c) : c;
  return normalizeItem(r);
}

function map(i: ConfigItem) {
  const r = itemToResource(i, `aws-config://${ACCOUNT}`);
  if ("unknown" in r) throw new Error(r.unknown);
  return r.resource;
}

/** The Config evaluations the Lambda would send for these items and plumbline rules (a periodic run). */
async function verdicts(rules: string, items: ConfigItem[], params: Record<string, unknown> = {}) {
  const sel = selectFromParameters(JSON.stringify({ rules, ...params }), await ruleSet());
  const at = new Date("2026-11-21T00:00:00Z");
  const { evaluations } = judgeItems(sel, items, { mode: "periodic", account: ACCOUNT, region: "eu-west-1", at, now: at });
  return Object.fromEntries(evaluations.map((e) => [e.ComplianceResourceId!, `${e.ComplianceType}${e.Annotation ? ` ${e.Annotation}` : ""}`]));
}

describe("ECS", () => {
  it("AWS::ECS::Service: CloudFormation's shape → DescribeServices' (Cluster → clusterArn, tags)", () => {
    const r = map(item("ecs-service"));
    expect(r).toMatchObject({ type: "AWS::ECS::Service", id: raw("ecs-service").resourceId, name: "orders-api", region: "eu-west-1", tags: { env: "prod" } });
    expect(r.props).toMatchObject({
      Cluster: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/orders-cluster`,
      LaunchType: "FARGATE",
      EnableExecuteCommand: false,
      DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MaximumPercent: 200 },
      DeploymentController: { Type: "ECS" },
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: "DISABLED", Subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] } },
    });
  });

  it("AWS::ECS::TaskDefinition: container definitions through the one container mapping; secrets redacted; option maps kept", () => {
    const r = map(item("ecs-task-definition"));
    expect(r).toMatchObject({ type: "AWS::ECS::TaskDefinition", name: "orders-api", tags: { env: "prod" } });
    expect(r.props).toMatchObject({ Family: "orders-api", Revision: 7, NetworkMode: "awsvpc", Cpu: "512", RequiresCompatibilities: ["FARGATE"] });
    const [c] = r.props.ContainerDefinitions as any[];
    expect(c).toMatchObject({ Name: "api", Privileged: false, ReadonlyRootFilesystem: true, LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": "/ecs/orders-api" } } });
    expect(c.Environment[0]).toEqual({ Name: "LOG_LEVEL", Value: "info" });
    expect(c.Environment[1].Name).toBe("DB_PASSWORD");
    expect(isRedacted(c.Environment[1].Value)).toBe(true);
    expect(JSON.stringify(r)).not.toContain("hunter2");
  });

  it("verdicts: circuit breaker, public IP, privileged, read-only root, logging", async () => {
    const svc = raw("ecs-service").resourceId;
    const v = await verdicts("ecs-service-circuit-breaker,ecs-service-no-public-ip,ecs-no-privileged-containers,ecs-readonly-root-filesystem,ecs-task-logging", [
      item("ecs-service"),
      item("ecs-task-definition"),
      item("ecs-service", (c, r) => {
        r.resourceId = `${svc}-2`;
        c.ServiceArn = `${svc}-2`;
        c.DeploymentConfiguration = { MaximumPercent: 200, MinimumHealthyPercent: 100 };
        c.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp = "ENABLED";
      }),
    ]);
    expect(v[svc]).toBe("COMPLIANT");
    expect(v["orders-api:7"]).toBe("COMPLIANT");
    expect(v[`${svc}-2`]).toMatch(/^NON_COMPLIANT .*ecs-service-circuit-breaker.*ecs-service-no-public-ip/);
  });

  it("an awsvpc service whose item lacks AssignPublicIp is UNKNOWN for the public-IP rule, not the API default's PASS", async () => {
    const i = item("ecs-service", (c) => delete c.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp);
    expect(isUnknown((map(i).props.NetworkConfiguration as any).AwsvpcConfiguration.AssignPublicIp)).toBe(true);
    expect((await verdicts("ecs-service-no-public-ip", [i]))[i.resourceId]).toMatch(/^NOT_APPLICABLE UNKNOWN: ecs-service-no-public-ip: .*public IPs/);
  });
});

describe("ECR", () => {
  it("AWS::ECR::Repository: CloudFormation's shape; lifecycle policy text; absent properties are not set", async () => {
    const r = map(item("ecr-repository"));
    expect(r).toMatchObject({ id: "orders-api", arn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/orders-api` });
    expect(r.props).toMatchObject({ ImageTagMutability: "IMMUTABLE", ImageScanningConfiguration: { ScanOnPush: true }, EncryptionConfiguration: { EncryptionType: "KMS" } });
    expect((r.props.LifecyclePolicy as any).LifecyclePolicyText).toContain("imageCountMoreThan");
    const bare = item("ecr-repository", (c, x) => {
      x.resourceId = "bare";
      c.RepositoryName = "bare";
      for (const k of ["ImageTagMutability", "ImageScanningConfiguration", "EncryptionConfiguration", "LifecyclePolicy"]) delete c[k];
    });
    const v = await verdicts("ecr-immutable-tags,ecr-scan-on-push,ecr-lifecycle-policy", [item("ecr-repository"), bare]);
    expect(v["orders-api"]).toBe("COMPLIANT");
    expect(v.bare).toMatch(/^NON_COMPLIANT ecr-immutable-tags: .*; ecr-lifecycle-policy: .*; ecr-scan-on-push: /);
    // The CMK rule follows the key: not among these items, so UNKNOWN; no key at all (AES256) fails.
    const cmk = await verdicts("ecr-repository-cmk", [item("ecr-repository"), bare]);
    expect(cmk["orders-api"]).toMatch(/^NOT_APPLICABLE UNKNOWN: ecr-repository-cmk: .*not in the audited evidence/);
    expect(cmk.bare).toMatch(/^NON_COMPLIANT ecr-repository-cmk/);
  });
});

describe("SQS and SNS", () => {
  it("AWS::SQS::Queue: typed attributes become the API's strings; the queue policy is not in the item: Unknown", async () => {
    const r = map(item("sqs-queue"));
    expect(r).toMatchObject({ id: raw("sqs-queue").resourceId, arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-events`, name: "orders-events" });
    expect(r.props).toMatchObject({ KmsMasterKeyId: "alias/orders-events", SqsManagedSseEnabled: false, MessageRetentionPeriod: 345600, KmsDataKeyReusePeriodSeconds: 300 });
    expect(isUnknown(r.props.Policy)).toBe(true);
    const v = await verdicts("sqs-queue-encrypted,sqs-queue-no-public-access", [item("sqs-queue")]);
    expect(v[raw("sqs-queue").resourceId]).toMatch(/^NOT_APPLICABLE UNKNOWN: sqs-queue-no-public-access: .*does not record the queue's access policy/);
  });

  it("AWS::SQS::Queue recorded before SSE-SQS: without a KMS key, encryption is Unknown, never a FAIL or PASS from a default", async () => {
    const old = item("sqs-queue", (c) => {
      delete c.KmsMasterKeyId;
      delete c.KmsDataKeyReusePeriodSeconds;
      delete c.SqsManagedSseEnabled;
    });
    expect(isUnknown(map(old).props.SqsManagedSseEnabled)).toBe(true);
    const v = await verdicts("sqs-queue-encrypted", [old]);
    expect(v[old.resourceId]).toMatch(/^NOT_APPLICABLE UNKNOWN: sqs-queue-encrypted: /);
  });

  it("AWS::SNS::Topic: KMS key from the item; the topic policy Unknown", async () => {
    const r = map(item("sns-topic"));
    expect(r).toMatchObject({ id: `arn:aws:sns:eu-west-1:${ACCOUNT}:orders-alerts`, name: "orders-alerts" });
    expect(r.props).toMatchObject({ KmsMasterKeyId: "alias/aws/sns", DisplayName: "Orders alerts" });
    expect(isUnknown(r.props.Policy)).toBe(true);
    const v = await verdicts("sns-topic-encrypted-kms", [item("sns-topic"), item("sns-topic", (c, x) => ((x.resourceId = c.TopicArn = `${c.TopicArn}-plain`), delete c.KmsMasterKeyId))]);
    expect(v[`arn:aws:sns:eu-west-1:${ACCOUNT}:orders-alerts`]).toBe("COMPLIANT");
    expect(v[`arn:aws:sns:eu-west-1:${ACCOUNT}:orders-alerts-plain`]).toMatch(/^NON_COMPLIANT /);
  });
});

describe("AWS Backup", () => {
  const plan = () => item("backup-plan");
  const selection = () => item("backup-selection");

  it("AWS::Backup::BackupVault and BackupPlan (CloudFormation's rules: TargetBackupVault, Lifecycle)", () => {
    expect(map(item("backup-vault")).props).toEqual({ BackupVaultName: "orders-vault", EncryptionKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1f2e3d4c-0000-4000-8000-000000000002` });
    const r = map(plan());
    expect(r).toMatchObject({ id: "8a3e1c2d-1111-4a5b-9c8d-0123456789ab", name: "orders-daily" });
    expect((r.props.BackupPlan as any).BackupPlanRule).toEqual([
      {
        RuleName: "daily",
        TargetBackupVault: "orders-vault",
        ScheduleExpression: "cron(0 5 ? * * *)",
        EnableContinuousBackup: false,
        Lifecycle: { DeleteAfterDays: 35 },
        CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:orders-dr`, Lifecycle: { DeleteAfterDays: 35 } }],
      },
    ]);
  });

  it("selections are separate items: joined to their plan when listed, Unknown when not", () => {
    expect(configTypesFor(["AWS::Backup::BackupPlan"])).toEqual(["AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection"]);
    const alone = map(plan());
    expect(isUnknown(alone.props.Selections)).toBe(true);
    const joined = joinParts([plan(), selection()], new Set(["AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection"]));
    expect(joined.map((i) => i.resourceType)).toEqual(["AWS::Backup::BackupPlan"]);
    expect(map(joined[0]).props.Selections).toEqual([
      {
        SelectionName: "orders-databases",
        IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`,
        Resources: [`arn:aws:rds:eu-west-1:${ACCOUNT}:db:orders`],
        NotResources: [],
        ListOfTags: [{ ConditionType: "STRINGEQUALS", ConditionKey: "backup", ConditionValue: "daily" }],
      },
    ]);
    // Listed, none for this plan: an empty list (the plan selects nothing), not Unknown.
    const none = joinParts([plan()], new Set(["AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection"]));
    expect(map(none[0]).props.Selections).toEqual([]);
  });

  it("verdicts: retention per rule, coverage on the account", async () => {
    const listed = new Set(["AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection"]);
    const v = await verdicts("backup-plan-min-retention,backup-plan-coverage", joinParts([plan(), selection()], listed));
    expect(v["8a3e1c2d-1111-4a5b-9c8d-0123456789ab"]).toBe("COMPLIANT");
    expect(v[ACCOUNT]).toBe("COMPLIANT");
    const short = await verdicts("backup-plan-min-retention", [plan()], { "backup-plan-min-retention.minRetentionDays": "90" });
    expect(short["8a3e1c2d-1111-4a5b-9c8d-0123456789ab"]).toMatch(/^NON_COMPLIANT backup-plan-min-retention/);
    const unjoined = await verdicts("backup-plan-coverage", [plan()]);
    expect(unjoined[ACCOUNT]).toMatch(/^NOT_APPLICABLE UNKNOWN: backup-plan-coverage/);
  });
});

describe("RDS snapshots", () => {
  it("AWS::RDS::DBSnapshot: sharing from supplementaryConfiguration.DBSnapshotAttributes; public and unencrypted fail", async () => {
    const s = item("rds-db-snapshot");
    const r = map(s);
    expect(r).toMatchObject({ id: "orders-before-migration", arn: raw("rds-db-snapshot").ARN, tags: { env: "prod" } });
    expect(r.props).toMatchObject({ SourceIdentifier: "orders", Encrypted: false, SharedAccounts: ["all"] });
    const v = await verdicts("rds-snapshot-not-public,rds-snapshot-encrypted", [s]);
    expect(v[s.resourceId]).toMatch(/^NON_COMPLIANT .*rds-snapshot-not-public.*rds-snapshot-encrypted|^NON_COMPLIANT .*rds-snapshot-encrypted.*rds-snapshot-not-public/);
  });

  it("without the attributes in the item, sharing is Unknown (a public snapshot never passes for lack of data)", async () => {
    const s = item("rds-db-snapshot", (_c, x) => (x.supplementaryConfiguration = {}));
    expect(isUnknown(map(s).props.SharedAccounts)).toBe(true);
    const v = await verdicts("rds-snapshot-not-public", [s]);
    expect(v[s.resourceId]).toMatch(/^NOT_APPLICABLE UNKNOWN: rds-snapshot-not-public: .*sharing attributes/);
  });

  it("AWS::RDS::DBClusterSnapshot: folded acronyms (dbclusterSnapshotIdentifier), shared with one account", async () => {
    const s = item("rds-db-cluster-snapshot");
    const r = map(s);
    expect(r).toMatchObject({ id: "ledger-weekly", type: "AWS::RDS::DBClusterSnapshot" });
    expect(r.props).toMatchObject({ SourceIdentifier: "ledger", Encrypted: true, SharedAccounts: ["280000000002"] });
    expect((await verdicts("rds-snapshot-not-public,rds-snapshot-encrypted", [s]))[s.resourceId]).toBe("COMPLIANT");
  });
});

describe("AWS Config recorder, Shield, listeners, S3 account block", () => {
  it("AWS::Config::ConfigurationRecorder: recording group and the Recording flag; absent flag Unknown", () => {
    const r = map(item("config-recorder"));
    expect(r).toMatchObject({ id: "default", region: "eu-west-1" });
    expect(r.props).toMatchObject({ RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true, RecordingStrategy: { UseOnly: "ALL_SUPPORTED_RESOURCE_TYPES" } }, Recording: true, RecordingMode: { RecordingFrequency: "CONTINUOUS" } });
    expect((r.props.RoleARN as string).endsWith("AWSServiceRoleForConfig")).toBe(true);
    expect(isUnknown(map(item("config-recorder", (c) => delete c.Recording)).props.Recording)).toBe(true);
  });

  it("AWS::Shield::Protection and AWS::ShieldRegional::Protection both become Shield protections", async () => {
    expect(configTypesFor(["AWS::Shield::Protection"])).toEqual(["AWS::Shield::Protection", "AWS::ShieldRegional::Protection"]);
    const g = map(item("shield-protection"));
    const reg = map(item("shieldregional-protection"));
    expect([g.type, reg.type]).toEqual(["AWS::Shield::Protection", "AWS::Shield::Protection"]);
    expect(reg.props).toEqual({ Name: "orders-alb", ResourceArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/orders-alb/50dc6c495c0c9188` });
  });

  it("AWS::ElasticLoadBalancingV2::Listener: an HTTP listener that redirects to HTTPS passes; one that forwards fails", async () => {
    const l = item("elbv2-listener");
    expect(map(l).props).toMatchObject({ Port: 80, Protocol: "HTTP", DefaultActions: [{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } }] });
    const fwd = item("elbv2-listener", (c, x) => {
      x.resourceId = `${x.resourceId}-fwd`;
      c.ListenerArn = x.resourceId;
      c.DefaultActions = [{ Type: "forward", Order: 1, TargetGroupArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/web/1` }];
    });
    const v = await verdicts("alb-http-redirects-to-https", [l, fwd]);
    expect(v[l.resourceId]).toBe("COMPLIANT");
    expect(v[fwd.resourceId]).toMatch(/^NON_COMPLIANT alb-http-redirects-to-https/);
  });

  it("AWS::S3::AccountPublicAccessBlock: the four flags; one off fails the account rule", async () => {
    const r = map(item("s3-account-public-access-block"));
    expect(r.props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false });
    expect((await verdicts("s3-account-public-access-block", [item("s3-account-public-access-block")]))[ACCOUNT]).toMatch(/^NON_COMPLIANT s3-account-public-access-block/);
  });

  it("types AWS Config does not record say so", () => {
    expect(unreadableReason("AWS::SSM::Parameter")).toMatch(/does not record Systems Manager parameters/);
    expect(unreadableReason("AWS::EC2::EBSEncryptionByDefault")).toMatch(/EC2_EBS_ENCRYPTION_BY_DEFAULT/);
    expect(unreadableReason("AWS::IAM::AccountPasswordPolicy")).toMatch(/password policy/);
    expect(unreadableReason("AWS::Lambda::Function")).toMatch(/no adapter/);
  });
});
