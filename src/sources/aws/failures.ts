/**
 * SDK error → CallFailure: the one place that decides what a failed AWS call means for the evidence.
 * The reason is a sentence a person reads in the report; it never carries the error's message text
 * (messages can echo request data) beyond the error's name and the IAM action.
 */
import type { CallFailure } from "./contract.js";

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedAccess",
  "AuthorizationError",
  "AuthorizationErrorException",
  "AccessDeniedFault",
  "NotAuthorized",
  "Forbidden",
]);

const THROTTLING = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "RequestThrottledException",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
]);

const NOT_IMPLEMENTED = new Set(["NotImplemented", "NotImplementedException", "UnsupportedOperation", "UnsupportedOperationException", "InvalidAction"]);

const TIMEOUT_CODES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "ETIMEDOUT", "ESOCKETTIMEDOUT"]);
const UNREACHABLE_CODES = new Set(["ENOTFOUND", "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ECONNRESET", "EPIPE"]);

interface SdkErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { statusCode?: number };
  $retryable?: unknown;
  cause?: unknown;
}

function errorName(e: SdkErrorLike): string {
  return String(e.name && e.name !== "Error" ? e.name : (e.Code ?? e.code ?? e.name ?? "Error"));
}

function statusOf(e: SdkErrorLike): number | undefined {
  return e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
}

/** The Node.js system error code of a network failure, looking through `cause`. */
function systemCode(e: unknown): string | undefined {
  for (let x: any = e, depth = 0; x && depth < 4; x = x.cause, depth++) {
    if (typeof x.code === "string" && /^E[A-Z_]+$/.test(x.code)) return x.code;
  }
  return undefined;
}

export function isThrottle(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as SdkErrorLike;
  return THROTTLING.has(errorName(err)) || statusOf(err) === 429;
}

export function isAccessDenied(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as SdkErrorLike;
  return ACCESS_DENIED.has(errorName(err)) || (statusOf(err) === 403 && !THROTTLING.has(errorName(err)) && errorName(err) !== "SignatureDoesNotMatch");
}

/** Turns whatever an SDK call threw into a CallFailure naming `action`. Never throws. */
export function toFailure(err: unknown, action: string): CallFailure {
  if (!err || typeof err !== "object") return { code: "Error", reason: `${action} failed`, action };
  const e = err as SdkErrorLike;
  const name = errorName(e);
  const status = statusOf(e);
  const attempts = e.$metadata?.attempts;
  // An error body the SDK could not parse leaves a generic name: the HTTP status says more.
  const shown = (name === "SyntaxError" || name === "Unknown" || name === "UnknownError" || name === "Error") && status ? `HTTP ${status}` : name;
  if (isAccessDenied(e)) return { code: "AccessDenied", reason: `${action} was denied (${shown})`, action };
  if (isThrottle(e)) {
    return { code: "Throttling", reason: `${action} was throttled past ${attempts ?? "all"} attempt(s) (${name})`, action };
  }
  const sys = systemCode(err);
  if (TIMEOUT_CODES.has(name) || (sys !== undefined && TIMEOUT_CODES.has(sys))) {
    return { code: "Timeout", reason: `${action} timed out${attempts ? ` after ${attempts} attempt(s)` : ""}`, action };
  }
  if (sys !== undefined && UNREACHABLE_CODES.has(sys)) {
    return { code: "RegionUnreachable", reason: `${action} could not reach the endpoint (${sys})`, action };
  }
  // moto answers an action it lacks with 501, or a 404/500 HTML page the SDK cannot parse.
  const unparsed = name === "SyntaxError" || /Deserialization|XML parse|Unexpected token/i.test(String((e as Error).message ?? ""));
  if (NOT_IMPLEMENTED.has(name) || status === 501 || (unparsed && (status === 404 || status === 500))) {
    return { code: "NotImplemented", reason: `${action} is not supported by this endpoint (${status ?? name})`, action };
  }
  if (status !== undefined && status >= 500) {
    return { code: "ServerError", reason: `${action} failed with HTTP ${status}${attempts ? ` after ${attempts} attempt(s)` : ""} (${name})`, action };
  }
  return { code: name, reason: `${action} failed (${name}${status ? `, HTTP ${status}` : ""})`, action };
}

/** IAM action names that differ from the API operation name (most are `service:Operation`). */
const ACTION_ALIASES: Record<string, string> = {
  "s3:ListBuckets": "s3:ListAllMyBuckets",
  "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
  "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
  "s3:GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
  "s3:GetBucketReplication": "s3:GetReplicationConfiguration",
  "s3:HeadBucket": "s3:ListBucket",
  "s3:ListObjectsV2": "s3:ListBucket",
  "s3:GetBucketOwnershipControls": "s3:GetBucketOwnershipControls",
  "logs:DescribeLogGroups": "logs:DescribeLogGroups",
};

/** The IAM action for an SDK operation: "s3" + "ListBuckets" → "s3:ListAllMyBuckets". */
export function iamAction(service: string, operation: string): string {
  const a = `${service}:${operation}`;
  return ACTION_ALIASES[a] ?? a;
}
