import { describe, expect, it } from "vitest";
import { RESOURCE_TYPES, validateProps } from "../../src/model/types/index.js";
import { REDACTED, Ref, Unknown } from "../../src/model/values.js";

describe("resource type registry", () => {
  it("covers the types the platform needs, each with a compilable schema", () => {
    for (const t of [
      "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::ElastiCache::ReplicationGroup",
      "AWS::SecretsManager::Secret", "AWS::SSM::Parameter", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::User",
      "AWS::WAFv2::WebACL", "AWS::CloudFront::Distribution", "AWS::CloudTrail::Trail", "AWS::GuardDuty::Detector",
      "AWS::Config::ConfigurationRecorder", "AWS::Config::DeliveryChannel", "AWS::EC2::SecurityGroup", "AWS::EC2::VPC",
      "AWS::DynamoDB::Table", "AWS::Logs::LogGroup", "AWS::ECS::TaskDefinition", "AWS::ECS::Service",
    ]) {
      expect(RESOURCE_TYPES[t], t).toBeDefined();
      expect(validateProps(t, {}).valid, t).toBe(true);
    }
  });

  it("rejects misspelt props and wrong types with a JSON pointer", () => {
    const v = validateProps("AWS::RDS::DBInstance", { StorageEncypted: true, MultiAZ: "yes" });
    expect(v.valid).toBe(false);
    expect(v.errors.join("\n")).toMatch(/additional properties/);
    expect(v.errors.join("\n")).toMatch(/\/MultiAZ must be boolean/);
  });

  it("tolerates Unknown, Ref and REDACTED anywhere", () => {
    const v = validateProps("AWS::S3::Bucket", {
      BucketName: new Ref("random_pet.p", "id", "random_pet.p.id"),
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: new Unknown("after apply") } }] },
      VersioningConfiguration: new Unknown("after apply"),
      Policy: { Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [REDACTED] }] },
    });
    expect(v).toEqual({ valid: true, errors: [] });
  });

  it("says so for an unknown type", () => {
    expect(validateProps("AWS::Nope::Thing", {}).errors[0]).toMatch(/unknown resource type/);
  });
});
