/**
 * A Config client for moto in one of this suite's accounts (240000000000-249999999999), with the fixes
 * moto 5.2.1 needs (research/moto.md): its BatchGetResourceConfig / GetResourceConfigHistory send
 * timestamps as "2026-11-25 17:21:13.573036+00:00" strings, which SDK v3 cannot parse; a middleware
 * between the transport and the deserializer rewrites them to epoch seconds. Also records every
 * PutEvaluations request body as sent over the wire.
 */
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { motoEndpoint } from "../support/moto.js";

const TIME_FIELDS = /"(configurationItemCaptureTime|resourceCreationTime|configurationItemDeliveryTime)":\s*"([^"]+)"/g;

async function bodyText(body: any): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString("utf8");
}

export interface MotoConfig {
  client: ConfigServiceClient;
  /** PutEvaluations request bodies (parsed), in order. */
  puts: any[];
}

export function motoConfigClient(account: string, region = "eu-west-1"): MotoConfig {
  const client = new ConfigServiceClient({ endpoint: motoEndpoint(), region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts: 1 });
  const puts: any[] = [];
  client.middlewareStack.add(
    (next) => async (args: any) => {
      args.request.headers["x-moto-account-id"] = account;
      const body = args.request.body;
      if (String(args.request.headers["x-amz-target"]).endsWith(".PutEvaluations")) puts.push(JSON.parse(typeof body === "string" ? body : Buffer.from(body).toString("utf8")));
      return next(args);
    },
    { step: "build", name: "motoAccount" },
  );
  client.middlewareStack.add(
    (next) => async (args: any) => {
      const out: any = await next(args);
      const res = out.response;
      const target = String(args.request.headers["x-amz-target"]);
      if (res?.body && (target.endsWith(".BatchGetResourceConfig") || target.endsWith(".GetResourceConfigHistory"))) {
        const text = (await bodyText(res.body)).replace(TIME_FIELDS, (_m, k: string, v: string) => {
          const t = Date.parse(v.replace(" ", "T"));
          return Number.isNaN(t) ? `"${k}": null` : `"${k}": ${t / 1000}`;
        });
        const { Readable } = await import("node:stream");
        res.body = Readable.from([Buffer.from(text)]);
        res.headers["content-length"] = String(Buffer.byteLength(text));
      }
      return out;
    },
    { step: "deserialize", priority: "low", name: "motoTimestamps" },
  );
  return { client, puts };
}
