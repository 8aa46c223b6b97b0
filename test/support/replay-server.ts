/**
 * A loopback HTTP server that speaks just enough AWS wire protocol to replay recorded responses for APIs
 * moto lacks (CloudTrail LookupEvents, Config compliance APIs, GuardDuty findings, Security Hub...). The
 * SDK still builds, signs, sends and parses real bytes; tests assert on the requests it recorded.
 *
 * A handler gets every request and returns a response, or undefined for a 400 UnknownOperation.
 * JSON protocols (x-amz-target) expose `target` ("StarlingDoveService.PutEvaluations") and `action`
 * ("PutEvaluations"); query protocols expose `action` from the form body; REST-JSON exposes `path`.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** x-amz-target, when the protocol is AWS JSON. */
  target?: string;
  /** The operation name: from x-amz-target or the query protocol's Action=. */
  action?: string;
  body: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json?: any;
}

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON (application/x-amz-json-1.1); a string is sent as is. */
  body?: unknown;
}

export type ReplayHandler = (req: RecordedRequest) => ReplayResponse | undefined | Promise<ReplayResponse | undefined>;

export interface ReplayServer {
  endpoint: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** An AWS JSON-protocol error response, as the SDK parses it. */
export function awsJsonError(code: string, message: string, status = 400): ReplayResponse {
  return { status, headers: { "x-amzn-errortype": code }, body: { __type: code, message } };
}

export async function startReplayServer(handler: ReplayHandler): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const target = typeof req.headers["x-amz-target"] === "string" ? req.headers["x-amz-target"] : undefined;
      let action = target?.split(".").pop();
      if (!action && body.includes("Action=")) action = new URLSearchParams(body).get("Action") ?? undefined;
      let json: any;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const rec: RecordedRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, target, action, body, json };
      requests.push(rec);
      let out: ReplayResponse | undefined;
      try {
        out = await handler(rec);
      } catch (e) {
        out = awsJsonError("InternalFailure", String(e), 500);
      }
      out ??= awsJsonError("UnknownOperationException", `replay server has no response for ${action ?? rec.path}`);
      const isText = typeof out.body === "string";
      const payload = out.body === undefined ? "" : isText ? (out.body as string) : JSON.stringify(out.body);
      res.writeHead(out.status ?? 200, {
        "content-type": isText ? "text/xml" : "application/x-amz-json-1.1",
        "x-amzn-requestid": `replay-${requests.length}`,
        ...out.headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
