/**
 * Secrets Manager: ListSecrets carries the KMS key, rotation and tags, so it replaces per-secret
 * DescribeSecret; GetResourcePolicy is the one per-secret call. GetSecretValue is never called.
 */
import { GetResourcePolicyCommand, SecretsManagerClient, paginateListSecrets } from "@aws-sdk/client-secrets-manager";
import type { Resource } from "../../../model/resource.js";
import { SECRETSMANAGER_SECRET_TYPE } from "../../../model/types/secretsmanager-secret.js";
import type { CollectContext, Collector } from "../contract.js";
import { SECRETSMANAGER_SECRET_MAPPER } from "../mappers/secretsmanager-secret.js";
import { all, isFailure, list, read } from "./util.js";

export const SECRETSMANAGER_COLLECTOR: Collector = {
  service: "secretsmanager",
  types: [SECRETSMANAGER_SECRET_TYPE],
  actions: ["secretsmanager:ListSecrets", "secretsmanager:GetResourcePolicy"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const sm = ctx.client(SecretsManagerClient);
    const secrets = await list(ctx, "secretsmanager:ListSecrets", [SECRETSMANAGER_SECRET_TYPE], () =>
      all(paginateListSecrets({ client: sm }, {}), (p) => p.SecretList),
    );
    if (isFailure(secrets)) return [];
    return ctx.map(secrets, async (s) => {
      const policy = await read(
        ctx,
        "secretsmanager:GetResourcePolicy",
        () => sm.send(new GetResourcePolicyCommand({ SecretId: s.ARN })).then((o) => o.ResourcePolicy),
        ["ResourceNotFoundException"],
      );
      return SECRETSMANAGER_SECRET_MAPPER.map({ ...s, ResourcePolicy: policy }, ctx.scope);
    });
  },
};
