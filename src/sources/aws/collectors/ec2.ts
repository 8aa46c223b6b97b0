import {
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeFlowLogs,
  paginateDescribeVolumes,
  type Volume,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
  type FlowLog,
  type SecurityGroup,
  type Vpc,
} from "@aws-sdk/client-ec2";
import type { Resource } from "../../../model/resource.js";
import { EC2_SECURITY_GROUP_TYPE } from "../../../model/types/ec2-security-group.js";
import { EC2_VPC_TYPE } from "../../../model/types/ec2-vpc.js";
import { EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE } from "../../../model/types/ec2-ebs-encryption-by-default.js";
import { EC2_VOLUME_TYPE } from "../../../model/types/ec2-volume.js";
import type { Unknown } from "../../../model/values.js";
import type { CollectContext, Collector } from "../contract.js";
import { EC2_SECURITY_GROUP_MAPPER } from "../mappers/ec2-security-group.js";
import { EC2_VPC_MAPPER } from "../mappers/ec2-vpc.js";
import { EC2_EBS_ENCRYPTION_BY_DEFAULT_MAPPER, EC2_VOLUME_MAPPER } from "../mappers/ec2-volume.js";
import { listAll, readOr } from "./read-helpers.js";

/**
 * EC2 security groups, VPCs and EBS volumes, per region, with no per-resource call: DescribeSecurityGroups
 * carries the rules and tags inline; DescribeFlowLogs is called once per region and joined to the VPCs by
 * ResourceId (if only that call fails, every VPC's FlowLogs is UNKNOWN, not "none"); DescribeVolumes
 * carries encryption and tags. The region's EBS encryption default: GetEbsEncryptionByDefault and
 * GetEbsDefaultKmsKeyId, one record per region.
 */
export const EC2_COLLECTOR: Collector = {
  service: "ec2",
  types: [EC2_SECURITY_GROUP_TYPE, EC2_VPC_TYPE, EC2_VOLUME_TYPE, EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE],
  actions: [
    "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "ec2:DescribeFlowLogs", "ec2:DescribeVolumes", "ec2:GetEbsEncryptionByDefault",
    "ec2:GetEbsDefaultKmsKeyId",
  ],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const ec2 = ctx.client(EC2Client);
    const [groups, vpcs, volumes, ebsDefault] = await Promise.all([
      listAll(ctx, EC2_SECURITY_GROUP_TYPE, "ec2:DescribeSecurityGroups", async () => {
        const items: SecurityGroup[] = [];
        for await (const page of paginateDescribeSecurityGroups({ client: ec2 }, { MaxResults: 1000 })) items.push(...(page.SecurityGroups ?? []));
        return items.map((g) => EC2_SECURITY_GROUP_MAPPER.map(g, ctx.scope));
      }),
      listAll(ctx, EC2_VPC_TYPE, "ec2:DescribeVpcs", async () => {
        const items: Vpc[] = [];
        for await (const page of paginateDescribeVpcs({ client: ec2 }, { MaxResults: 1000 })) items.push(...(page.Vpcs ?? []));
        if (items.length === 0) return [];
        const flowLogs = await readOr(ctx, "ec2:DescribeFlowLogs", async () => {
          const logs: FlowLog[] = [];
          for await (const page of paginateDescribeFlowLogs({ client: ec2 }, { MaxResults: 1000 })) logs.push(...(page.FlowLogs ?? []));
          return logs;
        });
        const byVpc = (id: string | undefined): FlowLog[] | Unknown =>
          Array.isArray(flowLogs) ? flowLogs.filter((f) => f.ResourceId !== undefined && f.ResourceId === id) : flowLogs;
        return items.map((Vpc) => EC2_VPC_MAPPER.map({ Vpc, FlowLogs: byVpc(Vpc.VpcId) }, ctx.scope));
      }),
      listAll(ctx, EC2_VOLUME_TYPE, "ec2:DescribeVolumes", async () => {
        const items: Volume[] = [];
        for await (const page of paginateDescribeVolumes({ client: ec2 }, { MaxResults: 500 })) items.push(...(page.Volumes ?? []));
        return items.map((v) => EC2_VOLUME_MAPPER.map(v, ctx.scope));
      }),
      (async () => {
        // The setting always exists (off unless enabled): a failure is an unknown value, not a gap.
        const [EbsEncryptionByDefault, KmsKeyId] = await Promise.all([
          readOr(ctx, "ec2:GetEbsEncryptionByDefault", async () => (await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault),
          readOr(ctx, "ec2:GetEbsDefaultKmsKeyId", async () => (await ec2.send(new GetEbsDefaultKmsKeyIdCommand({}))).KmsKeyId),
        ]);
        return [EC2_EBS_ENCRYPTION_BY_DEFAULT_MAPPER.map({ EbsEncryptionByDefault, KmsKeyId }, ctx.scope)];
      })(),
    ]);
    return [...groups, ...vpcs, ...volumes, ...ebsDefault];
  },
};
