import { EC2_VPC_TYPE } from "../../../model/types/ec2-vpc.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { bool, compact, num, str, tfType } from "./tf-reader.js";

/**
 * aws_vpc (+ aws_flow_log with vpc_id → FlowLogs) → AWS::EC2::VPC. A VPC with no aws_flow_log in this
 * evidence has no FlowLogs prop: flow logs may be managed elsewhere, so absence here is not proof.
 * Id: the vpc- id.
 */
export const TF_VPC = tfType("aws_vpc", ["id", "arn", "cidr_block", "enable_dns_hostnames", "enable_dns_support", "instance_tenancy"]);
export const TF_FLOW_LOG = tfType("aws_flow_log", [
  "vpc_id", "id", "traffic_type", "log_destination_type", "log_destination", "iam_role_arn", "max_aggregation_interval",
]);

export const VPC_MAPPING = resourceMapping(TF_VPC, EC2_VPC_TYPE, (r, b) => {
  const id = r.get("id");
  b.set("VpcId", str(id), "id");
  b.set("CidrBlock", str(r.get("cidr_block")), "cidr_block");
  // Provider docs (aws_vpc): enable_dns_support "Defaults to true"; enable_dns_hostnames "Defaults
  // false"; instance_tenancy "Default is default".
  b.set("EnableDnsHostnames", bool(r.get("enable_dns_hostnames")), "enable_dns_hostnames");
  b.default("EnableDnsHostnames", false);
  b.set("EnableDnsSupport", bool(r.get("enable_dns_support")), "enable_dns_support");
  b.default("EnableDnsSupport", true);
  b.set("InstanceTenancy", str(r.get("instance_tenancy")), "instance_tenancy");
  b.default("InstanceTenancy", "default");
  return { ident: { id, arn: r.get("arn") }, keys: [id, r.get("arn")] };
});

export const VPC_CHILD_MAPPINGS = [
  childMapping(TF_FLOW_LOG, EC2_VPC_TYPE, ["vpc_id"], (r, b, inst) => {
    b.append(
      "FlowLogs",
      [
        compact({
          FlowLogId: str(r.get("id")),
          TrafficType: str(r.get("traffic_type")),
          // Provider docs (aws_flow_log): log_destination_type "Default: cloud-watch-logs";
          // max_aggregation_interval "Default: 600".
          LogDestinationType: str(r.get("log_destination_type")) ?? "cloud-watch-logs",
          LogDestination: str(r.get("log_destination")),
          DeliverLogsPermissionArn: str(r.get("iam_role_arn")),
          MaxAggregationInterval: num(r.get("max_aggregation_interval")) ?? 600,
        }) ?? {},
      ],
      "vpc_id",
      inst,
    );
  }),
];
