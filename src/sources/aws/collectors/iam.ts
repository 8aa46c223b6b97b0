/**
 * IAM roles, users and customer managed policies. GetAccountAuthorizationDetails is the bulk call: one
 * page per few hundred principals carries trust policies, inline and attached policies, boundaries and
 * role/user tags. ListAccessKeys per user adds key ages. ListRoles adds Description / MaxSessionDuration (GAAD lacks them) and ListPolicies the
 * names and ids moto's GAAD lacks, one page per 1,000; ListPolicyTags is the one per-policy call.
 */
import {
  IAMClient,
  ListPolicyTagsCommand,
  paginateListAccessKeys,
  paginateGetAccountAuthorizationDetails,
  paginateListPolicies,
  paginateListRoles,
  type ManagedPolicyDetail,
  type Role,
  type RoleDetail,
  type UserDetail,
} from "@aws-sdk/client-iam";
import type { Resource } from "../../../model/resource.js";
import { IAM_POLICY_TYPE } from "../../../model/types/iam-policy.js";
import { IAM_ROLE_TYPE } from "../../../model/types/iam-role.js";
import { IAM_USER_TYPE } from "../../../model/types/iam-user.js";
import { Unknown, isUnknown } from "../../../model/values.js";
import type { CollectContext, Collector } from "../contract.js";
import { failed } from "../mappers/common.js";
import { IAM_POLICY_MAPPER, IAM_ROLE_MAPPER, IAM_USER_MAPPER } from "../mappers/iam.js";
import { all, isFailure, list, read } from "./util.js";

const TYPES = [IAM_ROLE_TYPE, IAM_USER_TYPE, IAM_POLICY_TYPE] as const;

export const IAM_COLLECTOR: Collector = {
  service: "iam",
  types: TYPES,
  global: true,
  actions: ["iam:GetAccountAuthorizationDetails", "iam:ListRoles", "iam:ListPolicies", "iam:ListPolicyTags", "iam:ListAccessKeys"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const iam = ctx.client(IAMClient);
    // The two small lists run alongside the bulk call. AWS managed policies are left out of GAAD: they
    // are not the account's, and there are over a thousand.
    const [details, roleExtras, policyExtras] = await Promise.all([
      list(ctx, "iam:GetAccountAuthorizationDetails", TYPES, async () => {
        const found = { roles: [] as RoleDetail[], users: [] as UserDetail[], policies: [] as ManagedPolicyDetail[] };
        for await (const page of paginateGetAccountAuthorizationDetails({ client: iam }, { Filter: ["Role", "User", "LocalManagedPolicy"] })) {
          found.roles.push(...(page.RoleDetailList ?? []));
          found.users.push(...(page.UserDetailList ?? []));
          found.policies.push(...(page.Policies ?? []));
        }
        return [found];
      }),
      read(ctx, "iam:ListRoles", () => all(paginateListRoles({ client: iam }, {}), (pg) => pg.Roles)),
      read(ctx, "iam:ListPolicies", () => all(paginateListPolicies({ client: iam }, { Scope: "Local" }), (pg) => pg.Policies)),
    ]);
    if (isFailure(details)) return [];
    const { roles, users, policies } = details[0];
    const byRole = new Map<string, Role>();
    if (Array.isArray(roleExtras)) for (const x of roleExtras) if (x.RoleName) byRole.set(x.RoleName, x);
    const byPolicy = new Map<string, { PolicyName?: string; PolicyId?: string }>();
    if (Array.isArray(policyExtras)) for (const x of policyExtras) if (x.Arn) byPolicy.set(x.Arn, x);

    const out: Resource[] = [];
    for (const role of roles) {
      const extra = byRole.get(role.RoleName ?? "");
      const unread = extra ? undefined : failedOr(roleExtras, `role ${role.RoleName} was not in the ListRoles answer`, "iam:ListRoles");
      out.push(
        IAM_ROLE_MAPPER.map(
          { ...role, Description: unread ?? extra?.Description, MaxSessionDuration: unread ?? extra?.MaxSessionDuration },
          ctx.scope,
        ),
      );
    }
    // Access keys (id, status, age; never a secret): the one per-user call.
    out.push(
      ...(await ctx.map(users, async (user) => {
        const keys = await read(ctx, "iam:ListAccessKeys", () => all(paginateListAccessKeys({ client: iam }, { UserName: user.UserName }), (p) => p.AccessKeyMetadata));
        return IAM_USER_MAPPER.map({ ...user, AccessKeyMetadata: keys }, ctx.scope);
      })),
    );
    const mapped = await ctx.map(policies, async (pol) => {
      const names = byPolicy.get(pol.Arn ?? "");
      const tags = await read(ctx, "iam:ListPolicyTags", () => iam.send(new ListPolicyTagsCommand({ PolicyArn: pol.Arn })).then((o) => o.Tags ?? []));
      return IAM_POLICY_MAPPER.map({ ...pol, PolicyName: pol.PolicyName ?? names?.PolicyName, PolicyId: pol.PolicyId ?? names?.PolicyId, Tags: tags }, ctx.scope);
    });
    out.push(...mapped);
    return out;
  },
};

/** The Unknown for a value a list call should have given: that call's failure, or `reason`. */
function failedOr(v: unknown, reason: string, action: string): Unknown {
  if (isUnknown(v)) return v;
  return failed({ code: "Missing", reason, action });
}
