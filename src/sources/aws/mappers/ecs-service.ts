import type { Service } from "@aws-sdk/client-ecs";
import { ECS_SERVICE_TYPE } from "../../../model/types/ecs-service.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, nonEmpty } from "./common.js";

/**
 * The describe-API shape (SDK v3; ECS spells it camelCase) assembled by the collector: one
 * DescribeServices item, requested with include=TAGS so its tags come inline. A value the collector could
 * not read is an Unknown.
 */
export type EcsServiceShape = Service;

/** ECS tags are [{key, value}]. */
function ecsTags(list: Service["tags"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of list ?? []) if (t.key !== undefined) out[t.key] = t.value ?? "";
  return out;
}

/**
 * AWS::ECS::Service. Id and ARN: the service ARN. Where DescribeServices omits a block it is not
 * configured, and the ECS defaults apply: no deploymentCircuitBreaker means it is off, no
 * deploymentController means the ECS rolling-update controller.
 */
export const ECS_SERVICE_MAPPER: TypeMapper<EcsServiceShape> = {
  type: ECS_SERVICE_TYPE,
  map(s, scope) {
    const dc = s.deploymentConfiguration;
    const breaker = dc?.deploymentCircuitBreaker;
    const alarms = dc?.alarms;
    const vpc = s.networkConfiguration?.awsvpcConfiguration;
    return liveResource(scope, {
      type: ECS_SERVICE_TYPE,
      id: s.serviceArn ?? s.serviceName ?? "",
      arn: s.serviceArn,
      name: s.serviceName,
      region: scope.region,
      tags: ecsTags(s.tags),
      props: {
        ServiceName: s.serviceName,
        Cluster: s.clusterArn,
        TaskDefinition: s.taskDefinition,
        DesiredCount: s.desiredCount,
        LaunchType: s.launchType,
        PlatformVersion: nonEmpty(s.platformVersion),
        EnableExecuteCommand: s.enableExecuteCommand ?? false,
        PropagateTags: s.propagateTags,
        DeploymentConfiguration: compact({
          MaximumPercent: dc?.maximumPercent,
          MinimumHealthyPercent: dc?.minimumHealthyPercent,
          DeploymentCircuitBreaker: breaker
            ? compact({ Enable: breaker.enable, Rollback: breaker.rollback })
            : { Enable: false, Rollback: false },
          Alarms: alarms && compact({ AlarmNames: alarms.alarmNames, Enable: alarms.enable, Rollback: alarms.rollback }),
        }),
        DeploymentController: { Type: s.deploymentController?.type ?? "ECS" },
        NetworkConfiguration: vpc && {
          AwsvpcConfiguration: compact({
            // The API default for awsvpc networking (RunTask / CreateService): DISABLED.
            AssignPublicIp: vpc.assignPublicIp ?? "DISABLED",
            SecurityGroups: vpc.securityGroups,
            Subnets: vpc.subnets,
          }),
        },
      },
    });
  },
};
