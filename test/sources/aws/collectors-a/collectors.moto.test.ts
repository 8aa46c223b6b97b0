/**
 * The collectors-A collectors against moto: resources provisioned with the SDK in account 210000000001,
 * collected live, and checked prop by prop against what was provisioned. Wire protocol end to end.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CreateDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import type { AwsCredentialIdentity } from "@smithy/types";
import { withIpEndpoint } from "../../../../src/sources/aws/collectors/account.js";
import { ACCOUNT_TYPE, type Resource } from "../../../../src/model/resource.js";
import { validateProps } from "../../../../src/model/types/index.js";
import { isUnknown } from "../../../../src/model/values.js";
import { COLLECTORS_A, accountCredentials, runCollectors, setupConfig } from "./support.js";

const ACCOUNT = "210000000001";
const REGION = "us-east-1";
const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const admin = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const tlsOnly = (bucket: string) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ],
});

let creds: AwsCredentialIdentity;
let resources: Resource[];
let gaps: { type: string; reason: string }[];
let keyArn: string;
let accessKeyId: string;

const find = (type: string, name: string) => {
  const r = resources.find((x) => x.type === type && (x.name === name || x.id === name));
  if (!r) throw new Error(`no ${type} ${name} in ${resources.map((x) => `${x.type}/${x.name ?? x.id}`).join(", ")}`);
  return r;
};

beforeAll(async () => {
  creds = await accountCredentials(ACCOUNT);
  const cfg = setupConfig(creds, REGION);
  const iam = new IAMClient(cfg);
  const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: "ca-boundary", PolicyDocument: JSON.stringify(admin) }));
  const pol = await iam.send(new CreatePolicyCommand({ PolicyName: "ca-admin", PolicyDocument: JSON.stringify(admin), Description: "too wide" }));
  await iam.send(new TagPolicyCommand({ PolicyArn: pol.Policy!.Arn, Tags: [{ Key: "Owner", Value: "sec" }] }));
  await iam.send(
    new CreateRoleCommand({
      RoleName: "ca-app",
      AssumeRolePolicyDocument: JSON.stringify(trust),
      Description: "app role",
      MaxSessionDuration: 7200,
      PermissionsBoundary: boundary.Policy!.Arn,
      Tags: [{ Key: "Environment", Value: "dev" }],
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: "ca-app", PolicyArn: pol.Policy!.Arn }));
  await iam.send(new PutRolePolicyCommand({ RoleName: "ca-app", PolicyName: "inline-admin", PolicyDocument: JSON.stringify(admin) }));
  await iam.send(new CreateUserCommand({ UserName: "ca-user", Tags: [{ Key: "Owner", Value: "ops" }] }));
  await iam.send(new PutUserPolicyCommand({ UserName: "ca-user", PolicyName: "u-inline", PolicyDocument: JSON.stringify(admin) }));
  accessKeyId = (await iam.send(new CreateAccessKeyCommand({ UserName: "ca-user" }))).AccessKey!.AccessKeyId!;
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true }));

  const kms = new KMSClient(cfg);
  const key = await kms.send(new CreateKeyCommand({ Description: "ca key", Tags: [{ TagKey: "Project", TagValue: "x" }] }));
  keyArn = key.KeyMetadata!.Arn!;
  await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata!.KeyId }));
  await kms.send(new CreateAliasCommand({ AliasName: "alias/ca-app", TargetKeyId: key.KeyMetadata!.KeyId }));

  const s3 = new S3Client(cfg);
  const good = `ca-good-${ACCOUNT}`;
  const plain = `ca-plain-${ACCOUNT}`;
  const logsBucket = `ca-logs-${ACCOUNT}`;
  for (const b of [good, plain, logsBucket]) await s3.send(new CreateBucketCommand({ Bucket: b }));
  const logDelivery = { Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${logsBucket}/*` };
  await s3.send(new PutBucketPolicyCommand({ Bucket: logsBucket, Policy: JSON.stringify({ Version: "2012-10-17", Statement: [logDelivery] }) }));
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: good,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] },
    }),
  );
  await s3.send(new PutBucketVersioningCommand({ Bucket: good, VersioningConfiguration: { Status: "Enabled" } }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: good,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    }),
  );
  await s3.send(new PutBucketPolicyCommand({ Bucket: good, Policy: JSON.stringify(tlsOnly(good)) }));
  await s3.send(new PutBucketLoggingCommand({ Bucket: good, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: logsBucket, TargetPrefix: "logs/" } } }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: good, Tagging: { TagSet: [{ Key: "Environment", Value: "dev" }] } }));

  const sm = new SecretsManagerClient(cfg);
  await sm.send(new CreateSecretCommand({ Name: "ca/db", SecretString: "hunter2-never-read", KmsKeyId: keyArn, Tags: [{ Key: "Owner", Value: "db" }] }));
  await sm.send(new CreateSecretCommand({ Name: "ca/plain", SecretString: "also-never-read" }));

  const ssm = new SSMClient(cfg);
  await ssm.send(new PutParameterCommand({ Name: "/ca/db_password", Type: "SecureString", Value: "s3cr3t-value", KeyId: keyArn, Tags: [{ Key: "Owner", Value: "db" }] }));
  await ssm.send(new PutParameterCommand({ Name: "ca-plain", Type: "String", Value: "visible-but-not-read" }));

  const logs = new CloudWatchLogsClient(cfg);
  await logs.send(new CreateLogGroupCommand({ logGroupName: "/ca/app", kmsKeyId: keyArn, tags: { Project: "x" } }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/ca/app", retentionInDays: 30 }));

  const ct = new CloudTrailClient(cfg);
  await ct.send(new CreateTrailCommand({ Name: "ca-trail", S3BucketName: plain, IsMultiRegionTrail: true, EnableLogFileValidation: true, KmsKeyId: keyArn }));
  await ct.send(new StartLoggingCommand({ Name: "ca-trail" }));

  const gd = new GuardDutyClient(cfg);
  await gd.send(new CreateDetectorCommand({ Enable: true, Tags: { Environment: "dev" } }));

  const cs = new ConfigServiceClient(cfg);
  await cs.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: { name: "default", roleARN: `arn:aws:iam::${ACCOUNT}:role/config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } },
    }),
  );
  await cs.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: "default", s3BucketName: plain } }));
  await cs.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: "default" }));
  const s3control = withIpEndpoint(new S3ControlClient(cfg));
  await s3control.send(
    new PutAccountPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true } }),
  );
  for (const c of [iam, kms, s3, sm, ssm, logs, ct, gd, cs, s3control]) c.destroy();

  const run = await runCollectors(COLLECTORS_A, ACCOUNT, [REGION], creds);
  resources = run.resources;
  gaps = run.gaps;
}, 60_000);

describe("collectors-A against moto", () => {
  it("lists every type without gaps, and every record validates against its type's schema", () => {
    expect(gaps).toEqual([]);
    for (const r of resources) {
      expect(validateProps(r.type, r.props), `${r.type} ${r.id}`).toEqual({ valid: true, errors: [] });
      expect(r.origin).toEqual({ source: "aws", location: `aws://${ACCOUNT}` });
      expect(r.account).toBe(ACCOUNT);
    }
  });

  it("maps an IAM role from GAAD + ListRoles: trust, inline, attached, boundary, tags", () => {
    const role = find("AWS::IAM::Role", "ca-app");
    expect(role.id).toMatch(/^AROA/);
    expect(role.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/ca-app`);
    expect(role.region).toBeUndefined();
    expect(role.tags).toEqual({ Environment: "dev" });
    expect(role.props).toMatchObject({
      RoleName: "ca-app",
      Path: "/",
      Description: "app role",
      MaxSessionDuration: 7200,
      PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/ca-boundary`,
      AttachedManagedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/ca-admin`],
      AssumeRolePolicyDocument: { Statement: [{ Effect: "Allow", Principal: { Service: ["ecs-tasks.amazonaws.com"] }, Action: ["sts:AssumeRole"] }] },
      Policies: [{ PolicyName: "inline-admin", PolicyDocument: { Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] } }],
    });
  });

  it("maps a customer managed policy with its name, id, document and tags (moto's GAAD lacks name and id)", () => {
    const pol = find("AWS::IAM::Policy", "ca-admin");
    // moto's ids do not follow AWS's ANPA/AIDA prefixes; the id is the PolicyId all the same.
    expect(pol.id).toBe(pol.props.PolicyId);
    expect(pol.id).not.toBe(pol.arn);
    expect(pol.tags).toEqual({ Owner: "sec" });
    expect(pol.props).toMatchObject({ PolicyName: "ca-admin", Description: "too wide", PolicyDocument: { Statement: [{ Effect: "Allow", Action: ["*"] }] } });
  });

  it("maps an IAM user with inline policies and tags", () => {
    const u = find("AWS::IAM::User", "ca-user");
    expect(u.id).toBe(u.props.UserId);
    expect(u.tags).toEqual({ Owner: "ops" });
    expect(u.props).toMatchObject({ UserName: "ca-user", AttachedManagedPolicyArns: [], Policies: [{ PolicyName: "u-inline" }] });
    expect(u.props.AccessKeys).toEqual([{ AccessKeyId: accessKeyId, Status: "Active", CreateDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) }]);
    expect(JSON.stringify(u)).not.toMatch(/SecretAccessKey/);
  });

  it("maps the account settings: root summary, password policy, account-level Block Public Access", () => {
    expect(find(ACCOUNT_TYPE, ACCOUNT).props).toEqual({ AccountAccessKeysPresent: 0, AccountMFAEnabled: 0 });
    const pp = find("AWS::IAM::AccountPasswordPolicy", ACCOUNT);
    expect(pp.props).toMatchObject({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: false });
    expect(pp.region).toBeUndefined();
    // s3control through an IP endpoint (withIpEndpoint); flags left out of the Put read as off.
    expect(find("AWS::S3::AccountPublicAccessBlock", ACCOUNT).props).toEqual({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: false, RestrictPublicBuckets: false },
    });
  });

  it("maps a configured bucket from its Get* calls", () => {
    const b = find("AWS::S3::Bucket", `ca-good-${ACCOUNT}`);
    expect(b.arn).toBe(`arn:aws:s3:::ca-good-${ACCOUNT}`);
    expect(b.region).toBe("us-east-1");
    expect(b.tags).toEqual({ Environment: "dev" });
    expect(b.props).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] },
      VersioningConfiguration: { Status: "Enabled" },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: `ca-logs-${ACCOUNT}`, LogFilePrefix: "logs/" },
      Policy: { Statement: [{ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": ["false"] } } }] },
    });
    expect(b.props.DefaultedProps).toBeUndefined();
  });

  it("reads 'not configured' answers as not set, and encryption as AWS's SSE-S3 default", () => {
    const b = find("AWS::S3::Bucket", `ca-plain-${ACCOUNT}`);
    expect(b.props.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] });
    expect(b.props.DefaultedProps).toEqual(["BucketEncryption"]);
    expect(b.props.VersioningConfiguration).toEqual({ Status: "Suspended", MfaDelete: "Disabled" });
    for (const p of ["PublicAccessBlockConfiguration", "Policy", "LoggingConfiguration", "ReplicationConfiguration", "OwnershipControls"]) expect(b.props[p], p).toBeUndefined();
    expect(b.tags).toEqual({});
    expect(b.props.AclGrants).toEqual([expect.objectContaining({ Permission: "FULL_CONTROL", Grantee: expect.objectContaining({ Type: "CanonicalUser" }) })]);
  });

  it("maps the customer managed KMS key and leaves AWS managed keys out", () => {
    const keys = resources.filter((r) => r.type === "AWS::KMS::Key");
    expect(keys).toHaveLength(1);
    expect(keys[0].arn).toBe(keyArn);
    expect(keys[0].tags).toEqual({ Project: "x" });
    expect(keys[0].props).toMatchObject({ Description: "ca key", Enabled: true, EnableKeyRotation: true, KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT", Aliases: ["alias/ca-app"] });
    expect(keys[0].props.KeyPolicy).toMatchObject({ Statement: expect.any(Array) });
  });

  it("maps secrets from ListSecrets and never reads a secret value", () => {
    const s = find("AWS::SecretsManager::Secret", "ca/db");
    expect(s.id).toBe(s.arn);
    expect(s.props).toMatchObject({ Name: "ca/db", KmsKeyId: keyArn, RotationEnabled: false });
    expect(s.tags).toEqual({ Owner: "db" });
    expect(find("AWS::SecretsManager::Secret", "ca/plain").props.KmsKeyId).toBeUndefined();
    expect(JSON.stringify(resources)).not.toMatch(/hunter2|never-read|s3cr3t|visible-but-not-read/);
  });

  it("maps SSM parameters from DescribeParameters with tags and an ARN", () => {
    const p = find("AWS::SSM::Parameter", "/ca/db_password");
    expect(p.arn).toBe(`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/ca/db_password`);
    expect(p.props).toMatchObject({ Name: "/ca/db_password", Type: "SecureString", KeyId: keyArn });
    expect(p.tags).toEqual({ Owner: "db" });
    expect(find("AWS::SSM::Parameter", "ca-plain").arn).toBe(`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/ca-plain`);
  });

  it("maps a log group with retention, KMS key and tags; the ARN without :*", () => {
    const g = find("AWS::Logs::LogGroup", "/ca/app");
    expect(g.arn).toBe(`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ca/app`);
    expect(g.props).toMatchObject({ LogGroupName: "/ca/app", RetentionInDays: 30, KmsKeyId: keyArn });
    expect(g.tags).toEqual({ Project: "x" });
  });

  it("maps a trail with its status and selectors", () => {
    const t = find("AWS::CloudTrail::Trail", "ca-trail");
    expect(t.props).toMatchObject({ TrailName: "ca-trail", IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true, KMSKeyId: keyArn });
    expect(isUnknown(t.props.EventSelectors)).toBe(false);
  });

  it("maps the GuardDuty detector and the Config recorder and channel", () => {
    const d = resources.find((r) => r.type === "AWS::GuardDuty::Detector")!;
    expect(d.props).toMatchObject({ Enable: true, Status: "ENABLED" });
    expect(d.tags).toEqual({ Environment: "dev" });
    expect(find("AWS::Config::ConfigurationRecorder", "default").props).toMatchObject({
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
      Recording: true,
    });
    expect(find("AWS::Config::DeliveryChannel", "default").props).toMatchObject({ S3BucketName: `ca-plain-${ACCOUNT}` });
  });
});
