/**
 * A CollectContext over moto for the collectors-A tests: the framework's client factory (credentials,
 * endpoint, retries, counting middleware) and failure mapping, with gaps and notes recorded for asserts.
 * Each test file works in its own moto account (210000000000–219999999999), reached by STS AssumeRole.
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { ApiStats, ClientFactory, Limiter, defaultClientSettings } from "../../../../src/sources/aws/clients.js";
import type { CollectContext, Collector, EvidenceGap } from "../../../../src/sources/aws/contract.js";
import { toFailure } from "../../../../src/sources/aws/failures.js";
import { ACCOUNT_COLLECTOR } from "../../../../src/sources/aws/collectors/account.js";
import { CLOUDTRAIL_COLLECTOR } from "../../../../src/sources/aws/collectors/cloudtrail.js";
import { CONFIG_COLLECTOR } from "../../../../src/sources/aws/collectors/config.js";
import { GUARDDUTY_COLLECTOR } from "../../../../src/sources/aws/collectors/guardduty.js";
import { IAM_COLLECTOR } from "../../../../src/sources/aws/collectors/iam.js";
import { KMS_COLLECTOR } from "../../../../src/sources/aws/collectors/kms.js";
import { LOGS_COLLECTOR } from "../../../../src/sources/aws/collectors/logs.js";
import { S3_COLLECTOR } from "../../../../src/sources/aws/collectors/s3.js";
import { SECRETSMANAGER_COLLECTOR } from "../../../../src/sources/aws/collectors/secretsmanager.js";
import { SSM_COLLECTOR } from "../../../../src/sources/aws/collectors/ssm.js";
import type { Resource } from "../../../../src/model/resource.js";
import { motoClientConfig, motoEndpoint } from "../../../support/moto.js";

/** The collectors-A collectors (the registry also holds other helpers' collectors, for other types). */
export const COLLECTORS_A: readonly Collector[] = [
  IAM_COLLECTOR, ACCOUNT_COLLECTOR, S3_COLLECTOR, KMS_COLLECTOR, SECRETSMANAGER_COLLECTOR, SSM_COLLECTOR,
  LOGS_COLLECTOR, CLOUDTRAIL_COLLECTOR, GUARDDUTY_COLLECTOR, CONFIG_COLLECTOR,
];

export async function accountCredentials(account: string, endpoint = motoEndpoint()): Promise<AwsCredentialIdentity> {
  const sts = new STSClient({ ...motoClientConfig(), endpoint });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/plumbline-test`, RoleSessionName: "collectors-a" }));
  sts.destroy();
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
}

/** Config for a plain (uninstrumented) SDK client acting in the account: for provisioning test data. */
export function setupConfig(credentials: AwsCredentialIdentity, region = "us-east-1", endpoint = motoEndpoint()) {
  return { ...motoClientConfig(), endpoint, region, credentials, maxAttempts: 2 };
}

export interface TestRun {
  ctx: CollectContext;
  gaps: EvidenceGap[];
  notes: string[];
  stats: ApiStats;
  factory: ClientFactory;
}

export function testContext(account: string, region: string, credentials: AwsCredentialIdentity, opts: { endpoint?: string; maxAttempts?: number } = {}): TestRun {
  const stats = new ApiStats();
  const factory = new ClientFactory(
    defaultClientSettings({ endpoint: opts.endpoint ?? motoEndpoint(), maxAttempts: opts.maxAttempts ?? 2, limiter: new Limiter(8), stats }),
  );
  const gaps: EvidenceGap[] = [];
  const notes: string[] = [];
  const ctx: CollectContext = {
    scope: { account, region, partition: "aws" },
    client: (ctor, r) => factory.client(ctor, account, r ?? region, credentials),
    failure: (err, action) => toFailure(err, action),
    gap: (type, f) => gaps.push({ type, account, region, reason: f.reason, action: f.action }),
    note: (t) => notes.push(t),
    map: async (items, fn) => Promise.all(items.map(fn)),
  };
  return { ctx, gaps, notes, stats, factory };
}

/** Run collectors as the framework would: global ones in us-east-1. */
export async function runCollectors(collectors: readonly Collector[], account: string, regions: string[], credentials: AwsCredentialIdentity, endpoint?: string) {
  const out: Resource[] = [];
  const runs: TestRun[] = [];
  for (const c of collectors) {
    for (const region of c.global ? ["us-east-1"] : regions) {
      const run = testContext(account, region, credentials, { endpoint });
      runs.push(run);
      out.push(...(await c.collect(run.ctx)));
      run.factory.destroy();
    }
  }
  return { resources: out, gaps: runs.flatMap((r) => r.gaps), notes: runs.flatMap((r) => r.notes) };
}
