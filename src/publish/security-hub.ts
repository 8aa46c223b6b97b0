/**
 * Sending ASFF findings to AWS Security Hub (`--to-security-hub`): BatchImportFindings, at most 100
 * findings per call (the API's limit), one client per region (a finding must be imported in the region of
 * its ProductArn). Findings Security Hub rejects come back in FailedFindings, not as an error: they are
 * collected and reported, and the caller decides (the CLI fails the run).
 *
 * This is the one write plumbline makes to AWS, and it only happens with the flag: collection stays
 * read-only. Credentials: the standard chain; AWS_ENDPOINT_URL_SECURITYHUB / AWS_ENDPOINT_URL are honored.
 */
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from "@aws-sdk/client-securityhub";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

export const BATCH_SIZE = 100;

export interface SendResult {
  sent: number;
  imported: number;
  batches: number;
  /** By region: what Security Hub refused, with its error code and message. */
  failed: { id: string; region: string; code: string; message: string }[];
}

export interface SendOptions {
  /** Build the client for a region (tests inject middleware here); default: SDK defaults + endpoint env. */
  client?: (region: string) => SecurityHubClient;
  /** Called after each batch, e.g. for progress. */
  onBatch?: (region: string, done: number, total: number) => void;
}

function endpointFromEnv(service: string): string | undefined {
  return process.env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] ?? process.env.AWS_ENDPOINT_URL ?? undefined;
}

export function defaultSecurityHubClient(region: string): SecurityHubClient {
  const endpoint = endpointFromEnv("securityhub");
  return new SecurityHubClient({ region, maxAttempts: 5, ...(endpoint ? { endpoint } : {}) });
}

/** The account the credentials belong to: Terraform-only findings are filed under it by default. */
export async function callerAccount(region: string): Promise<string> {
  const endpoint = endpointFromEnv("sts");
  const sts = new STSClient({ region, ...(endpoint ? { endpoint } : {}) });
  try {
    const id = await sts.send(new GetCallerIdentityCommand({}));
    if (!id.Account) throw new Error("STS GetCallerIdentity returned no account");
    return id.Account;
  } finally {
    sts.destroy();
  }
}

function regionOf(f: AwsSecurityFinding): string {
  // arn:PARTITION:securityhub:REGION:ACCOUNT:product/...
  return f.ProductArn?.split(":")[3] || f.Resources?.[0]?.Region || "us-east-1";
}

export async function sendFindings(findings: readonly AwsSecurityFinding[], opts: SendOptions = {}): Promise<SendResult> {
  const byRegion = new Map<string, AwsSecurityFinding[]>();
  for (const f of findings) {
    const r = regionOf(f);
    const list = byRegion.get(r);
    if (list) list.push(f);
    else byRegion.set(r, [f]);
  }
  const result: SendResult = { sent: 0, imported: 0, batches: 0, failed: [] };
  for (const [region, list] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    const client = (opts.client ?? defaultSecurityHubClient)(region);
    try {
      for (let i = 0; i < list.length; i += BATCH_SIZE) {
        const batch = list.slice(i, i + BATCH_SIZE);
        const out = await client.send(new BatchImportFindingsCommand({ Findings: batch }));
        result.batches++;
        result.sent += batch.length;
        result.imported += out.SuccessCount ?? batch.length - (out.FailedCount ?? 0);
        for (const f of out.FailedFindings ?? []) {
          result.failed.push({ id: f.Id ?? "", region, code: f.ErrorCode ?? "Unknown", message: f.ErrorMessage ?? "" });
        }
        opts.onBatch?.(region, Math.min(i + BATCH_SIZE, list.length), list.length);
      }
    } finally {
      client.destroy();
    }
  }
  return result;
}
