import { ShieldClient, paginateListProtections, type Protection } from "@aws-sdk/client-shield";
import type { Resource } from "../../../model/resource.js";
import { SHIELD_PROTECTION_TYPE } from "../../../model/types/shield-protection.js";
import type { CollectContext, Collector } from "../contract.js";
import { SHIELD_PROTECTION_MAPPER } from "../mappers/shield-protection.js";
import { listAll } from "./read-helpers.js";

/**
 * Shield Advanced protections: global (us-east-1), ListProtections carries each protection's resource.
 * Without a Shield Advanced subscription the call fails (ResourceNotFoundException): no protections,
 * a fact, not a gap.
 */
export const SHIELD_COLLECTOR: Collector = {
  service: "shield",
  types: [SHIELD_PROTECTION_TYPE],
  global: true,
  actions: ["shield:ListProtections"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const shield = ctx.client(ShieldClient, "us-east-1");
    return listAll(ctx, SHIELD_PROTECTION_TYPE, "shield:ListProtections", async () => {
      const items: Protection[] = [];
      try {
        for await (const page of paginateListProtections({ client: shield }, { MaxResults: 100 })) items.push(...(page.Protections ?? []));
      } catch (err) {
        if ((err as { name?: string }).name !== "ResourceNotFoundException") throw err;
        ctx.note(`shield in ${ctx.scope.account}: no Shield Advanced subscription (ListProtections: ResourceNotFoundException)`);
      }
      return items.map((p) => SHIELD_PROTECTION_MAPPER.map(p, ctx.scope));
    });
  },
};
