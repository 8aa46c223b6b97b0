/**
 * Mappers of the types added for the rule library (issue 3): the defaults they document, both provider
 * styles where there are two, and split resources that may not exist (HCL count unknown).
 */
import { describe, expect, it } from "vitest";
import type { Resource } from "../../../src/model/resource.js";
import { MaybeValue, Ref, Unknown, isUnknown } from "../../../src/model/values.js";
import { inst, map } from "./helpers.js";

const one = (type: string, resources: Resource[]): Resource => {
  const r = resources.filter((x) => x.type === type);
  expect(r).toHaveLength(1);
  return r[0];
};

describe("load balancers and listeners", () => {
  it("emit the API's attribute list with its defaults, for aws_lb and aws_alb alike", () => {
    const { resources } = map(
      inst("aws_lb", "api", { arn: "arn:aws:elasticloadbalancing:eu-west-1:260000000001:loadbalancer/app/api/1", name: "api", enable_deletion_protection: true, access_logs: [{ bucket: "logs", enabled: true }] }),
      inst("aws_alb", "old", { arn: "arn:aws:elasticloadbalancing:eu-west-1:260000000001:loadbalancer/app/old/2", name: "old", internal: true }),
    );
    const [api, old] = resources;
    expect(api.props.LoadBalancerAttributes).toEqual([
      { Key: "deletion_protection.enabled", Value: "true" },
      { Key: "routing.http.drop_invalid_header_fields.enabled", Value: "false" },
      { Key: "access_logs.s3.enabled", Value: "true" },
      { Key: "access_logs.s3.bucket", Value: "logs" },
    ]);
    expect(api.props).toMatchObject({ Type: "application", Scheme: "internet-facing" });
    expect(old.props).toMatchObject({ Scheme: "internal" });
    expect(old.props.LoadBalancerAttributes).toContainEqual({ Key: "access_logs.s3.enabled", Value: "false" });
  });

  it("read a listener's redirect action", () => {
    const { resources } = map(
      inst("aws_lb_listener", "http", {
        arn: "arn:aws:elasticloadbalancing:eu-west-1:260000000001:listener/app/api/1/9", port: 80, protocol: "HTTP",
        default_action: [{ type: "redirect", redirect: [{ protocol: "HTTPS", port: "443", status_code: "HTTP_301" }] }],
      }),
    );
    expect(resources[0].props.DefaultActions).toEqual([{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } }]);
  });
});

describe("queues, topics, repositories, vaults", () => {
  it("SQS: SSE-SQS by default, SSE-KMS with a key; the split policy replaces the inline one", () => {
    const { resources } = map(
      inst("aws_sqs_queue", "a", { name: "a", url: "https://sqs.eu-west-1.amazonaws.com/260000000001/a", policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*"}]}' }),
      inst("aws_sqs_queue", "b", { name: "b", kms_master_key_id: "alias/orders" }),
      inst("aws_sqs_queue_policy", "a", { queue_url: "https://sqs.eu-west-1.amazonaws.com/260000000001/a", policy: '{"Statement":[{"Effect":"Deny","Principal":"*","Action":"sqs:*"}]}' }),
    );
    const [a, b] = resources;
    expect(a.props.SqsManagedSseEnabled).toBe(true);
    expect((a.props.Policy as { Statement: { Effect: string }[] }).Statement[0].Effect).toBe("Deny");
    expect(b.props).toMatchObject({ KmsMasterKeyId: "alias/orders", SqsManagedSseEnabled: false });
  });

  it("ECR: mutable tags, no scan and AES256 unless configured; the lifecycle policy merges in", () => {
    const { resources } = map(
      inst("aws_ecr_repository", "api", { name: "api" }),
      inst("aws_ecr_lifecycle_policy", "api", { repository: "api", policy: "{\"rules\":[]}" }),
    );
    expect(resources[0].props).toMatchObject({
      ImageTagMutability: "MUTABLE",
      ImageScanningConfiguration: { ScanOnPush: false },
      EncryptionConfiguration: { EncryptionType: "AES256" },
      LifecyclePolicy: { LifecyclePolicyText: "{\"rules\":[]}" },
    });
  });

  it("Backup: selections merge into their plan", () => {
    const { resources } = map(
      inst("aws_backup_plan", "p", { id: "plan-1", name: "daily", rule: [{ rule_name: "d", target_vault_name: "main", schedule: "cron(0 3 * * ? *)", lifecycle: [{ delete_after: 35 }] }] }),
      inst("aws_backup_selection", "s", { plan_id: "plan-1", name: "all-rds", resources: ["arn:aws:rds:eu-west-1:260000000001:db:api"] }),
    );
    expect(resources[0].props).toEqual({
      BackupPlan: { BackupPlanName: "daily", BackupPlanRule: [{ RuleName: "d", TargetBackupVault: "main", ScheduleExpression: "cron(0 3 * * ? *)", Lifecycle: { DeleteAfterDays: 35 } }] },
      Selections: [{ SelectionName: "all-rds", Resources: ["arn:aws:rds:eu-west-1:260000000001:db:api"] }],
    });
  });
});

describe("account settings", () => {
  it("password policy: IAM's defaults for what is not set", () => {
    const { resources } = map(inst("aws_iam_account_password_policy", "p", { require_numbers: true }, { account: "260000000001" }));
    expect(resources[0]).toMatchObject({ type: "AWS::IAM::AccountPasswordPolicy", id: "260000000001" });
    expect(resources[0].props).toMatchObject({ MinimumPasswordLength: 6, RequireNumbers: true, RequireSymbols: false });
    expect(resources[0].props.PasswordReusePrevention).toBeUndefined();
  });

  it("access keys merge into their user, never with the secret; HCL cannot know a key's date", () => {
    const { resources } = map(
      inst("aws_iam_user", "ci", { name: "ci" }, { source: "hcl" }),
      inst("aws_iam_access_key", "ci", { user: new Ref("aws_iam_user.ci", "name", "aws_iam_user.ci.name"), secret: "REDACTED" }, { source: "hcl" }),
    );
    const keys = resources[0].props.AccessKeys as Array<Record<string, unknown>>;
    expect(keys).toHaveLength(1);
    expect(keys[0].Status).toBe("Active");
    expect(isUnknown(keys[0].CreateDate)).toBe(true);
    expect(JSON.stringify(resources[0].props)).not.toContain("secret");
  });

  it("EBS volumes without `encrypted` are unknown (account default encryption may apply)", () => {
    const { resources } = map(inst("aws_ebs_volume", "v", { availability_zone: "eu-west-1a", size: 8 }, { source: "hcl" }));
    expect(resources[0].props.Encrypted).toBeInstanceOf(Unknown);
  });
});

describe("split resources that may not exist", () => {
  it("merge as 'may be set': a count-unknown WAF association is a MaybeValue, a logging config an Unknown", () => {
    const acl = inst("aws_wafv2_web_acl", "a", { name: "a", scope: "REGIONAL", default_action: [{ allow: [{}] }] }, { source: "hcl" });
    const certain = inst("aws_wafv2_web_acl_association", "x", {
      web_acl_arn: new Ref("aws_wafv2_web_acl.a", "arn", "aws_wafv2_web_acl.a.arn"),
      resource_arn: new Ref("aws_lb.x", "arn", "aws_lb.x.arn"),
    }, { source: "hcl" });
    const maybe = inst("aws_wafv2_web_acl_association", "y", {
      web_acl_arn: new Ref("aws_wafv2_web_acl.a", "arn", "aws_wafv2_web_acl.a.arn"),
      resource_arn: new Ref("aws_lb.y", "arn", "aws_lb.y.arn"),
    }, { source: "hcl", mayNotExist: "count is unknown (var.enable_waf ? 1 : 0)" });
    const logging = inst("aws_wafv2_web_acl_logging_configuration", "l", {
      resource_arn: new Ref("aws_wafv2_web_acl.a", "arn", "aws_wafv2_web_acl.a.arn"),
      log_destination_configs: ["arn:aws:logs:eu-west-1:260000000001:log-group:aws-waf-logs-a"],
    }, { source: "hcl", mayNotExist: "count is unknown (var.logging)" });
    const r = one("AWS::WAFv2::WebACL", map(acl, certain, maybe, logging).resources);
    const arns = r.props.AssociatedResourceArns as unknown[];
    expect(arns[0]).toBeInstanceOf(Ref);
    expect(arns[1]).toBeInstanceOf(MaybeValue);
    expect((arns[1] as MaybeValue).reason).toBe("aws_wafv2_web_acl_association.y may not exist: its count is unknown (var.enable_waf ? 1 : 0)");
    expect(r.props.LoggingConfiguration).toBeInstanceOf(Unknown);
  });

  it("a resource that may not exist says so in its origin", () => {
    const { resources } = map(inst("aws_shield_protection", "p", { name: "p" }, { source: "hcl", mayNotExist: "count is unknown (local.prod ? 1 : 0)" }));
    expect(resources[0].origin.mayNotExist).toBe("count is unknown (local.prod ? 1 : 0)");
  });
});
