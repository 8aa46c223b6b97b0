/**
 * Account-wide settings: GetAccountSummary (root access keys and MFA) → AWS::::Account,
 * GetAccountPasswordPolicy → AWS::IAM::AccountPasswordPolicy, and s3control GetPublicAccessBlock →
 * AWS::S3::AccountPublicAccessBlock. Three calls per account. A setting that is not configured gives no
 * record (the baseline rules then count none); one that cannot be read is a gap (they say UNKNOWN).
 */
import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { ACCOUNT_TYPE, type Resource } from "../../../model/resource.js";
import { IAM_ACCOUNT_PASSWORD_POLICY_TYPE } from "../../../model/types/iam-account-password-policy.js";
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE } from "../../../model/types/s3-account-public-access-block.js";
import type { CollectContext, Collector } from "../contract.js";
import { ACCOUNT_MAPPER, ACCOUNT_PASSWORD_POLICY_MAPPER, ACCOUNT_PUBLIC_ACCESS_BLOCK_MAPPER } from "../mappers/account.js";
import { errorCode, read } from "./util.js";

export const ACCOUNT_COLLECTOR: Collector = {
  service: "account",
  types: [ACCOUNT_TYPE, IAM_ACCOUNT_PASSWORD_POLICY_TYPE, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE],
  global: true,
  actions: ["iam:GetAccountSummary", "iam:GetAccountPasswordPolicy", "s3:GetAccountPublicAccessBlock"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const iam = ctx.client(IAMClient);
    const s3control = withIpEndpoint(ctx.client(S3ControlClient));
    const [summary, policy, pab] = await Promise.all([
      read(ctx, "iam:GetAccountSummary", () => iam.send(new GetAccountSummaryCommand({})).then((o) => o.SummaryMap)),
      setting(ctx, IAM_ACCOUNT_PASSWORD_POLICY_TYPE, "iam:GetAccountPasswordPolicy", ["NoSuchEntity", "NoSuchEntityException"], () =>
        iam.send(new GetAccountPasswordPolicyCommand({})).then((o) => o.PasswordPolicy),
      ),
      setting(ctx, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE, "s3:GetAccountPublicAccessBlock", ["NoSuchPublicAccessBlockConfiguration"], () =>
        s3control.send(new GetPublicAccessBlockCommand({ AccountId: ctx.scope.account })).then((o) => o.PublicAccessBlockConfiguration),
      ),
    ]);
    const out = [ACCOUNT_MAPPER.map({ SummaryMap: summary }, ctx.scope)];
    if (policy) out.push(ACCOUNT_PASSWORD_POLICY_MAPPER.map(policy, ctx.scope));
    if (pab) out.push(ACCOUNT_PUBLIC_ACCESS_BLOCK_MAPPER.map({ PublicAccessBlockConfiguration: pab }, ctx.scope));
    return out;
  },
};

/** A one-per-account setting: its value, undefined when not configured; a failure is a gap for its type. */
async function setting<T>(ctx: CollectContext, type: string, action: string, notFound: string[], fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    const code = errorCode(err);
    if (code && notFound.includes(code)) return undefined;
    ctx.gap(type, ctx.failure(err, action));
    return undefined;
  }
}

const WRAPPED = Symbol("plumbline.s3controlEndpoint");

/**
 * S3 Control puts the account id in front of the host ("111122223333.s3-control..."). With a custom
 * endpoint on an IP address or localhost (AWS_ENDPOINT_URL pointing at an emulator or a proxy) that host
 * is not a valid URL, so the request is sent to the endpoint itself; the account id still travels in the
 * x-amz-account-id header. Real AWS endpoints are left to the SDK's rules.
 */
export function withIpEndpoint(client: S3ControlClient): S3ControlClient {
  const config = client.config as unknown as { endpointProvider: (p: Record<string, unknown>, c?: unknown) => unknown; [WRAPPED]?: true };
  if (config[WRAPPED]) return client;
  const original = config.endpointProvider;
  config.endpointProvider = (params, context) => {
    const endpoint = typeof params.Endpoint === "string" ? params.Endpoint : undefined;
    if (endpoint && /^https?:\/\/(\d{1,3}(\.\d{1,3}){3}|localhost|\[[0-9a-f:]+\])(:\d+)?\/?$/i.test(endpoint)) {
      return {
        url: new URL(endpoint),
        properties: { authSchemes: [{ name: "sigv4", signingName: "s3", signingRegion: params.Region, disableDoubleEncoding: true }] },
        headers: {},
      };
    }
    return original(params, context);
  };
  config[WRAPPED] = true;
  return client;
}
