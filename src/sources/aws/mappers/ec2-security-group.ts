import type { IpPermission, SecurityGroup } from "@aws-sdk/client-ec2";
import { EC2_SECURITY_GROUP_TYPE, type SecurityGroupRule } from "../../../model/types/ec2-security-group.js";
import { isArn } from "../../../model/arn.js";
import type { TypeMapper } from "../contract.js";
import { liveResource, nonEmpty, tagRecord } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: one DescribeSecurityGroups
 * item, rules (IpPermissions / IpPermissionsEgress) and tags inline. A value the collector could not
 * read is an Unknown.
 */
export type Ec2SecurityGroupShape = SecurityGroup;

type Direction = "ingress" | "egress";

/** One API permission → one entry per source, as CloudFormation and the Terraform mappers list them. */
function expand(p: IpPermission, dir: Direction): SecurityGroupRule[] {
  const base = (description: string | undefined): SecurityGroupRule => {
    const r: SecurityGroupRule = {};
    if (p.IpProtocol !== undefined) r.IpProtocol = p.IpProtocol;
    if (p.FromPort !== undefined) r.FromPort = p.FromPort;
    if (p.ToPort !== undefined) r.ToPort = p.ToPort;
    const d = nonEmpty(description);
    if (d !== undefined) r.Description = d;
    return r;
  };
  const out: SecurityGroupRule[] = [];
  for (const x of p.IpRanges ?? []) if (x.CidrIp) out.push({ ...base(x.Description), CidrIp: x.CidrIp });
  for (const x of p.Ipv6Ranges ?? []) if (x.CidrIpv6) out.push({ ...base(x.Description), CidrIpv6: x.CidrIpv6 });
  for (const x of p.PrefixListIds ?? []) {
    if (x.PrefixListId) out.push({ ...base(x.Description), [dir === "ingress" ? "SourcePrefixListId" : "DestinationPrefixListId"]: x.PrefixListId });
  }
  for (const x of p.UserIdGroupPairs ?? []) {
    if (x.GroupId) out.push({ ...base(x.Description), [dir === "ingress" ? "SourceSecurityGroupId" : "DestinationSecurityGroupId"]: x.GroupId });
  }
  return out;
}

/** AWS::EC2::SecurityGroup from DescribeSecurityGroups. Id: the sg- id. */
export const EC2_SECURITY_GROUP_MAPPER: TypeMapper<Ec2SecurityGroupShape> = {
  type: EC2_SECURITY_GROUP_TYPE,
  map(g, scope) {
    const id = g.GroupId ?? "";
    // Older API versions (and moto) omit SecurityGroupArn; the ARN format is fixed (EC2 resource types).
    const arn = isArn(g.SecurityGroupArn)
      ? g.SecurityGroupArn
      : `arn:${scope.partition}:ec2:${scope.region}:${g.OwnerId ?? scope.account}:security-group/${id}`;
    return liveResource(scope, {
      type: EC2_SECURITY_GROUP_TYPE,
      id,
      arn,
      name: g.GroupName,
      region: scope.region,
      tags: tagRecord(g.Tags),
      props: {
        GroupId: g.GroupId,
        GroupName: g.GroupName,
        GroupDescription: g.Description,
        VpcId: nonEmpty(g.VpcId),
        SecurityGroupIngress: (g.IpPermissions ?? []).flatMap((p) => expand(p, "ingress")),
        SecurityGroupEgress: (g.IpPermissionsEgress ?? []).flatMap((p) => expand(p, "egress")),
      },
    });
  },
};
