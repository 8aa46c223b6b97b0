/**
 * Items recorded in parts. AWS Config records a backup plan's selections as their own items
 * (AWS::Backup::BackupSelection: configuration.BackupPlanId, configuration.BackupSelection), while the
 * live mapper takes a plan with its selections. The selections are attached to their plan's item here,
 * and the selection items themselves dropped (they are parts, not records).
 *
 * Only when the selections were listed (`listed` holds their type) does a plan get a list (possibly
 * empty); otherwise, e.g. a plan's change notification on its own, its selections stay Unknown.
 */
import { DELETED_STATUSES, type ConfigItem } from "./item.js";
import { field } from "./rekey.js";
import { PART_TYPES } from "./types.js";

/** Where the plan item carries its joined selections (a key Config itself never writes). */
export const JOINED_SELECTIONS = "plumbline:BackupSelections";

const PLAN = "AWS::Backup::BackupPlan";
const SELECTION = "AWS::Backup::BackupSelection";

export function joinParts(items: readonly ConfigItem[], listed: ReadonlySet<string>): ConfigItem[] {
  if (!items.some((i) => PART_TYPES.has(i.resourceType)) && !listed.has(SELECTION)) return [...items];
  const byPlan = new Map<string, unknown[]>();
  for (const i of items) {
    if (i.resourceType !== SELECTION || (i.status && DELETED_STATUSES.has(i.status))) continue;
    const planId = field(i.configuration, "BackupPlanId");
    const selection = field(i.configuration, "BackupSelection");
    if (typeof planId !== "string" || selection === undefined) continue;
    const l = byPlan.get(planId);
    if (l) l.push(selection);
    else byPlan.set(planId, [selection]);
  }
  const out: ConfigItem[] = [];
  for (const i of items) {
    if (PART_TYPES.has(i.resourceType)) continue;
    if (i.resourceType === PLAN && listed.has(SELECTION)) {
      const id = field(i.configuration, "BackupPlanId");
      const planId = typeof id === "string" ? id : i.resourceId;
      out.push({ ...i, supplementaryConfiguration: { ...i.supplementaryConfiguration, [JOINED_SELECTIONS]: byPlan.get(planId) ?? [] } });
    } else out.push(i);
  }
  return out;
}
