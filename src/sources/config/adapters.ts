/**
 * Configuration item → the describe-API shape each live mapper takes (src/sources/aws/mappers). One
 * adapter per type, and no mapping of its own: the item is re-spelled into the shape and handed to the
 * SAME mapper the live collector uses (DESIGN.md: one mapping per type).
 *
 * What a configuration item does not record is an Unknown in the shape (so rules over it are UNKNOWN,
 * never PASS), with the reason. Per type:
 *
 * | type | configuration = | supplementaryConfiguration used | not in the item (Unknown) |
 * | --- | --- | --- | --- |
 * | AWS::S3::Bucket | ListBuckets entry | ServerSideEncryptionConfiguration, BucketVersioningConfiguration, PublicAccessBlockConfiguration, BucketPolicy, AccessControlList, BucketLoggingConfiguration, BucketReplicationConfiguration, BucketOwnershipControls | any of those Config left out |
 * | AWS::IAM::Role / User / Policy | GAAD RoleDetail / UserDetail / ManagedPolicyDetail | | |
 * | AWS::KMS::Key | DescribeKey KeyMetadata | | rotation status, key policy, aliases |
 * | AWS::RDS::DBInstance / DBCluster | DescribeDBInstances / DescribeDBClusters item | | |
 * | AWS::DynamoDB::Table | DescribeTable Table | ContinuousBackupsDescription | PITR when Config left it out |
 * | AWS::EC2::SecurityGroup | DescribeSecurityGroups item (ipv4Ranges / legacy ipRanges strings) | | |
 * | AWS::EC2::VPC | DescribeVpcs item | | flow logs, DNS attributes |
 * | AWS::EC2::Volume | DescribeVolumes item | | |
 * | AWS::ElasticLoadBalancingV2::LoadBalancer | DescribeLoadBalancers item | LoadBalancerAttributes | attributes when absent |
 * | AWS::CloudTrail::Trail | DescribeTrails item | TrailStatus / EventSelectors when present | logging status, selectors when absent |
 * | AWS::Logs::LogGroup | DescribeLogGroups item (camelCase, or CloudFormation-style) | | |
 * | AWS::SecretsManager::Secret | DescribeSecret | | resource policy |
 * | AWS::ElastiCache::ReplicationGroup | DescribeReplicationGroups item | | member cluster facts (engine version, subnet group, security groups) |
 * | AWS::CloudFront::Distribution | GetDistribution's Distribution (DistributionConfig inside) | | |
 * | AWS::WAFv2::WebACL | GetWebACL's WebACL | | regional associations, logging configuration |
 * | AWS::GuardDuty::Detector | CloudFormation's shape (Enable, ...) or GetDetector's (Status) | | enabled state when neither is there |
 * | AWS::ECS::Service / TaskDefinition | CloudFormation's shape, camelCased = DescribeServices / DescribeTaskDefinition | | a service's AssignPublicIp when missing |
 * | AWS::ECR::Repository | CloudFormation's shape (LifecyclePolicy.LifecyclePolicyText) | | |
 * | AWS::SQS::Queue | GetQueueAttributes' attributes, typed | | queue policy; SqsManagedSseEnabled in old items |
 * | AWS::SNS::Topic | CloudFormation's shape / attributes | | topic policy |
 * | AWS::Backup::BackupVault / BackupPlan | CloudFormation's shape | (plan: its AWS::Backup::BackupSelection items, joined) | plan selections when not listed |
 * | AWS::RDS::DBSnapshot / DBClusterSnapshot | DescribeDB(Cluster)Snapshots item | DB(Cluster)SnapshotAttributes | sharing when absent |
 * | AWS::Config::ConfigurationRecorder | CloudFormation's shape + Recording | | Recording when absent |
 * | AWS::Shield::Protection, AWS::ShieldRegional::Protection | Id, Name, ResourceArn | | |
 * | AWS::ElasticLoadBalancingV2::Listener | CloudFormation's shape (= DescribeListeners) | | |
 * | AWS::S3::AccountPublicAccessBlock | the four flags | | |
 *
 * Newer types are recorded in CloudFormation's shape: a property its model leaves out is not configured.
 * Any other type has no adapter: its items are UNKNOWN (types.ts says why: AWS Config does not record
 * it, or plumbline cannot read it), never PASS.
 */
import { Unknown } from "../../model/values.js";
import type { ConfigItem } from "./item.js";
import { JOINED_SELECTIONS } from "./join.js";
import { camel, field, keyNames, pascal } from "./rekey.js";

export type Adapter = (item: ConfigItem) => unknown;

type Obj = Record<string, unknown>;

const NONE_NAMES = keyNames([]);

function notRecorded(what: string): Unknown {
  return new Unknown(`AWS Config's configuration item does not record ${what}`);
}

function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function cfg(item: ConfigItem): Obj {
  return item.configuration ?? {};
}

function supp(item: ConfigItem, name: string): unknown {
  return field(item.supplementaryConfiguration, name);
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// ---- S3 ----

const S3_NAMES = keyNames(["SSEAlgorithm", "KMSMasterKeyID", "BucketKeyEnabled", "ApplyServerSideEncryptionByDefault"]);

/** Config's ACL permission names (Java SDK v1 enum) → the S3 API's. */
const PERMISSIONS: Record<string, string> = {
  FullControl: "FULL_CONTROL",
  Read: "READ",
  Write: "WRITE",
  ReadAcp: "READ_ACP",
  WriteAcp: "WRITE_ACP",
};

/** Group grantees are written by name ("AllUsers") in Config's ACL; the API uses the group URI. */
function groupUri(name: string): string {
  if (name.includes("://")) return name;
  return name === "LogDelivery" ? "http://acs.amazonaws.com/groups/s3/LogDelivery" : `http://acs.amazonaws.com/groups/global/${name}`;
}

function s3Grants(acl: unknown): unknown {
  if (!isObj(acl)) return notRecorded("the bucket ACL");
  const list = Array.isArray(acl.grantList) ? acl.grantList : [];
  return list.flatMap((g: unknown): Obj[] => {
    if (!isObj(g)) return [];
    const permission = typeof g.permission === "string" ? (PERMISSIONS[g.permission] ?? g.permission) : undefined;
    const grantee = g.grantee;
    if (typeof grantee === "string") return [{ Grantee: { Type: "Group", URI: groupUri(grantee) }, Permission: permission }];
    if (isObj(grantee)) {
      if (typeof grantee.id === "string") return [{ Grantee: { Type: "CanonicalUser", ID: grantee.id }, Permission: permission }];
      if (typeof grantee.identifier === "string") return [{ Grantee: { Type: "CanonicalUser", ID: grantee.identifier }, Permission: permission }];
      if (typeof grantee.emailAddress === "string") return [{ Grantee: { Type: "AmazonCustomerByEmail", EmailAddress: grantee.emailAddress }, Permission: permission }];
    }
    return [];
  });
}

/** Config keeps replication rules as a map keyed by rule id (Java SDK v1's BucketReplicationConfiguration). */
function s3Replication(r: unknown): unknown {
  if (r === undefined) return undefined;
  if (!isObj(r)) return notRecorded("the replication configuration");
  const rules = isObj(r.rules) ? Object.entries(r.rules) : Array.isArray(r.rules) ? r.rules.map((x, i) => [String(i), x] as const) : [];
  return {
    Role: r.roleARN ?? r.role,
    Rules: rules.map(([id, x]) => {
      const rule = isObj(x) ? x : {};
      const dest = isObj(rule.destinationConfig) ? rule.destinationConfig : isObj(rule.destination) ? rule.destination : {};
      return {
        ID: typeof rule.id === "string" ? rule.id : id,
        Status: rule.status,
        Priority: rule.priority,
        Prefix: rule.prefix,
        Destination: { Bucket: dest.bucketARN ?? dest.bucket, StorageClass: dest.storageClass ?? undefined, Account: dest.account ?? undefined },
      };
    }),
  };
}

function s3Bucket(item: ConfigItem): unknown {
  const c = cfg(item);
  const name = (typeof c.name === "string" && c.name) || item.resourceName || item.resourceId;
  const sse = supp(item, "ServerSideEncryptionConfiguration");
  const versioning = supp(item, "BucketVersioningConfiguration");
  const pab = supp(item, "PublicAccessBlockConfiguration");
  const policy = supp(item, "BucketPolicy");
  const logging = supp(item, "BucketLoggingConfiguration");
  const ownership = supp(item, "BucketOwnershipControls");
  return {
    Name: name,
    // The item's region is the bucket's; the mapper reads it as GetBucketLocation's constraint.
    LocationConstraint: item.region === "us-east-1" ? undefined : item.region,
    // Absent: no default-encryption configuration (the mapper applies S3's SSE-S3 default).
    ServerSideEncryptionConfiguration: sse === undefined ? undefined : pascal(sse, S3_NAMES),
    Versioning: isObj(versioning)
      ? {
          // "Off": never enabled (GetBucketVersioning returns no Status).
          Status: versioning.status === "Off" || versioning.status === null ? undefined : versioning.status,
          MFADelete: versioning.isMfaDeleteEnabled === true ? "Enabled" : versioning.isMfaDeleteEnabled === false ? "Disabled" : undefined,
        }
      : notRecorded("the versioning configuration"),
    PublicAccessBlockConfiguration: pab === undefined ? undefined : pascal(pab),
    Policy: isObj(policy) ? (typeof policy.policyText === "string" ? policy.policyText : undefined) : notRecorded("the bucket policy"),
    Grants: s3Grants(supp(item, "AccessControlList")),
    LoggingEnabled: isObj(logging)
      ? typeof logging.destinationBucketName === "string"
        ? { TargetBucket: logging.destinationBucketName, TargetPrefix: typeof logging.logFilePrefix === "string" ? logging.logFilePrefix : undefined }
        : undefined
      : notRecorded("the logging configuration"),
    TagSet: tagList(item.tags),
    ReplicationConfiguration: s3Replication(supp(item, "BucketReplicationConfiguration")),
    OwnershipControls: isObj(ownership) ? pascal(ownership.ownershipControls ?? ownership) : undefined,
  };
}

// ---- IAM ----

function iam(item: ConfigItem): unknown {
  const shape = pascal<Obj>(cfg(item));
  // Config spells IAM tags [{key, value}] (pascal() makes them Key / Value); the item's tag map is the same.
  if (!Array.isArray(shape.Tags)) shape.Tags = tagList(item.tags);
  shape.Arn ??= item.arn;
  return shape;
}

// ---- KMS ----

const KMS_NAMES = keyNames(["AWSAccountId", "CustomerMasterKeySpec"]);

function kmsKey(item: ConfigItem): unknown {
  const meta = pascal<Obj>(cfg(item), KMS_NAMES);
  meta.KeyId ??= item.resourceId;
  meta.Arn ??= item.arn;
  const rotation = supp(item, "KeyRotationStatus") ?? field(cfg(item), "keyRotationEnabled");
  return {
    KeyMetadata: meta,
    KeyRotationEnabled: typeof rotation === "boolean" ? rotation : isObj(rotation) && typeof rotation.keyRotationEnabled === "boolean" ? rotation.keyRotationEnabled : notRecorded("the key's rotation status"),
    Policy: typeof supp(item, "Policy") === "string" ? supp(item, "Policy") : notRecorded("the key policy"),
    Aliases: notRecorded("the key's aliases"),
    Tags: Object.entries(item.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
  };
}

// ---- RDS ----

const RDS_NAMES = keyNames([
  "DBInstanceIdentifier",
  "DBInstanceArn",
  "DBInstanceClass",
  "DBInstanceStatus",
  "DBSubnetGroup",
  "DBSubnetGroupName",
  "DBClusterIdentifier",
  "DBClusterArn",
  "DBName",
  "IAMDatabaseAuthenticationEnabled",
  "MultiAZ",
  "PerformanceInsightsKMSKeyId",
  "CACertificateIdentifier",
  "ReadReplicaSourceDBInstanceIdentifier",
]);

function rds(item: ConfigItem): unknown {
  const shape = pascal<Obj>(cfg(item), RDS_NAMES);
  if (!Array.isArray(shape.TagList)) shape.TagList = tagList(item.tags);
  return shape;
}

// ---- DynamoDB ----

const DYNAMODB_NAMES = keyNames(["SSEDescription", "SSEType", "KMSMasterKeyArn", "TableArn", "TableId"]);

function dynamodbTable(item: ConfigItem): unknown {
  const cb = supp(item, "ContinuousBackupsDescription");
  return {
    Table: pascal(cfg(item), DYNAMODB_NAMES),
    ContinuousBackups: isObj(cb) ? pascal(cb) : notRecorded("continuous backups (point-in-time recovery)"),
    Tags: tagList(item.tags),
  };
}

// ---- EC2 ----

/**
 * Config's security group item carries both `ipv4Ranges` ([{cidrIp, description}], the API's IpRanges)
 * and the legacy `ipRanges` (plain CIDR strings, Java SDK v1). Prefer the objects; fall back to strings.
 */
function permissions(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((p) => {
    if (!isObj(p)) return p;
    const { Ipv4Ranges, IpRanges, ...rest } = p;
    const ranges = Array.isArray(Ipv4Ranges)
      ? Ipv4Ranges
      : Array.isArray(IpRanges)
        ? IpRanges.map((r) => (typeof r === "string" ? { CidrIp: r } : r))
        : undefined;
    return ranges === undefined ? rest : { ...rest, IpRanges: ranges };
  });
}

function securityGroup(item: ConfigItem): unknown {
  const shape = pascal<Obj>(cfg(item));
  shape.IpPermissions = permissions(shape.IpPermissions);
  shape.IpPermissionsEgress = permissions(shape.IpPermissionsEgress);
  if (!Array.isArray(shape.Tags)) shape.Tags = tagList(item.tags);
  shape.GroupId ??= item.resourceId;
  return shape;
}

function vpc(item: ConfigItem): unknown {
  const v = pascal<Obj>(cfg(item));
  v.VpcId ??= item.resourceId;
  if (!Array.isArray(v.Tags)) v.Tags = tagList(item.tags);
  return {
    Vpc: v,
    FlowLogs: notRecorded("the VPC's flow logs"),
    EnableDnsSupport: notRecorded("the VPC's DNS support attribute"),
    EnableDnsHostnames: notRecorded("the VPC's DNS hostnames attribute"),
  };
}

function volume(item: ConfigItem): unknown {
  const v = pascal<Obj>(cfg(item));
  v.VolumeId ??= item.resourceId;
  if (!Array.isArray(v.Tags)) v.Tags = tagList(item.tags);
  return v;
}

// ---- ELBv2 ----

/** The load balancer's attributes are in supplementaryConfiguration.LoadBalancerAttributes ([{key, value}]). */
function loadBalancer(item: ConfigItem): unknown {
  const lb = pascal<Obj>(cfg(item), keyNames(["DNSName", "LoadBalancerArn", "IpAddressType"]));
  lb.LoadBalancerArn ??= item.arn ?? item.resourceId;
  const attrs = supp(item, "LoadBalancerAttributes");
  return {
    LoadBalancer: lb,
    Attributes: Array.isArray(attrs) ? pascal(attrs) : notRecorded("the load balancer's attributes"),
    Tags: tagList(item.tags),
  };
}

// ---- CloudTrail ----

const TRAIL_NAMES = keyNames(["TrailARN", "SnsTopicARN", "KmsKeyId"]);

function trail(item: ConfigItem): unknown {
  const c = cfg(item);
  const shape = pascal<Obj>(c, TRAIL_NAMES);
  shape.TrailARN ??= item.arn;
  shape.Name ??= item.resourceName ?? item.resourceId;
  const status = supp(item, "TrailStatus");
  const logging = isObj(status) ? status.isLogging : field(c, "isLogging");
  shape.IsLogging = typeof logging === "boolean" ? logging : notRecorded("whether the trail is logging");
  const selectors = supp(item, "EventSelectors");
  const advanced = supp(item, "AdvancedEventSelectors");
  const custom = field(c, "hasCustomEventSelectors");
  // hasCustomEventSelectors false: the trail records the default (all management events), no selectors.
  shape.EventSelectors = Array.isArray(selectors) ? pascal(selectors) : custom === false ? [] : notRecorded("the trail's event selectors");
  shape.AdvancedEventSelectors = Array.isArray(advanced) ? pascal(advanced) : custom === false ? [] : notRecorded("the trail's advanced event selectors");
  shape.TagsList = tagList(item.tags);
  delete shape.Tags;
  return shape;
}

// ---- CloudWatch Logs (its SDK v3 shapes are camelCase) ----

const LOGS_NAMES = keyNames(["logGroupName", "logGroupArn", "retentionInDays", "kmsKeyId", "logGroupClass"]);

function logGroup(item: ConfigItem): unknown {
  const shape = camel<Obj>(cfg(item), LOGS_NAMES);
  shape.logGroupName ??= item.resourceName ?? item.resourceId;
  shape.logGroupArn ??= item.arn;
  shape.tags = item.tags;
  return shape;
}

// ---- Secrets Manager ----

const SECRET_NAMES = keyNames(["ARN", "RotationLambdaARN", "KmsKeyId"]);

function secret(item: ConfigItem): unknown {
  const shape = pascal<Obj>(cfg(item), SECRET_NAMES);
  shape.ARN ??= item.arn ?? item.resourceId;
  shape.Name ??= item.resourceName;
  if (!Array.isArray(shape.Tags)) shape.Tags = tagList(item.tags);
  shape.ResourcePolicy = notRecorded("the secret's resource policy");
  return shape;
}

// ---- ElastiCache ----

const ELASTICACHE_NAMES = keyNames(["ARN", "KmsKeyId"]);

function replicationGroup(item: ConfigItem): unknown {
  const rg = pascal<Obj>(cfg(item), ELASTICACHE_NAMES);
  rg.ReplicationGroupId ??= item.resourceId;
  rg.ARN ??= item.arn;
  // The member cache clusters (engine version, subnet group, security groups) are separate items.
  return { ReplicationGroup: rg, Tags: tagList(item.tags), MemberCluster: notRecorded("the replication group's member cache clusters") };
}

// ---- CloudFront ----

const CLOUDFRONT_NAMES = keyNames([
  "ACMCertificateArn",
  "IAMCertificateId",
  "SSLSupportMethod",
  "WebACLId",
  "IsIPV6Enabled",
  "OriginSslProtocols",
  "HTTPPort",
  "HTTPSPort",
  "ARN",
  "FunctionARN",
  "LambdaFunctionARN",
]);

/** The item's configuration is GetDistribution's Distribution: DistributionConfig plus id, ARN and domain. */
function distribution(item: ConfigItem): unknown {
  const d = pascal<Obj>(cfg(item), CLOUDFRONT_NAMES);
  const config = isObj(d.DistributionConfig) ? d.DistributionConfig : undefined;
  return {
    Summary: { ...(config ?? {}), Id: d.Id ?? item.resourceId, ARN: d.ARN ?? item.arn, DomainName: d.DomainName },
    Config: config ?? notRecorded("the distribution's configuration"),
    Tags: tagList(item.tags),
  };
}

// ---- WAFv2 ----

const WAF_NAMES = keyNames(["IPSetReferenceStatement", "ARN", "IPSetForwardedIPConfig", "ForwardedIPConfig", "SearchString", "AWSManagedRulesBotControlRuleSet", "CloudWatchMetricsEnabled"]);

/** The item's configuration is GetWebACL's WebACL; the scope is in the ARN (…:global/webacl/… is CloudFront). */
function webAcl(item: ConfigItem): unknown {
  const acl = pascal<Obj>(cfg(item), WAF_NAMES);
  acl.ARN ??= item.arn;
  acl.Id ??= item.resourceId;
  const arn = typeof acl.ARN === "string" ? acl.ARN : "";
  const cloudfront = arn.includes(":global/") || item.region === "global";
  return {
    WebACL: acl,
    Scope: cloudfront ? "CLOUDFRONT" : "REGIONAL",
    Tags: tagList(item.tags),
    // CloudFront distributions name their web ACL; regional associations are separate items.
    AssociatedResourceArns: cloudfront ? undefined : notRecorded("the resources associated with the web ACL"),
    LoggingConfiguration: notRecorded("the web ACL's logging configuration"),
  };
}

// ---- GuardDuty ----

/**
 * Config records detectors in CloudFormation's shape (Enable, FindingPublishingFrequency, DataSources,
 * Features); GetDetector reports Status ENABLED / DISABLED instead of Enable.
 */
function detector(item: ConfigItem): unknown {
  const c = pascal<Obj>(cfg(item));
  const enable = c.Enable ?? (typeof c.Status === "string" ? c.Status === "ENABLED" : undefined);
  return {
    ...c,
    DetectorId: (typeof c.Id === "string" && c.Id) || (typeof c.DetectorId === "string" && c.DetectorId) || item.resourceId,
    Status: typeof enable === "boolean" ? (enable ? "ENABLED" : "DISABLED") : notRecorded("whether the detector is enabled"),
    Tags: item.tags,
  };
}

// ---- ECS (Config records ECS in CloudFormation's shape, PascalCase; the SDK v3 shapes are camelCase) ----

/** Maps of the user's own keys inside container definitions and services: kept as they are. */
const ECS_OPAQUE: ReadonlySet<string> = new Set(["options", "dockerlabels"]);

function ecsTags(item: ConfigItem): { key: string; value: string }[] {
  return Object.entries(item.tags).map(([key, value]) => ({ key, value }));
}

/**
 * AWS::ECS::Service: configuration is CloudFormation's shape (ServiceName, Cluster, TaskDefinition,
 * DeploymentConfiguration, DeploymentController, NetworkConfiguration.AwsvpcConfiguration, ...), which
 * camelCased is DescribeServices' Service but for Cluster (clusterArn) and ServiceArn.
 */
function ecsService(item: ConfigItem): unknown {
  const c = cfg(item);
  const s = camel<Obj>(c, NONE_NAMES, ECS_OPAQUE);
  s.serviceArn ??= item.arn ?? item.resourceId;
  s.serviceName ??= s.name ?? item.resourceName;
  if (s.clusterArn === undefined && s.cluster !== undefined) s.clusterArn = s.cluster;
  delete s.cluster;
  delete s.name;
  // DescribeServices always states assignPublicIp for awsvpc services; an item without it did not record
  // it, and the mapper's API default (DISABLED) would pass the public-IP rule on no evidence.
  const vpc = isObj(s.networkConfiguration) ? s.networkConfiguration.awsvpcConfiguration : undefined;
  if (isObj(vpc) && vpc.assignPublicIp === undefined) vpc.assignPublicIp = notRecorded("whether the service assigns public IPs");
  s.tags = ecsTags(item);
  return s;
}

/**
 * AWS::ECS::TaskDefinition: configuration is CloudFormation's shape (Family, ContainerDefinitions with
 * PascalCase fields, TaskRoleArn, ...); camelCased it is DescribeTaskDefinition's taskDefinition. The
 * revision is not in it: it is read from the ARN (family:revision).
 */
function ecsTaskDefinition(item: ConfigItem): unknown {
  const td = camel<Obj>(cfg(item), NONE_NAMES, ECS_OPAQUE);
  td.taskDefinitionArn ??= item.arn;
  if (td.revision === undefined) {
    const m = /:(\d+)$/.exec(String(td.taskDefinitionArn ?? item.resourceId));
    if (m) td.revision = Number(m[1]);
  }
  // A task definition without containers is not a recorded one: Config left them out.
  if (!Array.isArray(td.containerDefinitions)) td.containerDefinitions = undefined;
  return { taskDefinition: td, tags: ecsTags(item) };
}

// ---- ECR ----

/**
 * AWS::ECR::Repository: CloudFormation's shape (RepositoryName, Arn, ImageTagMutability,
 * ImageScanningConfiguration, EncryptionConfiguration, LifecyclePolicy.LifecyclePolicyText). A property
 * CloudFormation's model leaves out is not set on the repository (no lifecycle policy, AES256).
 */
function ecrRepository(item: ConfigItem): unknown {
  const c = cfg(item);
  const r = camel<Obj>(c);
  r.repositoryName ??= item.resourceName ?? item.resourceId;
  r.repositoryArn ??= r.arn ?? item.arn;
  delete r.arn;
  const lp = field(c, "LifecyclePolicy");
  const text = isObj(lp) ? field(lp, "LifecyclePolicyText") : undefined;
  delete r.lifecyclePolicy;
  return {
    Repository: r,
    LifecyclePolicyText: typeof text === "string" && text !== "" ? text : undefined,
    Tags: tagList(item.tags),
  };
}

// ---- SQS / SNS: the item's configuration holds the API's attributes (typed values, not strings) ----

function attributeMap(c: Obj, unknownIfAbsent: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (v === null || v === undefined) continue;
    const key = k.length ? k[0].toUpperCase() + k.slice(1) : k;
    out[key] = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  for (const [k, what] of Object.entries(unknownIfAbsent)) if (out[k] === undefined) out[k] = notRecorded(what);
  return out;
}

/**
 * AWS::SQS::Queue: configuration carries GetQueueAttributes' attributes (QueueUrl, QueueArn,
 * KmsMasterKeyId, SqsManagedSseEnabled, ... as typed values). Not in the item: the queue policy (a
 * separate AWS::SQS::QueuePolicy in CloudFormation's model) and, in items recorded before SSE-SQS existed,
 * SqsManagedSseEnabled; both Unknown when absent.
 */
function sqsQueue(item: ConfigItem): unknown {
  const c = cfg(item);
  const url = field(c, "QueueUrl");
  const arn = (field(c, "QueueArn") as string | undefined) ?? item.arn;
  let queueUrl = typeof url === "string" ? url : item.resourceId.startsWith("https://") ? item.resourceId : undefined;
  if (!queueUrl && arn) {
    const [, , , region, account, name] = arn.split(":");
    queueUrl = `https://sqs.${region}.amazonaws.com/${account}/${name}`;
  }
  const attrs = attributeMap(c, { Policy: "the queue's access policy", SqsManagedSseEnabled: "whether SSE-SQS is enabled" });
  if (arn) attrs.QueueArn ??= arn;
  return { QueueUrl: queueUrl ?? item.resourceId, Attributes: attrs, Tags: item.tags };
}

/**
 * AWS::SNS::Topic: configuration is CloudFormation's shape / GetTopicAttributes' names (TopicArn,
 * DisplayName, KmsMasterKeyId, FifoTopic, ...). The topic policy is a separate resource there
 * (AWS::SNS::TopicPolicy): Unknown when absent.
 */
function snsTopic(item: ConfigItem): unknown {
  const c = cfg(item);
  const arn = (field(c, "TopicArn") as string | undefined) ?? item.arn ?? item.resourceId;
  return { TopicArn: arn, Attributes: attributeMap(c, { Policy: "the topic's access policy" }), Tags: item.tags };
}

// ---- AWS Backup (CloudFormation's shape) ----

function backupVault(item: ConfigItem): unknown {
  const v = pascal<Obj>(cfg(item));
  v.BackupVaultName ??= item.resourceName ?? item.resourceId;
  v.BackupVaultArn ??= item.arn;
  return { Vault: v, Tags: item.tags };
}

/** CloudFormation's rule (TargetBackupVault) → the API's BackupRule (TargetBackupVaultName). */
function backupRule(r: unknown): unknown {
  if (!isObj(r)) return r;
  const { TargetBackupVault, ...rest } = r;
  return { ...rest, TargetBackupVaultName: rest.TargetBackupVaultName ?? TargetBackupVault };
}

/** A selection item's BackupSelection (CloudFormation's shape, the API's names). */
function backupSelection(s: unknown): unknown {
  return isObj(s) ? pascal(s) : s;
}

/**
 * AWS::Backup::BackupPlan: configuration is CloudFormation's shape (BackupPlan.BackupPlanName,
 * BackupPlan.BackupPlanRule[], BackupPlanId, BackupPlanArn). The selections are their own items
 * (AWS::Backup::BackupSelection), joined in when they were listed (join.ts); else Unknown.
 */
function backupPlan(item: ConfigItem): unknown {
  const c = pascal<Obj>(cfg(item));
  const plan = isObj(c.BackupPlan) ? c.BackupPlan : c;
  const rules = plan.BackupPlanRule ?? plan.Rules;
  const joined = item.supplementaryConfiguration[JOINED_SELECTIONS];
  return {
    BackupPlanId: (typeof c.BackupPlanId === "string" && c.BackupPlanId) || item.resourceId,
    BackupPlanArn: c.BackupPlanArn ?? item.arn,
    BackupPlanName: plan.BackupPlanName ?? item.resourceName,
    Rules: Array.isArray(rules) ? rules.map(backupRule) : notRecorded("the backup plan's rules"),
    Selections: Array.isArray(joined) ? joined.map(backupSelection) : notRecorded("the plan's selections here (they are separate AWS::Backup::BackupSelection items)"),
    Tags: item.tags,
  };
}

// ---- RDS snapshots (the describe shape camelCased; sharing in supplementaryConfiguration) ----

const RDS_SNAPSHOT_NAMES = keyNames([
  "DBSnapshotIdentifier",
  "DBSnapshotArn",
  "DBInstanceIdentifier",
  "DBClusterSnapshotIdentifier",
  "DBClusterSnapshotArn",
  "DBClusterIdentifier",
  "KmsKeyId",
]);

/** The "restore" attribute's values (account ids, or "all" when public), from DB(Cluster)SnapshotAttributes. */
function restoreAttribute(item: ConfigItem, name: string): unknown {
  let attrs = supp(item, name);
  if (isObj(attrs)) attrs = field(attrs, name) ?? field(attrs, "attributes");
  if (!Array.isArray(attrs)) return notRecorded("the snapshot's sharing attributes");
  const restore = attrs.find((a) => isObj(a) && field(a, "attributeName") === "restore");
  const values = isObj(restore) ? field(restore, "attributeValues") : undefined;
  return Array.isArray(values) ? values.filter((v) => typeof v === "string") : [];
}

function dbSnapshot(item: ConfigItem): unknown {
  const s = pascal<Obj>(cfg(item), RDS_SNAPSHOT_NAMES);
  s.DBSnapshotIdentifier ??= item.resourceName ?? item.resourceId;
  s.DBSnapshotArn ??= item.arn;
  if (!Array.isArray(s.TagList)) s.TagList = tagList(item.tags);
  return { Snapshot: s, RestoreAttribute: restoreAttribute(item, "DBSnapshotAttributes") };
}

function dbClusterSnapshot(item: ConfigItem): unknown {
  const s = pascal<Obj>(cfg(item), RDS_SNAPSHOT_NAMES);
  s.DBClusterSnapshotIdentifier ??= item.resourceName ?? item.resourceId;
  s.DBClusterSnapshotArn ??= item.arn;
  if (!Array.isArray(s.TagList)) s.TagList = tagList(item.tags);
  return { Snapshot: s, RestoreAttribute: restoreAttribute(item, "DBClusterSnapshotAttributes") };
}

// ---- AWS Config's own recorder (CloudFormation's shape plus Recording) ----

/**
 * AWS::Config::ConfigurationRecorder: Name, RoleARN, RecordingGroup, RecordingMode and Recording (whether
 * it is started); camelCased it is DescribeConfigurationRecorders' shape, Recording the status.
 */
function configRecorder(item: ConfigItem): unknown {
  const c = cfg(item);
  const r = camel<Obj>(c, keyNames(["roleARN"]));
  const recording = field(c, "Recording");
  delete r.recording;
  r.name ??= item.resourceName ?? item.resourceId;
  return { ...r, status: typeof recording === "boolean" ? { name: r.name, recording } : notRecorded("whether the recorder is started") };
}

// ---- Shield, ELBv2 listeners, S3 account settings (CloudFormation's shape = the API's PascalCase names) ----

/** AWS::Shield::Protection and AWS::ShieldRegional::Protection: Id, Name, ResourceArn. */
function shieldProtection(item: ConfigItem): unknown {
  const p = pascal<Obj>(cfg(item));
  p.Id ??= item.resourceId;
  p.ProtectionArn ??= item.arn;
  return p;
}

/** AWS::ElasticLoadBalancingV2::Listener: ListenerArn, LoadBalancerArn, Port, Protocol, SslPolicy, DefaultActions. */
function listener(item: ConfigItem): unknown {
  const l = pascal<Obj>(cfg(item));
  l.ListenerArn ??= item.arn ?? item.resourceId;
  return l;
}

/** AWS::S3::AccountPublicAccessBlock: the four flags, camelCase. */
function accountPublicAccessBlock(item: ConfigItem): unknown {
  return { PublicAccessBlockConfiguration: pascal(cfg(item)) };
}

/** AWS Config type → its adapter. A type without one is never guessed at. */
export const ADAPTERS: Readonly<Record<string, Adapter>> = {
  "AWS::S3::Bucket": s3Bucket,
  "AWS::IAM::Role": iam,
  "AWS::IAM::User": iam,
  "AWS::IAM::Policy": iam,
  "AWS::KMS::Key": kmsKey,
  "AWS::RDS::DBInstance": rds,
  "AWS::RDS::DBCluster": rds,
  "AWS::DynamoDB::Table": dynamodbTable,
  "AWS::EC2::SecurityGroup": securityGroup,
  "AWS::EC2::VPC": vpc,
  "AWS::CloudTrail::Trail": trail,
  "AWS::Logs::LogGroup": logGroup,
  "AWS::SecretsManager::Secret": secret,
  "AWS::ElastiCache::ReplicationGroup": replicationGroup,
  "AWS::CloudFront::Distribution": distribution,
  "AWS::WAFv2::WebACL": webAcl,
  "AWS::GuardDuty::Detector": detector,
  "AWS::EC2::Volume": volume,
  "AWS::ElasticLoadBalancingV2::LoadBalancer": loadBalancer,
  "AWS::ECS::Service": ecsService,
  "AWS::ECS::TaskDefinition": ecsTaskDefinition,
  "AWS::ECR::Repository": ecrRepository,
  "AWS::SQS::Queue": sqsQueue,
  "AWS::SNS::Topic": snsTopic,
  "AWS::Backup::BackupVault": backupVault,
  "AWS::Backup::BackupPlan": backupPlan,
  "AWS::RDS::DBSnapshot": dbSnapshot,
  "AWS::RDS::DBClusterSnapshot": dbClusterSnapshot,
  "AWS::Config::ConfigurationRecorder": configRecorder,
  "AWS::Shield::Protection": shieldProtection,
  "AWS::ShieldRegional::Protection": shieldProtection,
  "AWS::ElasticLoadBalancingV2::Listener": listener,
  "AWS::S3::AccountPublicAccessBlock": accountPublicAccessBlock,
};
