/**
 * SDK v3 client factory for live collection. Every client it builds has the account's credentials, the
 * endpoint (AWS_ENDPOINT_URL, so moto or a proxy works for every service, STS included), adaptive retries,
 * per-call timeouts, one shared HTTP agent, and two middlewares: one per operation (counts retries and
 * errors, logs the operation name for the read-only assertion) and one per attempt (waits for a slot of
 * the ONE global concurrency limit, counts calls and throttles).
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { ApiServiceStats } from "./contract.js";
import { iamAction, isThrottle } from "./failures.js";

/** A FIFO counting semaphore: the global limit on in-flight HTTP requests. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most requests ever in flight at once (tests check the limit holds). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency must be a whole number >= 1, got ${limit}`);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      if (this.active > this.peak) this.peak = this.active;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter: `active` stays the same.
    if (next) next();
    else this.active--;
  }
}

/** Per-service API counters plus the log of operations called, shared by every client of one run. */
export class ApiStats {
  readonly services = new Map<string, ApiServiceStats>();
  /** "s3:ListBuckets", in call order (each operation once per call, not per attempt). */
  readonly operations: string[] = [];

  /** `parent` (the run's counters) is counted too, so one account's and the whole run's stay in step. */
  constructor(readonly parent?: ApiStats) {}

  add(service: string, field: keyof ApiServiceStats, n = 1): void {
    if (n === 0) return;
    this.of(service)[field] += n;
    this.parent?.add(service, field, n);
  }

  log(operation: string): void {
    this.operations.push(operation);
    this.parent?.log(operation);
  }

  of(service: string): ApiServiceStats {
    let s = this.services.get(service);
    if (!s) this.services.set(service, (s = { calls: 0, retries: 0, throttles: 0, errors: 0 }));
    return s;
  }

  /** A copy, as the report's evidence carries it. */
  snapshot(filter?: (service: string) => boolean): Record<string, ApiServiceStats> {
    const out: Record<string, ApiServiceStats> = {};
    for (const [k, v] of [...this.services].sort(([a], [b]) => a.localeCompare(b))) if (!filter || filter(k)) out[k] = { ...v };
    return out;
  }

  total(): ApiServiceStats {
    const t = { calls: 0, retries: 0, throttles: 0, errors: 0 };
    for (const s of this.services.values()) {
      t.calls += s.calls;
      t.retries += s.retries;
      t.throttles += s.throttles;
      t.errors += s.errors;
    }
    return t;
  }
}

/** SDK serviceId → the IAM/service prefix used in stats and actions ("CloudWatch Logs" → "logs"). */
const SERVICE_PREFIX: Record<string, string> = {
  "CloudWatch Logs": "logs",
  "Config Service": "config",
  "Secrets Manager": "secretsmanager",
  "S3 Control": "s3",
  "Resource Groups Tagging API": "tag",
  "Elastic Load Balancing v2": "elasticloadbalancing",
  "Auto Scaling": "autoscaling",
};

export function servicePrefix(serviceId: string): string {
  return SERVICE_PREFIX[serviceId] ?? serviceId.toLowerCase().replace(/\s+/g, "");
}

export interface ClientSettings {
  /** AWS_ENDPOINT_URL or an explicit endpoint (tests, proxies); undefined for real AWS. */
  endpoint?: string;
  maxAttempts: number;
  /** Per attempt: the whole request and response. */
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  limiter: Limiter;
  stats: ApiStats;
}

export function defaultClientSettings(over: Partial<ClientSettings> = {}): ClientSettings {
  return {
    endpoint: over.endpoint ?? (process.env.AWS_ENDPOINT_URL || undefined),
    maxAttempts: over.maxAttempts ?? 5,
    requestTimeoutMs: over.requestTimeoutMs ?? 20_000,
    connectTimeoutMs: over.connectTimeoutMs ?? 5_000,
    limiter: over.limiter ?? new Limiter(16),
    stats: over.stats ?? new ApiStats(),
  };
}

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

interface Stackable {
  middlewareStack: { add(mw: unknown, opts: unknown): void; addRelativeTo(mw: unknown, opts: unknown): void };
  config: { serviceId?: string };
}

/**
 * Builds clients for one run. Clients are cached per (constructor, account, region): collectors of one
 * account and region share them, and so share keep-alive connections.
 */
export class ClientFactory {
  private readonly cache = new Map<unknown, Map<string, unknown>>();
  private readonly handler: NodeHttpHandler;

  constructor(readonly settings: ClientSettings) {
    const agentOpts = { keepAlive: true, maxSockets: Math.max(settings.limiter.limit, 4) };
    this.handler = new NodeHttpHandler({
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
      connectionTimeout: settings.connectTimeoutMs,
      httpAgent: new HttpAgent(agentOpts),
      httpsAgent: new HttpsAgent(agentOpts),
    });
  }

  /** The base config of every client; `forcePathStyle` only matters to S3, which needs it off AWS's own hosts. */
  config(region: string, credentials: Credentials): Record<string, unknown> {
    const c: Record<string, unknown> = {
      region,
      credentials,
      maxAttempts: this.settings.maxAttempts,
      retryMode: "adaptive",
      requestHandler: this.handler,
    };
    if (this.settings.endpoint) {
      c.endpoint = this.settings.endpoint;
      c.forcePathStyle = true;
    }
    return c;
  }

  /** `key` names the credentials (an account id, "base"); `stats` defaults to the run's. */
  client<C>(ctor: new (config: any) => C, key: string, region: string, credentials: Credentials, stats: ApiStats = this.settings.stats): C {
    let byKey = this.cache.get(ctor);
    if (!byKey) this.cache.set(ctor, (byKey = new Map()));
    const k = `${key}|${region}`;
    let c = byKey.get(k) as C | undefined;
    if (!c) {
      c = new ctor(this.config(region, credentials));
      instrument(c as unknown as Stackable, { limiter: this.settings.limiter, stats });
      byKey.set(k, c);
    }
    return c;
  }

  destroy(): void {
    for (const byKey of this.cache.values()) for (const c of byKey.values()) (c as { destroy?: () => void }).destroy?.();
    this.cache.clear();
    this.handler.destroy();
  }
}

/** Adds the counting, logging and limiting middlewares to a client. */
export function instrument(client: Stackable, settings: Pick<ClientSettings, "limiter" | "stats">): void {
  const service = servicePrefix(client.config.serviceId ?? "unknown");
  const { stats, limiter } = settings;
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<any>, context: { commandName?: string }) => async (args: unknown) => {
      const op = (context.commandName ?? "Unknown").replace(/Command$/, "");
      stats.log(`${service}:${op}`);
      try {
        const out = await next(args);
        stats.add(service, "retries", Math.max(0, (out?.output?.$metadata?.attempts ?? 1) - 1));
        return out;
      } catch (err) {
        const attempts = (err as { $metadata?: { attempts?: number } })?.$metadata?.attempts ?? 1;
        stats.add(service, "retries", Math.max(0, attempts - 1));
        stats.add(service, "errors");
        // The framework's fallback when a collector lets an error escape: which action failed.
        if (err && typeof err === "object") Object.defineProperty(err, "plumblineAction", { value: iamAction(service, op), configurable: true });
        throw err;
      }
    },
    { step: "initialize", name: "plumblineOperationStats", priority: "high" },
  );
  client.middlewareStack.addRelativeTo(
    (next: (args: unknown) => Promise<unknown>) => (args: unknown) =>
      limiter.run(async () => {
        stats.add(service, "calls");
        try {
          return await next(args);
        } catch (err) {
          if (isThrottle(err)) stats.add(service, "throttles");
          throw err;
        }
      }),
    { relation: "after", toMiddleware: "retryMiddleware", name: "plumblineAttemptStats" },
  );
}

/** The action a failed call needed, when the operation middleware tagged the error. */
export function failedAction(err: unknown): string | undefined {
  return err && typeof err === "object" ? (err as { plumblineAction?: string }).plumblineAction : undefined;
}
