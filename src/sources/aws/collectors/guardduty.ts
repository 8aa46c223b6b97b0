/** GuardDuty detectors of one region: ListDetectors, then GetDetector per detector (at most one per region). */
import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from "@aws-sdk/client-guardduty";
import type { Resource } from "../../../model/resource.js";
import { GUARDDUTY_DETECTOR_TYPE } from "../../../model/types/guardduty-detector.js";
import { isUnknown } from "../../../model/values.js";
import type { CollectContext, Collector } from "../contract.js";
import { GUARDDUTY_DETECTOR_MAPPER } from "../mappers/guardduty-detector.js";
import { all, isFailure, list, read } from "./util.js";

export const GUARDDUTY_COLLECTOR: Collector = {
  service: "guardduty",
  types: [GUARDDUTY_DETECTOR_TYPE],
  actions: ["guardduty:ListDetectors", "guardduty:GetDetector"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const gd = ctx.client(GuardDutyClient);
    const ids = await list(ctx, "guardduty:ListDetectors", [GUARDDUTY_DETECTOR_TYPE], () => all(paginateListDetectors({ client: gd }, {}), (p) => p.DetectorIds));
    if (isFailure(ids)) return [];
    return ctx.map(ids, async (DetectorId) => {
      const d = await read(ctx, "guardduty:GetDetector", () => gd.send(new GetDetectorCommand({ DetectorId })));
      if (isUnknown(d) || d === undefined) return GUARDDUTY_DETECTOR_MAPPER.map({ DetectorId, Status: d ?? undefined }, ctx.scope);
      const { $metadata: _, ...rest } = d;
      return GUARDDUTY_DETECTOR_MAPPER.map({ ...rest, DetectorId }, ctx.scope);
    });
  },
};
