/**
 * Reads a state object the way Terraform's S3 backend stores it: the default workspace at `key`, any
 * other at `<workspace_key_prefix>/<workspace>/<key>` (prefix "env:" by default). Uses the standard
 * credential chain; errors name the object and the permission, never a credential.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { inputError, InputError } from "../../errors.js";

export function isS3Url(location: string): boolean {
  return location.startsWith("s3://");
}

export function parseS3Url(url: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  if (!m) throw inputError(url, undefined, "expected s3://bucket/key");
  return { bucket: m[1], key: m[2] };
}

/** The object key the S3 backend uses for a workspace. */
export function stateObjectKey(key: string, workspace?: string, workspaceKeyPrefix = "env:"): string {
  if (!workspace || workspace === "default") return key;
  return `${workspaceKeyPrefix}/${workspace}/${key}`;
}

export interface S3StateOptions {
  workspace?: string;
  workspaceKeyPrefix?: string;
  /** For tests and callers with their own client configuration. */
  client?: S3Client;
}

/** Endpoint override from the environment, as the AWS CLI and SDKs read it (service-specific first). */
function endpointOverride(): string | undefined {
  if (process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === "true") return undefined;
  return process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL || undefined;
}

export function defaultS3Client(): S3Client {
  const endpoint = endpointOverride();
  return new S3Client({
    region: process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1",
    // Passed explicitly rather than relying on the SDK's own env lookup, so path-style can go with it:
    // emulators (moto, LocalStack, MinIO) do not serve virtual-hosted bucket names.
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    // State buckets often live in another region than the caller's default.
    followRegionRedirects: true,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
  });
}

/** Fetches the state object as text. `url` is the object actually read (with the workspace prefix). */
export async function readStateObject(location: string, opts: S3StateOptions = {}): Promise<{ text: string; url: string }> {
  const { bucket, key: baseKey } = parseS3Url(location);
  const key = stateObjectKey(baseKey, opts.workspace, opts.workspaceKeyPrefix);
  const url = `s3://${bucket}/${key}`;
  const client = opts.client ?? defaultS3Client();
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!res.Body) throw inputError(url, undefined, "object has no body");
    return { text: await res.Body.transformToString("utf8"), url };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw s3Error(e, location, bucket, key, opts.workspace);
  } finally {
    if (!opts.client) client.destroy();
  }
}

function s3Error(e: unknown, location: string, bucket: string, key: string, workspace: string | undefined): InputError {
  const err = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = err?.name ?? "";
  const status = err?.$metadata?.httpStatusCode;
  const ws = workspace && workspace !== "default" ? ` (workspace '${workspace}' key ${key})` : "";
  if (name === "NoSuchKey" || (status === 404 && name !== "NoSuchBucket")) {
    return inputError(location, undefined, `no such object${ws}`);
  }
  if (name === "NoSuchBucket") return inputError(location, undefined, `no such bucket '${bucket}'`);
  if (name.startsWith("KMS") || name === "KMS.AccessDeniedException") {
    return inputError(location, undefined, `the object is KMS-encrypted and the caller lacks kms:Decrypt on its key${ws}`);
  }
  if (name === "AccessDenied" || name === "Forbidden" || status === 403) {
    return inputError(location, undefined, `access denied: the caller needs s3:GetObject on arn:aws:s3:::${bucket}/${key}`);
  }
  if (name === "CredentialsProviderError") {
    return inputError(location, undefined, "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role is available)");
  }
  if (name === "InvalidAccessKeyId" || name === "SignatureDoesNotMatch" || name === "ExpiredToken" || name === "TokenRefreshRequired") {
    return inputError(location, undefined, `AWS rejected the credentials (${name})`);
  }
  const netCode = err?.code ?? (name === "TimeoutError" ? "timeout" : undefined);
  if (netCode && /^(E[A-Z]+|timeout)$/.test(netCode)) {
    return inputError(location, undefined, `cannot reach S3 (${netCode}); check the network, AWS_REGION and AWS_ENDPOINT_URL`);
  }
  return inputError(location, undefined, `S3 GetObject failed (${name || "unknown error"}${status ? `, HTTP ${status}` : ""})${ws}`);
}
