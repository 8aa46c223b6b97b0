/**
 * Starts one moto server for the whole suite on a free loopback port, and hands its endpoint to the
 * tests through MOTO_ENDPOINT. Tests that need a clean account call resetMoto() from ./moto.ts.
 * If MOTO_ENDPOINT is already set (e.g. by .ci/run), that server is used instead.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

let proc: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(endpoint: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  let lastErr: unknown;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) return;
    } catch (e) {
      lastErr = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto server at ${endpoint} did not become ready: ${String(lastErr)}`);
}

export async function setup(): Promise<void> {
  if (process.env.MOTO_ENDPOINT) {
    await waitReady(process.env.MOTO_ENDPOINT, 15_000);
    return;
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  proc = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: "false" },
  });
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) =>
    proc!.once("exit", (code) => reject(new Error(`moto server exited (${code}); is moto installed for python3? ${stderr}`))),
  );
  await Promise.race([waitReady(endpoint, 20_000), exited]);
  process.env.MOTO_ENDPOINT = endpoint;
}

export async function teardown(): Promise<void> {
  proc?.kill("SIGTERM");
}
