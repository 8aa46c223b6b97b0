/**
 * The collectors-A mappers as pure functions: recorded SDK v3 shapes (as AWS documents and returns them)
 * in, canonical Resources out. Every mapped record validates against its type's schema.
 */
import { describe, expect, it } from "vitest";
import { MAPPERS } from "../../../../src/sources/aws/mappers/index.js";
import { IAM_POLICY_MAPPER, IAM_ROLE_MAPPER, IAM_USER_MAPPER } from "../../../../src/sources/aws/mappers/iam.js";
import { S3_BUCKET_MAPPER, bucketRegion } from "../../../../src/sources/aws/mappers/s3-bucket.js";
import { KMS_KEY_MAPPER, isAwsManagedKey } from "../../../../src/sources/aws/mappers/kms-key.js";
import { SECRETSMANAGER_SECRET_MAPPER } from "../../../../src/sources/aws/mappers/secretsmanager-secret.js";
import { SSM_PARAMETER_MAPPER, parameterArn } from "../../../../src/sources/aws/mappers/ssm-parameter.js";
import { LOGS_LOG_GROUP_MAPPER } from "../../../../src/sources/aws/mappers/logs-log-group.js";
import { CLOUDTRAIL_TRAIL_MAPPER } from "../../../../src/sources/aws/mappers/cloudtrail-trail.js";
import { GUARDDUTY_DETECTOR_MAPPER } from "../../../../src/sources/aws/mappers/guardduty-detector.js";
import { CONFIG_DELIVERY_CHANNEL_MAPPER, CONFIG_RECORDER_MAPPER } from "../../../../src/sources/aws/mappers/config.js";
import { ACCOUNT_MAPPER, ACCOUNT_PASSWORD_POLICY_MAPPER } from "../../../../src/sources/aws/mappers/account.js";
import { failed, policyFromText } from "../../../../src/sources/aws/mappers/common.js";
import { validateProps } from "../../../../src/model/types/index.js";
import { isUnknown, Unknown } from "../../../../src/model/values.js";
import type { Resource } from "../../../../src/model/resource.js";

const scope = { account: "111122223333", region: "eu-west-1", partition: "aws" };
const denied = (action: string) => failed({ code: "AccessDenied", reason: `${action} was denied (AccessDenied)`, action });
const valid = (r: Resource) => expect(validateProps(r.type, r.props), `${r.type} ${r.id}`).toEqual({ valid: true, errors: [] });

// IAM documents as GAAD returns them (IAM API reference, GetAccountAuthorizationDetails example): URL-encoded.
const encoded = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }));

describe("IAM mappers (GetAccountAuthorizationDetails items)", () => {
  const roleDetail = {
    Path: "/service/",
    RoleName: "app",
    RoleId: "AROADBQP57FF2AEXAMPLE",
    Arn: "arn:aws:iam::111122223333:role/service/app",
    CreateDate: new Date("2024-01-01T00:00:00Z"),
    AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] })),
    RolePolicyList: [{ PolicyName: "read", PolicyDocument: encoded }],
    AttachedManagedPolicies: [{ PolicyName: "ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
    PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy" as const, PermissionsBoundaryArn: "arn:aws:iam::111122223333:policy/boundary" },
    Tags: [{ Key: "Environment", Value: "prod" }],
  };

  it("maps a role, URL-decoding its documents, with ListRoles' description and session length", () => {
    const r = IAM_ROLE_MAPPER.map({ ...roleDetail, Description: "", MaxSessionDuration: 3600 }, scope);
    expect(r).toMatchObject({ type: "AWS::IAM::Role", id: "AROADBQP57FF2AEXAMPLE", arn: roleDetail.Arn, name: "app", account: scope.account, tags: { Environment: "prod" } });
    expect(r.region).toBeUndefined();
    expect(r.props).toEqual({
      RoleName: "app",
      RoleId: "AROADBQP57FF2AEXAMPLE",
      Path: "/service/",
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: ["sts:AssumeRole"] }] },
      PermissionsBoundary: "arn:aws:iam::111122223333:policy/boundary",
      AttachedManagedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      Policies: [{ PolicyName: "read", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }] } }],
    });
    valid(r);
  });

  it("leaves Description and MaxSessionDuration unknown when ListRoles failed", () => {
    const r = IAM_ROLE_MAPPER.map({ ...roleDetail, Description: denied("iam:ListRoles"), MaxSessionDuration: denied("iam:ListRoles") }, scope);
    expect(isUnknown(r.props.MaxSessionDuration)).toBe(true);
    expect((r.props.Description as Unknown).expression).toBe("iam:ListRoles");
    valid(r);
  });

  it("maps a user with its access keys (to the second), never a secret", () => {
    const u = IAM_USER_MAPPER.map(
      {
        UserName: "ci",
        UserId: "AIDACKCEVSQ6C2EXAMPLE",
        Arn: "arn:aws:iam::111122223333:user/ci",
        Path: "/",
        UserPolicyList: [{ PolicyName: "deploy", PolicyDocument: encoded }],
        AccessKeyMetadata: [{ UserName: "ci", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active", CreateDate: new Date("2025-03-01T10:00:00.123Z") }],
      },
      scope,
    );
    expect(u.props.AccessKeys).toEqual([{ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Active", CreateDate: "2025-03-01T10:00:00Z" }]);
    expect(u.props.AttachedManagedPolicyArns).toEqual([]);
    valid(u);
  });

  it("takes a policy's document from its default version, and its name from the ARN when GAAD lacks it", () => {
    const p = IAM_POLICY_MAPPER.map(
      {
        Arn: "arn:aws:iam::111122223333:policy/team/deploy",
        Path: "/team/",
        DefaultVersionId: "v2",
        PolicyVersionList: [
          { VersionId: "v1", IsDefaultVersion: false, Document: encodeURIComponent(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })) },
          { VersionId: "v2", IsDefaultVersion: true, Document: encoded },
        ],
        Tags: [],
      },
      scope,
    );
    expect(p.name).toBe("deploy");
    expect(p.id).toBe("arn:aws:iam::111122223333:policy/team/deploy");
    expect(p.props.PolicyDocument).toMatchObject({ Statement: [{ Action: ["s3:GetObject"] }] });
    valid(p);
    const missing = IAM_POLICY_MAPPER.map({ Arn: "arn:aws:iam::111122223333:policy/x", PolicyId: "ANPA1", PolicyVersionList: [] }, scope);
    expect(isUnknown(missing.props.PolicyDocument)).toBe(true);
  });

  it("reads plain and URL-encoded policy text alike; an undecodable text is unknown", () => {
    expect(policyFromText(encoded)).toEqual(policyFromText(decodeURIComponent(encoded)));
    expect(isUnknown(policyFromText("%E0%A4%A"))).toBe(true);
    expect(policyFromText(undefined)).toBeUndefined();
  });
});

describe("S3 bucket mapper", () => {
  it("turns LocationConstraint into a region (null is us-east-1, EU is eu-west-1)", () => {
    expect(bucketRegion(undefined)).toBe("us-east-1");
    expect(bucketRegion("")).toBe("us-east-1");
    expect(bucketRegion("EU")).toBe("eu-west-1");
    expect(bucketRegion("ap-south-1")).toBe("ap-south-1");
  });

  it("maps every Get* answer, and 'not configured' as not set", () => {
    const b = S3_BUCKET_MAPPER.map(
      {
        Name: "logs",
        LocationConstraint: "EU",
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/app" }, BucketKeyEnabled: true }] },
        Versioning: {},
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true },
        Policy: undefined,
        Grants: [{ Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" }],
        LoggingEnabled: { TargetBucket: "audit", TargetPrefix: "" },
        TagSet: [{ Key: "Owner", Value: "ops" }],
        ReplicationConfiguration: {
          Role: "arn:aws:iam::111122223333:role/repl",
          Rules: [{ ID: "all", Status: "Enabled", Priority: 1, Filter: { Prefix: "x/" }, Destination: { Bucket: "arn:aws:s3:::dr" }, DeleteMarkerReplication: { Status: "Disabled" } }],
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      },
      scope,
    );
    expect(b).toMatchObject({ id: "logs", arn: "arn:aws:s3:::logs", region: "eu-west-1", tags: { Owner: "ops" } });
    expect(b.props).toEqual({
      BucketName: "logs",
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/app" }, BucketKeyEnabled: true }] },
      VersioningConfiguration: { Status: "Suspended", MfaDelete: "Disabled" },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: false, IgnorePublicAcls: true, RestrictPublicBuckets: false },
      LoggingConfiguration: { DestinationBucketName: "audit" },
      ReplicationConfiguration: {
        Role: "arn:aws:iam::111122223333:role/repl",
        Rules: [{ Id: "all", Status: "Enabled", Priority: 1, Prefix: "x/", Destination: { Bucket: "arn:aws:s3:::dr" }, DeleteMarkerReplication: { Status: "Disabled" } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      AclGrants: [{ Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" }],
    });
    valid(b);
  });

  it("keeps unreadable parts unknown: no default encryption, tags unknown", () => {
    const b = S3_BUCKET_MAPPER.map(
      { Name: "x", LocationConstraint: denied("s3:GetBucketLocation"), ServerSideEncryptionConfiguration: denied("s3:GetEncryptionConfiguration"), TagSet: denied("s3:GetBucketTagging") },
      scope,
    );
    expect(isUnknown(b.props.BucketEncryption)).toBe(true);
    expect(b.props.DefaultedProps).toBeUndefined();
    expect(b.region).toBeUndefined();
    expect(b.props.TagsUnknown).toEqual(["*"]);
    valid(b);
  });
});

describe("KMS key mapper", () => {
  const meta = { KeyId: "k-1", Arn: "arn:aws:kms:eu-west-1:111122223333:key/k-1", KeyManager: "CUSTOMER" as const, Enabled: true, Description: "", MultiRegion: false };

  it("recognises AWS managed keys by KeyManager, or by an alias/aws/ alias (moto reports them as CUSTOMER)", () => {
    expect(isAwsManagedKey({ ...meta, KeyManager: "AWS" }, [])).toBe(true);
    expect(isAwsManagedKey(meta, ["alias/aws/s3"])).toBe(true);
    expect(isAwsManagedKey(meta, ["alias/app"])).toBe(false);
  });

  it("maps rotation, policy, aliases and tags; KeySpec / KeyUsage defaults are marked", () => {
    const k = KMS_KEY_MAPPER.map(
      {
        KeyMetadata: meta,
        KeyRotationEnabled: true,
        RotationPeriodInDays: 365,
        Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }] }),
        Aliases: ["alias/app"],
        Tags: [{ TagKey: "Owner", TagValue: "sec" }],
      },
      scope,
    );
    expect(k).toMatchObject({ id: "k-1", region: "eu-west-1", tags: { Owner: "sec" } });
    expect(k.props).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: 365, KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT", Aliases: ["alias/app"], MultiRegion: false });
    expect(k.props.DefaultedProps).toEqual(["KeySpec", "KeyUsage"]);
    expect(k.props.Description).toBeUndefined();
    valid(k);
  });
});

describe("Secrets Manager, SSM, Logs mappers", () => {
  it("maps a ListSecrets entry: absent rotation is off, absent key is the AWS managed key", () => {
    const s = SECRETSMANAGER_SECRET_MAPPER.map(
      { ARN: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf", Name: "db", Tags: [{ Key: "Owner", Value: "db" }], ResourcePolicy: undefined },
      scope,
    );
    expect(s.id).toBe(s.arn);
    expect(s.props).toEqual({ Name: "db", RotationEnabled: false });
    const r = SECRETSMANAGER_SECRET_MAPPER.map(
      { ARN: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x", Name: "x", RotationEnabled: true, RotationLambdaARN: "arn:aws:lambda:eu-west-1:111122223333:function:rot", RotationRules: { AutomaticallyAfterDays: 30 } },
      scope,
    );
    expect(r.props).toMatchObject({ RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 } });
    valid(s);
    valid(r);
  });

  it("builds an SSM parameter ARN the way AWS does for plain and path names", () => {
    expect(parameterArn("db", scope)).toBe("arn:aws:ssm:eu-west-1:111122223333:parameter/db");
    expect(parameterArn("/app/db", scope)).toBe("arn:aws:ssm:eu-west-1:111122223333:parameter/app/db");
    const p = SSM_PARAMETER_MAPPER.map({ Name: "/app/db", Type: "SecureString", KeyId: "alias/aws/ssm", Tier: "Standard", DataType: "text", TagList: [] }, scope);
    expect(p.props).toEqual({ Name: "/app/db", Type: "SecureString", KeyId: "alias/aws/ssm", Tier: "Standard", DataType: "text" });
    valid(p);
  });

  it("maps a log group: ARN without :*, no retention is never expire", () => {
    const g = LOGS_LOG_GROUP_MAPPER.map({ logGroupName: "/app", arn: "arn:aws:logs:eu-west-1:111122223333:log-group:/app:*", retentionInDays: undefined, tags: { a: "b" } }, scope);
    expect(g.arn).toBe("arn:aws:logs:eu-west-1:111122223333:log-group:/app");
    expect(g.props).toEqual({ LogGroupName: "/app", LogGroupClass: "STANDARD", DefaultedProps: ["LogGroupClass"] });
    valid(g);
  });
});

describe("CloudTrail, GuardDuty, Config and account mappers", () => {
  it("maps a trail with status and selectors; an unreadable status stays unknown", () => {
    const t = CLOUDTRAIL_TRAIL_MAPPER.map(
      {
        Name: "org",
        TrailARN: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org",
        HomeRegion: "eu-west-1",
        IsMultiRegionTrail: true,
        LogFileValidationEnabled: true,
        S3BucketName: "trail",
        IsLogging: denied("cloudtrail:GetTrailStatus"),
        EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
        AdvancedEventSelectors: [],
      },
      scope,
    );
    expect(isUnknown(t.props.IsLogging)).toBe(true);
    expect(t.props).toMatchObject({ TrailName: "org", IsMultiRegionTrail: true, EnableLogFileValidation: true, EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }] });
    expect(t.props.AdvancedEventSelectors).toBeUndefined();
    valid(t);
  });

  it("maps a detector; legacy DataSources become feature names when Features is empty", () => {
    const d = GUARDDUTY_DETECTOR_MAPPER.map(
      { DetectorId: "abc", Status: "ENABLED", FindingPublishingFrequency: "SIX_HOURS", Features: [], DataSources: { S3Logs: { Status: "ENABLED" }, Kubernetes: { AuditLogs: { Status: "DISABLED" } } } as never },
      scope,
    );
    expect(d.arn).toBe("arn:aws:guardduty:eu-west-1:111122223333:detector/abc");
    expect(d.props).toEqual({
      DetectorId: "abc",
      Enable: true,
      Status: "ENABLED",
      FindingPublishingFrequency: "SIX_HOURS",
      Features: [{ Name: "S3_DATA_EVENTS", Status: "ENABLED" }, { Name: "EKS_AUDIT_LOGS", Status: "DISABLED" }],
    });
    const unread = GUARDDUTY_DETECTOR_MAPPER.map({ DetectorId: "abc", Status: denied("guardduty:GetDetector") }, scope);
    expect(isUnknown(unread.props.Enable)).toBe(true);
    valid(d);
  });

  it("maps a recorder with its status: no status is not recording, an unreadable one unknown", () => {
    const rec = { name: "default", roleARN: "arn:aws:iam::111122223333:role/config", recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [] } };
    expect(CONFIG_RECORDER_MAPPER.map({ ...rec, status: { name: "default", recording: true } }, scope).props).toEqual({
      Name: "default",
      RoleARN: rec.roleARN,
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
      Recording: true,
    });
    expect(CONFIG_RECORDER_MAPPER.map({ ...rec, status: undefined }, scope).props.Recording).toBe(false);
    expect(isUnknown(CONFIG_RECORDER_MAPPER.map({ ...rec, status: denied("config:DescribeConfigurationRecorderStatus") }, scope).props.Recording)).toBe(true);
    const ch = CONFIG_DELIVERY_CHANNEL_MAPPER.map({ name: "default", s3BucketName: "cfg", configSnapshotDeliveryProperties: { deliveryFrequency: "One_Hour" } }, scope);
    expect(ch.props).toEqual({ Name: "default", S3BucketName: "cfg", ConfigSnapshotDeliveryProperties: { DeliveryFrequency: "One_Hour" } });
    valid(ch);
  });

  it("maps the account summary and password policy", () => {
    const a = ACCOUNT_MAPPER.map({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 4 } }, scope);
    expect(a).toMatchObject({ type: "AWS::::Account", id: scope.account, props: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } });
    valid(a);
    const unread = ACCOUNT_MAPPER.map({ SummaryMap: denied("iam:GetAccountSummary") }, scope);
    expect(isUnknown(unread.props.AccountMFAEnabled)).toBe(true);
    const pp = ACCOUNT_PASSWORD_POLICY_MAPPER.map({ MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 0, PasswordReusePrevention: 24, ExpirePasswords: false }, scope);
    expect(pp.props).toEqual({ MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24 });
    valid(pp);
  });

  it("registers one mapper per type", () => {
    for (const t of [
      "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Policy", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::SecretsManager::Secret",
      "AWS::SSM::Parameter", "AWS::Logs::LogGroup", "AWS::CloudTrail::Trail", "AWS::GuardDuty::Detector",
      "AWS::Config::ConfigurationRecorder", "AWS::Config::DeliveryChannel", "AWS::::Account", "AWS::IAM::AccountPasswordPolicy",
      "AWS::S3::AccountPublicAccessBlock",
    ]) expect(MAPPERS[t]?.type, t).toBe(t);
  });
});
