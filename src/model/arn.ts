/**
 * ARN parsing. Pure string work, no AWS knowledge beyond the ARN grammar:
 * arn:partition:service:region:account-id:resource, where resource is "type/id", "type:id" or "id".
 */

export interface Arn {
  partition: string;
  service: string;
  /** "" for global services (IAM, S3 buckets, CloudFront). */
  region: string;
  /** "" where the ARN has none (S3 buckets). */
  account: string;
  /** Everything after the fifth colon, unchanged. */
  resource: string;
  /** The part of `resource` before the first "/" or ":", when there is a separator ("role", "key", "db"). */
  resourceType?: string;
  /** The part of `resource` after the first separator, or all of it when there is none. */
  resourceId: string;
}

const ARN_RE = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/s;

export function isArn(v: unknown): v is string {
  return typeof v === "string" && ARN_RE.test(v);
}

/** The ARN's parts, or undefined when the text is not an ARN. */
export function parseArn(text: string): Arn | undefined {
  const m = ARN_RE.exec(text);
  if (!m) return undefined;
  const [, partition, service, region, account, resource] = m;
  const sep = resource.search(/[/:]/);
  return sep > 0
    ? { partition, service, region, account, resource, resourceType: resource.slice(0, sep), resourceId: resource.slice(sep + 1) }
    : { partition, service, region, account, resource, resourceId: resource };
}

/** The last path segment of an ARN's resource ("arn:aws:iam::1:role/svc/app" → "app"), or undefined if not an ARN. */
export function arnResourceName(text: string): string | undefined {
  const arn = parseArn(text);
  if (!arn) return undefined;
  const parts = arn.resourceId.split("/");
  return parts[parts.length - 1];
}
