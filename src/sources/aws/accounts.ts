/**
 * Which accounts to audit and with which credentials: the caller's own account (STS GetCallerIdentity),
 * roles named by ARN (--assume-role), a role name in listed accounts (--accounts + --role-name), or every
 * active account of the organization (--org + --role-name). A role that cannot be assumed is not an error
 * that stops the audit: that account's evidence becomes one gap per needed type.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { OrganizationsClient, paginateListAccounts } from "@aws-sdk/client-organizations";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { InputError } from "../../errors.js";
import type { ClientFactory } from "./clients.js";
import type { CallFailure } from "./contract.js";
import { toFailure } from "./failures.js";

export type CredentialSource = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export interface AccountOptions {
  /** Shared config profile for the base credentials (--profile). */
  profile?: string;
  /** Explicit base credentials (library callers, tests); the standard chain when absent. */
  credentials?: CredentialSource;
  assumeRoles?: readonly string[];
  accounts?: readonly string[];
  roleName?: string;
  org?: boolean;
  /** Region for STS / Organizations calls. */
  homeRegion: string;
  /** Appears in CloudTrail as the session name of assumed roles. */
  sessionName?: string;
}

export interface AccountTarget {
  account: string;
  partition: string;
  credentials: CredentialSource;
  /** The role assumed to reach it, when one was. */
  roleArn?: string;
  /** Set when the account could not be reached: every needed type becomes a gap. */
  failure?: CallFailure;
}

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/[\w+=,.@\/-]+$/;
const ACCOUNT_ID = /^\d{12}$/;

/** Checks the flags before any call is made: a bad ARN or account id is an input error (exit 2). */
export function checkAccountOptions(o: Pick<AccountOptions, "assumeRoles" | "accounts" | "roleName" | "org">): void {
  for (const arn of o.assumeRoles ?? []) {
    if (!ROLE_ARN.test(arn)) throw new InputError(`--assume-role ${JSON.stringify(arn.slice(0, 120))}: expected a role ARN like arn:aws:iam::111122223333:role/NAME`);
  }
  for (const id of o.accounts ?? []) {
    if (!ACCOUNT_ID.test(id)) throw new InputError(`--accounts: '${id.slice(0, 40)}' is not a 12-digit account id`);
  }
  if ((o.accounts?.length || o.org) && !o.roleName) throw new InputError(`${o.org ? "--org" : "--accounts"} needs --role-name NAME (the role to assume in each account)`);
  if (o.roleName && !/^[\w+=,.@\/-]{1,64}$/.test(o.roleName)) throw new InputError(`--role-name '${o.roleName.slice(0, 70)}' is not a valid role name`);
}

function baseCredentials(o: AccountOptions, factory: ClientFactory): CredentialSource {
  if (o.credentials) return o.credentials;
  const endpoint = factory.settings.endpoint;
  // SSO, web identity and role-chaining profiles call STS themselves: they must reach the same endpoint.
  return fromNodeProviderChain({ profile: o.profile, clientConfig: { region: o.homeRegion, ...(endpoint ? { endpoint } : {}) } });
}

/** Credentials from AssumeRole, refreshed five minutes before they expire. */
function assumedRole(sts: STSClient, roleArn: string, sessionName: string): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const fetch = async (): Promise<AwsCredentialIdentity> => {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 3600 }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error(`AssumeRole ${roleArn} returned no credentials`), { name: "NoCredentials" });
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  };
  return async () => {
    const c = current ? await current.catch(() => undefined) : undefined;
    if (!current || !c || (c.expiration && c.expiration.getTime() - Date.now() < 300_000)) current = fetch();
    return current;
  };
}

function accountOfArn(arn: string): { account: string; partition: string } {
  const m = ROLE_ARN.exec(arn)!;
  return { partition: m[1], account: m[2] };
}

/** Resolves the accounts to audit. Throws only for a failure of the base credentials themselves. */
export async function resolveAccounts(o: AccountOptions, factory: ClientFactory): Promise<AccountTarget[]> {
  checkAccountOptions(o);
  const base = baseCredentials(o, factory);
  const sts = factory.client(STSClient, "base", o.homeRegion, base);
  const sessionName = o.sessionName ?? "plumbline-audit";
  const me = await sts.send(new GetCallerIdentityCommand({})).catch((err: unknown) => {
    const f = toFailure(err, "sts:GetCallerIdentity");
    throw new Error(`could not use the AWS credentials${o.profile ? ` of profile ${o.profile}` : ""}: ${f.reason}`);
  });
  const myAccount = me.Account ?? "unknown";
  const myPartition = /^arn:([^:]+):/.exec(me.Arn ?? "")?.[1] ?? "aws";

  const roleArns: string[] = [...(o.assumeRoles ?? [])];
  const targets: AccountTarget[] = [];
  let ids = [...(o.accounts ?? [])];
  if (o.org) {
    try {
      const org = factory.client(OrganizationsClient, "base", o.homeRegion, base);
      for await (const page of paginateListAccounts({ client: org }, {})) {
        for (const a of page.Accounts ?? []) if (a.Id && (a.State ?? a.Status) === "ACTIVE") ids.push(a.Id);
      }
    } catch (err) {
      throw new Error(`--org: could not list the organization's accounts: ${toFailure(err, "organizations:ListAccounts").reason}`);
    }
  }
  ids = [...new Set(ids)];
  for (const id of ids) {
    // In the caller's own account its own credentials reach everything the role would.
    if (id === myAccount && o.org) targets.push({ account: id, partition: myPartition, credentials: base });
    else roleArns.push(`arn:${myPartition}:iam::${id}:role/${o.roleName}`);
  }
  if (roleArns.length === 0 && targets.length === 0) return [{ account: myAccount, partition: myPartition, credentials: base }];

  const assumed = await Promise.all(
    [...new Set(roleArns)].map(async (arn): Promise<AccountTarget> => {
      const { account, partition } = accountOfArn(arn);
      const creds = assumedRole(sts, arn, sessionName);
      try {
        await creds();
        return { account, partition, credentials: creds, roleArn: arn };
      } catch (err) {
        const f = toFailure(err, "sts:AssumeRole");
        return { account, partition, credentials: creds, roleArn: arn, failure: { ...f, reason: `could not assume ${arn}: ${f.reason}` } };
      }
    }),
  );
  // One target per account (two roles into one account would audit it twice).
  const seen = new Set(targets.map((t) => t.account));
  for (const t of assumed) if (!seen.has(t.account)) (seen.add(t.account), targets.push(t));
  return targets;
}

