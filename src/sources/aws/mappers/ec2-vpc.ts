import type { FlowLog, Vpc } from "@aws-sdk/client-ec2";
import { EC2_VPC_TYPE, type VpcFlowLog } from "../../../model/types/ec2-vpc.js";
import { Unknown } from "../../../model/values.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, nonEmpty, tagRecord, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: one DescribeVpcs item and the
 * DescribeFlowLogs items whose ResourceId is this VPC (the collector lists a region's flow logs once and
 * joins them). EnableDnsSupport / EnableDnsHostnames come from DescribeVpcAttribute, which the live
 * collector does not call (no rule reads them; two calls per VPC): absent here means "not read". A value
 * the collector could not read is an Unknown.
 */
export interface Ec2VpcShape {
  Vpc: Vpc;
  FlowLogs: Read<FlowLog[]>;
  EnableDnsSupport?: Read<boolean>;
  EnableDnsHostnames?: Read<boolean>;
}

const notRead = (attr: string) =>
  new Unknown(`${attr} is not read by the live collector (it needs one ec2:DescribeVpcAttribute call per VPC)`, "ec2:DescribeVpcAttribute");

/** AWS::EC2::VPC from DescribeVpcs + DescribeFlowLogs. Id: the vpc- id. */
export const EC2_VPC_MAPPER: TypeMapper<Ec2VpcShape> = {
  type: EC2_VPC_TYPE,
  map({ Vpc: v, FlowLogs, EnableDnsSupport, EnableDnsHostnames }, scope) {
    const id = v.VpcId ?? "";
    return liveResource(scope, {
      type: EC2_VPC_TYPE,
      id,
      // DescribeVpcs has no ARN; the format is fixed (as the provider builds it for Terraform state).
      arn: `arn:${scope.partition}:ec2:${scope.region}:${v.OwnerId ?? scope.account}:vpc/${id}`,
      region: scope.region,
      tags: tagRecord(v.Tags),
      props: {
        VpcId: v.VpcId,
        CidrBlock: v.CidrBlock,
        EnableDnsHostnames: EnableDnsHostnames ?? notRead("EnableDnsHostnames"),
        EnableDnsSupport: EnableDnsSupport ?? notRead("EnableDnsSupport"),
        InstanceTenancy: v.InstanceTenancy,
        FlowLogs: mapRead(FlowLogs, (list) => list.map(flowLog)),
      },
    });
  },
};

function flowLog(f: FlowLog): VpcFlowLog {
  return (
    compact({
      FlowLogId: f.FlowLogId,
      TrafficType: f.TrafficType,
      LogDestinationType: f.LogDestinationType,
      // Flow logs created with LogGroupName (before LogDestination existed) name only the group.
      LogDestination: nonEmpty(f.LogDestination) ?? nonEmpty(f.LogGroupName),
      DeliverLogsPermissionArn: nonEmpty(f.DeliverLogsPermissionArn),
      MaxAggregationInterval: f.MaxAggregationInterval,
    }) ?? {}
  );
}
