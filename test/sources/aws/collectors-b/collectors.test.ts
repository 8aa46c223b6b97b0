/**
 * Collectors-B against moto: resources created through the real APIs in one moto account, collected with
 * the real collectors, mapped to canonical resources that validate against the type schemas.
 */
import { CloudFrontClient, CreateDistributionWithTagsCommand } from "@aws-sdk/client-cloudfront";
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from "@aws-sdk/client-dynamodb";
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
} from "@aws-sdk/client-ec2";
import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { CreateReplicationGroupCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  CreateDBParameterGroupCommand,
  CreateDBSnapshotCommand,
  ModifyDBParameterGroupCommand,
  ModifyDBSnapshotAttributeCommand,
  RDSClient,
} from "@aws-sdk/client-rds";
import { CreateWebACLCommand, PutLoggingConfigurationCommand, WAFV2Client } from "@aws-sdk/client-wafv2";
import { CreateRepositoryCommand, ECRClient, PutLifecyclePolicyCommand } from "@aws-sdk/client-ecr";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { AwsCredentialIdentity } from "@smithy/types";
import { beforeAll, describe, expect, it } from "vitest";
import type { Resource } from "../../../../src/model/resource.js";
import { validateProps } from "../../../../src/model/types/index.js";
import { REDACTED, isUnknown } from "../../../../src/model/values.js";
import { CLOUDFRONT_COLLECTOR } from "../../../../src/sources/aws/collectors/cloudfront.js";
import { DYNAMODB_COLLECTOR } from "../../../../src/sources/aws/collectors/dynamodb.js";
import { EC2_COLLECTOR } from "../../../../src/sources/aws/collectors/ec2.js";
import { ECS_COLLECTOR } from "../../../../src/sources/aws/collectors/ecs.js";
import { ELASTICACHE_COLLECTOR } from "../../../../src/sources/aws/collectors/elasticache.js";
import { RDS_COLLECTOR } from "../../../../src/sources/aws/collectors/rds.js";
import { WAFV2_CLOUDFRONT_COLLECTOR, WAFV2_COLLECTOR } from "../../../../src/sources/aws/collectors/wafv2.js";
import { ECR_COLLECTOR } from "../../../../src/sources/aws/collectors/ecr.js";
import { SNS_COLLECTOR } from "../../../../src/sources/aws/collectors/sns.js";
import { SQS_COLLECTOR } from "../../../../src/sources/aws/collectors/sqs.js";
import { accountCredentials, runCollector, seedConfig, type TestRun } from "./support.js";

const ACCOUNT = "220000000001";
const REGION = "eu-west-1";
const TAGS = [{ Key: "Environment", Value: "dev" }, { Key: "Owner", Value: "platform" }];
let creds: AwsCredentialIdentity;

const byName = (run: TestRun, type: string, name: string): Resource => {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} named ${name} in ${run.resources.map((x) => `${x.type} ${x.name}`).join(", ")}`);
  return r;
};

function expectValid(run: TestRun): void {
  for (const r of run.resources) expect(validateProps(r.type, r.props), `${r.type} ${r.id}`).toEqual({ valid: true, errors: [] });
  for (const r of run.resources) expect(r.origin).toEqual({ source: "aws", location: `aws://${ACCOUNT}` });
}

beforeAll(async () => {
  creds = await accountCredentials(ACCOUNT);
});

describe("RDS collector", () => {
  let run: TestRun;
  beforeAll(async () => {
    const rds = new RDSClient(seedConfig(creds, REGION));
    await rds.send(new CreateDBInstanceCommand({
      DBInstanceIdentifier: "b-db-good", Engine: "postgres", DBInstanceClass: "db.t3.micro", AllocatedStorage: 20,
      MasterUsername: "app", MasterUserPassword: "FIXTURE-RDS-PW-5521", StorageEncrypted: true, BackupRetentionPeriod: 7,
      DeletionProtection: true, MultiAZ: true, PubliclyAccessible: false, EnableCloudwatchLogsExports: ["postgresql"], Tags: TAGS,
    }));
    await rds.send(new CreateDBInstanceCommand({
      DBInstanceIdentifier: "b-db-bad", Engine: "mysql", DBInstanceClass: "db.t3.micro", AllocatedStorage: 20,
      MasterUsername: "app", MasterUserPassword: "FIXTURE-RDS-PW-5522", StorageEncrypted: false, BackupRetentionPeriod: 0, PubliclyAccessible: true,
    }));
    await rds.send(new CreateDBClusterCommand({
      DBClusterIdentifier: "b-aurora", Engine: "aurora-postgresql", MasterUsername: "app", MasterUserPassword: "FIXTURE-RDS-PW-5523",
      StorageEncrypted: true, DeletionProtection: false, BackupRetentionPeriod: 3, Tags: TAGS,
    }));
    await rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: "b-pg-tls", DBParameterGroupFamily: "postgres16", Description: "tls", Tags: TAGS }));
    await rds.send(new ModifyDBParameterGroupCommand({ DBParameterGroupName: "b-pg-tls", Parameters: [{ ParameterName: "rds.force_ssl", ParameterValue: "1", ApplyMethod: "pending-reboot" }] }));
    await rds.send(new CreateDBSnapshotCommand({ DBSnapshotIdentifier: "b-snap-public", DBInstanceIdentifier: "b-db-bad" }));
    await rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: "b-snap-public", AttributeName: "restore", ValuesToAdd: ["all"] }));
    rds.destroy();
    run = await runCollector(RDS_COLLECTOR, { account: ACCOUNT, region: REGION, creds });
  });

  it("maps instances and clusters from two describe calls, ids as AWS Config has them", () => {
    expectValid(run);
    expect(run.gaps).toEqual([]);
    const good = byName(run, "AWS::RDS::DBInstance", "b-db-good");
    expect(good.id).toMatch(/^db-/);
    expect(good.arn).toBe(`arn:aws:rds:${REGION}:${ACCOUNT}:db:b-db-good`);
    expect(good.region).toBe(REGION);
    expect(good.tags).toEqual({ Environment: "dev", Owner: "platform" });
    expect(good.props).toMatchObject({
      DBInstanceIdentifier: "b-db-good", Engine: "postgres", StorageEncrypted: true, BackupRetentionPeriod: 7, DeletionProtection: true,
      MultiAZ: true, PubliclyAccessible: false, EnableCloudwatchLogsExports: ["postgresql"], ManageMasterUserPassword: false,
    });
    const bad = byName(run, "AWS::RDS::DBInstance", "b-db-bad");
    expect(bad.props).toMatchObject({ StorageEncrypted: false, BackupRetentionPeriod: 0, PubliclyAccessible: true, DeletionProtection: false });
    const cluster = byName(run, "AWS::RDS::DBCluster", "b-aurora");
    expect(cluster.id).toMatch(/^cluster-/);
    expect(cluster.props).toMatchObject({ Engine: "aurora-postgresql", StorageEncrypted: true, DeletionProtection: false, BackupRetentionPeriod: 3 });
    expect(JSON.stringify(run.resources)).not.toContain("FIXTURE-RDS-PW");
  });

  it("reads parameter groups' user-set parameters and manual snapshots with who may restore them", () => {
    const pg = byName(run, "AWS::RDS::DBParameterGroup", "b-pg-tls");
    expect(pg.props).toMatchObject({ DBParameterGroupName: "b-pg-tls", Family: "postgres16", Parameters: { "rds.force_ssl": "1" } });
    expect(pg.tags).toEqual({ Environment: "dev", Owner: "platform" });
    const snap = byName(run, "AWS::RDS::DBSnapshot", "b-snap-public");
    expect(snap.props).toMatchObject({ DBSnapshotIdentifier: "b-snap-public", SourceIdentifier: "b-db-bad", Encrypted: false, SharedAccounts: ["all"] });
    // Six list calls; per parameter group its user parameters and tags; per manual snapshot its attributes.
    const groups = run.resources.filter((r) => r.type.endsWith("ParameterGroup")).length;
    const snaps = run.resources.filter((r) => r.type.endsWith("Snapshot")).length;
    expect(run.stats.snapshot().rds).toEqual({ calls: 6 + 2 * groups + snaps, retries: 0, throttles: 0, errors: 0 });
  });
});

describe("ElastiCache collector", () => {
  let run: TestRun;
  beforeAll(async () => {
    const ec = new ElastiCacheClient(seedConfig(creds, REGION));
    await ec.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: "b-redis", ReplicationGroupDescription: "sessions", Engine: "redis", CacheNodeType: "cache.t3.micro",
      NumCacheClusters: 2, AutomaticFailoverEnabled: true, AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true,
      SnapshotRetentionLimit: 5, AuthToken: "FIXTURE-REDIS-TOKEN-8812345", Tags: TAGS,
    }));
    ec.destroy();
    run = await runCollector(ELASTICACHE_COLLECTOR, { account: ACCOUNT, region: REGION, creds });
  });

  it("maps the replication group, tags from ListTagsForResource, never the AUTH token", () => {
    expectValid(run);
    const g = byName(run, "AWS::ElastiCache::ReplicationGroup", "b-redis");
    expect(g.id).toBe("b-redis");
    expect(g.props).toMatchObject({
      ReplicationGroupId: "b-redis", ReplicationGroupDescription: "sessions", AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true,
      AutomaticFailoverEnabled: true, SnapshotRetentionLimit: 5, AuthTokenEnabled: true,
    });
    expect(g.tags).toEqual({ Environment: "dev", Owner: "platform" });
    expect(JSON.stringify(g)).not.toContain("FIXTURE-REDIS-TOKEN");
    // DescribeReplicationGroups, DescribeCacheClusters (once per region), ListTagsForResource per group.
    expect(run.stats.snapshot()).toEqual({ elasticache: { calls: 3, retries: 0, throttles: 0, errors: 0 } });
  });
});

describe("DynamoDB collector", () => {
  let run: TestRun;
  beforeAll(async () => {
    const ddb = new DynamoDBClient(seedConfig(creds, REGION));
    const key = { AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" as const }], KeySchema: [{ AttributeName: "LockID", KeyType: "HASH" as const }] };
    await ddb.send(new CreateTableCommand({
      TableName: "b-tf-locks", ...key, BillingMode: "PAY_PER_REQUEST", SSESpecification: { Enabled: true, SSEType: "KMS" },
      DeletionProtectionEnabled: true, Tags: TAGS,
    }));
    await ddb.send(new UpdateContinuousBackupsCommand({ TableName: "b-tf-locks", PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    await ddb.send(new CreateTableCommand({ TableName: "b-plain", ...key, BillingMode: "PROVISIONED", ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }));
    ddb.destroy();
    run = await runCollector(DYNAMODB_COLLECTOR, { account: ACCOUNT, region: REGION, creds });
  });

  it("joins DescribeTable, DescribeContinuousBackups and tags per table", () => {
    expectValid(run);
    const locks = byName(run, "AWS::DynamoDB::Table", "b-tf-locks");
    expect(locks.arn).toBe(`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/b-tf-locks`);
    expect(locks.props).toMatchObject({
      TableName: "b-tf-locks", BillingMode: "PAY_PER_REQUEST", DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, SSESpecification: { SSEEnabled: true, SSEType: "KMS" },
    });
    expect(locks.tags).toEqual({ Environment: "dev", Owner: "platform" });
    const plain = byName(run, "AWS::DynamoDB::Table", "b-plain");
    expect(plain.props).toMatchObject({ BillingMode: "PROVISIONED", PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false }, SSESpecification: { SSEEnabled: false } });
    expect(plain.tags).toEqual({});
    // ListTables once, then three calls per table.
    expect(run.stats.snapshot().dynamodb.calls).toBe(1 + 3 * 2);
  });
});

describe("EC2 collector", () => {
  let run: TestRun;
  let vpcId: string;
  let sgId: string;
  beforeAll(async () => {
    const ec2 = new EC2Client(seedConfig(creds, REGION));
    vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.20.0.0/16", TagSpecifications: [{ ResourceType: "vpc", Tags: [...TAGS, { Key: "Name", Value: "b-vpc" }] }] }))).Vpc!.VpcId!;
    await ec2.send(new CreateFlowLogsCommand({
      ResourceIds: [vpcId], ResourceType: "VPC", TrafficType: "REJECT", LogDestinationType: "cloud-watch-logs", LogGroupName: "b-flow-logs",
      DeliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT}:role/flow-logs`,
    }));
    sgId = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: "b-admin", Description: "admin access", VpcId: vpcId, TagSpecifications: [{ ResourceType: "security-group", Tags: TAGS }] }))).GroupId!;
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: sgId,
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "ssh" }, { CidrIp: "10.0.0.0/8" }] },
        { IpProtocol: "tcp", FromPort: 443, ToPort: 443, Ipv6Ranges: [{ CidrIpv6: "::/0" }], UserIdGroupPairs: [{ GroupId: sgId }] },
      ],
    }));
    await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 10, Encrypted: true, TagSpecifications: [{ ResourceType: "volume", Tags: [{ Key: "Name", Value: "b-enc" }] }] }));
    await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 10, TagSpecifications: [{ ResourceType: "volume", Tags: [{ Key: "Name", Value: "b-plain" }] }] }));
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    ec2.destroy();
    run = await runCollector(EC2_COLLECTOR, { account: ACCOUNT, region: REGION, creds });
  });

  it("expands security group permissions to one entry per source", () => {
    expectValid(run);
    const sg = run.resources.find((r) => r.id === sgId)!;
    expect(sg.arn).toBe(`arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${sgId}`);
    expect(sg.props).toMatchObject({ GroupId: sgId, GroupName: "b-admin", GroupDescription: "admin access", VpcId: vpcId });
    expect(sg.props.SecurityGroupIngress).toEqual(expect.arrayContaining([
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0", Description: "ssh" },
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "10.0.0.0/8" },
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIpv6: "::/0" },
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, SourceSecurityGroupId: sgId },
    ]));
    expect(sg.props.SecurityGroupIngress).toHaveLength(4);
    expect(sg.props.SecurityGroupEgress).toEqual([{ IpProtocol: "-1", CidrIp: "0.0.0.0/0" }]);
  });

  it("joins the region's flow logs to their VPC from one DescribeFlowLogs call", () => {
    const vpc = run.resources.find((r) => r.id === vpcId)!;
    expect(vpc.type).toBe("AWS::EC2::VPC");
    expect(vpc.arn).toBe(`arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${vpcId}`);
    expect(vpc.tags).toMatchObject({ Environment: "dev", Name: "b-vpc" });
    expect(vpc.props).toMatchObject({ VpcId: vpcId, CidrBlock: "10.20.0.0/16", InstanceTenancy: "default" });
    expect(vpc.props.FlowLogs).toEqual([expect.objectContaining({ TrafficType: "REJECT", LogDestinationType: "cloud-watch-logs" })]);
    // DNS attributes need a call per VPC that the collector does not make: unknown, never a default.
    expect(isUnknown(vpc.props.EnableDnsSupport)).toBe(true);
    // moto's default VPC in the region has no flow log: an empty list, a fact.
    const others = run.resources.filter((r) => r.type === "AWS::EC2::VPC" && r.id !== vpcId);
    for (const o of others) expect(o.props.FlowLogs).toEqual([]);
  });

  it("reads volumes and the region's EBS encryption default; the key moto cannot return is UNKNOWN", () => {
    const vol = (name: string) => run.resources.find((r) => r.type === "AWS::EC2::Volume" && r.tags.Name === name)!;
    expect(vol("b-enc").props).toMatchObject({ Encrypted: true, Size: 10, AvailabilityZone: `${REGION}a` });
    expect(vol("b-plain").props).toMatchObject({ Encrypted: false });
    expect(vol("b-enc").arn).toBe(`arn:aws:ec2:${REGION}:${ACCOUNT}:volume/${vol("b-enc").id}`);
    const def = run.resources.find((r) => r.type === "AWS::EC2::EBSEncryptionByDefault")!;
    expect(def.id).toBe(`${ACCOUNT}:${REGION}`);
    expect(def.props.EbsEncryptionByDefault).toBe(true);
    expect(isUnknown(def.props.KmsKeyId) && def.props.KmsKeyId.expression).toBe("ec2:GetEbsDefaultKmsKeyId");
    // No call per security group, VPC or volume: six operations per region, whatever the count (moto's
    // HTTP 500 for GetEbsDefaultKmsKeyId is retried once: calls count attempts).
    const ec2 = run.stats.snapshot().ec2;
    expect(ec2.calls - ec2.retries).toBe(6);
  });
});

describe("ECS collector", () => {
  let run: TestRun;
  beforeAll(async () => {
    const ec2 = new EC2Client(seedConfig(creds, REGION));
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.30.0.0/16" }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: "10.30.1.0/24" }))).Subnet!.SubnetId!;
    // moto needs securityGroups in an awsvpc configuration (KeyError otherwise).
    const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: "b-api", Description: "api", VpcId: vpc }))).GroupId!;
    ec2.destroy();
    const ecs = new ECSClient(seedConfig(creds, REGION));
    await ecs.send(new CreateClusterCommand({ clusterName: "b-cluster" }));
    const td = await ecs.send(new RegisterTaskDefinitionCommand({
      family: "b-api", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512",
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/b-exec`,
      containerDefinitions: [{
        name: "api", image: "example/api:1.0", essential: true, privileged: true,
        environment: [{ name: "LOG_LEVEL", value: "debug" }, { name: "DB_PASSWORD", value: "FIXTURE-ECS-ENV-PW-7781" }],
        secrets: [{ name: "API_TOKEN", valueFrom: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:api-token` }],
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/b-api" } },
      }],
      tags: [{ key: "Environment", value: "dev" }],
    }));
    await ecs.send(new CreateServiceCommand({
      cluster: "b-cluster", serviceName: "b-api", taskDefinition: td.taskDefinition!.taskDefinitionArn, desiredCount: 2, launchType: "FARGATE",
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet], securityGroups: [sg], assignPublicIp: "ENABLED" } },
      tags: [{ key: "Environment", value: "dev" }],
    }));
    ecs.destroy();
    run = await runCollector(ECS_COLLECTOR, { account: ACCOUNT, region: REGION, creds });
  });

  it("maps services (batched describe, tags inline) and task definitions, redacting secret-looking environment values", () => {
    expectValid(run);
    const svc = byName(run, "AWS::ECS::Service", "b-api");
    expect(svc.id).toBe(svc.arn);
    expect(svc.tags).toEqual({ Environment: "dev" });
    expect(svc.props).toMatchObject({
      ServiceName: "b-api", DesiredCount: 2, LaunchType: "FARGATE",
      // moto keeps no deploymentConfiguration at all; DescribeServices without a circuit breaker means it is
      // off (the enabled case is covered by the mapper tests).
      DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: false, Rollback: false } },
      DeploymentController: { Type: "ECS" }, NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: "ENABLED" } },
    });
    const td = byName(run, "AWS::ECS::TaskDefinition", "b-api");
    expect(td.id).toBe(`arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/b-api:1`);
    expect(td.tags).toEqual({ Environment: "dev" });
    expect(td.props).toMatchObject({ Family: "b-api", Revision: 1, NetworkMode: "awsvpc", Cpu: "256", Memory: "512" });
    const [c] = td.props.ContainerDefinitions as Array<Record<string, unknown>>;
    expect(c).toMatchObject({ Name: "api", Privileged: true, ReadonlyRootFilesystem: false, LogConfiguration: { LogDriver: "awslogs" } });
    expect(c.Environment).toEqual([{ Name: "LOG_LEVEL", Value: "debug" }, { Name: "DB_PASSWORD", Value: REDACTED }]);
    expect(JSON.stringify(run.resources)).not.toContain("FIXTURE-ECS-ENV-PW");
    // ListClusters, ListServices, DescribeServices, ListTaskDefinitions, DescribeTaskDefinition.
    expect(run.stats.operations.sort()).toEqual(
      ["ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecs:ListClusters", "ecs:ListServices", "ecs:ListTaskDefinitions"],
    );
  });
});

describe("CloudFront and WAFv2 collectors", () => {
  let cf: TestRun;
  let wafGlobal: TestRun;
  let wafRegional: TestRun;
  beforeAll(async () => {
    const waf = new WAFV2Client(seedConfig(creds, "us-east-1"));
    const vis = { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: "m" };
    const acl = await waf.send(new CreateWebACLCommand({
      Name: "b-edge", Scope: "CLOUDFRONT", DefaultAction: { Allow: {} }, VisibilityConfig: vis, Tags: TAGS,
      Rules: [{ Name: "rate", Priority: 1, Action: { Block: {} }, VisibilityConfig: vis, Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: "IP" } } }],
    }));
    await waf.send(new PutLoggingConfigurationCommand({ LoggingConfiguration: { ResourceArn: acl.Summary!.ARN, LogDestinationConfigs: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/aws-waf-logs-b`] } }));
    waf.destroy();
    const wafEu = new WAFV2Client(seedConfig(creds, REGION));
    await wafEu.send(new CreateWebACLCommand({ Name: "b-alb", Scope: "REGIONAL", DefaultAction: { Block: {} }, VisibilityConfig: vis, Rules: [] }));
    wafEu.destroy();
    const cfc = new CloudFrontClient(seedConfig(creds, "us-east-1"));
    await cfc.send(new CreateDistributionWithTagsCommand({
      DistributionConfigWithTags: {
        Tags: { Items: TAGS },
        DistributionConfig: {
          CallerReference: "b-web", Comment: "support ui", Enabled: true, WebACLId: acl.Summary!.ARN, DefaultRootObject: "index.html",
          Logging: { Enabled: true, IncludeCookies: false, Bucket: "b-logs.s3.amazonaws.com", Prefix: "cf/" },
          Origins: { Quantity: 1, Items: [{ Id: "s3", DomainName: "b-site.s3.eu-west-1.amazonaws.com", S3OriginConfig: { OriginAccessIdentity: "origin-access-identity/cloudfront/E1OAIB" }, OriginAccessControlId: "E2OACB" }] },
          DefaultCacheBehavior: { TargetOriginId: "s3", ViewerProtocolPolicy: "redirect-to-https", CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
          ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: "TLSv1" },
        },
      },
    }));
    cfc.destroy();
    [cf, wafGlobal, wafRegional] = await Promise.all([
      runCollector(CLOUDFRONT_COLLECTOR, { account: ACCOUNT, region: "us-east-1", creds }),
      runCollector(WAFV2_CLOUDFRONT_COLLECTOR, { account: ACCOUNT, region: "us-east-1", creds }),
      runCollector(WAFV2_COLLECTOR, { account: ACCOUNT, region: REGION, creds }),
    ]);
  });

  it("reads each distribution's full configuration (moto's list summaries are stubs)", () => {
    expectValid(cf);
    const [d] = cf.resources;
    expect(cf.resources).toHaveLength(1);
    expect(d.arn).toBe(`arn:aws:cloudfront::${ACCOUNT}:distribution/${d.id}`);
    expect(d.tags).toEqual({ Environment: "dev", Owner: "platform" });
    expect(d.props.DistributionConfig).toMatchObject({
      Enabled: true, Comment: "support ui", DefaultRootObject: "index.html",
      WebACLId: expect.stringContaining(":global/webacl/b-edge/"),
      Logging: { Bucket: "b-logs.s3.amazonaws.com", Prefix: "cf/", IncludeCookies: false },
      DefaultCacheBehavior: { TargetOriginId: "s3", ViewerProtocolPolicy: "redirect-to-https" },
      // moto returns neither an origin's OriginAccessControlId nor its S3OriginConfig (docs/live.md).
      Origins: [{ Id: "s3", DomainName: "b-site.s3.eu-west-1.amazonaws.com" }],
      ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: "TLSv1" },
    });
  });

  it("reads CLOUDFRONT web ACLs once in us-east-1 and REGIONAL ones per region; associations moto cannot list are UNKNOWN", () => {
    expectValid(wafGlobal);
    expectValid(wafRegional);
    const edge = byName(wafGlobal, "AWS::WAFv2::WebACL", "b-edge");
    expect(edge.region).toBe("us-east-1");
    expect(edge.tags).toEqual({ Environment: "dev", Owner: "platform" });
    expect(edge.props).toMatchObject({
      Name: "b-edge", Scope: "CLOUDFRONT", DefaultAction: { Allow: {} },
      Rules: [{ Name: "rate", Priority: 1, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: "IP" } } }],
    });
    expect(edge.props.AssociatedResourceArns).toBeUndefined();
    expect(edge.props.LoggingConfiguration).toEqual({ LogDestinationConfigs: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/aws-waf-logs-b`] });
    expect(wafGlobal.resources.map((r) => r.name)).toEqual(["b-edge"]);
    const alb = byName(wafRegional, "AWS::WAFv2::WebACL", "b-alb");
    expect(alb.props).toMatchObject({ Scope: "REGIONAL", DefaultAction: { Block: {} }, Rules: [] });
    // No logging configured (WAFNonexistentItemException): not set, a fact.
    expect(alb.props.LoggingConfiguration).toBeUndefined();
    // moto does not implement ListResourcesForWebACL: the associations are unknown, with the action named.
    const assoc = alb.props.AssociatedResourceArns;
    expect(isUnknown(assoc) && assoc.expression).toBe("wafv2:ListResourcesForWebACL");
  });
});

describe("SQS, SNS and ECR collectors", () => {
  let sqsRun: TestRun;
  let snsRun: TestRun;
  let ecrRun: TestRun;
  beforeAll(async () => {
    const sqs = new SQSClient(seedConfig(creds, REGION));
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }] });
    await sqs.send(new CreateQueueCommand({ QueueName: "b-orders", Attributes: { KmsMasterKeyId: "alias/b-orders", Policy: policy }, tags: { Environment: "dev" } }));
    await sqs.send(new CreateQueueCommand({ QueueName: "b-plain", Attributes: { SqsManagedSseEnabled: "false" } }));
    sqs.destroy();
    const sns = new SNSClient(seedConfig(creds, REGION));
    await sns.send(new CreateTopicCommand({ Name: "b-alerts", Attributes: { KmsMasterKeyId: "alias/aws/sns", DisplayName: "alerts" }, Tags: [{ Key: "Owner", Value: "sre" }] }));
    sns.destroy();
    const ecr = new ECRClient(seedConfig(creds, REGION));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: "b/api", imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, tags: [{ Key: "Environment", Value: "dev" }] }));
    await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: "b/api", lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 }, action: { type: "expire" } }] }) }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: "b/tools" }));
    ecr.destroy();
    [sqsRun, snsRun, ecrRun] = await Promise.all([
      runCollector(SQS_COLLECTOR, { account: ACCOUNT, region: REGION, creds }),
      runCollector(SNS_COLLECTOR, { account: ACCOUNT, region: REGION, creds }),
      runCollector(ECR_COLLECTOR, { account: ACCOUNT, region: REGION, creds }),
    ]);
  });

  it("maps queue attributes (a string map) and the queue policy", () => {
    expectValid(sqsRun);
    const q = byName(sqsRun, "AWS::SQS::Queue", "b-orders");
    expect(q.id).toMatch(/\/220000000001\/b-orders$/);
    expect(q.arn).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:b-orders`);
    expect(q.tags).toEqual({ Environment: "dev" });
    expect(q.props).toMatchObject({ QueueName: "b-orders", FifoQueue: false, KmsMasterKeyId: "alias/b-orders" });
    expect(q.props.Policy).toMatchObject({ Statement: [expect.objectContaining({ Effect: "Allow" })] });
    expect(byName(sqsRun, "AWS::SQS::Queue", "b-plain").props).toMatchObject({ SqsManagedSseEnabled: false });
  });

  it("maps topic attributes", () => {
    expectValid(snsRun);
    const t = byName(snsRun, "AWS::SNS::Topic", "b-alerts");
    expect(t.id).toBe(`arn:aws:sns:${REGION}:${ACCOUNT}:b-alerts`);
    expect(t.props).toMatchObject({ TopicName: "b-alerts", DisplayName: "alerts", KmsMasterKeyId: "alias/aws/sns", FifoTopic: false });
    expect(t.tags).toEqual({ Owner: "sre" });
  });

  it("maps repositories with their lifecycle policy (none is 'not set')", () => {
    expectValid(ecrRun);
    const api = byName(ecrRun, "AWS::ECR::Repository", "b/api");
    expect(api.props).toMatchObject({
      ImageTagMutability: "IMMUTABLE", ImageScanningConfiguration: { ScanOnPush: true }, EncryptionConfiguration: { EncryptionType: "AES256" },
      LifecyclePolicy: { LifecyclePolicyText: expect.stringContaining("untagged") },
    });
    expect(api.tags).toEqual({ Environment: "dev" });
    const tools = byName(ecrRun, "AWS::ECR::Repository", "b/tools");
    expect(tools.props).toMatchObject({ ImageTagMutability: "MUTABLE", ImageScanningConfiguration: { ScanOnPush: false } });
    expect(tools.props.LifecyclePolicy).toBeUndefined();
  });
});
