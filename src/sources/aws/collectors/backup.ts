import {
  BackupClient,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListTagsCommand,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListBackupVaults,
  type BackupPlansListMember,
  type BackupSelection,
  type BackupVaultListMember,
} from "@aws-sdk/client-backup";
import type { Resource } from "../../../model/resource.js";
import { isUnknown } from "../../../model/values.js";
import { BACKUP_PLAN_TYPE } from "../../../model/types/backup-plan.js";
import { BACKUP_VAULT_TYPE } from "../../../model/types/backup-vault.js";
import type { CollectContext, Collector } from "../contract.js";
import { BACKUP_PLAN_MAPPER, BACKUP_VAULT_MAPPER } from "../mappers/backup.js";
import { listAll, readOr } from "./read-helpers.js";

/**
 * AWS Backup vaults and plans, per region. Vaults: ListBackupVaults (carries the encryption key) and
 * ListTags per vault. Plans: ListBackupPlans, then per plan GetBackupPlan (rules), ListBackupSelections +
 * GetBackupSelection per selection (what the plan covers), ListTags.
 */
export const BACKUP_COLLECTOR: Collector = {
  service: "backup",
  types: [BACKUP_VAULT_TYPE, BACKUP_PLAN_TYPE],
  actions: ["backup:ListBackupVaults", "backup:ListBackupPlans", "backup:GetBackupPlan", "backup:ListBackupSelections", "backup:GetBackupSelection", "backup:ListTags"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const backup = ctx.client(BackupClient);
    const tagsOf = (arn: string | undefined) =>
      arn ? readOr(ctx, "backup:ListTags", async () => (await backup.send(new ListTagsCommand({ ResourceArn: arn }))).Tags ?? {}) : Promise.resolve(undefined);
    const [vaults, plans] = await Promise.all([
      listAll(ctx, BACKUP_VAULT_TYPE, "backup:ListBackupVaults", async () => {
        const items: BackupVaultListMember[] = [];
        for await (const page of paginateListBackupVaults({ client: backup }, { MaxResults: 1000 })) items.push(...(page.BackupVaultList ?? []));
        return ctx.map(items, async (Vault) => BACKUP_VAULT_MAPPER.map({ Vault, Tags: await tagsOf(Vault.BackupVaultArn) }, ctx.scope));
      }),
      listAll(ctx, BACKUP_PLAN_TYPE, "backup:ListBackupPlans", async () => {
        const items: BackupPlansListMember[] = [];
        for await (const page of paginateListBackupPlans({ client: backup }, { MaxResults: 1000 })) items.push(...(page.BackupPlansList ?? []));
        return ctx.map(items, async (p) => {
          const BackupPlanId = p.BackupPlanId ?? "";
          const [plan, Selections, Tags] = await Promise.all([
            readOr(ctx, "backup:GetBackupPlan", async () => (await backup.send(new GetBackupPlanCommand({ BackupPlanId }))).BackupPlan),
            readOr(ctx, "backup:ListBackupSelections", async () => {
              const ids: string[] = [];
              for await (const page of paginateListBackupSelections({ client: backup }, { BackupPlanId })) for (const s of page.BackupSelectionsList ?? []) if (s.SelectionId) ids.push(s.SelectionId);
              const out: BackupSelection[] = [];
              for (const SelectionId of ids) {
                const sel = (await backup.send(new GetBackupSelectionCommand({ BackupPlanId, SelectionId }))).BackupSelection;
                if (sel) out.push(sel);
              }
              return out;
            }),
            tagsOf(p.BackupPlanArn),
          ]);
          const Rules = isUnknown(plan) ? plan : (plan?.Rules ?? []);
          return BACKUP_PLAN_MAPPER.map({ BackupPlanId, BackupPlanArn: p.BackupPlanArn, BackupPlanName: p.BackupPlanName, Rules, Selections, Tags }, ctx.scope);
        });
      }),
    ]);
    return [...vaults, ...plans];
  },
};
