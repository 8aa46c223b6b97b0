/**
 * KMS keys of one region: ListKeys and ListAliases (one page per 100), the region's key tags in bulk
 * (tag:GetResources), then per key DescribeKey, and for customer managed keys GetKeyRotationStatus,
 * GetKeyPolicy (and ListResourceTags only if the bulk call failed); rotation and policy only when an
 * enabled rule reads them (ctx.reads), else their props are Unknown "not read". AWS managed keys are not
 * recorded (see isAwsManagedKey); a reference to one, by ARN or alias/aws/..., stays unresolved, which is
 * what the CMK rules need to see.
 */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListResourceTagsCommand,
  paginateListAliases,
  paginateListKeys,
  type Tag,
} from "@aws-sdk/client-kms";
import type { Resource } from "../../../model/resource.js";
import { KMS_KEY_TYPE } from "../../../model/types/kms-key.js";
import { Unknown, isUnknown } from "../../../model/values.js";
import type { CollectContext, Collector } from "../contract.js";
import { failed } from "../mappers/common.js";
import { KMS_KEY_MAPPER, isAwsManagedKey } from "../mappers/kms-key.js";
import { BULK_TAGS_ACTION, bulkTags } from "./tags.js";
import { all, isFailure, list, read } from "./util.js";

export const KMS_COLLECTOR: Collector = {
  service: "kms",
  types: [KMS_KEY_TYPE],
  actions: ["kms:ListKeys", "kms:ListAliases", "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:GetKeyPolicy", "kms:ListResourceTags", BULK_TAGS_ACTION],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const kms = ctx.client(KMSClient);
    const keys = await list(ctx, "kms:ListKeys", [KMS_KEY_TYPE], () => all(paginateListKeys({ client: kms }, {}), (p) => p.Keys));
    if (isFailure(keys)) return [];
    const [aliasList, bulk] = await Promise.all([
      read(ctx, "kms:ListAliases", () => all(paginateListAliases({ client: kms }, {}), (p) => p.Aliases)),
      keys.length > 0 ? bulkTags(ctx, "kms:key") : undefined,
    ]);
    const aliases = new Map<string, string[]>();
    if (Array.isArray(aliasList)) {
      for (const a of aliasList) if (a.TargetKeyId && a.AliasName) aliases.set(a.TargetKeyId, [...(aliases.get(a.TargetKeyId) ?? []), a.AliasName]);
    }
    const reads = ctx.reads?.get(KMS_KEY_TYPE);
    const needs = (...props: string[]) => !reads || props.some((p) => reads.has(p));
    const out = await ctx.map(keys, async (k): Promise<Resource | undefined> => {
      const KeyId = k.KeyId ?? "";
      const meta = await read(ctx, "kms:DescribeKey", () => kms.send(new DescribeKeyCommand({ KeyId })).then((o) => o.KeyMetadata));
      const names = Array.isArray(aliasList) ? (aliases.get(KeyId) ?? []) : undefined;
      if (meta === undefined) return undefined;
      if (isUnknown(meta)) {
        // Without DescribeKey the key is still there: every prop rules read is unknown.
        return KMS_KEY_MAPPER.map(
          { KeyMetadata: { KeyId, Arn: k.KeyArn }, KeyRotationEnabled: meta, Policy: meta, Aliases: names ?? meta, Tags: meta },
          ctx.scope,
        );
      }
      if (isAwsManagedKey(meta, names)) return undefined;
      const [rotation, policy, tags] = await Promise.all([
        needs("EnableKeyRotation", "RotationPeriodInDays")
          ? read(ctx, "kms:GetKeyRotationStatus", () => kms.send(new GetKeyRotationStatusCommand({ KeyId })))
          : new Unknown("not read: no enabled rule reads EnableKeyRotation or RotationPeriodInDays", "kms:GetKeyRotationStatus"),
        needs("KeyPolicy")
          ? read(ctx, "kms:GetKeyPolicy", () => kms.send(new GetKeyPolicyCommand({ KeyId, PolicyName: "default" })).then((o) => o.Policy))
          : new Unknown("not read: no enabled rule reads KeyPolicy", "kms:GetKeyPolicy"),
        bulk ? bulk.list(meta.Arn ?? k.KeyArn).map((t) => ({ TagKey: t.Key, TagValue: t.Value })) : read(ctx, "kms:ListResourceTags", () => listTags(kms, KeyId)),
      ]);
      const rot = rotation === undefined ? failed({ code: "Missing", reason: "GetKeyRotationStatus gave no answer", action: "kms:GetKeyRotationStatus" }) : rotation;
      return KMS_KEY_MAPPER.map(
        {
          KeyMetadata: meta,
          KeyRotationEnabled: isUnknown(rot) ? rot : rot.KeyRotationEnabled,
          RotationPeriodInDays: isUnknown(rot) ? rot : rot.RotationPeriodInDays,
          Policy: policy,
          Aliases: names ?? (aliasList as import("../../../model/values.js").Unknown),
          Tags: tags,
        },
        ctx.scope,
      );
    });
    return out.filter((r): r is Resource => r !== undefined);
  },
};

async function listTags(kms: KMSClient, KeyId: string): Promise<Tag[]> {
  const out: Tag[] = [];
  let Marker: string | undefined;
  do {
    const page = await kms.send(new ListResourceTagsCommand({ KeyId, Marker }));
    out.push(...(page.Tags ?? []));
    Marker = page.Truncated ? page.NextMarker : undefined;
  } while (Marker);
  return out;
}
