import { describe, expect, it } from "vitest";
import { REDACTED, Ref, Unknown, isUnknown } from "../../../src/model/values.js";
import { TF_S3_BUCKET } from "../../../src/sources/terraform/aws/s3-bucket.js";
import { TfReader } from "../../../src/sources/terraform/aws/tf-reader.js";
import { inst, map, only } from "./helpers.js";

const ACCOUNT = "111122223333";

describe("aws_db_instance → AWS::RDS::DBInstance", () => {
  it("state: null means not set, the documented defaults fill in, Config id is the resource id", () => {
    const r = only(
      map(
        inst("aws_db_instance", "orders", {
          identifier: "orders-prod",
          id: "db-ABCDEFGHIJKLMNOP",
          resource_id: "db-ABCDEFGHIJKLMNOP",
          arn: `arn:aws:rds:eu-west-1:${ACCOUNT}:db:orders-prod`,
          engine: "postgres",
          engine_version: "16.3",
          instance_class: "db.t4g.medium",
          storage_encrypted: true,
          kms_key_id: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/abcd`,
          backup_retention_period: 7,
          deletion_protection: null,
          multi_az: false,
          publicly_accessible: false,
          password: REDACTED,
          enabled_cloudwatch_logs_exports: ["postgresql"],
          master_user_secret: [],
          vpc_security_group_ids: ["sg-0123"],
          allocated_storage: 20,
        }),
      ).resources,
      "AWS::RDS::DBInstance",
    );
    expect(r.id).toBe("db-ABCDEFGHIJKLMNOP");
    expect(r.name).toBe("orders-prod");
    expect(r.account).toBe(ACCOUNT);
    expect(r.region).toBe("eu-west-1");
    expect(r.props).toMatchObject({
      DBInstanceIdentifier: "orders-prod",
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      DeletionProtection: false,
      MultiAZ: false,
      PubliclyAccessible: false,
      EnableCloudwatchLogsExports: ["postgresql"],
      AllocatedStorage: 20,
    });
    expect(r.props.DefaultedProps).toContain("DeletionProtection");
    expect(JSON.stringify(r)).not.toContain("password");
  });

  it("HCL: absent attributes get defaults; an absent retention on a replica is Unknown, not 1", () => {
    const { resources } = map(
      inst("aws_db_instance", "main", { identifier: "main", instance_class: "db.t4g.micro", engine: "mysql" }, { source: "hcl" }),
      inst("aws_db_instance", "replica", { identifier: "replica", instance_class: "db.t4g.micro", replicate_source_db: new Ref("aws_db_instance.main", "identifier", "aws_db_instance.main.identifier") }, { source: "hcl" }),
    );
    const main = resources.find((r) => r.name === "main")!;
    expect(main.props).toMatchObject({ StorageEncrypted: false, MultiAZ: false, PubliclyAccessible: false, BackupRetentionPeriod: 1, DeletionProtection: false });
    expect(main.id).toContain("aws_db_instance.main"); // DbiResourceId is not knowable from HCL
    const replica = resources.find((r) => r.name === "replica")!;
    expect(isUnknown(replica.props.BackupRetentionPeriod)).toBe(true);
    expect((replica.props.BackupRetentionPeriod as Unknown).reason).toMatch(/inherited/);
  });

  it("plan: unknown computed values stay Unknown", () => {
    const u = new Unknown("known only after apply");
    const r = only(map(inst("aws_db_instance", "x", { identifier: "x", multi_az: u, kms_key_id: u }, { source: "tf-plan" })).resources, "AWS::RDS::DBInstance");
    expect(r.props.MultiAZ).toBe(u);
    expect(r.props.KmsKeyId).toBe(u);
  });
});

describe("aws_rds_cluster → AWS::RDS::DBCluster", () => {
  it("maps and defaults", () => {
    const r = only(
      map(inst("aws_rds_cluster", "aurora", { cluster_identifier: "aurora", engine: "aurora-postgresql", storage_encrypted: true, deletion_protection: true }, { source: "hcl" })).resources,
      "AWS::RDS::DBCluster",
    );
    expect(r.props).toMatchObject({ DBClusterIdentifier: "aurora", StorageEncrypted: true, DeletionProtection: true, BackupRetentionPeriod: 1 });
  });
});

describe("aws_elasticache_replication_group", () => {
  it("reads the string-typed at_rest_encryption_enabled and never copies the auth token", () => {
    const r = only(
      map(
        inst("aws_elasticache_replication_group", "redis", {
          replication_group_id: "mobilytics-redis",
          description: "queues",
          at_rest_encryption_enabled: "true",
          transit_encryption_enabled: true,
          auth_token: REDACTED,
          automatic_failover_enabled: true,
          multi_az_enabled: true,
          snapshot_retention_limit: 5,
        }),
      ).resources,
      "AWS::ElastiCache::ReplicationGroup",
    );
    expect(r.id).toBe("mobilytics-redis");
    expect(r.props).toMatchObject({ AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, AuthTokenEnabled: true, SnapshotRetentionLimit: 5 });
    expect(JSON.stringify(r.props)).not.toContain(REDACTED);
  });
});

describe("aws_kms_key + aws_kms_key_policy + aws_kms_alias", () => {
  it("merges policy and aliases, linking by Ref and by key id", () => {
    const key = inst("aws_kms_key", "app", { description: "app data" }, { source: "hcl" });
    const policy = inst(
      "aws_kms_key_policy",
      "app",
      { key_id: new Ref("aws_kms_key.app", "id", "aws_kms_key.app.id"), policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] }) },
      { source: "hcl" },
    );
    const alias = inst("aws_kms_alias", "app", { name: "alias/app", target_key_id: new Ref("aws_kms_key.app", "key_id", "aws_kms_key.app.key_id") }, { source: "hcl" });
    const r = only(map(alias, key, policy).resources, "AWS::KMS::Key");
    expect(r.props.EnableKeyRotation).toBe(false);
    expect(r.props.Aliases).toEqual(["alias/app"]);
    expect((r.props.KeyPolicy as { Statement: unknown[] }).Statement).toHaveLength(1);
    expect(r.props.DefaultedProps).toContain("EnableKeyRotation");
    expect(r.props.DefaultedProps).not.toContain("KeyPolicy");
  });

  it("an HCL key without any policy has an Unknown KeyPolicy, not a guessed one", () => {
    const r = only(map(inst("aws_kms_key", "k", { enable_key_rotation: true }, { source: "hcl" })).resources, "AWS::KMS::Key");
    expect((r.props.KeyPolicy as Unknown).reason).toMatch(/default key policy/);
    expect(r.props.EnableKeyRotation).toBe(true);
  });
});

describe("IAM roles, users and policies", () => {
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });

  it("state: merges attachments and inline policies without duplicating the role's computed mirrors", () => {
    const role = inst("aws_iam_role", "task", {
      name: "mobilytics-task",
      id: "mobilytics-task",
      arn: `arn:aws:iam::${ACCOUNT}:role/mobilytics-task`,
      unique_id: "AROAEXAMPLEROLEID",
      assume_role_policy: trust,
      managed_policy_arns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      inline_policy: [{ name: "s3", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }) }],
      permissions_boundary: null,
      max_session_duration: 3600,
      path: "/",
    });
    const attach = inst("aws_iam_role_policy_attachment", "ro", { role: "mobilytics-task", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    const attach2 = inst("aws_iam_policy_attachment", "shared", { name: "shared", roles: ["mobilytics-task"], users: [], groups: [], policy_arn: `arn:aws:iam::${ACCOUNT}:policy/shared` });
    const inline = inst("aws_iam_role_policy", "s3", { role: "mobilytics-task", name: "s3", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" }] }) });
    const { resources, notes } = map(attach, attach2, inline, role);
    const r = only(resources, "AWS::IAM::Role");
    expect(r.id).toBe("AROAEXAMPLEROLEID");
    expect(r.name).toBe("mobilytics-task");
    expect(r.props.AttachedManagedPolicyArns).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess", `arn:aws:iam::${ACCOUNT}:policy/shared`]);
    const policies = r.props.Policies as Array<{ PolicyName: string; PolicyDocument: { Statement: Array<{ Action: string[] }> } }>;
    expect(policies).toHaveLength(1);
    expect(policies[0].PolicyDocument.Statement[0].Action).toEqual(["s3:GetObject", "s3:PutObject"]);
    expect((r.props.AssumeRolePolicyDocument as { Statement: Array<{ Principal: unknown }> }).Statement[0].Principal).toEqual({ Service: ["ecs-tasks.amazonaws.com"] });
    expect(notes).toEqual([]);
  });

  it("HCL: inline_policy blocks, Ref-linked attachment, empty state placeholder ignored", () => {
    const role = inst(
      "aws_iam_role",
      "deploy",
      { name: "deploy", assume_role_policy: trust, permissions_boundary: `arn:aws:iam::${ACCOUNT}:policy/boundary`, inline_policy: [{ name: "", policy: "" }] },
      { source: "hcl" },
    );
    const attach = inst("aws_iam_role_policy_attachment", "admin", { role: new Ref("aws_iam_role.deploy", "name", "aws_iam_role.deploy.name"), policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" }, { source: "hcl" });
    const r = only(map(role, attach).resources, "AWS::IAM::Role");
    expect(r.props.PermissionsBoundary).toBe(`arn:aws:iam::${ACCOUNT}:policy/boundary`);
    expect(r.props.AttachedManagedPolicyArns).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
    expect(r.props.Policies).toBeUndefined();
  });

  it("users get their attachments; aws_iam_policy maps its document; policy attachments to users work", () => {
    const { resources } = map(
      inst("aws_iam_user", "ci", { name: "ci", unique_id: "AIDAEXAMPLE", arn: `arn:aws:iam::${ACCOUNT}:user/ci` }),
      inst("aws_iam_user_policy_attachment", "ci", { user: "ci", policy_arn: `arn:aws:iam::${ACCOUNT}:policy/deploy` }),
      inst("aws_iam_user_policy", "ci", { user: "ci", name: "inline", policy: '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}' }),
      inst("aws_iam_policy_attachment", "both", { name: "both", roles: [], users: ["ci"], policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
      inst("aws_iam_policy", "deploy", { name: "deploy", arn: `arn:aws:iam::${ACCOUNT}:policy/deploy`, policy_id: "ANPAEXAMPLE", policy: '{"Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}' }),
    );
    const user = only(resources, "AWS::IAM::User");
    expect(user.id).toBe("AIDAEXAMPLE");
    expect(user.props.AttachedManagedPolicyArns).toEqual([`arn:aws:iam::${ACCOUNT}:policy/deploy`, "arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    expect((user.props.Policies as unknown[]).length).toBe(1);
    const pol = only(resources, "AWS::IAM::Policy");
    expect(pol.id).toBe("ANPAEXAMPLE");
    expect((pol.props.PolicyDocument as { Statement: Array<{ Action: string[] }> }).Statement[0].Action).toEqual(["ecs:*"]);
  });
});

describe("aws_secretsmanager_secret (+ rotation) and aws_ssm_parameter", () => {
  it("rotation resource turns RotationEnabled on; without one it is off by default", () => {
    const arn = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:stripe-AbCdEf`;
    const { resources } = map(
      inst("aws_secretsmanager_secret", "stripe", { name: "stripe", arn, id: arn, kms_key_id: "alias/app" }),
      inst("aws_secretsmanager_secret", "usps", { name: "usps", arn: arn.replace("stripe", "usps"), id: arn.replace("stripe", "usps") }),
      inst("aws_secretsmanager_secret_rotation", "stripe", { secret_id: arn, rotation_lambda_arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:rotate`, rotation_rules: [{ automatically_after_days: 30, duration: "", schedule_expression: "" }] }),
    );
    const stripe = resources.find((r) => r.name === "stripe")!;
    expect(stripe.id).toBe(arn);
    expect(stripe.props).toMatchObject({ RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, KmsKeyId: "alias/app" });
    expect(resources.find((r) => r.name === "usps")!.props.RotationEnabled).toBe(false);
  });

  it("maps an SSM parameter's type and key without its value", () => {
    const r = only(map(inst("aws_ssm_parameter", "db", { name: "/app/db_url", type: "SecureString", key_id: "alias/app", value: REDACTED })).resources, "AWS::SSM::Parameter");
    expect(r.id).toBe("/app/db_url");
    expect(r.props).toEqual({ Name: "/app/db_url", Type: "SecureString", KeyId: "alias/app" });
  });
});

describe("security groups", () => {
  it("expands inline rules per source and merges rule resources without duplicates", () => {
    const sg = inst("aws_security_group", "web", {
      id: "sg-0web",
      arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0web`,
      name: "web",
      description: "web",
      vpc_id: "vpc-1",
      ingress: [
        { cidr_blocks: ["0.0.0.0/0", "10.0.0.0/8"], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, from_port: 443, to_port: 443, protocol: "tcp", description: "" },
      ],
      egress: [{ cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, from_port: 0, to_port: 0, protocol: "-1", description: "" }],
    });
    const rule = inst("aws_security_group_rule", "ssh", { security_group_id: "sg-0web", type: "ingress", cidr_blocks: ["0.0.0.0/0"], from_port: 22, to_port: 22, protocol: "tcp" });
    const dup = inst("aws_vpc_security_group_ingress_rule", "https", { security_group_id: "sg-0web", cidr_ipv4: "0.0.0.0/0", from_port: 443, to_port: 443, ip_protocol: "tcp" });
    const r = only(map(sg, rule, dup).resources, "AWS::EC2::SecurityGroup");
    expect(r.props.SecurityGroupIngress).toEqual([
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0" },
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "10.0.0.0/8" },
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0" },
    ]);
    expect(r.props.SecurityGroupEgress).toEqual([{ IpProtocol: "-1", FromPort: 0, ToPort: 0, CidrIp: "0.0.0.0/0" }]);
  });
});

describe("aws_vpc + aws_flow_log", () => {
  it("folds flow logs into the VPC, with provider defaults", () => {
    const { resources, notes } = map(
      inst("aws_vpc", "main", { cidr_block: "10.0.0.0/16" }, { source: "hcl" }),
      inst("aws_flow_log", "main", { vpc_id: new Ref("aws_vpc.main", "id", "aws_vpc.main.id"), traffic_type: "ALL", log_destination: new Ref("aws_cloudwatch_log_group.flow", "arn", "aws_cloudwatch_log_group.flow.arn") }, { source: "hcl" }),
    );
    const r = only(resources, "AWS::EC2::VPC");
    expect(r.props.EnableDnsSupport).toBe(true);
    const fl = (r.props.FlowLogs as Array<Record<string, unknown>>)[0];
    expect(fl).toMatchObject({ TrafficType: "ALL", LogDestinationType: "cloud-watch-logs", MaxAggregationInterval: 600 });
    expect(fl.LogDestination).toBeInstanceOf(Ref);
    expect(notes).toEqual([]);
  });
});

describe("aws_dynamodb_table", () => {
  it("state: PITR block and absent SSE (AWS owned key)", () => {
    const r = only(
      map(inst("aws_dynamodb_table", "lock", { name: "tf-lock", arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/tf-lock`, billing_mode: "PAY_PER_REQUEST", point_in_time_recovery: [{ enabled: true, recovery_period_in_days: 35 }], server_side_encryption: [], deletion_protection_enabled: false })).resources,
      "AWS::DynamoDB::Table",
    );
    expect(r.id).toBe("tf-lock");
    expect(r.props).toMatchObject({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, SSESpecification: { SSEEnabled: false }, BillingMode: "PAY_PER_REQUEST" });
  });

  it("HCL: no PITR block means PITR off", () => {
    const r = only(map(inst("aws_dynamodb_table", "t", { name: "t", server_side_encryption: [{ enabled: true }] }, { source: "hcl" })).resources, "AWS::DynamoDB::Table");
    expect(r.props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: false });
    expect(r.props.SSESpecification).toEqual({ SSEEnabled: true, SSEType: "KMS" });
  });
});

describe("logging and baseline services", () => {
  it("log group: retention 0 (state) means never expire", () => {
    const r = only(map(inst("aws_cloudwatch_log_group", "api", { name: "/ecs/api", retention_in_days: 0, kms_key_id: "" })).resources, "AWS::Logs::LogGroup");
    expect(r.id).toBe("/ecs/api");
    expect(r.props.RetentionInDays).toBeUndefined();
    expect(r.props.KmsKeyId).toBeUndefined();
  });

  it("cloudtrail: defaults for a minimal HCL trail", () => {
    const r = only(map(inst("aws_cloudtrail", "main", { name: "main", s3_bucket_name: "trail-logs" }, { source: "hcl" })).resources, "AWS::CloudTrail::Trail");
    expect(r.props).toMatchObject({ IsLogging: true, IsMultiRegionTrail: false, EnableLogFileValidation: false, IncludeGlobalServiceEvents: true, S3BucketName: "trail-logs" });
  });

  it("guardduty: enable defaults true, features from both forms, the split feature winning", () => {
    const { resources } = map(
      inst("aws_guardduty_detector", "main", { id: "12abc34d567e8fa901bc2d34e56789f0", enable: null, datasources: [{ s3_logs: [{ enable: false }], kubernetes: [], malware_protection: [] }] }),
      inst("aws_guardduty_detector_feature", "s3", { detector_id: "12abc34d567e8fa901bc2d34e56789f0", name: "S3_DATA_EVENTS", status: "ENABLED", additional_configuration: [] }),
    );
    const r = only(resources, "AWS::GuardDuty::Detector");
    expect(r.props).toMatchObject({ Enable: true, Status: "ENABLED", Features: [{ Name: "S3_DATA_EVENTS", Status: "ENABLED" }] });
  });

  it("config recorder: Recording comes from the status resource, linked by name", () => {
    const { resources } = map(
      inst("aws_config_configuration_recorder", "main", { name: "default", role_arn: `arn:aws:iam::${ACCOUNT}:role/config`, recording_group: [{ all_supported: true, include_global_resource_types: true }] }),
      inst("aws_config_configuration_recorder_status", "main", { name: "default", is_enabled: true }),
      inst("aws_config_delivery_channel", "main", { name: "default", s3_bucket_name: "config-logs" }),
    );
    expect(only(resources, "AWS::Config::ConfigurationRecorder").props).toMatchObject({
      Recording: true,
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
    });
    expect(only(resources, "AWS::Config::DeliveryChannel").props.S3BucketName).toBe("config-logs");
  });

  it("config recorder without a status resource is taken as not recording", () => {
    const r = only(map(inst("aws_config_configuration_recorder", "r", { role_arn: "arn:aws:iam::1:role/c" }, { source: "hcl" })).resources, "AWS::Config::ConfigurationRecorder");
    expect(r.id).toBe("default");
    expect(r.props.Recording).toBe(false);
    expect(r.props.RecordingGroup).toEqual({ AllSupported: true, IncludeGlobalResourceTypes: false });
  });
});

describe("aws_wafv2_web_acl (+ association)", () => {
  it("converts rule blocks to CloudFormation's Rules shape", () => {
    const acl = inst("aws_wafv2_web_acl", "ui", {
      name: "ui",
      scope: "CLOUDFRONT",
      arn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/ui/abcd-1234`,
      id: "abcd-1234",
      default_action: [{ allow: [{ custom_request_handling: [] }], block: [] }],
      rule: [
        {
          name: "rate",
          priority: 1,
          action: [{ block: [{ custom_response: [] }], allow: [], count: [], captcha: [], challenge: [] }],
          override_action: [],
          statement: [{ rate_based_statement: [{ limit: 2000, aggregate_key_type: "IP", evaluation_window_sec: 300, scope_down_statement: [], forwarded_ip_config: [], custom_key: [] }] }],
          visibility_config: [{ cloudwatch_metrics_enabled: true, metric_name: "rate", sampled_requests_enabled: true }],
          rule_label: [],
        },
        {
          name: "allow-office",
          priority: 0,
          action: [{ allow: [{}] }],
          statement: [{ ip_set_reference_statement: [{ arn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/ipset/office/x`, ip_set_forwarded_ip_config: [] }] }],
          visibility_config: [{ cloudwatch_metrics_enabled: false, metric_name: "office", sampled_requests_enabled: false }],
        },
        {
          name: "aws-common",
          priority: 2,
          override_action: [{ none: [{}] }],
          statement: [{ managed_rule_group_statement: [{ name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS", rule_action_override: [{ name: "SizeRestrictions_BODY", action_to_use: [{ count: [{}] }] }] }] }],
          visibility_config: [{ cloudwatch_metrics_enabled: true, metric_name: "common", sampled_requests_enabled: true }],
        },
      ],
      visibility_config: [{ cloudwatch_metrics_enabled: true, metric_name: "ui", sampled_requests_enabled: true }],
    });
    const assoc = inst("aws_wafv2_web_acl_association", "alb", { web_acl_arn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/ui/abcd-1234`, resource_arn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/api/1` });
    const r = only(map(acl, assoc).resources, "AWS::WAFv2::WebACL");
    expect(r.id).toBe("abcd-1234");
    expect(r.props.DefaultAction).toEqual({ Allow: {} });
    const rules = r.props.Rules as Array<Record<string, unknown>>;
    expect(rules[0]).toEqual({
      Name: "rate",
      Priority: 1,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: "IP", EvaluationWindowSec: 300 } },
      VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: "rate", SampledRequestsEnabled: true },
    });
    expect(rules[1].Statement).toEqual({ IPSetReferenceStatement: { Arn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/ipset/office/x` } });
    expect(rules[2].OverrideAction).toEqual({ None: {} });
    expect(rules[2].Statement).toEqual({
      ManagedRuleGroupStatement: { Name: "AWSManagedRulesCommonRuleSet", VendorName: "AWS", RuleActionOverrides: [{ Name: "SizeRestrictions_BODY", ActionToUse: { Count: {} } }] },
    });
    expect(r.props.AssociatedResourceArns).toEqual([`arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/api/1`]);
  });

  it("keeps AndStatement.Statements a list", () => {
    const r = only(
      map(
        inst("aws_wafv2_web_acl", "x", {
          name: "x",
          scope: "REGIONAL",
          default_action: [{ block: [{}] }],
          rule: [{ name: "geo-and-rate", priority: 0, action: [{ block: [{}] }], statement: [{ and_statement: [{ statement: [{ geo_match_statement: [{ country_codes: ["RU"] }] }, { not_statement: [{ statement: [{ label_match_statement: [{ key: "k", scope: "LABEL" }] }] }] }] }] }] }],
        }, { source: "hcl" }),
      ).resources,
      "AWS::WAFv2::WebACL",
    );
    expect((r.props.Rules as Array<{ Statement: unknown }>)[0].Statement).toEqual({
      AndStatement: { Statements: [{ GeoMatchStatement: { CountryCodes: ["RU"] } }, { NotStatement: { Statement: { LabelMatchStatement: { Key: "k", Scope: "LABEL" } } } }] },
    });
  });
});

describe("aws_cloudfront_distribution", () => {
  it("builds DistributionConfig in CloudFormation shape", () => {
    const r = only(
      map(
        inst("aws_cloudfront_distribution", "ui", {
          id: "E2EXAMPLE",
          arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E2EXAMPLE`,
          enabled: true,
          aliases: ["support.example.com"],
          web_acl_id: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/ui/abcd-1234`,
          default_cache_behavior: [{ target_origin_id: "s3-ui", viewer_protocol_policy: "redirect-to-https", allowed_methods: ["GET", "HEAD"], cached_methods: ["GET", "HEAD"], compress: true, function_association: [], lambda_function_association: [], trusted_key_groups: [] }],
          ordered_cache_behavior: [{ path_pattern: "/api/*", target_origin_id: "api", viewer_protocol_policy: "https-only", allowed_methods: ["GET"], cached_methods: ["GET"] }],
          origin: [{ origin_id: "s3-ui", domain_name: "ui.s3.eu-west-1.amazonaws.com", origin_access_control_id: "E3OAC", s3_origin_config: [], custom_origin_config: [] }],
          viewer_certificate: [{ acm_certificate_arn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/c`, minimum_protocol_version: "TLSv1.2_2021", ssl_support_method: "sni-only", cloudfront_default_certificate: false, iam_certificate_id: "" }],
          logging_config: [{ bucket: "logs.s3.amazonaws.com", prefix: "cf/", include_cookies: false }],
          restrictions: [{ geo_restriction: [{ restriction_type: "none", locations: [] }] }],
        }),
      ).resources,
      "AWS::CloudFront::Distribution",
    );
    expect(r.id).toBe("E2EXAMPLE");
    expect(r.props.DistributionConfig).toMatchObject({
      WebACLId: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/ui/abcd-1234`,
      DefaultCacheBehavior: { ViewerProtocolPolicy: "redirect-to-https", TargetOriginId: "s3-ui" },
      CacheBehaviors: [{ PathPattern: "/api/*", ViewerProtocolPolicy: "https-only" }],
      ViewerCertificate: { MinimumProtocolVersion: "TLSv1.2_2021", SslSupportMethod: "sni-only", CloudFrontDefaultCertificate: false },
      Logging: { Bucket: "logs.s3.amazonaws.com", Prefix: "cf/", IncludeCookies: false },
      Origins: [{ Id: "s3-ui", OriginAccessControlId: "E3OAC" }],
    });
  });
});

describe("ECS", () => {
  it("parses container_definitions, redacting secret-looking environment values", () => {
    const defs = JSON.stringify([
      {
        name: "api",
        image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/api:1",
        essential: true,
        readonlyRootFilesystem: true,
        environment: [{ name: "LOG_LEVEL", value: "info" }, { name: "DB_PASSWORD", value: "hunter2" }],
        secrets: [{ name: "STRIPE_KEY", valueFrom: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:stripe` }],
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/api" } },
      },
    ]);
    const r = only(map(inst("aws_ecs_task_definition", "api", { family: "api", arn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/api:3`, revision: 3, container_definitions: defs, network_mode: "awsvpc" })).resources, "AWS::ECS::TaskDefinition");
    expect(r.id).toBe(`arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/api:3`);
    const c = (r.props.ContainerDefinitions as Array<Record<string, unknown>>)[0];
    expect(c).toMatchObject({ Name: "api", Privileged: false, ReadonlyRootFilesystem: true, LogConfiguration: { LogDriver: "awslogs" } });
    expect(c.Environment).toEqual([{ Name: "LOG_LEVEL", Value: "info" }, { Name: "DB_PASSWORD", Value: REDACTED }]);
    expect(JSON.stringify(r)).not.toContain("hunter2");
  });

  it("container_definitions unknown or invalid becomes Unknown", () => {
    const u = new Unknown("known only after apply");
    const { resources } = map(
      inst("aws_ecs_task_definition", "a", { family: "a", container_definitions: u }, { source: "tf-plan" }),
      inst("aws_ecs_task_definition", "b", { family: "b", container_definitions: "[{" }, { source: "tf-plan" }),
    );
    expect(resources[0].props.ContainerDefinitions).toBe(u);
    expect((resources[1].props.ContainerDefinitions as Unknown).reason).toMatch(/not valid JSON/);
  });

  it("service: circuit breaker defaults off, public IP as ENABLED/DISABLED", () => {
    const { resources } = map(
      inst("aws_ecs_service", "api", { name: "api", cluster: "main", network_configuration: [{ subnets: ["subnet-1"], assign_public_ip: false }] }, { source: "hcl" }),
      inst("aws_ecs_service", "worker", { name: "worker", id: `arn:aws:ecs:eu-west-1:${ACCOUNT}:service/main/worker`, deployment_circuit_breaker: [{ enable: true, rollback: true }] }),
    );
    const api = resources.find((r) => r.name === "api")!;
    expect(api.props.DeploymentConfiguration).toEqual({ DeploymentCircuitBreaker: { Enable: false, Rollback: false } });
    expect(api.props.NetworkConfiguration).toEqual({ AwsvpcConfiguration: { AssignPublicIp: "DISABLED", Subnets: ["subnet-1"] } });
    const worker = resources.find((r) => r.name === "worker")!;
    expect(worker.arn).toBe(`arn:aws:ecs:eu-west-1:${ACCOUNT}:service/main/worker`);
    expect(worker.props.DeploymentConfiguration).toEqual({ DeploymentCircuitBreaker: { Enable: true, Rollback: true } });
  });
});

describe("tfToResources", () => {
  it("counts unmapped types in one note and skips data sources", () => {
    const data = { ...inst("aws_iam_policy_document", "x", { json: "{}" }), mode: "data" as const };
    const { resources, notes } = map(
      inst("aws_route53_record", "a", {}),
      inst("aws_route53_record", "b", {}),
      inst("aws_route53_zone", "api", {}),
      data,
    );
    expect(resources).toEqual([]);
    expect(notes).toEqual(["3 resources of 2 types not mapped: aws_route53_record, aws_route53_zone"]);
  });

  it("tags: tags_all wins, unknown values are listed, a redacted value is never the secret", () => {
    const r = only(
      map(inst("aws_s3_bucket", "t", { bucket: "t", tags: { Owner: "team-a", Cost: new Unknown("var.cost has no value", "var.cost") }, tags_all: new Unknown("known only after apply") }, { source: "tf-plan" })).resources,
      "AWS::S3::Bucket",
    );
    expect(r.tags).toEqual({ Owner: "team-a" });
    expect(r.props.TagsUnknown).toEqual(["Cost"]);
  });

  it("tags: the merged record keeps tags' keys first, without copying when nothing needs merging", () => {
    const tags = { Name: "b", Owner: "o" };
    const defaults = { Environment: "prod", Name: "b", Owner: "o" };
    const r = (a: Record<string, unknown>) => only(map(inst("aws_s3_bucket", "t", { bucket: "t", ...a })).resources, "AWS::S3::Bucket");
    // tags_all adds the provider's default_tags: tags' keys first, then the others, tags_all's values.
    expect(Object.entries(r({ tags, tags_all: defaults }).tags)).toEqual([["Name", "b"], ["Owner", "o"], ["Environment", "prod"]]);
    expect(r({ tags: { Name: "old" }, tags_all: { Name: "new" } }).tags).toEqual({ Name: "new" });
    // Nothing to merge: the record is the evidence's own map (read-only, like all of a Resource).
    const same = { Owner: "o" };
    expect(r({ tags: same, tags_all: { Owner: "o" } }).tags).toBe(same);
    expect(r({ tags_all: same }).tags).toBe(same);
    expect(r({}).tags).toEqual({});
    expect(Object.isFrozen(r({}).tags)).toBe(true);
  });

  it("finds split resources' parents by address, by index-less address and by literal key", () => {
    const bucket = (name: string, index?: number) => inst("aws_s3_bucket", "b", { bucket: name }, { source: "hcl", index });
    const versioning = (bucketRef: unknown, index?: number) =>
      inst("aws_s3_bucket_versioning", "v", { bucket: bucketRef, versioning_configuration: [{ status: "Enabled" }] }, { source: "hcl", index });
    const { resources, notes } = map(
      bucket("b0", 0),
      bucket("b1", 1),
      versioning(new Ref("aws_s3_bucket.b", "id", "aws_s3_bucket.b[count.index].id"), 1),
      inst("aws_s3_bucket_versioning", "lit", { bucket: "b0", versioning_configuration: [{ status: "Suspended" }] }, { source: "hcl" }),
      inst("aws_s3_bucket_versioning", "none", { bucket: "nope", versioning_configuration: [{ status: "Enabled" }] }, { source: "hcl" }),
    );
    const byName = new Map(resources.map((x) => [x.name, x]));
    expect(byName.get("b1")!.props.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(byName.get("b0")!.props.VersioningConfiguration).toEqual({ Status: "Suspended" });
    expect(notes).toContain('aws_s3_bucket_versioning.none: bucket not found in this evidence ("nope")');
  });

  it("never uses a redacted value as id or name", () => {
    const r = only(map(inst("aws_ssm_parameter", "p", { name: REDACTED, type: "String" })).resources, "AWS::SSM::Parameter");
    expect(r.id).not.toContain(REDACTED);
    expect(r.name).toBeUndefined();
  });
});

describe("unknown nested blocks", () => {
  it("make what is read through them unknown, never not set", () => {
    const r = new TfReader(TF_S3_BUCKET, { versioning: [new Unknown("known only after apply", "aws_s3_bucket.b.versioning")] });
    expect(r.get("versioning.enabled")).toBeInstanceOf(Unknown);
  });
});
