/**
 * collectors-B's mappers, from describe-API shapes as SDK v3 parses them (field sets as the AWS API
 * references document them, values as a real account returns them). Pure: no I/O but the rule files.
 */
import { join } from "node:path";
import type { Vpc } from "@aws-sdk/client-ec2";
import type { Service } from "@aws-sdk/client-ecs";
import type { ReplicationGroup } from "@aws-sdk/client-elasticache";
import { beforeAll, describe, expect, it } from "vitest";
import type { Resource } from "../../../../src/model/resource.js";
import { validateProps } from "../../../../src/model/types/index.js";
import { REDACTED, Unknown, isUnknown } from "../../../../src/model/values.js";
import { evaluate } from "../../../../src/rules/evaluate.js";
import { loadRules } from "../../../../src/rules/loader.js";
import type { Rule } from "../../../../src/rules/types.js";
import type { AwsScope } from "../../../../src/sources/aws/contract.js";
import { unreadableResource } from "../../../../src/sources/aws/collectors/read-helpers.js";
import { MAPPERS } from "../../../../src/sources/aws/mappers/index.js";
import { CLOUDFRONT_DISTRIBUTION_MAPPER } from "../../../../src/sources/aws/mappers/cloudfront-distribution.js";
import { DYNAMODB_TABLE_MAPPER } from "../../../../src/sources/aws/mappers/dynamodb-table.js";
import { EC2_SECURITY_GROUP_MAPPER } from "../../../../src/sources/aws/mappers/ec2-security-group.js";
import { EC2_VPC_MAPPER } from "../../../../src/sources/aws/mappers/ec2-vpc.js";
import { ECS_SERVICE_MAPPER } from "../../../../src/sources/aws/mappers/ecs-service.js";
import { ECS_TASK_DEFINITION_MAPPER } from "../../../../src/sources/aws/mappers/ecs-task-definition.js";
import { ELASTICACHE_REPLICATION_GROUP_MAPPER } from "../../../../src/sources/aws/mappers/elasticache-replication-group.js";
import { RDS_DB_CLUSTER_MAPPER } from "../../../../src/sources/aws/mappers/rds-db-cluster.js";
import { RDS_DB_INSTANCE_MAPPER } from "../../../../src/sources/aws/mappers/rds-db-instance.js";
import { WAFV2_WEB_ACL_MAPPER } from "../../../../src/sources/aws/mappers/wafv2-web-acl.js";
import { SNS_TOPIC_MAPPER, SQS_QUEUE_MAPPER } from "../../../../src/sources/aws/mappers/sqs-sns.js";
import { ELBV2_LOAD_BALANCER_MAPPER } from "../../../../src/sources/aws/mappers/elbv2.js";
import { RDS_DB_SNAPSHOT_MAPPER } from "../../../../src/sources/aws/mappers/rds-extras.js";

const ACCT = "123456789012";
const scope: AwsScope = { account: ACCT, region: "eu-west-1", partition: "aws" };
const denied = (action: string) => new Unknown(`${action} was denied (AccessDeniedException)`, action);
let rules: Rule[];

beforeAll(async () => {
  rules = await loadRules([join(import.meta.dirname, "../../../../rules")]);
});

function valid(r: Resource): Resource {
  expect(validateProps(r.type, r.props), `${r.type} ${r.id}`).toEqual({ valid: true, errors: [] });
  return r;
}

/** The verdict (and reason) of one rule on one resource. */
function verdict(ruleId: string, r: Resource, others: Resource[] = []) {
  const rule = rules.find((x) => x.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const res = evaluate([rule], [r, ...others]).find((x) => x.resource === r)!;
  return { verdict: res.verdict, reason: res.reason };
}

describe("registry", () => {
  it("maps every collectors-B type by its AWS Config name", () => {
    for (const t of [
      "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::ElastiCache::ReplicationGroup", "AWS::DynamoDB::Table", "AWS::EC2::SecurityGroup",
      "AWS::EC2::VPC", "AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::CloudFront::Distribution", "AWS::WAFv2::WebACL",
    ]) expect(MAPPERS[t]?.type, t).toBe(t);
  });
});

describe("RDS", () => {
  const instance = {
    DBInstanceIdentifier: "orders", DbiResourceId: "db-ABCDEFGHIJKLMNOPQRSTUVWXY1", DBInstanceArn: `arn:aws:rds:eu-west-1:${ACCT}:db:orders`,
    Engine: "postgres", EngineVersion: "16.3", DBInstanceClass: "db.r6g.large", StorageEncrypted: true,
    KmsKeyId: `arn:aws:kms:eu-west-1:${ACCT}:key/1111aaaa-2222-3333-4444-555566667777`, BackupRetentionPeriod: 14, DeletionProtection: true,
    MultiAZ: true, PubliclyAccessible: false, AutoMinorVersionUpgrade: true, CopyTagsToSnapshot: true, IAMDatabaseAuthenticationEnabled: true,
    PerformanceInsightsEnabled: false, EnabledCloudwatchLogsExports: ["postgresql", "upgrade"], StorageType: "gp3", AllocatedStorage: 100,
    DBSubnetGroup: { DBSubnetGroupName: "db-private" }, VpcSecurityGroups: [{ VpcSecurityGroupId: "sg-0a1b2c3d", Status: "active" }],
    MonitoringInterval: 60, MasterUserSecret: { SecretArn: `arn:aws:secretsmanager:eu-west-1:${ACCT}:secret:rds!db-x`, SecretStatus: "active", KmsKeyId: "alias/aws/secretsmanager" },
    TagList: [{ Key: "Environment", Value: "prod" }],
  };

  it("maps DescribeDBInstances to CloudFormation names; a master user secret means RDS manages the password", () => {
    const r = valid(RDS_DB_INSTANCE_MAPPER.map(instance, scope));
    expect(r).toMatchObject({ type: "AWS::RDS::DBInstance", id: "db-ABCDEFGHIJKLMNOPQRSTUVWXY1", name: "orders", arn: instance.DBInstanceArn, account: ACCT, region: "eu-west-1", tags: { Environment: "prod" } });
    expect(r.props).toEqual({
      DBInstanceIdentifier: "orders", DbiResourceId: "db-ABCDEFGHIJKLMNOPQRSTUVWXY1", Engine: "postgres", EngineVersion: "16.3", DBInstanceClass: "db.r6g.large",
      StorageEncrypted: true, KmsKeyId: instance.KmsKeyId, BackupRetentionPeriod: 14, DeletionProtection: true, MultiAZ: true, PubliclyAccessible: false,
      AutoMinorVersionUpgrade: true, CopyTagsToSnapshot: true, EnableIAMDatabaseAuthentication: true, EnablePerformanceInsights: false,
      EnableCloudwatchLogsExports: ["postgresql", "upgrade"], ManageMasterUserPassword: true,
      MasterUserSecret: { SecretArn: instance.MasterUserSecret.SecretArn, KmsKeyId: "alias/aws/secretsmanager" },
      StorageType: "gp3", AllocatedStorage: 100, DBSubnetGroupName: "db-private", VPCSecurityGroups: ["sg-0a1b2c3d"], MonitoringInterval: 60,
    });
    expect(verdict("rds-storage-encrypted", r).verdict).toBe("PASS");
  });

  it("a read replica names its source, so backup retention does not apply to it", () => {
    const r = valid(RDS_DB_INSTANCE_MAPPER.map({ ...instance, BackupRetentionPeriod: 0, ReadReplicaSourceDBInstanceIdentifier: "orders-primary", MasterUserSecret: undefined }, scope));
    expect(r.props).toMatchObject({ SourceDBInstanceIdentifier: "orders-primary", ManageMasterUserPassword: false });
    expect(verdict("rds-backup-retention", r).verdict).toBe("NOT_APPLICABLE");
  });

  it("maps DescribeDBClusters", () => {
    const r = valid(RDS_DB_CLUSTER_MAPPER.map({
      DBClusterIdentifier: "ledger", DbClusterResourceId: "cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ", DBClusterArn: `arn:aws:rds:eu-west-1:${ACCT}:cluster:ledger`,
      Engine: "aurora-postgresql", EngineMode: "provisioned", EngineVersion: "16.2", StorageEncrypted: false, BackupRetentionPeriod: 1,
      DeletionProtection: false, CopyTagsToSnapshot: false, IAMDatabaseAuthenticationEnabled: false, DBSubnetGroup: "db-private",
      VpcSecurityGroups: [{ VpcSecurityGroupId: "sg-1" }], TagList: [],
    }, scope));
    expect(r).toMatchObject({ id: "cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ", name: "ledger" });
    expect(r.props).toMatchObject({ EngineMode: "provisioned", StorageEncrypted: false, DBSubnetGroupName: "db-private", VpcSecurityGroupIds: ["sg-1"], ManageMasterUserPassword: false });
    expect(verdict("rds-cluster-encrypted", r).verdict).toBe("FAIL");
  });
});

describe("ElastiCache", () => {
  const group: ReplicationGroup = {
    ReplicationGroupId: "sessions", Description: "sessions", ARN: `arn:aws:elasticache:eu-west-1:${ACCT}:replicationgroup:sessions`,
    MemberClusters: ["sessions-001", "sessions-002"], AutomaticFailover: "enabled", MultiAZ: "enabled", SnapshotRetentionLimit: 7,
    AuthTokenEnabled: true, TransitEncryptionEnabled: true, TransitEncryptionMode: "required", AtRestEncryptionEnabled: true,
    KmsKeyId: `arn:aws:kms:eu-west-1:${ACCT}:key/abc`, CacheNodeType: "cache.r7g.large", ClusterEnabled: false, Engine: "redis",
    AutoMinorVersionUpgrade: true,
    LogDeliveryConfigurations: [{ LogType: "slow-log", DestinationType: "cloudwatch-logs", DestinationDetails: { CloudWatchLogsDetails: { LogGroup: "/redis/slow" } }, LogFormat: "json", Status: "active" }],
  };

  it("maps DescribeReplicationGroups; enabled/disabled strings become booleans", () => {
    const r = valid(ELASTICACHE_REPLICATION_GROUP_MAPPER.map({ ReplicationGroup: group, Tags: [{ Key: "Owner", Value: "team" }] }, scope));
    expect(r.props).toMatchObject({
      ReplicationGroupId: "sessions", AutomaticFailoverEnabled: true, MultiAZEnabled: true, NumCacheClusters: 2, TransitEncryptionMode: "required",
      LogDeliveryConfigurations: [{ Destination: "/redis/slow", DestinationType: "cloudwatch-logs", LogFormat: "json", LogType: "slow-log" }],
    });
    expect(r.tags).toEqual({ Owner: "team" });
    for (const id of ["elasticache-encrypted-in-transit", "elasticache-automatic-failover", "elasticache-snapshot-retention"]) expect(verdict(id, r).verdict, id).toBe("PASS");
  });

  it("a transitional failover state and unreadable tags are UNKNOWN, never PASS", () => {
    const r = valid(ELASTICACHE_REPLICATION_GROUP_MAPPER.map({ ReplicationGroup: { ...group, AutomaticFailover: "enabling" }, Tags: denied("elasticache:ListTagsForResource") }, scope));
    expect(verdict("elasticache-automatic-failover", r)).toEqual({ verdict: "UNKNOWN", reason: expect.stringContaining("automatic failover is enabling") });
    expect(r.props.TagsUnknown).toEqual(["*"]);
    expect(verdict("required-tags", r).verdict).toBe("UNKNOWN");
  });
});

describe("DynamoDB", () => {
  const table = { TableName: "tf-locks", TableArn: `arn:aws:dynamodb:eu-west-1:${ACCT}:table/tf-locks`, TableStatus: "ACTIVE", DeletionProtectionEnabled: false } as const;
  const pitrOn = { ContinuousBackupsStatus: "ENABLED", PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: "ENABLED" } } as const;

  it("applies the API's documented defaults where DescribeTable omits a summary (provisioned, AWS owned key, STANDARD)", () => {
    const r = valid(DYNAMODB_TABLE_MAPPER.map({ Table: table, ContinuousBackups: pitrOn, Tags: [] }, scope));
    expect(r.props).toEqual({
      TableName: "tf-locks", BillingMode: "PROVISIONED", DeletionProtectionEnabled: false, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: false }, TableClass: "STANDARD",
    });
    expect(verdict("tf-lock-table-protected", r).verdict).toBe("FAIL");
  });

  it("KMS encryption, streams and replicas", () => {
    const r = valid(DYNAMODB_TABLE_MAPPER.map({
      Table: {
        ...table, BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" }, SSEDescription: { Status: "ENABLED", SSEType: "KMS", KMSMasterKeyArn: `arn:aws:kms:eu-west-1:${ACCT}:key/k1` },
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" }, Replicas: [{ RegionName: "eu-central-1", KMSMasterKeyId: "k2" }],
      },
      ContinuousBackups: pitrOn,
      Tags: [],
    }, scope));
    expect(r.props).toMatchObject({
      BillingMode: "PAY_PER_REQUEST", SSESpecification: { SSEEnabled: true, SSEType: "KMS", KMSMasterKeyId: `arn:aws:kms:eu-west-1:${ACCT}:key/k1` },
      StreamSpecification: { StreamViewType: "NEW_IMAGE" }, Replicas: [{ Region: "eu-central-1", KMSMasterKeyId: "k2" }],
    });
    expect(verdict("tf-lock-table-protected", r).verdict).toBe("PASS");
  });

  it("PITR that could not be read is UNKNOWN with the missing action", () => {
    const r = valid(DYNAMODB_TABLE_MAPPER.map({ Table: table, ContinuousBackups: denied("dynamodb:DescribeContinuousBackups"), Tags: [] }, scope));
    expect(verdict("dynamodb-pitr-enabled", r)).toEqual({ verdict: "UNKNOWN", reason: expect.stringContaining("dynamodb:DescribeContinuousBackups was denied") });
  });
});

describe("EC2", () => {
  it("expands each permission per source; egress peers are destinations", () => {
    const r = valid(EC2_SECURITY_GROUP_MAPPER.map({
      GroupId: "sg-1", GroupName: "web", Description: "web", VpcId: "vpc-1", OwnerId: ACCT,
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "" }], Ipv6Ranges: [], PrefixListIds: [{ PrefixListId: "pl-1" }], UserIdGroupPairs: [] },
        { IpProtocol: "-1", IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: "sg-1", UserId: ACCT }] },
      ],
      IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [], Ipv6Ranges: [{ CidrIpv6: "::/0" }], PrefixListIds: [{ PrefixListId: "pl-2" }], UserIdGroupPairs: [{ GroupId: "sg-2" }] }],
      Tags: [{ Key: "Name", Value: "web" }],
    }, scope));
    expect(r.arn).toBe(`arn:aws:ec2:eu-west-1:${ACCT}:security-group/sg-1`);
    expect(r.props.SecurityGroupIngress).toEqual([
      { IpProtocol: "tcp", FromPort: 3389, ToPort: 3389, CidrIp: "0.0.0.0/0" },
      { IpProtocol: "tcp", FromPort: 3389, ToPort: 3389, SourcePrefixListId: "pl-1" },
      { IpProtocol: "-1", SourceSecurityGroupId: "sg-1" },
    ]);
    expect(r.props.SecurityGroupEgress).toEqual([
      { IpProtocol: "-1", CidrIpv6: "::/0" },
      { IpProtocol: "-1", DestinationPrefixListId: "pl-2" },
      { IpProtocol: "-1", DestinationSecurityGroupId: "sg-2" },
    ]);
    expect(verdict("sg-no-public-ssh-rdp", r).verdict).toBe("FAIL");
    expect(verdict("sg-no-public-all-ports", r).verdict).toBe("PASS");
  });

  it("flow logs: joined ones decide; unreadable ones leave the rule UNKNOWN", () => {
    const vpc: Vpc = { VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", InstanceTenancy: "default", OwnerId: ACCT, Tags: [] };
    const logged = valid(EC2_VPC_MAPPER.map({ Vpc: vpc, FlowLogs: [{ FlowLogId: "fl-1", ResourceId: "vpc-1", TrafficType: "ALL", LogDestinationType: "s3", LogDestination: "arn:aws:s3:::flow", MaxAggregationInterval: 600 }] }, scope));
    expect(logged.props.FlowLogs).toEqual([{ FlowLogId: "fl-1", TrafficType: "ALL", LogDestinationType: "s3", LogDestination: "arn:aws:s3:::flow", MaxAggregationInterval: 600 }]);
    expect(verdict("vpc-flow-logs-enabled", logged).verdict).toBe("PASS");
    expect(verdict("vpc-flow-logs-enabled", valid(EC2_VPC_MAPPER.map({ Vpc: vpc, FlowLogs: [] }, scope))).verdict).toBe("FAIL");
    const unread = valid(EC2_VPC_MAPPER.map({ Vpc: vpc, FlowLogs: denied("ec2:DescribeFlowLogs") }, scope));
    expect(verdict("vpc-flow-logs-enabled", unread)).toEqual({ verdict: "UNKNOWN", reason: expect.stringContaining("ec2:DescribeFlowLogs") });
    // DNS attributes the collector did not read are not knowable; given in the shape (a Config item), they map.
    expect(isUnknown(unread.props.EnableDnsHostnames)).toBe(true);
    expect(EC2_VPC_MAPPER.map({ Vpc: vpc, FlowLogs: [], EnableDnsHostnames: true, EnableDnsSupport: true }, scope).props).toMatchObject({ EnableDnsHostnames: true, EnableDnsSupport: true });
  });
});

describe("ECS", () => {
  it("maps DescribeServices; a missing circuit breaker is off, a missing controller is ECS", () => {
    const base: Service = { serviceArn: `arn:aws:ecs:eu-west-1:${ACCT}:service/main/api`, serviceName: "api", clusterArn: `arn:aws:ecs:eu-west-1:${ACCT}:cluster/main`, desiredCount: 2, launchType: "FARGATE", platformVersion: "LATEST", enableExecuteCommand: false, propagateTags: "SERVICE", tags: [{ key: "Owner", value: "team" }] };
    const on = valid(ECS_SERVICE_MAPPER.map({ ...base, deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } }, deploymentController: { type: "ECS" }, networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-1"], securityGroups: ["sg-1"], assignPublicIp: "DISABLED" } } }, scope));
    expect(on).toMatchObject({ id: base.serviceArn, arn: base.serviceArn, name: "api", tags: { Owner: "team" } });
    expect(on.props).toMatchObject({ Cluster: base.clusterArn, PropagateTags: "SERVICE", NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: "DISABLED", Subnets: ["subnet-1"] } } });
    expect(verdict("ecs-service-circuit-breaker", on).verdict).toBe("PASS");
    const off = valid(ECS_SERVICE_MAPPER.map(base, scope));
    expect(off.props).toMatchObject({ DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: false, Rollback: false } }, DeploymentController: { Type: "ECS" } });
    expect(verdict("ecs-service-circuit-breaker", off).verdict).toBe("FAIL");
    const blueGreen = valid(ECS_SERVICE_MAPPER.map({ ...base, deploymentController: { type: "CODE_DEPLOY" } }, scope));
    expect(verdict("ecs-service-circuit-breaker", blueGreen).verdict).toBe("NOT_APPLICABLE");
  });

  it("maps a task definition through the same container mapping as Terraform, secret-looking values redacted", () => {
    const arn = `arn:aws:ecs:eu-west-1:${ACCT}:task-definition/api:7`;
    const r = valid(ECS_TASK_DEFINITION_MAPPER.map({
      taskDefinition: {
        taskDefinitionArn: arn, family: "api", revision: 7, cpu: "512", memory: "1024", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"],
        taskRoleArn: `arn:aws:iam::${ACCT}:role/api`, executionRoleArn: `arn:aws:iam::${ACCT}:role/exec`,
        containerDefinitions: [{
          name: "api", image: "api:7", essential: true, readonlyRootFilesystem: true, portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: "tcp" }],
          environment: [{ name: "STRIPE_API_KEY", value: "sk_live_not_for_reports" }, { name: "DB_PASSWORD", value: "p@ss" }, { name: "PORT", value: "8080" }],
          secrets: [{ name: "JWT_SECRET", valueFrom: `arn:aws:ssm:eu-west-1:${ACCT}:parameter/jwt` }],
          logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/api" } },
        }],
      },
      tags: [],
    }, scope));
    expect(r).toMatchObject({ id: arn, arn, name: "api" });
    const [c] = r.props.ContainerDefinitions as Array<Record<string, unknown>>;
    expect(c).toMatchObject({ Name: "api", Privileged: false, ReadonlyRootFilesystem: true, Secrets: [{ Name: "JWT_SECRET", ValueFrom: expect.stringContaining(":parameter/jwt") }] });
    // DB_PASSWORD as Terraform redacts it; STRIPE_API_KEY too, live being stricter (rules read names only).
    expect(c.Environment).toEqual([{ Name: "STRIPE_API_KEY", Value: REDACTED }, { Name: "DB_PASSWORD", Value: REDACTED }, { Name: "PORT", Value: "8080" }]);
    expect(JSON.stringify(r)).not.toMatch(/p@ss|sk_live/);
    expect(verdict("ecs-no-secrets-in-environment", r).verdict).toBe("FAIL");
    expect(verdict("ecs-no-privileged-containers", r).verdict).toBe("PASS");
  });
});

describe("CloudFront", () => {
  const config = {
    CallerReference: "x", Comment: "", Enabled: true, Aliases: { Quantity: 1, Items: ["cdn.example.com"] }, DefaultRootObject: "", HttpVersion: "http2", IsIPV6Enabled: true, PriceClass: "PriceClass_100", WebACLId: "",
    Logging: { Enabled: false, IncludeCookies: false, Bucket: "", Prefix: "" },
    Origins: { Quantity: 1, Items: [{ Id: "s3", DomainName: "site.s3.eu-west-1.amazonaws.com", OriginPath: "", S3OriginConfig: { OriginAccessIdentity: "" }, OriginAccessControlId: "E3OAC" }] },
    DefaultCacheBehavior: {
      TargetOriginId: "s3", ViewerProtocolPolicy: "https-only", Compress: true, CachePolicyId: "658327ea", TrustedKeyGroups: { Enabled: false, Quantity: 0 },
      AllowedMethods: { Quantity: 2, Items: ["GET", "HEAD"], CachedMethods: { Quantity: 2, Items: ["GET", "HEAD"] } },
      FunctionAssociations: { Quantity: 1, Items: [{ EventType: "viewer-request", FunctionARN: "arn:aws:cloudfront::1:function/f" }] },
    },
    CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: "/api/*", TargetOriginId: "s3", ViewerProtocolPolicy: "allow-all" }] },
    ViewerCertificate: { ACMCertificateArn: "arn:aws:acm:us-east-1:1:certificate/c", SSLSupportMethod: "sni-only", MinimumProtocolVersion: "TLSv1.2_2021", CloudFrontDefaultCertificate: false },
    Restrictions: { GeoRestriction: { RestrictionType: "none", Quantity: 0 } },
  } as const;
  const summary = { Id: "E2EXAMPLE", ARN: `arn:aws:cloudfront::${ACCT}:distribution/E2EXAMPLE`, Status: "Deployed", DomainName: "d1.cloudfront.net" } as const;

  it("unwraps {Quantity, Items}; empty strings and disabled logging are 'not set'", () => {
    const r = valid(CLOUDFRONT_DISTRIBUTION_MAPPER.map({ Summary: summary as never, Config: config as never, Tags: [{ Key: "Owner", Value: "web" }] }, { ...scope, region: "us-east-1" }));
    expect(r).toMatchObject({ id: "E2EXAMPLE", arn: summary.ARN, region: "us-east-1", tags: { Owner: "web" } });
    expect(r.props.DistributionConfig).toEqual({
      Enabled: true, Aliases: ["cdn.example.com"], HttpVersion: "http2", IPV6Enabled: true, PriceClass: "PriceClass_100",
      DefaultCacheBehavior: {
        TargetOriginId: "s3", ViewerProtocolPolicy: "https-only", AllowedMethods: ["GET", "HEAD"], CachedMethods: ["GET", "HEAD"], Compress: true, CachePolicyId: "658327ea", TrustedKeyGroups: [],
        FunctionAssociations: [{ EventType: "viewer-request", FunctionARN: "arn:aws:cloudfront::1:function/f" }],
      },
      CacheBehaviors: [{ PathPattern: "/api/*", TargetOriginId: "s3", ViewerProtocolPolicy: "allow-all" }],
      ViewerCertificate: { AcmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/c", CloudFrontDefaultCertificate: false, MinimumProtocolVersion: "TLSv1.2_2021", SslSupportMethod: "sni-only" },
      Origins: [{ Id: "s3", DomainName: "site.s3.eu-west-1.amazonaws.com", OriginAccessControlId: "E3OAC", S3OriginConfig: {} }],
      Restrictions: { GeoRestriction: { RestrictionType: "none", Locations: [] } },
    });
    expect(verdict("cloudfront-associated-with-waf", r).verdict).toBe("FAIL");
    expect(verdict("cloudfront-access-logging", r).verdict).toBe("FAIL");
    expect(verdict("cloudfront-viewer-https", r).verdict).toBe("FAIL");
    expect(verdict("cloudfront-tls-1-2", r).verdict).toBe("PASS");
    expect(verdict("cloudfront-s3-origin-access-control", r).verdict).toBe("PASS");
  });

  it("without the configuration, what only it carries is UNKNOWN; a malformed ARN (moto) is rebuilt", () => {
    const r = valid(CLOUDFRONT_DISTRIBUTION_MAPPER.map({ Summary: { ...summary, ARN: `arn:aws:cloudfront:${ACCT}:distribution/E2EXAMPLE`, WebACLId: "arn:aws:wafv2:us-east-1:1:global/webacl/a/1" } as never, Config: denied("cloudfront:GetDistributionConfig"), Tags: [] }, scope));
    expect(r.arn).toBe(`arn:aws:cloudfront::${ACCT}:distribution/E2EXAMPLE`);
    expect(verdict("cloudfront-access-logging", r)).toEqual({ verdict: "UNKNOWN", reason: expect.stringContaining("cloudfront:GetDistributionConfig was denied") });
    expect(verdict("cloudfront-associated-with-waf", r).verdict).toBe("PASS");
  });
});

describe("WAFv2", () => {
  it("keeps the API's statement shapes (CloudFormation's) and the rule fields the model documents", () => {
    const vis = { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: "m" };
    const acl = {
      Name: "edge", Id: "a1b2c3d4-0000-1111-2222-333344445555", ARN: `arn:aws:wafv2:us-east-1:${ACCT}:global/webacl/edge/a1b2c3d4-0000-1111-2222-333344445555`,
      DefaultAction: { Allow: {} }, Description: "", VisibilityConfig: vis, Capacity: 30, ManagedByFirewallManager: false, LabelNamespace: "awswaf:1:webacl:edge:",
      Rules: [
        { Name: "rate", Priority: 0, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: "IP", EvaluationWindowSec: 300 } }, VisibilityConfig: vis, CaptchaConfig: { ImmunityTimeProperty: { ImmunityTime: 300 } } },
        { Name: "ips", Priority: 1, Action: { Block: {} }, Statement: { IPSetReferenceStatement: { ARN: `arn:aws:wafv2:us-east-1:${ACCT}:global/ipset/bad/1` } }, VisibilityConfig: vis, RuleLabels: [{ Name: "bad" }] },
      ],
    };
    const r = valid(WAFV2_WEB_ACL_MAPPER.map({ WebACL: acl as never, Scope: "CLOUDFRONT", Tags: [] }, { ...scope, region: "us-east-1" }));
    expect(r).toMatchObject({ id: acl.Id, name: "edge", arn: acl.ARN });
    expect(r.props).toEqual({
      Name: "edge", Scope: "CLOUDFRONT", DefaultAction: { Allow: {} }, VisibilityConfig: vis,
      Rules: [
        { Name: "rate", Priority: 0, Action: { Block: {} }, Statement: acl.Rules[0].Statement, VisibilityConfig: vis },
        // The API's ARN is CloudFormation's Arn, as rules (and the Terraform mapper) spell it.
        { Name: "ips", Priority: 1, Action: { Block: {} }, Statement: { IPSetReferenceStatement: { Arn: `arn:aws:wafv2:us-east-1:${ACCT}:global/ipset/bad/1` } }, VisibilityConfig: vis, RuleLabels: [{ Name: "bad" }] },
      ],
    });
    // A distribution naming this ACL: the rate-limit rule follows the reference.
    const dist = CLOUDFRONT_DISTRIBUTION_MAPPER.map({ Summary: { Id: "E1", ARN: `arn:aws:cloudfront::${ACCT}:distribution/E1` } as never, Config: { CallerReference: "x", Comment: "", Enabled: true, WebACLId: acl.ARN } as never, Tags: [] }, scope);
    expect(verdict("cloudfront-waf-rate-limit", dist, [r]).verdict).toBe("PASS");
    expect(verdict("cloudfront-waf-ip-sets", dist, [r]).verdict).toBe("PASS");
  });
});

describe("a listed resource whose describe call failed", () => {
  it("keeps its identity, and every prop and its tags are UNKNOWN with the reason", () => {
    const arn = `arn:aws:ecs:eu-west-1:${ACCT}:task-definition/api:3`;
    const r = valid(unreadableResource(scope, { type: "AWS::ECS::TaskDefinition", id: arn, arn, name: "api" }, { code: "AccessDenied", reason: "ecs:DescribeTaskDefinition was denied (AccessDeniedException)", action: "ecs:DescribeTaskDefinition" }));
    expect(r).toMatchObject({ id: arn, arn, name: "api", region: "eu-west-1", props: { TagsUnknown: ["*"] } });
    expect(isUnknown(r.props.ContainerDefinitions)).toBe(true);
    for (const id of ["ecs-no-privileged-containers", "ecs-task-logging"]) {
      expect(verdict(id, r), id).toEqual({ verdict: "UNKNOWN", reason: expect.stringContaining("ecs:DescribeTaskDefinition was denied") });
    }
    expect(verdict("required-tags", r).verdict).toBe("UNKNOWN");
  });
});

describe("attribute-map APIs (SQS, SNS), ELBv2 attributes, snapshot attributes", () => {
  const url = `https://sqs.eu-west-1.amazonaws.com/${ACCT}/jobs`;

  it("SQS: the string map maps; a public policy fails; unreadable attributes are UNKNOWN", () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }] });
    const q = valid(SQS_QUEUE_MAPPER.map({
      QueueUrl: url, Tags: {},
      Attributes: { QueueArn: `arn:aws:sqs:eu-west-1:${ACCT}:jobs`, SqsManagedSseEnabled: "true", MessageRetentionPeriod: "345600", FifoQueue: "false", Policy: policy, RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:1:dlq","maxReceiveCount":5}' },
    }, scope));
    expect(q).toMatchObject({ id: url, name: "jobs", arn: `arn:aws:sqs:eu-west-1:${ACCT}:jobs` });
    expect(q.props).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 345600, RedrivePolicy: { maxReceiveCount: 5 } });
    expect(verdict("sqs-queue-encrypted", q).verdict).toBe("PASS");
    expect(verdict("sqs-queue-no-public-access", q).verdict).toBe("FAIL");
    const unread = valid(SQS_QUEUE_MAPPER.map({ QueueUrl: url, Attributes: denied("sqs:GetQueueAttributes"), Tags: {} }, scope));
    expect(verdict("sqs-queue-encrypted", unread)).toEqual({ verdict: "UNKNOWN", reason: expect.stringContaining("sqs:GetQueueAttributes was denied") });
  });

  it("SNS: no KmsMasterKeyId means not encrypted at rest", () => {
    const t = valid(SNS_TOPIC_MAPPER.map({ TopicArn: `arn:aws:sns:eu-west-1:${ACCT}:alerts`, Attributes: { DisplayName: "" }, Tags: {} }, scope));
    expect(t.props).toEqual({ TopicName: "alerts", FifoTopic: false });
    expect(verdict("sns-topic-encrypted-kms", t).verdict).toBe("FAIL");
  });

  it("ELBv2: attributes that could not be read leave the attribute rules UNKNOWN", () => {
    const lb = { LoadBalancerArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCT}:loadbalancer/app/web/1`, LoadBalancerName: "web", Type: "application" as const, Scheme: "internet-facing" as const };
    const known = valid(ELBV2_LOAD_BALANCER_MAPPER.map({ LoadBalancer: lb, Attributes: [{ Key: "deletion_protection.enabled", Value: "true" }], Tags: [] }, scope));
    expect(verdict("alb-deletion-protection", known).verdict).toBe("PASS");
    const unread = valid(ELBV2_LOAD_BALANCER_MAPPER.map({ LoadBalancer: lb, Attributes: denied("elasticloadbalancing:DescribeLoadBalancerAttributes"), Tags: [] }, scope));
    expect(verdict("alb-deletion-protection", unread).verdict).toBe("UNKNOWN");
  });

  it("RDS snapshot: the restore attribute decides public; unreadable is UNKNOWN", () => {
    const snap = { DBSnapshotIdentifier: "s1", DBSnapshotArn: `arn:aws:rds:eu-west-1:${ACCT}:snapshot:s1`, DBInstanceIdentifier: "orders", Encrypted: true };
    expect(verdict("rds-snapshot-not-public", valid(RDS_DB_SNAPSHOT_MAPPER.map({ Snapshot: snap, RestoreAttribute: ["all"] }, scope))).verdict).toBe("FAIL");
    expect(verdict("rds-snapshot-not-public", valid(RDS_DB_SNAPSHOT_MAPPER.map({ Snapshot: snap, RestoreAttribute: ["210987654321"] }, scope))).verdict).toBe("PASS");
    expect(verdict("rds-snapshot-not-public", RDS_DB_SNAPSHOT_MAPPER.map({ Snapshot: snap, RestoreAttribute: denied("rds:DescribeDBSnapshotAttributes") }, scope)).verdict).toBe("UNKNOWN");
  });
});
