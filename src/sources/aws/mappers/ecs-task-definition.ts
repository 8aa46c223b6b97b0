import type { Tag, TaskDefinition } from "@aws-sdk/client-ecs";
import { ECS_TASK_DEFINITION_TYPE } from "../../../model/types/ecs-task-definition.js";
import { REDACTED } from "../../../model/values.js";
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
 * plain environment values whose names look secret are redacted the same way. On top of that, live values
 * are redacted for any name that merely hints at a secret (TOKEN, API_KEY, CREDENTIALS...): the account is
 * where such values really are, and no rule reads an environment value, only names.
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
        ContainerDefinitions: redactEnvironment(parseContainerDefinitions(td.containerDefinitions ?? [])),
      },
    });
  },
};

/** Names that hint at a secret, anywhere in the name (over-redacting a value costs nothing: rules read names). */
const SECRETISH = /PASS(WORD|WD)?|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH|SESSION|COOKIE|SIGNING|DSN|CONN(ECTION)?_?STR/i;

function redactEnvironment(defs: unknown): unknown {
  if (!Array.isArray(defs)) return defs;
  for (const c of defs) {
    const env = (c as { Environment?: unknown }).Environment;
    if (!Array.isArray(env)) continue;
    for (const e of env as Array<{ Name?: unknown; Value?: unknown }>) {
      if (e.Value !== undefined && e.Value !== REDACTED && !(typeof e.Name === "string" && !SECRETISH.test(e.Name))) e.Value = REDACTED;
    }
  }
  return defs;
}
