/**
 * PutEvaluations, done the way every mature tool learned the hard way (landscape.md §11.4-11.5): at
 * most 100 evaluations per call, the response's FailedEvaluations retried with backoff (bounded), a
 * throttled or failed call retried the same way, the result token passed through, TestMode when the
 * token is "TESTMODE" (Config's test invocations).
 */
import { PutEvaluationsCommand, type ConfigServiceClient, type Evaluation } from "@aws-sdk/client-config-service";

/** PutEvaluations API reference: Evaluations holds 0-100 items. */
export const BATCH_SIZE = 100;

export interface PutOptions {
  /** Retries of a batch's failed evaluations (and of a failed call) after the first attempt. */
  retries?: number;
  /** First backoff; doubled each retry, with jitter. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: (level: "info" | "warn" | "error", msg: string, extra?: Record<string, unknown>) => void;
}

export interface PutOutcome {
  sent: number;
  calls: number;
  /** Evaluations Config still rejected after every retry. */
  failed: Evaluation[];
  /** The last error for a call that never succeeded, if any. */
  lastError?: string;
}

const key = (e: Evaluation) => `${e.ComplianceResourceType}\u0000${e.ComplianceResourceId}`;

export const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function putEvaluations(client: ConfigServiceClient, evaluations: readonly Evaluation[], resultToken: string, opts: PutOptions = {}): Promise<PutOutcome> {
  const retries = opts.retries ?? 4;
  const base = opts.baseDelayMs ?? 200;
  const sleep = opts.sleep ?? defaultSleep;
  const testMode = resultToken === "TESTMODE";
  const out: PutOutcome = { sent: 0, calls: 0, failed: [] };
  for (let i = 0; i < evaluations.length; i += BATCH_SIZE) {
    let pending = evaluations.slice(i, i + BATCH_SIZE);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) {
        if (attempt > retries) break;
        await sleep(base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      }
      out.calls++;
      try {
        const res = await client.send(new PutEvaluationsCommand({ Evaluations: pending, ResultToken: resultToken, ...(testMode ? { TestMode: true } : {}) }));
        const failedKeys = new Set((res.FailedEvaluations ?? []).map(key));
        const accepted = pending.filter((e) => !failedKeys.has(key(e)));
        out.sent += accepted.length;
        pending = pending.filter((e) => failedKeys.has(key(e)));
        if (pending.length) opts.log?.("warn", `PutEvaluations: ${pending.length} evaluation(s) failed, retrying`, { attempt: attempt + 1 });
      } catch (e) {
        out.lastError = `${(e as Error).name}: ${(e as Error).message}`.slice(0, 300);
        opts.log?.("warn", `PutEvaluations call failed: ${out.lastError}`, { attempt: attempt + 1, batch: pending.length });
      }
    }
    out.failed.push(...pending);
  }
  return out;
}
