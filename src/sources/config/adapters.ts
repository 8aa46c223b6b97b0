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
 *
 * Any other type has no adapter: its items are UNKNOWN ("plumbline cannot read ... items"), never PASS.
 */
import { Unknown } from "../../model/values.js";
import type { ConfigItem } from "./item.js";
import { camel, field, keyNames, pascal } from "./rekey.js";

export type Adapter = (item: ConfigItem) => unknown;

type Obj = Record<string, unknown>;

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
};
