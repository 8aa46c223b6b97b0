import { ECS_SERVICE_TYPE } from "../../../model/types/ecs-service.js";
import { ECS_TASK_DEFINITION_TYPE } from "../../../model/types/ecs-task-definition.js";
import { isArn } from "../../../model/arn.js";
import { REDACTED, Unknown, isUnknown, parseJsonText } from "../../../model/values.js";
import { isSecretName, isSecretValue } from "../../../model/secret-names.js";
import { resourceMapping } from "./mapping.js";
import { bool, compact, num, str, strList, tfType } from "./tf-reader.js";

/**
 * aws_ecs_task_definition → AWS::ECS::TaskDefinition and aws_ecs_service → AWS::ECS::Service. Both
 * ids are ARNs, known only after apply.
 *
 * Quirk: container_definitions is a JSON string in the task definition's schema (or, from HCL, a PartialJson
 * when some values are known only after apply). It is parsed here; a plain environment value is redacted
 * when its name or its shape is secret (the heuristic every source shares, src/model/secret-names.ts). The
 * state and plan sources already redact inside this JSON text at load; HCL and live values come here as
 * they were written.
 */
export const TF_ECS_TASK_DEFINITION = tfType("aws_ecs_task_definition", [
  "family", "arn", "revision", "cpu", "memory", "network_mode", "pid_mode", "ipc_mode", "requires_compatibilities",
  "task_role_arn", "execution_role_arn", "container_definitions",
]);
export const TF_ECS_SERVICE = tfType("aws_ecs_service", [
  "name", "id", "cluster", "task_definition", "desired_count", "launch_type", "platform_version", "enable_execute_command",
  "propagate_tags", "deployment_maximum_percent", "deployment_minimum_healthy_percent", "deployment_circuit_breaker",
  "deployment_circuit_breaker.enable", "deployment_circuit_breaker.rollback", "alarms", "alarms.alarm_names", "alarms.enable",
  "alarms.rollback", "deployment_controller.type", "network_configuration", "network_configuration.assign_public_ip",
  "network_configuration.security_groups", "network_configuration.subnets",
]);

export function parseContainerDefinitions(v: unknown): unknown {
  const parsed = parseJsonText(v, "container_definitions");
  if (parsed === undefined || isUnknown(parsed)) return parsed;
  if (isUnknown(parsed.json)) return parsed.json;
  if (!Array.isArray(parsed.json)) return new Unknown("container_definitions is not a JSON list", "container_definitions");
  return parsed.json.map((c, i) => (isUnknown(c) ? c : isObject(c) ? container(c) : new Unknown(`container definition ${i} is not an object`, "container_definitions")));
}

/**
 * One container definition. From a PartialJson (`jsonencode` with an image known only after apply) any
 * field, list or list element may be an Unknown: it stays Unknown, it never becomes a default or "absent".
 */
function container(c: Record<string, unknown>): Record<string, unknown> {
  const list = (v: unknown): Array<Record<string, unknown> | Unknown> | Unknown | undefined =>
    isUnknown(v) ? v : Array.isArray(v) ? v.filter((x): x is Record<string, unknown> | Unknown => isUnknown(x) || isObject(x)) : undefined;
  const each = <T>(v: unknown, fn: (x: Record<string, unknown>) => T): Array<T | Unknown> | Unknown | undefined => {
    const l = list(v);
    return l === undefined || isUnknown(l) ? l : l.map((x) => (isUnknown(x) ? x : fn(x)));
  };
  const log = c.logConfiguration;
  return (
    compact({
      Name: str(c.name),
      Image: str(c.image),
      Essential: bool(c.essential),
      // ECS RegisterTaskDefinition: privileged and readonlyRootFilesystem default to false.
      Privileged: bool(c.privileged) ?? false,
      ReadonlyRootFilesystem: bool(c.readonlyRootFilesystem) ?? false,
      User: str(c.user),
      Environment: each(c.environment, (e) => ({ Name: e.name, Value: envValue(e.name, e.value) })),
      Secrets: each(c.secrets, (s) => compact({ Name: s.name, ValueFrom: s.valueFrom }) ?? {}),
      LogConfiguration: isUnknown(log) ? log : isObject(log) ? compact({ LogDriver: str(log.logDriver), Options: log.options ?? undefined }) : undefined,
      PortMappings: list(c.portMappings),
    }) ?? {}
  );
}

/** A plain environment value, redacted when its name or shape is secret, or its name is not known (it might be). */
function envValue(name: unknown, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (isUnknown(value)) return value.expression !== undefined && isSecretValue(value.expression) ? REDACTED : value;
  if (isUnknown(name) || typeof name !== "string") return REDACTED;
  return isSecretName(name) || (typeof value === "string" && isSecretValue(value)) ? REDACTED : value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);
}

export const ECS_TASK_DEFINITION_MAPPING = resourceMapping(TF_ECS_TASK_DEFINITION, ECS_TASK_DEFINITION_TYPE, (r, b) => {
  const family = r.get("family");
  b.set("Family", str(family), "family");
  b.set("Revision", num(r.get("revision")), "revision");
  b.set("Cpu", str(r.get("cpu")), "cpu");
  b.set("Memory", str(r.get("memory")), "memory");
  b.set("NetworkMode", str(r.get("network_mode")), "network_mode");
  b.set("PidMode", str(r.get("pid_mode")), "pid_mode");
  b.set("IpcMode", str(r.get("ipc_mode")), "ipc_mode");
  b.set("RequiresCompatibilities", strList(r.get("requires_compatibilities")), "requires_compatibilities");
  b.set("TaskRoleArn", str(r.get("task_role_arn")), "task_role_arn");
  b.set("ExecutionRoleArn", str(r.get("execution_role_arn")), "execution_role_arn");
  b.set("ContainerDefinitions", parseContainerDefinitions(r.get("container_definitions")), "container_definitions");
  const arn = r.get("arn");
  return { ident: { id: arn, name: family, arn }, keys: [arn, family] };
});

export const ECS_SERVICE_MAPPING = resourceMapping(TF_ECS_SERVICE, ECS_SERVICE_TYPE, (r, b) => {
  const name = r.get("name");
  const id = r.get("id"); // the service ARN once created
  b.set("ServiceName", str(name), "name");
  b.set("Cluster", str(r.get("cluster")), "cluster");
  b.set("TaskDefinition", str(r.get("task_definition")), "task_definition");
  b.set("DesiredCount", num(r.get("desired_count")), "desired_count");
  b.set("LaunchType", str(r.get("launch_type")), "launch_type");
  b.set("PlatformVersion", str(r.get("platform_version")), "platform_version");
  b.set("EnableExecuteCommand", bool(r.get("enable_execute_command")), "enable_execute_command");
  b.default("EnableExecuteCommand", false); // provider docs: "Default false"
  b.set("PropagateTags", str(r.get("propagate_tags")), "propagate_tags");
  const breaker = r.block("deployment_circuit_breaker");
  const alarms = r.block("alarms");
  b.set(
    "DeploymentConfiguration",
    compact({
      MaximumPercent: num(r.get("deployment_maximum_percent")),
      MinimumHealthyPercent: num(r.get("deployment_minimum_healthy_percent")),
      // No deployment_circuit_breaker block: the circuit breaker is off (ECS DeploymentCircuitBreaker default).
      DeploymentCircuitBreaker: isUnknown(breaker)
        ? breaker
        : breaker
          ? compact({ Enable: bool(breaker.get("deployment_circuit_breaker.enable")), Rollback: bool(breaker.get("deployment_circuit_breaker.rollback")) })
          : { Enable: false, Rollback: false },
      Alarms: isUnknown(alarms)
        ? alarms
        : alarms &&
          compact({
            AlarmNames: strList(alarms.get("alarms.alarm_names")),
            Enable: bool(alarms.get("alarms.enable")),
            Rollback: bool(alarms.get("alarms.rollback")),
          }),
    }),
    "deployment_circuit_breaker",
  );
  b.set("DeploymentController", compact({ Type: str(r.get("deployment_controller.type")) }) ?? { Type: "ECS" }, "deployment_controller");
  const net = r.block("network_configuration");
  if (isUnknown(net)) b.set("NetworkConfiguration", net, "network_configuration");
  else if (net) {
    const pub = bool(net.get("network_configuration.assign_public_ip"));
    b.set(
      "NetworkConfiguration",
      {
        AwsvpcConfiguration: compact({
          // Provider docs: assign_public_ip "Default false".
          AssignPublicIp: isUnknown(pub) ? pub : pub === true ? "ENABLED" : "DISABLED",
          SecurityGroups: strList(net.get("network_configuration.security_groups")),
          Subnets: strList(net.get("network_configuration.subnets")),
        }),
      },
      "network_configuration",
    );
  }
  return { ident: { id, name, arn: isArn(id) ? id : undefined }, keys: [id, name] };
});
