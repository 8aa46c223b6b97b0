/**
 * Failed calls never turn into a PASS: recorded AWS responses replayed over HTTP (AccessDenied, a 500,
 * "not configured" answers) through the real SDK clients. A failed list call is a gap naming the IAM
 * action; a failed per-resource call makes exactly the props it feeds Unknown, and rules reading them
 * say UNKNOWN with the reason.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsJsonError, startReplayServer, type RecordedRequest, type ReplayResponse, type ReplayServer } from "../../../support/replay-server.js";
import { IAM_COLLECTOR } from "../../../../src/sources/aws/collectors/iam.js";
import { KMS_COLLECTOR } from "../../../../src/sources/aws/collectors/kms.js";
import { S3_COLLECTOR } from "../../../../src/sources/aws/collectors/s3.js";
import { SECRETSMANAGER_COLLECTOR } from "../../../../src/sources/aws/collectors/secretsmanager.js";
import { parseRule } from "../../../../src/rules/loader.js";
import { evaluate } from "../../../../src/rules/evaluate.js";
import type { Resource } from "../../../../src/model/resource.js";
import { isUnknown, type Unknown } from "../../../../src/model/values.js";
import { testContext } from "./support.js";

const ACCOUNT = "210000000003";
const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY}`;
const ROOT = join(import.meta.dirname, "../../../..");
const creds = { accessKeyId: "AKIAREPLAY", secretAccessKey: "replay" };

const xml = (body: string, status = 200): ReplayResponse => ({ status, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` });
const s3Error = (code: string, status: number) => xml(`<Error><Code>${code}</Code><Message>${code}</Message><RequestId>r</RequestId></Error>`, status);
const iamError = (code: string, status: number) =>
  xml(`<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>User is not authorized</Message></Error><RequestId>r</RequestId></ErrorResponse>`, status);

/** S3 (REST-XML, path style): the sub-resource is the first query parameter. */
function s3(req: RecordedRequest): ReplayResponse | undefined {
  const url = new URL(req.path, "http://replay");
  const sub = [...url.searchParams.keys()].find((k) => k !== "x-id");
  if (url.pathname === "/") return xml(`<ListAllMyBucketsResult><Owner><ID>owner</ID></Owner><Buckets><Bucket><Name>replay-bucket</Name></Bucket><Bucket><Name>listed-region</Name><BucketRegion>ap-south-1</BucketRegion></Bucket></Buckets></ListAllMyBucketsResult>`);
  switch (sub) {
    case "location":
      return xml(`<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>`);
    case "encryption":
      return s3Error("AccessDenied", 403);
    case "versioning":
      return xml(`<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`);
    case "publicAccessBlock":
      return s3Error("NoSuchPublicAccessBlockConfiguration", 404);
    case "policy":
      return s3Error("InternalError", 500);
    case "acl":
      return xml(`<AccessControlPolicy><Owner><ID>owner</ID></Owner><AccessControlList></AccessControlList></AccessControlPolicy>`);
    case "logging":
      return xml(`<BucketLoggingStatus></BucketLoggingStatus>`);
    case "tagging":
      return s3Error("NoSuchTagSet", 404);
    case "replication":
      return s3Error("ReplicationConfigurationNotFoundError", 404);
    case "ownershipControls":
      return s3Error("OwnershipControlsNotFoundError", 404);
  }
  return undefined;
}

const JSON_ANSWERS: Record<string, ReplayResponse> = {
  ListSecrets: { body: { SecretList: [{ ARN: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`, Name: "db", KmsKeyId: KEY_ARN }] } },
  GetResourcePolicy: awsJsonError("AccessDeniedException", "not authorized to perform secretsmanager:GetResourcePolicy"),
  ListKeys: { body: { Keys: [{ KeyId: KEY, KeyArn: KEY_ARN }], Truncated: false } },
  ListAliases: { body: { Aliases: [{ AliasName: "alias/app", AliasArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/app`, TargetKeyId: KEY }], Truncated: false } },
  DescribeKey: {
    body: { KeyMetadata: { KeyId: KEY, Arn: KEY_ARN, KeyManager: "CUSTOMER", KeyState: "Enabled", Enabled: true, KeyUsage: "ENCRYPT_DECRYPT", KeySpec: "SYMMETRIC_DEFAULT" } },
  },
  GetKeyRotationStatus: awsJsonError("AccessDeniedException", "not authorized to perform kms:GetKeyRotationStatus"),
  GetKeyPolicy: { body: { Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] }) } },
  ListResourceTags: { body: { Tags: [{ TagKey: "Owner", TagValue: "sec" }], Truncated: false } },
};

let server: ReplayServer;
let resources: Resource[] = [];
let gaps: { type: string; reason: string; action?: string }[] = [];
let notes: string[] = [];

beforeAll(async () => {
  server = await startReplayServer((req) => {
    if (req.target) return JSON_ANSWERS[req.action ?? ""];
    if (req.action === "GetAccountAuthorizationDetails") return iamError("AccessDenied", 403);
    if (req.action) return iamError("InvalidAction", 400);
    return s3(req);
  });
  for (const [c, region] of [
    [S3_COLLECTOR, "us-east-1"],
    [IAM_COLLECTOR, "us-east-1"],
    [SECRETSMANAGER_COLLECTOR, "eu-west-1"],
    [KMS_COLLECTOR, "eu-west-1"],
  ] as const) {
    const run = testContext(ACCOUNT, region, creds, { endpoint: server.endpoint, maxAttempts: 1 });
    resources.push(...(await c.collect(run.ctx)));
    gaps.push(...run.gaps);
    notes.push(...run.notes);
    run.factory.destroy();
  }
});

afterAll(async () => server?.close());

const rule = async (file: string) => parseRule(await readFile(join(ROOT, "rules", file), "utf8"), file);

describe("failures become gaps and Unknowns, never a PASS", () => {
  it("a denied bulk IAM call is a gap for roles, users and policies naming the action", () => {
    expect(gaps).toEqual(
      ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Policy"].map((type) =>
        expect.objectContaining({ type, action: "iam:GetAccountAuthorizationDetails", reason: expect.stringMatching(/denied/) }),
      ),
    );
    expect(resources.filter((r) => r.type.startsWith("AWS::IAM::"))).toEqual([]);
  });

  it("a denied GetBucketEncryption makes BucketEncryption unknown, not AWS's SSE-S3 default", async () => {
    const b = resources.find((r) => r.id === "replay-bucket")!;
    expect(b.region).toBe("eu-west-1");
    const enc = b.props.BucketEncryption as Unknown;
    expect(isUnknown(enc)).toBe(true);
    expect(enc.reason).toMatch(/s3:GetEncryptionConfiguration was denied/);
    expect(enc.expression).toBe("s3:GetEncryptionConfiguration");
    expect(b.props.DefaultedProps).toBeUndefined();
    // A 500 is unknown too; "not configured" answers are facts; the rest still reads.
    expect(isUnknown(b.props.Policy)).toBe(true);
    expect((b.props.Policy as Unknown).reason).toMatch(/s3:GetBucketPolicy failed with HTTP 500/);
    expect(b.props.PublicAccessBlockConfiguration).toBeUndefined();
    expect(b.props.VersioningConfiguration).toEqual({ Status: "Enabled" });

    const [sse] = evaluate([await rule("encryption/s3-bucket-sse-enabled.yaml")], [b]);
    expect(sse.verdict).toBe("UNKNOWN");
    expect(sse.reason).toMatch(/s3:GetEncryptionConfiguration was denied/);
    const [tls] = evaluate([await rule("network/s3-bucket-tls-only.yaml")], [b]);
    expect(tls.verdict).toBe("UNKNOWN");
  });

  it("takes a bucket's region from ListBuckets when AWS names it there, without GetBucketLocation", () => {
    expect(resources.find((r) => r.id === "listed-region")!.region).toBe("ap-south-1");
    const locations = server.requests.filter((r) => r.path.includes("location")).map((r) => r.path);
    expect(locations).toHaveLength(1);
    expect(locations[0]).toMatch(/^\/replay-bucket\/?\?location/);
  });

  it("a denied GetKeyRotationStatus makes the rotation rule UNKNOWN; the other reads still count", async () => {
    const k = resources.find((r) => r.type === "AWS::KMS::Key")!;
    expect(isUnknown(k.props.EnableKeyRotation)).toBe(true);
    expect(k.props).toMatchObject({ KeyId: KEY, Aliases: ["alias/app"], KeyPolicy: { Statement: [{ Effect: "Allow" }] } });
    expect(k.tags).toEqual({ Owner: "sec" });
    // The replay has no Tagging API: tags come from the per-resource calls instead, and a note says so.
    expect(notes.filter((n) => !/tag:GetResources failed .*read one resource at a time instead/.test(n))).toEqual([]);
    expect(notes.some((n) => n.startsWith("kms:key tags in"))).toBe(true);
    const [rot] = evaluate([await rule("encryption/kms-key-rotation-enabled.yaml")], [k]);
    expect(rot.verdict).toBe("UNKNOWN");
    expect(rot.reason).toMatch(/kms:GetKeyRotationStatus was denied/);
  });

  it("a denied GetResourcePolicy leaves only the secret's policy unknown", async () => {
    const s = resources.find((r) => r.type === "AWS::SecretsManager::Secret")!;
    expect(isUnknown(s.props.ResourcePolicy)).toBe(true);
    expect(s.props.KmsKeyId).toBe(KEY_ARN);
    const [cmk] = evaluate([await rule("secrets/secretsmanager-secret-cmk.yaml")], [s, resources.find((r) => r.type === "AWS::KMS::Key")!]);
    expect(cmk.verdict).toBe("PASS");
  });

  it("sent only read calls, and never GetSecretValue", () => {
    const ops = server.requests.map((r) => r.action ?? `${r.method} ${r.path}`);
    expect(ops.some((o) => /GetSecretValue|Put|Create|Delete|Update/.test(o))).toBe(false);
    expect(server.requests.every((r) => r.method === "GET" || r.method === "POST")).toBe(true);
  });
});
