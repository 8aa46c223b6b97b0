/**
 * Read-only under real IAM evaluation: a moto server of our own with IAM enforcement switched on
 * (INITIAL_NO_AUTH_ACTION_COUNT, then /moto-api/reset-auth once the estate is provisioned) and its request
 * recorder on. A user holding ONLY the policy `plumbline iam-policy` prints runs the baseline audit:
 *   - nothing it needs is denied (no gap, note or Unknown prop says "denied");
 *   - moto's own request log holds no write operation, and neither does the framework's operation log;
 *   - control: the same user without s3:GetEncryptionConfiguration gets that prop Unknown, naming the
 *     action, so enforcement is really on.
 * moto 5.2.1 authorizes every service this audit calls through its common dispatcher (S3 through its own),
 * so enforcement covers them all; the control run with an empty policy below checks that per service.
 */
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ECSClient, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { CreateDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateDBInstanceCommand, RDSClient } from "@aws-sdk/client-rds";
import { CreateBucketCommand, PutBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, judge, loadRuleSet } from "../../../../src/audit.js";
import { iamPolicyForPack } from "../../../../src/cli/iam-policy-command.js";
import { Unknown } from "../../../../src/model/values.js";
import { loadPolicy } from "../../../../src/policy/loader.js";
import { preparePolicy } from "../../../../src/policy/select.js";
import { ruleResourceTypes } from "../../../../src/rules/reads.js";
import { collectLiveRun, type LiveRun } from "../../../../src/sources/aws/collect.js";
import { motoApi, startOwnMoto, type OwnMoto } from "./own-moto.js";

const ROOT = { accessKeyId: "testing", secretAccessKey: "testing" };

/**
 * Action names moto 5.2.1 checks where AWS checks another, granted on top of the printed policy (they name
 * nothing real AWS would grant). moto builds an action from the SigV4 signing name and the operation, so
 * S3 Control's GetPublicAccessBlock is checked as s3:GetPublicAccessBlock (AWS: s3:GetAccountPublicAccessBlock);
 * its S3 action table lacks ?encryption, ?publicAccessBlock, ?replication and ?ownershipControls, which are
 * checked as s3:ListBucket or as the action a previous request left behind (s3:GetBucketEncryption); the
 * Resource Groups Tagging API signs as "tagging", so tag:GetResources is checked as tagging:GetResources.
 */
const MOTO_ALIASES = ["s3:GetPublicAccessBlock", "s3:GetBucketEncryption", "s3:ListBucket", "tagging:GetResources"];

const REGIONS = ["eu-west-1", "us-east-1"];
const WRITE = /^(Put|Create|Delete|Update|Attach|Detach|Tag|Untag|Modify|Set|Enable|Disable|Start|Stop|Remove|Add|Associate|Disassociate|Register|Deregister|Import|Upload|Run|Terminate|Reboot|Restore|Copy|Send|Publish|Invoke|Change|Reset|Revoke|Authorize|Accept|Reject|Cancel|Rotate|Schedule|Restart)/;

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  body_encoded?: boolean;
}

/** The operation of a recorded request: x-amz-target, Action= (query), or the REST method and path. */
function operation(r: Recorded): string {
  const h = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
  if (h["x-amz-target"]) return h["x-amz-target"].split(".").pop()!;
  const body = r.body ? (r.body_encoded ? Buffer.from(r.body, "base64").toString("utf8") : r.body) : "";
  const query = new URL(r.url, "http://x").searchParams;
  const action = new URLSearchParams(body).get("Action") ?? query.get("Action");
  return action ?? `${r.method} ${new URL(r.url, "http://x").pathname}`;
}

function unknownsSaying(run: LiveRun, text: RegExp): string[] {
  const out: string[] = [];
  const walk = (v: unknown, at: string) => {
    if (v instanceof Unknown) {
      if (text.test(v.reason ?? String(v))) out.push(`${at}: ${v.reason ?? String(v)}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
  };
  for (const ev of run.evidence) for (const r of ev.resources) walk(r.props, `${r.type} ${r.id}`);
  return out;
}

async function provision(endpoint: string): Promise<void> {
  const cfg = (region = "us-east-1") => ({ endpoint, region, credentials: ROOT, forcePathStyle: true });
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });
  await new IAMClient(cfg()).send(new CreateRoleCommand({ RoleName: "app-task", AssumeRolePolicyDocument: trust }));
  const s3 = new S3Client(cfg());
  await s3.send(new CreateBucketCommand({ Bucket: "enf-logs" }));
  await s3.send(new PutBucketEncryptionCommand({ Bucket: "enf-logs", ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] } }));
  await new S3Client(cfg("eu-west-1")).send(new CreateBucketCommand({ Bucket: "enf-data", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
  for (const region of REGIONS) {
    const key = await new KMSClient(cfg(region)).send(new CreateKeyCommand({ Description: "app" }));
    await new CloudWatchLogsClient(cfg(region)).send(new CreateLogGroupCommand({ logGroupName: `/app/${region}` }));
    await new SecretsManagerClient(cfg(region)).send(new CreateSecretCommand({ Name: `app/${region}/db`, SecretString: "x", KmsKeyId: key.KeyMetadata!.KeyId }));
    await new SSMClient(cfg(region)).send(new PutParameterCommand({ Name: `/app/${region}/flag`, Value: "1", Type: "String" }));
    await new DynamoDBClient(cfg(region)).send(
      new CreateTableCommand({ TableName: `app-${region}`, AttributeDefinitions: [{ AttributeName: "k", AttributeType: "S" }], KeySchema: [{ AttributeName: "k", KeyType: "HASH" }], BillingMode: "PAY_PER_REQUEST" }),
    );
    await new GuardDutyClient(cfg(region)).send(new CreateDetectorCommand({ Enable: true }));
    await new ECSClient(cfg(region)).send(new RegisterTaskDefinitionCommand({ family: "app", containerDefinitions: [{ name: "app", image: "nginx", memory: 128 }] }));
  }
  await new CloudTrailClient(cfg()).send(new CreateTrailCommand({ Name: "org", S3BucketName: "enf-logs", IsMultiRegionTrail: true }));
  await new RDSClient(cfg()).send(
    new CreateDBInstanceCommand({ DBInstanceIdentifier: "app-db", Engine: "postgres", DBInstanceClass: "db.t3.micro", AllocatedStorage: 20, MasterUsername: "app", MasterUserPassword: "not-a-secret-1", StorageEncrypted: true }),
  );
}

/** A user with exactly `policy` attached; its access keys. */
async function userWith(endpoint: string, name: string, policy: object): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const iam = new IAMClient({ endpoint, region: "us-east-1", credentials: ROOT });
  await iam.send(new CreateUserCommand({ UserName: name }));
  const p = await iam.send(new CreatePolicyCommand({ PolicyName: `${name}-policy`, PolicyDocument: JSON.stringify(policy) }));
  await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: p.Policy!.Arn }));
  const k = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! };
}

describe("live audit under moto's IAM enforcement with only the printed policy", () => {
  let moto: OwnMoto;
  let types: string[];
  const keys: Record<string, { accessKeyId: string; secretAccessKey: string }> = {};

  beforeAll(async () => {
    // Enforcement is switched on by reset-auth below, once the estate and users exist.
    moto = await startOwnMoto({ INITIAL_NO_AUTH_ACTION_COUNT: "100000", MOTO_RECORDER_FILEPATH: `/tmp/plumbline-enf-${process.pid}.jsonl` });
    await provision(moto.endpoint);
    const doc = await iamPolicyForPack();
    doc.Statement[0].Action.push(...MOTO_ALIASES);
    keys.auditor = await userWith(moto.endpoint, "auditor", doc);
    const minus = structuredClone(doc);
    minus.Statement[0].Action = minus.Statement[0].Action.filter((a) => a !== "kms:GetKeyRotationStatus");
    keys.lacking = await userWith(moto.endpoint, "lacking", minus);
    keys.nobody = await userWith(moto.endpoint, "nobody", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" }] });
    const [policy, rules] = await Promise.all([loadPolicy(DEFAULT_POLICY), loadRuleSet()]);
    types = ruleResourceTypes(preparePolicy(policy, rules).rules);
    await motoApi(moto.endpoint, "reset-auth", "0");
  }, 120_000);

  afterAll(async () => {
    await moto?.stop();
  });

  const audit = (who: string) => collectLiveRun({ credentials: keys[who], endpoint: moto.endpoint, regions: REGIONS, types, homeRegion: "us-east-1" });

  it("collects everything the baseline needs without a single denial, and writes nothing", async () => {
    await motoApi(moto.endpoint, "recorder/reset-recording");
    await motoApi(moto.endpoint, "recorder/start-recording");
    const run = await audit("auditor");
    await motoApi(moto.endpoint, "recorder/stop-recording");
    const ev = run.evidence[0];
    expect(ev.account).toBe("123456789012");
    const denied = ev.gaps.filter((g) => /denied/i.test(g.reason));
    expect(denied, JSON.stringify(denied)).toEqual([]);
    expect(ev.notes.filter((n) => /denied/i.test(n))).toEqual([]);
    expect(unknownsSaying(run, /denied/i)).toEqual([]);
    // The collectors found the estate (these types have collectors and resources here).
    const found = new Set(ev.resources.map((r) => r.type));
    for (const t of ["AWS::S3::Bucket", "AWS::IAM::Role", "AWS::KMS::Key", "AWS::Logs::LogGroup", "AWS::SecretsManager::Secret", "AWS::DynamoDB::Table", "AWS::GuardDuty::Detector", "AWS::RDS::DBInstance"]) {
      expect(found.has(t), t).toBe(true);
    }
    // Read-only, by moto's own request log...
    const log = (await motoApi(moto.endpoint, "recorder/download-recording"))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Recorded);
    expect(log.length).toBeGreaterThan(20);
    const ops = log.map(operation);
    expect(ops.filter((o) => WRITE.test(o) || /^(PUT|POST|DELETE|PATCH) /.test(o))).toEqual([]);
    // ...and by the framework's.
    expect(run.stats.operations.filter((o) => WRITE.test(o.split(":")[1]))).toEqual([]);
    // moto logs every attempt (an action it lacks answers 500 and is retried), the framework every call.
    expect(run.stats.total().calls).toBe(log.length);
  });

  it("control: without kms:GetKeyRotationStatus the prop is Unknown and names the action", async () => {
    const run = await audit("lacking");
    const unknown = unknownsSaying(run, /denied/);
    // Both keys (one per region); each prop fed by the call is Unknown. (moto's KMS error body does not
    // parse as JSON, so the SDK gives no error name: the reason shows the HTTP status.)
    expect(new Set(unknown.map((u) => u.split(".")[0])).size).toBe(2);
    for (const u of unknown) expect(u).toMatch(/^AWS::KMS::Key \S+: kms:GetKeyRotationStatus was denied \((AccessDeniedException|HTTP 403)\)$/);
  });

  it("control: a user without the policy is denied by every service the audit calls", async () => {
    const run = await audit("nobody");
    const ev = run.evidence[0];
    const called = Object.entries(ev.api!).filter(([, s]) => s.calls > 0).map(([k]) => k);
    // Every service that was called answered AccessDenied at least once (sts:GetCallerIdentity is allowed).
    const unenforced = called.filter((s) => s !== "sts" && ev.api![s].errors === 0);
    expect(unenforced).toEqual([]);
    expect(ev.gaps.length).toBeGreaterThan(5);
    for (const g of ev.gaps.filter((g) => g.reason.includes("denied"))) expect(g.action).toMatch(/^[a-z0-9-]+:[A-Z]\w+$/);
  });
});
