import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, int, obj, str, strArr, typeSchema } from "./schema.js";

/** AWS::ECS::Service. Config id: the service ARN. */
export const ECS_SERVICE_TYPE = "AWS::ECS::Service";

export interface EcsServiceProps extends CommonProps {
  ServiceName?: Val<string>;
  Cluster?: Val<string>;
  TaskDefinition?: Val<string>;
  DesiredCount?: Val<number>;
  LaunchType?: Val<string>;
  PlatformVersion?: Val<string>;
  EnableExecuteCommand?: Val<boolean>;
  PropagateTags?: Val<string>;
  DeploymentConfiguration?: {
    MaximumPercent?: Val<number>;
    MinimumHealthyPercent?: Val<number>;
    DeploymentCircuitBreaker?: Val<{ Enable?: Val<boolean>; Rollback?: Val<boolean> }>;
    Alarms?: { AlarmNames?: Val<string[]>; Enable?: Val<boolean>; Rollback?: Val<boolean> };
  };
  DeploymentController?: { Type?: Val<string> };
  NetworkConfiguration?: { AwsvpcConfiguration?: { AssignPublicIp?: Val<string>; SecurityGroups?: Val<string[]>; Subnets?: Val<string[]> } };
}

export const ECS_SERVICE_SCHEMA = typeSchema({
  type: ECS_SERVICE_TYPE,
  description: "An ECS service, CloudFormation property names.",
  properties: {
    ServiceName: str(),
    Cluster: str(),
    TaskDefinition: str(),
    DesiredCount: int(),
    LaunchType: str(),
    PlatformVersion: str(),
    EnableExecuteCommand: bool(),
    PropagateTags: str(),
    DeploymentConfiguration: obj({
      MaximumPercent: int(),
      MinimumHealthyPercent: int(),
      DeploymentCircuitBreaker: obj({ Enable: bool(), Rollback: bool() }),
      Alarms: obj({ AlarmNames: strArr(), Enable: bool(), Rollback: bool() }),
    }),
    DeploymentController: obj({ Type: str("ECS | CODE_DEPLOY | EXTERNAL") }),
    NetworkConfiguration: obj({
      AwsvpcConfiguration: obj({ AssignPublicIp: str("ENABLED | DISABLED"), SecurityGroups: strArr(), Subnets: strArr() }),
    }),
  },
});

export const ECS_SERVICE: ResourceTypeInfo = {
  type: ECS_SERVICE_TYPE,
  schema: ECS_SERVICE_SCHEMA,
  description: "ECS service: deployment circuit breaker, public IP, exec command.",
  taggable: true,
};
