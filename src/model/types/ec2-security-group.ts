import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, int, obj, str, typeSchema } from "./schema.js";

/** AWS::EC2::SecurityGroup. Config id: the group id ("sg-..."). */
export const EC2_SECURITY_GROUP_TYPE = "AWS::EC2::SecurityGroup";

/** One rule, one source: a Terraform rule with three CIDRs becomes three of these (as the EC2 API lists them). */
export interface SecurityGroupRule {
  IpProtocol?: Val<string>;
  FromPort?: Val<number>;
  ToPort?: Val<number>;
  CidrIp?: Val<string>;
  CidrIpv6?: Val<string>;
  SourcePrefixListId?: Val<string>;
  SourceSecurityGroupId?: Val<string>;
  DestinationPrefixListId?: Val<string>;
  DestinationSecurityGroupId?: Val<string>;
  Description?: Val<string>;
}

export interface Ec2SecurityGroupProps extends CommonProps {
  GroupId?: Val<string>;
  GroupName?: Val<string>;
  GroupDescription?: Val<string>;
  VpcId?: Val<string>;
  SecurityGroupIngress?: Val<SecurityGroupRule[]>;
  SecurityGroupEgress?: Val<SecurityGroupRule[]>;
}

const rule = obj({
  IpProtocol: str("tcp | udp | icmp | icmpv6 | -1 (all) | a protocol number"),
  FromPort: int(),
  ToPort: int(),
  CidrIp: str(),
  CidrIpv6: str(),
  SourcePrefixListId: str(),
  SourceSecurityGroupId: str(),
  DestinationPrefixListId: str(),
  DestinationSecurityGroupId: str(),
  Description: str(),
});

export const EC2_SECURITY_GROUP_SCHEMA = typeSchema({
  type: EC2_SECURITY_GROUP_TYPE,
  description:
    "A security group with all its rules (inline ingress/egress, aws_security_group_rule, aws_vpc_security_group_*_rule merged in), one entry per source.",
  properties: {
    GroupId: str("Normalized extra: the sg- id."),
    GroupName: str(),
    GroupDescription: str(),
    VpcId: str(),
    SecurityGroupIngress: arr(rule),
    SecurityGroupEgress: arr(rule),
  },
});

export const EC2_SECURITY_GROUP: ResourceTypeInfo = {
  type: EC2_SECURITY_GROUP_TYPE,
  schema: EC2_SECURITY_GROUP_SCHEMA,
  description: "EC2 security group and its ingress / egress rules.",
  taggable: true,
};
