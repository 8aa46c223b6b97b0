/**
 * IAM roles, users and customer managed policies, from GetAccountAuthorizationDetails (GAAD) items.
 * GAAD lacks a role's Description and MaxSessionDuration, and moto's GAAD lacks a managed policy's
 * PolicyName / PolicyId: the collector fills those from ListRoles / ListPolicies (one page per 1,000).
 */
import type { AccessKeyMetadata, ManagedPolicyDetail, RoleDetail, Tag, UserDetail } from "@aws-sdk/client-iam";
import { IAM_POLICY_TYPE } from "../../../model/types/iam-policy.js";
import { IAM_ROLE_TYPE } from "../../../model/types/iam-role.js";
import { IAM_USER_TYPE } from "../../../model/types/iam-user.js";
import { Unknown } from "../../../model/values.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, policyFromText, tagRecord, type Read } from "./common.js";

/**
 * AWS::IAM::Role shape: the describe-API shape (SDK v3, PascalCase) assembled by the collector: GAAD's
 * RoleDetail, plus Description and MaxSessionDuration from ListRoles; a value the collector could not
 * read is an Unknown.
 */
export interface IamRoleShape extends Omit<RoleDetail, "Tags"> {
  Description?: Read<string | undefined>;
  MaxSessionDuration?: Read<number | undefined>;
  Tags?: Read<Tag[] | undefined>;
}

/**
 * AWS::IAM::User shape: GAAD's UserDetail (SDK v3, PascalCase) plus ListAccessKeys' AccessKeyMetadata
 * (id, status, creation date; never a secret); a value the collector could not read is an Unknown.
 */
export interface IamUserShape extends Omit<UserDetail, "Tags"> {
  Tags?: Read<Tag[] | undefined>;
  AccessKeyMetadata?: Read<AccessKeyMetadata[] | undefined>;
}

/** An SDK Date (or the ISO text a Config item carries) as RFC 3339 to the second, as IAM and Terraform give it. */
function isoTime(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  const t = typeof d === "string" ? new Date(d) : d;
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * AWS::IAM::Policy shape: GAAD's ManagedPolicyDetail (SDK v3, PascalCase), PolicyName / PolicyId filled
 * from ListPolicies where GAAD lacks them, Tags from ListPolicyTags; a value not readable is an Unknown.
 */
export interface IamPolicyShape extends ManagedPolicyDetail {
  Tags?: Read<Tag[] | undefined>;
}

function inlinePolicies(list: ReadonlyArray<{ PolicyName?: string; PolicyDocument?: string }> | undefined) {
  return (list ?? []).map((p) => ({ PolicyName: p.PolicyName, PolicyDocument: policyFromText(p.PolicyDocument) }));
}

function attached(list: ReadonlyArray<{ PolicyArn?: string }> | undefined): string[] {
  return (list ?? []).flatMap((p) => (p.PolicyArn ? [p.PolicyArn] : []));
}


export const IAM_ROLE_MAPPER: TypeMapper<IamRoleShape> = {
  type: IAM_ROLE_TYPE,
  map(s, scope) {
    return liveResource(scope, {
      type: IAM_ROLE_TYPE,
      id: s.RoleId ?? s.Arn ?? s.RoleName ?? "",
      arn: s.Arn,
      name: s.RoleName,
      tags: tagRecord(s.Tags),
      props: {
        RoleName: s.RoleName,
        RoleId: s.RoleId,
        Path: s.Path,
        Description: s.Description === "" ? undefined : s.Description,
        MaxSessionDuration: s.MaxSessionDuration,
        AssumeRolePolicyDocument: policyFromText(s.AssumeRolePolicyDocument),
        PermissionsBoundary: s.PermissionsBoundary?.PermissionsBoundaryArn,
        AttachedManagedPolicyArns: attached(s.AttachedManagedPolicies),
        Policies: inlinePolicies(s.RolePolicyList),
      },
    });
  },
};

export const IAM_USER_MAPPER: TypeMapper<IamUserShape> = {
  type: IAM_USER_TYPE,
  map(s, scope) {
    return liveResource(scope, {
      type: IAM_USER_TYPE,
      id: s.UserId ?? s.Arn ?? s.UserName ?? "",
      arn: s.Arn,
      name: s.UserName,
      tags: tagRecord(s.Tags),
      props: {
        UserName: s.UserName,
        UserId: s.UserId,
        Path: s.Path,
        PermissionsBoundary: s.PermissionsBoundary?.PermissionsBoundaryArn,
        AttachedManagedPolicyArns: attached(s.AttachedManagedPolicies),
        Policies: inlinePolicies(s.UserPolicyList),
        AccessKeys: mapRead(s.AccessKeyMetadata, (keys) =>
          keys?.length ? keys.map((k) => compact({ AccessKeyId: k.AccessKeyId, Status: k.Status, CreateDate: isoTime(k.CreateDate) }) ?? {}) : undefined,
        ),
      },
    });
  },
};

/** The policy name is the ARN's last path segment: arn:aws:iam::111122223333:policy/path/name. */
function nameFromArn(arn: string | undefined): string | undefined {
  return arn?.split("/").pop() || undefined;
}

export const IAM_POLICY_MAPPER: TypeMapper<IamPolicyShape> = {
  type: IAM_POLICY_TYPE,
  map(s, scope) {
    const name = s.PolicyName ?? nameFromArn(s.Arn);
    const current = (s.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion || (s.DefaultVersionId && v.VersionId === s.DefaultVersionId));
    return liveResource(scope, {
      type: IAM_POLICY_TYPE,
      id: s.PolicyId ?? s.Arn ?? name ?? "",
      arn: s.Arn,
      name,
      tags: tagRecord(s.Tags),
      props: {
        PolicyName: name,
        PolicyId: s.PolicyId,
        Path: s.Path,
        Description: s.Description === "" ? undefined : s.Description,
        PolicyDocument: current
          ? policyFromText(current.Document)
          : new Unknown("the default policy version is missing from the authorization details", "iam:GetAccountAuthorizationDetails"),
      },
    });
  },
};
