/** Moto accounts for the framework tests (this suite's range: 200000000000–209999999999). */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { Resource } from "../../../../src/model/resource.js";
import type { CollectContext } from "../../../../src/sources/aws/contract.js";
import { motoClientConfig } from "../../../support/moto.js";

export interface AccountConfig {
  endpoint: string;
  region: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** Client config acting as `account` in moto: AssumeRole into any role ARN there returns its credentials. */
export async function motoAccount(account: string, region = "us-east-1", endpoint?: string): Promise<AccountConfig> {
  const base = motoClientConfig();
  const sts = new STSClient({ ...base, ...(endpoint ? { endpoint } : {}) });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/setup`, RoleSessionName: "setup" }));
  sts.destroy();
  const c = out.Credentials!;
  return {
    endpoint: endpoint ?? base.endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken },
  };
}

export function roleArn(account: string, name = "plumbline-audit"): string {
  return `arn:aws:iam::${account}:role/${name}`;
}

/** A canonical record, as a real collector's mapper would make it. */
export function record(ctx: CollectContext, type: string, id: string, region?: string, props: Record<string, unknown> = {}): Resource {
  return {
    type,
    id,
    account: ctx.scope.account,
    ...(region ? { region } : {}),
    tags: {},
    props,
    origin: { source: "aws", location: `aws://${ctx.scope.account}` },
  };
}
