import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, int, obj, str, typeSchema } from "./schema.js";

/** AWS::EC2::VPC. Config id: the VPC id ("vpc-..."). Flow logs are folded in (FlowLogs). */
export const EC2_VPC_TYPE = "AWS::EC2::VPC";

export interface VpcFlowLog {
  FlowLogId?: Val<string>;
  TrafficType?: Val<string>;
  LogDestinationType?: Val<string>;
  LogDestination?: Val<string>;
  DeliverLogsPermissionArn?: Val<string>;
  MaxAggregationInterval?: Val<number>;
}

export interface Ec2VpcProps extends CommonProps {
  VpcId?: Val<string>;
  CidrBlock?: Val<string>;
  EnableDnsHostnames?: Val<boolean>;
  EnableDnsSupport?: Val<boolean>;
  InstanceTenancy?: Val<string>;
  FlowLogs?: VpcFlowLog[];
}

export const EC2_VPC_SCHEMA = typeSchema({
  type: EC2_VPC_TYPE,
  description: "A VPC, CloudFormation property names, with its flow logs.",
  properties: {
    VpcId: str("Normalized extra: the vpc- id."),
    CidrBlock: str(),
    EnableDnsHostnames: bool(),
    EnableDnsSupport: bool(),
    InstanceTenancy: str(),
    FlowLogs: arr(
      obj({
        FlowLogId: str(),
        TrafficType: str("ACCEPT | REJECT | ALL"),
        LogDestinationType: str("cloud-watch-logs | s3 | kinesis-data-firehose"),
        LogDestination: str(),
        DeliverLogsPermissionArn: str(),
        MaxAggregationInterval: int(),
      }),
      "Normalized extra: flow logs on this VPC (aws_flow_log with vpc_id), AWS::EC2::FlowLog properties.",
    ),
  },
});

export const EC2_VPC: ResourceTypeInfo = {
  type: EC2_VPC_TYPE,
  schema: EC2_VPC_SCHEMA,
  description: "VPC and its flow logs.",
  taggable: true,
};
