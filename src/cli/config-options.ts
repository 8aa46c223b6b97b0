/** The AWS Config evidence flags of `audit` and `gate` (--config, --aggregator), turned into ConfigOptions. */
import type { Command } from "commander";
import { InputError } from "../errors.js";
import type { ConfigOptions } from "../sources/config/collect.js";

export interface ConfigFlags {
  config?: boolean;
  aggregator?: string;
}

export function addConfigOptions(cmd: Command): Command {
  return cmd
    .option("--config", "judge the configuration items AWS Config recorded (advanced query + batch get; region: AWS_REGION)")
    .option("--aggregator <name>", "with --config: read every account and region through this configuration aggregator");
}

/** ConfigOptions from the flags, or undefined without --config. */
export function configOptions(flags: ConfigFlags): ConfigOptions | undefined {
  if (!flags.config) {
    if (flags.aggregator !== undefined) throw new InputError("--aggregator needs --config");
    return undefined;
  }
  if (flags.aggregator !== undefined && !/^[\w-]{1,256}$/.test(flags.aggregator)) {
    throw new InputError(`--aggregator: '${flags.aggregator.slice(0, 60)}' is not a configuration aggregator name (letters, digits, _ and -)`);
  }
  return { aggregator: flags.aggregator };
}
