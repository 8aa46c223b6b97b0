import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, int, obj, openObj, str, strArr, typeSchema } from "./schema.js";

/** AWS::ECS::TaskDefinition. Config id: the task definition ARN (family:revision). */
export const ECS_TASK_DEFINITION_TYPE = "AWS::ECS::TaskDefinition";

export interface EcsContainerDefinition {
  Name?: Val<string>;
  Image?: Val<string>;
  Essential?: Val<boolean>;
  Privileged?: Val<boolean>;
  ReadonlyRootFilesystem?: Val<boolean>;
  User?: Val<string>;
  Environment?: Array<{ Name?: Val<string>; Value?: Val<string> }>;
  Secrets?: Array<{ Name?: Val<string>; ValueFrom?: Val<string> }>;
  LogConfiguration?: { LogDriver?: Val<string>; Options?: Record<string, unknown> };
  PortMappings?: unknown[];
}

export interface EcsTaskDefinitionProps extends CommonProps {
  Family?: Val<string>;
  Revision?: Val<number>;
  Cpu?: Val<string>;
  Memory?: Val<string>;
  NetworkMode?: Val<string>;
  PidMode?: Val<string>;
  IpcMode?: Val<string>;
  RequiresCompatibilities?: Val<string[]>;
  TaskRoleArn?: Val<string>;
  ExecutionRoleArn?: Val<string>;
  ContainerDefinitions?: Val<EcsContainerDefinition[]>;
}

export const ECS_TASK_DEFINITION_SCHEMA = typeSchema({
  type: ECS_TASK_DEFINITION_TYPE,
  description: "An ECS task definition with its container definitions (parsed from Terraform's JSON string).",
  properties: {
    Family: str(),
    Revision: int(),
    Cpu: str(),
    Memory: str(),
    NetworkMode: str(),
    PidMode: str(),
    IpcMode: str(),
    RequiresCompatibilities: strArr(),
    TaskRoleArn: str(),
    ExecutionRoleArn: str(),
    ContainerDefinitions: arr(
      obj({
        Name: str(),
        Image: str(),
        Essential: bool(),
        Privileged: bool(),
        ReadonlyRootFilesystem: bool(),
        User: str(),
        Environment: arr(obj({ Name: str(), Value: str() }), "Plain environment variables; a secret-looking name has its value redacted."),
        Secrets: arr(obj({ Name: str(), ValueFrom: str() })),
        LogConfiguration: obj({ LogDriver: str(), Options: openObj() }),
        PortMappings: arr(openObj()),
      }),
    ),
  },
});

export const ECS_TASK_DEFINITION: ResourceTypeInfo = {
  type: ECS_TASK_DEFINITION_TYPE,
  schema: ECS_TASK_DEFINITION_SCHEMA,
  description: "ECS task definition: roles, network mode, containers (privileged, read-only root, secrets, logging).",
  taggable: true,
};
