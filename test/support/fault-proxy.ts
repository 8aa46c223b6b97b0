/**
 * A loopback HTTP proxy between the SDK and moto that injects the failures real AWS produces: throttling
 * (in each protocol's own error shape, so the SDK classifies it as it would AWS's), 5xx, requests that
 * never answer (the SDK's per-call timeout fires), AccessDenied for one service, a region whose
 * connections are dropped, and fixed latency. Point the client endpoint (AWS_ENDPOINT_URL) at `endpoint`.
 *
 * The service and region come from the SigV4 credential scope, the operation from x-amz-target, the
 * query protocol's Action=, or the REST method and path. Random faults use a seeded PRNG, so a run with
 * the same seed and the same request order injects the same faults.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FaultOptions {
  /** The moto endpoint to forward to. */
  target: string;
  /** Fraction of requests answered with a throttling error (0..1). */
  throttleRate?: number;
  /** Fraction answered with HTTP 500/503. */
  serverErrorRate?: number;
  /** Fraction that never get an answer (the client's request timeout fires). */
  timeoutRate?: number;
  /** Services (SigV4 signing names: "kms", "logs") whose every request is AccessDenied. */
  denyServices?: string[];
  /** Regions whose connections are dropped without an answer. */
  dropRegions?: string[];
  /** Delay before forwarding each request. */
  latencyMs?: number;
  /** Which requests random faults may hit (default: all but STS, so the audit can sign in). */
  faultable?: (r: ProxiedRequest) => boolean;
  seed?: number;
}

export interface ProxiedRequest {
  service: string;
  region: string;
  /** "ListBuckets" (JSON/query), or "GET /bucket?encryption" for REST. */
  operation: string;
  method: string;
  path: string;
  /** What the proxy did. */
  fault: "none" | "throttle" | "server-error" | "timeout" | "denied" | "dropped";
}

export interface FaultProxy {
  endpoint: string;
  requests: ProxiedRequest[];
  /** Most requests in flight at once (forwarded to moto, or delayed). */
  peakInFlight: number;
  counts(): Record<ProxiedRequest["fault"], number>;
  close(): Promise<void>;
}

/** mulberry32: small, seeded, good enough to spread faults. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Protocol = "json" | "query" | "ec2" | "rest-xml" | "rest-json";

function protocolOf(service: string, req: IncomingMessage, body: string): Protocol {
  if (req.headers["x-amz-target"]) return "json";
  if (service === "ec2") return "ec2";
  if (/(^|&)Action=/.test(body) || /[?&]Action=/.test(req.url ?? "")) return "query";
  if (service === "s3" || service === "cloudfront" || service === "route53") return "rest-xml";
  return "rest-json";
}

function errorResponse(protocol: Protocol, status: number, code: string, message: string): { status: number; headers: Record<string, string>; body: string } {
  const id = "00000000-fault-proxy";
  switch (protocol) {
    case "json":
    case "rest-json":
      return {
        status,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": code, "x-amzn-requestid": id },
        body: JSON.stringify({ __type: code, message, Message: message }),
      };
    case "query":
      return {
        status,
        headers: { "content-type": "text/xml" },
        body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
      };
    case "ec2":
      return {
        status,
        headers: { "content-type": "text/xml" },
        body: `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${id}</RequestID></Response>`,
      };
    case "rest-xml":
      return { status, headers: { "content-type": "application/xml" }, body: `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId></Error>` };
  }
}

const THROTTLE_CODE: Record<Protocol, [number, string]> = {
  json: [400, "ThrottlingException"],
  "rest-json": [429, "TooManyRequestsException"],
  query: [400, "Throttling"],
  ec2: [503, "RequestLimitExceeded"],
  "rest-xml": [503, "SlowDown"],
};

const DENIED_CODE: Record<Protocol, string> = {
  json: "AccessDeniedException",
  "rest-json": "AccessDeniedException",
  query: "AccessDenied",
  ec2: "UnauthorizedOperation",
  "rest-xml": "AccessDenied",
};

function operationOf(req: IncomingMessage, body: string): string {
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") return target.split(".").pop() ?? target;
  const q = (req.url ?? "").split("?")[1] ?? "";
  const action = new URLSearchParams(body).get("Action") ?? new URLSearchParams(q).get("Action");
  if (action) return action;
  return `${req.method} ${req.url}`;
}

export async function startFaultProxy(opts: FaultOptions): Promise<FaultProxy> {
  const target = new URL(opts.target);
  const rand = prng(opts.seed ?? 42);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const state = { peak: 0 };
  const faultable = opts.faultable ?? ((r: ProxiedRequest) => r.service !== "sts");

  const handle = (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    // In flight from arrival to the end of the answer (or the client giving up).
    inFlight++;
    if (inFlight > state.peak) state.peak = inFlight;
    res.on("close", () => inFlight--);
    const body = raw.toString("utf8");
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ""));
    const region = scope?.[1] ?? "unknown";
    const service = scope?.[2] ?? "unknown";
    const rec: ProxiedRequest = { service, region, operation: operationOf(req, body), method: req.method ?? "GET", path: req.url ?? "/", fault: "none" };
    requests.push(rec);
    const protocol = protocolOf(service, req, body);
    const send = (e: { status: number; headers: Record<string, string>; body: string }) => {
      res.writeHead(e.status, { ...e.headers, "content-length": String(Buffer.byteLength(e.body)) });
      res.end(e.body);
    };
    if (opts.dropRegions?.includes(region)) {
      rec.fault = "dropped";
      req.socket.destroy();
      return;
    }
    if (opts.denyServices?.includes(service)) {
      rec.fault = "denied";
      send(errorResponse(protocol, 403, DENIED_CODE[protocol], `User is not authorized to perform: ${service}:${rec.operation}`));
      return;
    }
    if (faultable(rec)) {
      const x = rand();
      const t = opts.throttleRate ?? 0;
      const s = opts.serverErrorRate ?? 0;
      const o = opts.timeoutRate ?? 0;
      if (x < t) {
        rec.fault = "throttle";
        const [status, code] = THROTTLE_CODE[protocol];
        send(errorResponse(protocol, status, code, "Rate exceeded"));
        return;
      }
      if (x < t + s) {
        rec.fault = "server-error";
        send(errorResponse(protocol, rand() < 0.5 ? 500 : 503, rand() < 0.5 ? "InternalError" : "ServiceUnavailable", "We encountered an internal error. Please try again."));
        return;
      }
      if (x < t + s + o) {
        // Never answer: the client gives up after its request timeout and retries.
        rec.fault = "timeout";
        return;
      }
    }
    const forward = () => {
      const up = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on("error", () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      up.end(raw);
    };
    if (opts.latencyMs) setTimeout(forward, opts.latencyMs);
    else forward();
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks)));
  });
  server.keepAliveTimeout = 30_000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    get peakInFlight() {
      return state.peak;
    },
    counts() {
      const c = { none: 0, throttle: 0, "server-error": 0, timeout: 0, denied: 0, dropped: 0 };
      for (const r of requests) c[r.fault]++;
      return c;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
