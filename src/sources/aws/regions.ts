/**
 * Which regions to audit in an account: the --regions list, or the regions enabled for the account
 * (EC2 DescribeRegions, which leaves out opt-in regions not opted in). Global services run once per
 * account in the partition's home region.
 */
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { InputError } from "../../errors.js";
import type { CredentialSource } from "./accounts.js";
import type { ClientFactory } from "./clients.js";
import { toFailure } from "./failures.js";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Where global services (IAM, CloudFront, WAF CLOUDFRONT scope, S3 ListBuckets) are called. */
export function globalRegion(partition: string): string {
  if (partition === "aws-cn") return "cn-north-1";
  if (partition === "aws-us-gov") return "us-gov-west-1";
  return "us-east-1";
}

/** "eu-west-1,us-east-1" → checked, de-duplicated list. */
export function parseRegions(list: string | readonly string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const items = (typeof list === "string" ? list.split(",") : list.flatMap((l) => l.split(","))).map((r) => r.trim()).filter(Boolean);
  if (items.length === 0) throw new InputError("--regions: expected a comma-separated list of regions like eu-west-1,us-east-1");
  for (const r of items) if (!REGION.test(r)) throw new InputError(`--regions: '${r.slice(0, 40)}' is not a region name like eu-west-1`);
  return [...new Set(items)];
}

export interface RegionChoice {
  regions: string[];
  /** Set when the enabled regions could not be listed and the home region was audited alone. */
  note?: string;
}

export async function resolveRegions(
  factory: ClientFactory,
  account: string,
  credentials: CredentialSource,
  partition: string,
  explicit: readonly string[] | undefined,
  homeRegion: string,
): Promise<RegionChoice> {
  if (explicit?.length) return { regions: [...explicit] };
  const ec2 = factory.client(EC2Client, account, homeRegion || globalRegion(partition), credentials);
  try {
    const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
    const regions = (out.Regions ?? [])
      .filter((r) => r.RegionName && (r.OptInStatus === undefined || r.OptInStatus !== "not-opted-in"))
      .map((r) => r.RegionName!)
      .sort();
    if (regions.length > 0) return { regions };
    return { regions: [homeRegion], note: `EC2 DescribeRegions listed no regions in ${account}; audited ${homeRegion} only` };
  } catch (err) {
    const f = toFailure(err, "ec2:DescribeRegions");
    return { regions: [homeRegion], note: `could not list the enabled regions of ${account} (${f.reason}); audited ${homeRegion} only` };
  }
}
