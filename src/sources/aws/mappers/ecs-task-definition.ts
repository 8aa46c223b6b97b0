import type { Tag, TaskDefinition } from "@aws-sdk/client-ecs";
import { ECS_TASK_DEFINITION_TYPE } from "../../../model/types/ecs-task-definition.js";
import { parseContainerDefinitions } from "../../terraform/aws/ecs.js";
import type { TypeMapper } from "../contract.js";
import { liveResource, mapRead, nonEmpty, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3; ECS spells it camelCase) assembled by the collector: DescribeTaskDefinition's
 * taskDefinition and, with include=TAGS, its tags. A value the collector could not read is an Unknown.
 */
export interface EcsTaskDefinitionShape {
  taskDefinition: TaskDefinition;
  tags: Read<Tag[] | undefined>;
}

/**
 * AWS::ECS::TaskDefinition. Id and ARN: the task definition ARN (family:revision).
 *
 * Container definitions are the same JSON objects Terraform's container_definitions holds, so they go
 * through the one mapping the Terraform source uses (parseContainerDefinitions): the same defaults, and
 * plain environment values redacted by the one secret heuristic every source shares (src/model/secret-names.ts).
 */
export const ECS_TASK_DEFINITION_MAPPER: TypeMapper<EcsTaskDefinitionShape> = {
  type: ECS_TASK_DEFINITION_TYPE,
  map({ taskDefinition: td, tags }, scope) {
    return liveResource(scope, {
      type: ECS_TASK_DEFINITION_TYPE,
      id: td.taskDefinitionArn ?? `${td.family}:${td.revision}`,
      arn: td.taskDefinitionArn,
      name: td.family,
      region: scope.region,
      tags: mapRead(tags, (list) => {
        const out: Record<string, string> = {};
        for (const t of list ?? []) if (t.key !== undefined) out[t.key] = t.value ?? "";
        return out;
      }),
      props: {
        Family: td.family,
        Revision: td.revision,
        Cpu: nonEmpty(td.cpu),
        Memory: nonEmpty(td.memory),
        NetworkMode: td.networkMode,
        PidMode: td.pidMode,
        IpcMode: td.ipcMode,
        RequiresCompatibilities: td.requiresCompatibilities,
        TaskRoleArn: nonEmpty(td.taskRoleArn),
        ExecutionRoleArn: nonEmpty(td.executionRoleArn),
        ContainerDefinitions: parseContainerDefinitions(td.containerDefinitions ?? []),
      },
    });
  },
};
