/**
 * The types a periodic run reads live (live-facts.ts), without loading the collectors: the handler
 * decides from this list whether to load them at all. Kept equal to the collectors' types by
 * test/configrule/live-facts.test.ts.
 */
import { ACCOUNT_TYPE } from "../model/resource.js";
import { CONFIG_CONFIGURATION_RECORDER_TYPE } from "../model/types/config-configuration-recorder.js";
import { CONFIG_DELIVERY_CHANNEL_TYPE } from "../model/types/config-delivery-channel.js";
import { IAM_ACCOUNT_PASSWORD_POLICY_TYPE } from "../model/types/iam-account-password-policy.js";
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE } from "../model/types/s3-account-public-access-block.js";

export const LIVE_FACT_TYPES: ReadonlySet<string> = new Set([
  ACCOUNT_TYPE,
  IAM_ACCOUNT_PASSWORD_POLICY_TYPE,
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE,
  CONFIG_CONFIGURATION_RECORDER_TYPE,
  CONFIG_DELIVERY_CHANNEL_TYPE,
]);
