import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { str, typeSchema } from "./schema.js";

/** AWS::Backup::BackupVault. Config id: the vault name. */
export const BACKUP_VAULT_TYPE = "AWS::Backup::BackupVault";

export interface BackupVaultProps extends CommonProps {
  BackupVaultName?: Val<string>;
  EncryptionKeyArn?: Val<string>;
}

export const BACKUP_VAULT_SCHEMA = typeSchema({
  type: BACKUP_VAULT_TYPE,
  description: "An AWS Backup vault, CloudFormation property names.",
  properties: {
    BackupVaultName: str(),
    EncryptionKeyArn: str("KMS key that encrypts recovery points; absent means the AWS managed key aws/backup."),
  },
});

export const BACKUP_VAULT: ResourceTypeInfo = {
  type: BACKUP_VAULT_TYPE,
  schema: BACKUP_VAULT_SCHEMA,
  description: "AWS Backup vault: the KMS key of its recovery points.",
  taggable: true,
};
