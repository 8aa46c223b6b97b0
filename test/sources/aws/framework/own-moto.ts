/**
 * A moto server of this suite's own, for settings the shared one must not have (IAM enforcement, the
 * request recorder). Started on a free loopback port, stopped by the caller.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface OwnMoto {
  endpoint: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      const port = typeof a === "object" && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startOwnMoto(env: Record<string, string>): Promise<OwnMoto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const proc: ChildProcess = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: "false", ...env },
  });
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const until = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`moto exited (${proc.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`moto did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

/** POSTs to a moto-api path (reset-auth, recorder/start-recording...). */
export async function motoApi(endpoint: string, path: string, body?: string): Promise<string> {
  const res = await fetch(`${endpoint}/moto-api/${path}`, { method: body === undefined && path.includes("download") ? "GET" : "POST", body });
  if (!res.ok) throw new Error(`moto-api/${path}: HTTP ${res.status}`);
  return res.text();
}
