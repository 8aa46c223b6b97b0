/**
 * A CollectContext for collectors-B's tests, built from the live framework's pieces (ClientFactory:
 * endpoint, retries, counters; toFailure) against the shared moto server, in one moto account reached by
 * STS AssumeRole (moto keeps separate state per account). Collectors-B's accounts: 220000000000–229999999999.
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { ApiStats, ClientFactory, defaultClientSettings, Limiter } from "../../../../src/sources/aws/clients.js";
import type { CollectContext, Collector, EvidenceGap } from "../../../../src/sources/aws/contract.js";
import { toFailure } from "../../../../src/sources/aws/failures.js";
import type { Resource } from "../../../../src/model/resource.js";
import { motoEndpoint } from "../../../support/moto.js";

export async function accountCredentials(account: string, endpoint = motoEndpoint()): Promise<AwsCredentialIdentity> {
  const sts = new STSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const res = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/plumbline-test`, RoleSessionName: "collectors-b" }));
  sts.destroy();
  const c = res.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
}

/** SDK client config for seeding moto in that account. */
export function seedConfig(creds: AwsCredentialIdentity, region: string) {
  return { endpoint: motoEndpoint(), region, credentials: creds, maxAttempts: 1 };
}

export interface TestRun {
  resources: Resource[];
  gaps: EvidenceGap[];
  notes: string[];
  stats: ApiStats;
}

/** Runs one collector in one account and region, as the framework would, and returns what it produced. */
export async function runCollector(
  collector: Collector,
  opts: { account: string; region: string; creds: AwsCredentialIdentity; endpoint?: string; maxAttempts?: number },
): Promise<TestRun> {
  const settings = defaultClientSettings({ endpoint: opts.endpoint ?? motoEndpoint(), maxAttempts: opts.maxAttempts ?? 2, limiter: new Limiter(8) });
  const factory = new ClientFactory(settings);
  const gaps: EvidenceGap[] = [];
  const notes: string[] = [];
  const ctx: CollectContext = {
    scope: { account: opts.account, region: opts.region, partition: "aws" },
    client: (ctor, region) => factory.client(ctor, opts.account, region ?? opts.region, opts.creds),
    failure: (err, action) => toFailure(err, action),
    gap: (type, f) => gaps.push({ type, account: opts.account, region: opts.region, reason: f.reason, action: f.action }),
    note: (t) => notes.push(t),
    map: (items, fn) => Promise.all(items.map(fn)),
  };
  try {
    const resources = await collector.collect(ctx);
    return { resources, gaps, notes, stats: settings.stats };
  } finally {
    factory.destroy();
  }
}
