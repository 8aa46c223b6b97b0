/**
 * Account facts AWS Config does not record, read live in a periodic run. Config has no configuration
 * items for the IAM account summary (root MFA, root access keys), the IAM password policy or its own
 * delivery channels, so account-level rules over them could otherwise only be UNKNOWN. The periodic
 * handler runs the SAME live collectors `plumbline audit --aws` runs for them (src/sources/aws/collectors:
 * account, config), with the function's role (or the member role of an organization rule), so both paths
 * give the same verdicts.
 *
 *   account collector  iam:GetAccountSummary, iam:GetAccountPasswordPolicy, s3:GetAccountPublicAccessBlock
 *   config collector   config:DescribeConfigurationRecorders, ...RecorderStatus, config:DescribeDeliveryChannels
 *
 * The S3 account block and the recorder are also Config items, but an item's absence cannot tell "not
 * set" from "not recorded" (a recorder that skips the type); the live read can. EBS encryption by default
 * is NOT read: the EC2 client alone would double the bundle (1.5 MB budget), and AWS's managed rule
 * EC2_EBS_ENCRYPTION_BY_DEFAULT covers it; rules over it stay UNKNOWN with that reason.
 *
 * A call that fails makes its type UNKNOWN (the collector's gap), never an empty list.
 */
import { ACCOUNT_TYPE, type Resource } from "../model/resource.js";
import { ACCOUNT_COLLECTOR } from "../sources/aws/collectors/account.js";
import { CONFIG_COLLECTOR } from "../sources/aws/collectors/config.js";
import type { CollectContext, Collector } from "../sources/aws/contract.js";
import { toFailure } from "../sources/aws/failures.js";
import { ACCOUNT_MAPPER } from "../sources/aws/mappers/account.js";
import { Unknown } from "../model/values.js";

export const LIVE_FACT_COLLECTORS: readonly Collector[] = [ACCOUNT_COLLECTOR, CONFIG_COLLECTOR];

/** The types these collectors produce: what a periodic run reads live (live-fact-types.ts lists the same). */
export const LIVE_FACT_COLLECTOR_TYPES: ReadonlySet<string> = new Set(LIVE_FACT_COLLECTORS.flatMap((c) => c.types));

/** Every IAM action the live facts may call (the Terraform module's role grants them). */
export const LIVE_FACT_ACTIONS: readonly string[] = [...new Set(LIVE_FACT_COLLECTORS.flatMap((c) => c.actions))].sort();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientMaker = <C>(ctor: new (config: any) => C, region: string) => C;

export interface LiveFactsOptions {
  account: string;
  /** The Config rule's region: regional facts (the recorder, delivery channels) are read there. */
  region: string;
  partition: string;
  client: ClientMaker;
}

export interface LiveFacts {
  resources: Resource[];
  /** Types that could not be read → why (rules over them are UNKNOWN). */
  failed: Map<string, string>;
}

/** Where global services are called (as src/sources/aws/regions.ts; not imported: it loads the EC2 client). */
function globalRegion(partition: string): string {
  if (partition === "aws-cn") return "cn-north-1";
  if (partition === "aws-us-gov") return "us-gov-west-1";
  return "us-east-1";
}

/** Runs the collectors producing any of `types`; keeps only records of those types. */
export async function collectLiveFacts(types: readonly string[], opts: LiveFactsOptions): Promise<LiveFacts> {
  const want = new Set(types);
  const resources: Resource[] = [];
  const failed = new Map<string, string>();
  for (const collector of LIVE_FACT_COLLECTORS) {
    if (!collector.types.some((t) => want.has(t))) continue;
    const region = collector.global ? globalRegion(opts.partition) : opts.region;
    const ctx: CollectContext = {
      scope: { account: opts.account, region, partition: opts.partition },
      client: (ctor, r) => opts.client(ctor, r ?? region),
      failure: (err, action) => toFailure(err, action),
      gap: (type, f) => {
        if (want.has(type)) failed.set(type, f.reason);
      },
      note: () => {},
      map: (items, fn) => Promise.all(items.map(fn)),
    };
    try {
      for (const r of await collector.collect(ctx)) if (want.has(r.type)) resources.push(r);
    } catch (err) {
      const f = toFailure(err, `${collector.service}:*`);
      for (const t of collector.types) if (want.has(t)) failed.set(t, f.reason);
    }
  }
  // The account record exists even when its summary could not be read: its facts are Unknown then, so
  // rules over them say UNKNOWN (a stand-in without props would read as "root MFA missing": a false FAIL).
  if (want.has(ACCOUNT_TYPE) && !resources.some((r) => r.type === ACCOUNT_TYPE)) {
    const why = failed.get(ACCOUNT_TYPE) ?? "the account summary was not read";
    resources.push(ACCOUNT_MAPPER.map({ SummaryMap: new Unknown(why, "iam:GetAccountSummary") }, { account: opts.account, region: globalRegion(opts.partition), partition: opts.partition }));
  }
  return { resources, failed };
}
