/**
 * AWS Config of one region: DescribeConfigurationRecorders, DescribeConfigurationRecorderStatus and
 * DescribeDeliveryChannels: three calls per region whatever the count.
 */
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  DescribeDeliveryChannelsCommand,
} from "@aws-sdk/client-config-service";
import type { Resource } from "../../../model/resource.js";
import { CONFIG_CONFIGURATION_RECORDER_TYPE } from "../../../model/types/config-configuration-recorder.js";
import { CONFIG_DELIVERY_CHANNEL_TYPE } from "../../../model/types/config-delivery-channel.js";
import { isUnknown } from "../../../model/values.js";
import type { CollectContext, Collector } from "../contract.js";
import { CONFIG_DELIVERY_CHANNEL_MAPPER, CONFIG_RECORDER_MAPPER } from "../mappers/config.js";
import { isFailure, list, read } from "./util.js";

export const CONFIG_COLLECTOR: Collector = {
  service: "config",
  types: [CONFIG_CONFIGURATION_RECORDER_TYPE, CONFIG_DELIVERY_CHANNEL_TYPE],
  actions: ["config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus", "config:DescribeDeliveryChannels"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const cfg = ctx.client(ConfigServiceClient);
    const [recorders, statuses, channels] = await Promise.all([
      list(ctx, "config:DescribeConfigurationRecorders", [CONFIG_CONFIGURATION_RECORDER_TYPE], () =>
        cfg.send(new DescribeConfigurationRecordersCommand({})).then((o) => o.ConfigurationRecorders ?? []),
      ),
      read(ctx, "config:DescribeConfigurationRecorderStatus", () =>
        cfg.send(new DescribeConfigurationRecorderStatusCommand({})).then((o) => o.ConfigurationRecordersStatus ?? []),
      ),
      list(ctx, "config:DescribeDeliveryChannels", [CONFIG_DELIVERY_CHANNEL_TYPE], () =>
        cfg.send(new DescribeDeliveryChannelsCommand({})).then((o) => o.DeliveryChannels ?? []),
      ),
    ]);
    const out: Resource[] = [];
    if (!isFailure(recorders)) {
      for (const r of recorders) {
        const status = isUnknown(statuses) ? statuses : statuses?.find((s) => s.name === r.name);
        out.push(CONFIG_RECORDER_MAPPER.map({ ...r, status }, ctx.scope));
      }
    }
    if (!isFailure(channels)) for (const c of channels) out.push(CONFIG_DELIVERY_CHANNEL_MAPPER.map(c, ctx.scope));
    return out;
  },
};
