/**
 * Configuration item → shape → the live mapper, per type. Items follow the shapes AWS Config records
 * (the describe API serialized with lower-case first letters; some types fold a leading acronym whole,
 * e.g. DynamoDB's "ssedescription"): both spellings are exercised. What an item does not record must
 * come out Unknown, never a value that could PASS.
 */
import { describe, expect, it } from "vitest";
import { isUnknown } from "../../../src/model/values.js";
import { ADAPTERS } from "../../../src/sources/config/adapters.js";
import { normalizeItem } from "../../../src/sources/config/item.js";
import { configReadableTypes, itemToResource, plumblineType } from "../../../src/sources/config/resource.js";
import { MAPPERS } from "../../../src/sources/aws/mappers/index.js";
import { fixture } from "../../configrule/helpers.js";

const ACCOUNT = "240000000001";

function ci(resourceType: string, resourceId: string, configuration: unknown, extra: Record<string, unknown> = {}) {
  return normalizeItem({
    configurationItemCaptureTime: "2026-11-20T09:00:00.000Z",
    awsAccountId: ACCOUNT,
    configurationItemStatus: "OK",
    resourceType,
    resourceId,
    awsRegion: "eu-west-1",
    configuration,
    supplementaryConfiguration: {},
    tags: { env: "prod" },
    ...extra,
  });
}

function map(item: ReturnType<typeof ci>) {
  const r = itemToResource(item, `aws-config://${ACCOUNT}`);
  if ("unknown" in r) throw new Error(r.unknown);
  return r.resource;
}

describe("adapters", () => {
  it("every adapter has a live mapper (no second mapping)", () => {
    // AWS::ShieldRegional::Protection items map through the Shield protection mapper.
    for (const t of Object.keys(ADAPTERS)) expect(MAPPERS[plumblineType(t)], t).toBeDefined();
    expect(configReadableTypes()).toEqual([...new Set(Object.keys(ADAPTERS).map(plumblineType))].sort());
  });

  it("AWS::S3::Bucket from the Lambda event item", () => {
    const ev = fixture("s3-bucket-change-event.json");
    const r = map(normalizeItem(JSON.parse(ev.invokingEvent).configurationItem));
    expect(r).toMatchObject({ type: "AWS::S3::Bucket", id: "mobilytics-support-ui-assets", region: "eu-west-1", account: ACCOUNT, tags: { env: "prod" }, origin: { source: "aws-config" } });
    expect(r.props.BucketEncryption).toMatchObject({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] });
    expect(r.props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(r.props.AclGrants).toEqual([{ Grantee: { Type: "CanonicalUser", ID: "cdc98e52b531907c0dc603986cfa5197f7708056c08e9f701d164d48b54f5d18" }, Permission: "FULL_CONTROL" }]);
    expect(r.props.Policy).toBeUndefined();
  });

  it("AWS::S3::Bucket: public group grants, logging, a policy; missing supplementary items are Unknown", () => {
    const r = map(
      ci("AWS::S3::Bucket", "logs", { name: "logs" }, {
        supplementaryConfiguration: {
          AccessControlList: JSON.stringify(JSON.stringify({ grantList: [{ grantee: "AllUsers", permission: "Read" }, { grantee: "LogDelivery", permission: "Write" }] })),
          BucketLoggingConfiguration: JSON.stringify({ destinationBucketName: "central-logs", logFilePrefix: "s3/" }),
          BucketPolicy: JSON.stringify({ policyText: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) }),
        },
      }),
    );
    expect(r.props.AclGrants).toEqual([
      { Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" },
      { Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/s3/LogDelivery" }, Permission: "WRITE" },
    ]);
    expect(r.props.LoggingConfiguration).toEqual({ DestinationBucketName: "central-logs", LogFilePrefix: "s3/" });
    expect((r.props.Policy as any).Statement[0].Effect).toBe("Deny");
    expect(isUnknown(r.props.VersioningConfiguration)).toBe(true);
  });

  it("AWS::IAM::Role from the API item (configuration as JSON text, URL-encoded documents)", () => {
    const r = map(normalizeItem(fixture("iam-role-item.json")));
    expect(r).toMatchObject({ type: "AWS::IAM::Role", id: "AROAEXAMPLEROLEID0001", arn: "arn:aws:iam::240000000001:role/support-read-only", tags: { team: "support" } });
    expect(r.region).toBeUndefined(); // IAM is global, as in Terraform state
    expect(r.props.AssumeRolePolicyDocument).toMatchObject({ Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole"], Principal: { AWS: ["arn:aws:iam::240000000001:root"] } }] });
    expect(r.props.Policies).toEqual([{ PolicyName: "everything", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] } }]);
    expect(r.props.AttachedManagedPolicyArns).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
  });

  it("AWS::RDS::DBInstance: both key spellings (dBInstanceIdentifier / dbinstanceIdentifier)", () => {
    for (const [idKey, classKey] of [
      ["dBInstanceIdentifier", "dBInstanceClass"],
      ["dbinstanceIdentifier", "dbinstanceClass"],
    ]) {
      const r = map(
        ci("AWS::RDS::DBInstance", "db-ABCDEFGHIJKLMNOP", {
          [idKey]: "orders",
          [classKey]: "db.t4g.micro",
          engine: "postgres",
          dbiResourceId: "db-ABCDEFGHIJKLMNOP",
          storageEncrypted: true,
          kmsKeyId: "arn:aws:kms:eu-west-1:240000000001:key/1111",
          backupRetentionPeriod: 7,
          multiAZ: false,
          publiclyAccessible: false,
          deletionProtection: true,
          iAMDatabaseAuthenticationEnabled: true,
          vpcSecurityGroups: [{ vpcSecurityGroupId: "sg-1", status: "active" }],
          dBInstanceArn: "arn:aws:rds:eu-west-1:240000000001:db:orders",
        }),
      );
      expect(r).toMatchObject({ id: "db-ABCDEFGHIJKLMNOP", name: "orders", tags: { env: "prod" } });
      expect(r.props).toMatchObject({ DBInstanceIdentifier: "orders", DBInstanceClass: "db.t4g.micro", StorageEncrypted: true, MultiAZ: false, BackupRetentionPeriod: 7, DeletionProtection: true, EnableIAMDatabaseAuthentication: true, VPCSecurityGroups: ["sg-1"] });
    }
  });

  it("AWS::DynamoDB::Table: folded acronyms (ssedescription, kmsmasterKeyArn) and PITR from supplementaryConfiguration", () => {
    const r = map(
      ci("AWS::DynamoDB::Table", "orders", { tableName: "orders", tableArn: "arn:aws:dynamodb:eu-west-1:240000000001:table/orders", ssedescription: { status: "ENABLED", ssetype: "KMS", kmsmasterKeyArn: "arn:aws:kms:eu-west-1:240000000001:key/2222" }, billingModeSummary: { billingMode: "PAY_PER_REQUEST" } }, {
        supplementaryConfiguration: { ContinuousBackupsDescription: { continuousBackupsStatus: "ENABLED", pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: "ENABLED" } } },
      }),
    );
    expect(r.props).toMatchObject({ TableName: "orders", BillingMode: "PAY_PER_REQUEST", SSESpecification: { SSEEnabled: true, SSEType: "KMS", KMSMasterKeyId: "arn:aws:kms:eu-west-1:240000000001:key/2222" }, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    const noPitr = map(ci("AWS::DynamoDB::Table", "t2", { tableName: "t2" }));
    expect(isUnknown(noPitr.props.PointInTimeRecoverySpecification)).toBe(true);
  });

  it("AWS::EC2::SecurityGroup: ipv4Ranges objects, or the legacy ipRanges strings", () => {
    const r = map(
      ci("AWS::EC2::SecurityGroup", "sg-0abc", {
        groupId: "sg-0abc",
        groupName: "web",
        description: "web",
        vpcId: "vpc-1",
        ownerId: ACCOUNT,
        ipPermissions: [
          { ipProtocol: "tcp", fromPort: 22, toPort: 22, ipv4Ranges: [{ cidrIp: "0.0.0.0/0" }], ipRanges: ["0.0.0.0/0"], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] },
          { ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: ["10.0.0.0/8"], userIdGroupPairs: [{ groupId: "sg-lb" }] },
        ],
        ipPermissionsEgress: [{ ipProtocol: "-1", ipv4Ranges: [{ cidrIp: "0.0.0.0/0" }] }],
      }),
    );
    expect(r.props.SecurityGroupIngress).toEqual([
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0" },
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "10.0.0.0/8" },
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, SourceSecurityGroupId: "sg-lb" },
    ]);
    expect(r.arn).toBe(`arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0abc`);
  });

  it("AWS::KMS::Key: rotation status, policy and aliases are not in the item: Unknown", () => {
    const r = map(ci("AWS::KMS::Key", "1111", { keyId: "1111", arn: "arn:aws:kms:eu-west-1:240000000001:key/1111", enabled: true, keyManager: "CUSTOMER", keyUsage: "ENCRYPT_DECRYPT", keySpec: "SYMMETRIC_DEFAULT", keyState: "Enabled" }));
    expect(r.props).toMatchObject({ KeyId: "1111", Enabled: true, KeySpec: "SYMMETRIC_DEFAULT" });
    expect(isUnknown(r.props.EnableKeyRotation)).toBe(true);
    expect(isUnknown(r.props.KeyPolicy)).toBe(true);
  });

  it("AWS::CloudTrail::Trail: no custom selectors means none; logging status from TrailStatus, else Unknown", () => {
    const base = { name: "org", trailARN: "arn:aws:cloudtrail:eu-west-1:240000000001:trail/org", isMultiRegionTrail: true, logFileValidationEnabled: true, hasCustomEventSelectors: false, homeRegion: "eu-west-1", s3BucketName: "trail-logs" };
    const a = map(ci("AWS::CloudTrail::Trail", "org", base, { supplementaryConfiguration: { TrailStatus: { isLogging: true } } }));
    expect(a.props).toMatchObject({ TrailName: "org", IsMultiRegionTrail: true, EnableLogFileValidation: true, IsLogging: true, EventSelectors: [] });
    const b = map(ci("AWS::CloudTrail::Trail", "org", { ...base, hasCustomEventSelectors: true }));
    expect(isUnknown(b.props.IsLogging)).toBe(true);
    expect(isUnknown(b.props.EventSelectors)).toBe(true);
  });

  it("AWS::Logs::LogGroup in CloudFormation style or API style", () => {
    for (const c of [{ LogGroupName: "/app", RetentionInDays: 365, KmsKeyId: "arn:aws:kms:eu-west-1:240000000001:key/3" }, { logGroupName: "/app", retentionInDays: 365, kmsKeyId: "arn:aws:kms:eu-west-1:240000000001:key/3" }]) {
      const r = map(ci("AWS::Logs::LogGroup", "/app", c));
      expect(r.props).toMatchObject({ LogGroupName: "/app", RetentionInDays: 365, KmsKeyId: "arn:aws:kms:eu-west-1:240000000001:key/3" });
    }
  });

  it("AWS::SecretsManager::Secret and AWS::ElastiCache::ReplicationGroup", () => {
    const s = map(ci("AWS::SecretsManager::Secret", "arn:aws:secretsmanager:eu-west-1:240000000001:secret:db-AbCdEf", { name: "db", kmsKeyId: "arn:aws:kms:eu-west-1:240000000001:key/4", rotationEnabled: true, rotationRules: { automaticallyAfterDays: 30 } }, { ARN: "arn:aws:secretsmanager:eu-west-1:240000000001:secret:db-AbCdEf" }));
    expect(s.props).toMatchObject({ Name: "db", RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 } });
    expect(isUnknown(s.props.ResourcePolicy)).toBe(true);
    const g = map(ci("AWS::ElastiCache::ReplicationGroup", "sessions", { replicationGroupId: "sessions", atRestEncryptionEnabled: true, transitEncryptionEnabled: false, automaticFailover: "enabled", memberClusters: ["sessions-001", "sessions-002"] }));
    expect(g.props).toMatchObject({ AtRestEncryptionEnabled: true, TransitEncryptionEnabled: false, AutomaticFailoverEnabled: true });
    expect(isUnknown(g.props.EngineVersion)).toBe(true);
  });

  it("AWS::CloudFront::Distribution: the distribution config (Java-style acronyms) in CloudFormation's shape", () => {
    const r = map(
      ci("AWS::CloudFront::Distribution", "E2EXAMPLE", {
        id: "E2EXAMPLE",
        arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E2EXAMPLE`,
        domainName: "d111111abcdef8.cloudfront.net",
        distributionConfig: {
          enabled: true,
          comment: "support ui",
          webACLId: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/support/1234`,
          defaultRootObject: "index.html",
          logging: { enabled: false, includeCookies: false, bucket: "", prefix: "" },
          aliases: { quantity: 1, items: ["support.example.com"] },
          origins: { quantity: 1, items: [{ id: "s3", domainName: "ui.s3.amazonaws.com", originAccessControlId: "OAC1", s3OriginConfig: { originAccessIdentity: "" } }] },
          defaultCacheBehavior: { targetOriginId: "s3", viewerProtocolPolicy: "redirect-to-https" },
          viewerCertificate: { aCMCertificateArn: "arn:aws:acm:us-east-1:240000000001:certificate/1", sSLSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021", cloudFrontDefaultCertificate: false },
        },
      }, { awsRegion: "global" }),
    );
    expect(r).toMatchObject({ id: "E2EXAMPLE", arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E2EXAMPLE` });
    expect(r.props.DistributionConfig).toMatchObject({
      Enabled: true,
      WebACLId: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/support/1234`,
      DefaultRootObject: "index.html",
      Aliases: ["support.example.com"],
      DefaultCacheBehavior: { TargetOriginId: "s3", ViewerProtocolPolicy: "redirect-to-https" },
      ViewerCertificate: { AcmCertificateArn: "arn:aws:acm:us-east-1:240000000001:certificate/1", SslSupportMethod: "sni-only", MinimumProtocolVersion: "TLSv1.2_2021" },
    });
    expect((r.props.DistributionConfig as any).Logging).toBeUndefined(); // disabled logging is "no logging"
  });

  it("AWS::WAFv2::WebACL: rules and statements pass through; scope from the ARN", () => {
    const r = map(
      ci("AWS::WAFv2::WebACL", "1234", {
        name: "support",
        id: "1234",
        arn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/support/1234`,
        defaultAction: { allow: {} },
        rules: [{ name: "rate", priority: 0, action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } }, visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: "rate" } }],
        visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: "support" },
      }, { awsRegion: "global" }),
    );
    expect(r).toMatchObject({ id: "1234", name: "support" });
    expect(JSON.stringify(r.props)).toContain('"RateBasedStatement":{"Limit":2000,"AggregateKeyType":"IP"}');
  });

  it("AWS::EC2::Volume and AWS::ElasticLoadBalancingV2::LoadBalancer (attributes from supplementaryConfiguration)", () => {
    const v = map(ci("AWS::EC2::Volume", "vol-0abc", { volumeId: "vol-0abc", encrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:240000000001:key/5", size: 20, volumeType: "gp3", availabilityZone: "eu-west-1a" }));
    expect(v.props).toMatchObject({ VolumeId: "vol-0abc", Encrypted: true, Size: 20, VolumeType: "gp3" });
    const arn = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
    const lb = map(
      ci("AWS::ElasticLoadBalancingV2::LoadBalancer", arn, { loadBalancerArn: arn, loadBalancerName: "web", type: "application", scheme: "internet-facing", securityGroups: ["sg-1"] }, {
        supplementaryConfiguration: { LoadBalancerAttributes: [{ key: "deletion_protection.enabled", value: "true" }, { key: "routing.http.drop_invalid_header_fields.enabled", value: "false" }] },
      }),
    );
    expect(lb).toMatchObject({ id: arn, name: "web" });
    expect(lb.props.LoadBalancerAttributes).toEqual([
      { Key: "deletion_protection.enabled", Value: "true" },
      { Key: "routing.http.drop_invalid_header_fields.enabled", Value: "false" },
    ]);
    const noAttrs = map(ci("AWS::ElasticLoadBalancingV2::LoadBalancer", arn, { loadBalancerArn: arn, loadBalancerName: "web" }));
    expect(isUnknown(noAttrs.props.LoadBalancerAttributes)).toBe(true);
  });

  it("a type without an adapter is unknown, with the reason", () => {
    expect(itemToResource(ci("AWS::Lambda::Function", "f", {}), "x")).toEqual({ unknown: "plumbline cannot read AWS::Lambda::Function configuration items (no adapter for this type)" });
  });
});
