/** The live-AWS flags of `audit` and `gate` (--aws and friends), turned into LiveOptions. */
import type { Command } from "commander";
import { InputError } from "../errors.js";
import { checkAccountOptions } from "../sources/aws/accounts.js";
import { DEFAULT_CONCURRENCY, type LiveOptions } from "../sources/aws/collect.js";
import { progressFor } from "../sources/aws/progress.js";
import { parseRegions } from "../sources/aws/regions.js";
import type { CliIO } from "./main.js";

export interface AwsFlags {
  aws?: boolean;
  profile?: string;
  regions?: string;
  assumeRole?: string[];
  accounts?: string;
  roleName?: string;
  org?: boolean;
  concurrency?: string;
  quiet?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addAwsOptions(cmd: Command): Command {
  return cmd
    .option("--aws", "audit the live AWS account(s) too (read-only; standard credential chain, AWS_ENDPOINT_URL honored)")
    .option("--profile <name>", "with --aws: shared config / SSO profile for the base credentials")
    .option("--regions <list>", "with --aws: comma-separated regions (default: the account's enabled regions)")
    .option("--assume-role <arn>", "with --aws: audit the account of this role, assumed with the base credentials (repeatable)", collect)
    .option("--accounts <ids>", "with --aws: comma-separated account ids, reached by assuming --role-name in each")
    .option("--role-name <name>", "with --aws: the role to assume in each account of --accounts or --org")
    .option("--org", "with --aws: audit every active account of the organization (Organizations ListAccounts), assuming --role-name")
    .option("--concurrency <n>", `with --aws: API requests in flight at once, over all accounts and regions (default ${DEFAULT_CONCURRENCY})`);
}

/** LiveOptions from the flags, or undefined without --aws. Flag mistakes are input errors (exit 2). */
export function liveOptions(flags: AwsFlags, io: Pick<CliIO, "stderr"> & { stderrIsTTY?: boolean }): LiveOptions | undefined {
  const awsOnly = flags.profile !== undefined || flags.regions !== undefined || flags.assumeRole?.length || flags.accounts !== undefined || flags.roleName !== undefined || flags.org || flags.concurrency !== undefined;
  if (!flags.aws) {
    if (awsOnly) throw new InputError("--profile, --regions, --assume-role, --accounts, --role-name, --org and --concurrency need --aws");
    return undefined;
  }
  let concurrency: number | undefined;
  if (flags.concurrency !== undefined) {
    concurrency = Number(flags.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new InputError(`--concurrency: '${flags.concurrency}' is not a whole number from 1 to 256`);
  }
  const accounts = flags.accounts?.split(",").map((a) => a.trim()).filter(Boolean);
  if (flags.accounts !== undefined && !accounts?.length) throw new InputError("--accounts: expected comma-separated 12-digit account ids");
  const opts: LiveOptions = {
    profile: flags.profile,
    regions: parseRegions(flags.regions),
    assumeRoles: flags.assumeRole,
    accounts,
    roleName: flags.roleName,
    org: Boolean(flags.org),
    concurrency,
    quiet: flags.quiet,
    progress: progressFor({ write: (s: string) => io.stderr(s), isTTY: io.stderrIsTTY ?? Boolean(process.stderr.isTTY) }, flags.quiet),
  };
  checkAccountOptions(opts);
  return opts;
}
