/** AWS::KMS::Key from DescribeKey, GetKeyRotationStatus, GetKeyPolicy, ListAliases and ListResourceTags. */
import type { KeyMetadata, Tag } from "@aws-sdk/client-kms";
import { KMS_KEY_TYPE } from "../../../model/types/kms-key.js";
import type { TypeMapper } from "../contract.js";
import { kmsTagRecord, liveResource, nonEmpty, policyFromText, type Read } from "./common.js";

/**
 * AWS::KMS::Key shape: the describe-API shape (SDK v3, PascalCase) assembled by the collector: DescribeKey's
 * KeyMetadata, GetKeyRotationStatus's KeyRotationEnabled / RotationPeriodInDays, GetKeyPolicy's Policy,
 * the alias names ListAliases gives for the key, and ListResourceTags' Tags; a value the collector could
 * not read is an Unknown.
 */
export interface KmsKeyShape {
  KeyMetadata: KeyMetadata;
  KeyRotationEnabled?: Read<boolean | undefined>;
  RotationPeriodInDays?: Read<number | undefined>;
  Policy?: Read<string | undefined>;
  Aliases?: Read<string[]>;
  Tags?: Read<Tag[] | undefined>;
}

/**
 * AWS managed keys (aws/s3, aws/rds...) are not the account's to configure and are not audited. moto
 * reports them with KeyManager CUSTOMER, so an alias under the reserved alias/aws/ prefix marks them too.
 */
export function isAwsManagedKey(meta: KeyMetadata, aliases: readonly string[] | undefined): boolean {
  return meta.KeyManager === "AWS" || (aliases ?? []).some((a) => a.startsWith("alias/aws/"));
}

export const KMS_KEY_MAPPER: TypeMapper<KmsKeyShape> = {
  type: KMS_KEY_TYPE,
  map(s, scope) {
    const m = s.KeyMetadata;
    const keyId = m.KeyId ?? "";
    // CreateKey's documented defaults; DescribeKey always reports both, moto sometimes leaves them out.
    // Never a PASS: they only make the rotation rule apply.
    const defaulted: string[] = [];
    const keySpec = m.KeySpec ?? m.CustomerMasterKeySpec ?? (defaulted.push("KeySpec"), "SYMMETRIC_DEFAULT");
    const keyUsage = m.KeyUsage ?? (defaulted.push("KeyUsage"), "ENCRYPT_DECRYPT");
    return liveResource(scope, {
      type: KMS_KEY_TYPE,
      id: keyId,
      arn: m.Arn,
      region: scope.region,
      tags: kmsTagRecord(s.Tags),
      props: {
        KeyId: keyId || undefined,
        Description: nonEmpty(m.Description),
        Enabled: m.Enabled,
        EnableKeyRotation: s.KeyRotationEnabled,
        RotationPeriodInDays: s.RotationPeriodInDays,
        KeyPolicy: policyFromText(s.Policy),
        KeySpec: keySpec,
        KeyUsage: keyUsage,
        MultiRegion: m.MultiRegion,
        Aliases: Array.isArray(s.Aliases) && s.Aliases.length === 0 ? undefined : s.Aliases,
        DefaultedProps: defaulted.length ? defaulted : undefined,
      },
    });
  },
};
