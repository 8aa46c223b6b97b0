/** Helpers for tests that talk to the moto server started in global-setup.ts. */

export function motoEndpoint(): string {
  const e = process.env.MOTO_ENDPOINT;
  if (!e) throw new Error("MOTO_ENDPOINT is not set: the vitest global setup starts moto");
  return e;
}

/** Wipes every account and region in moto. Tests that share the server use distinct names or reset first. */
export async function resetMoto(): Promise<void> {
  const res = await fetch(`${motoEndpoint()}/moto-api/reset`, { method: "POST" });
  if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
}

/** Credentials and endpoint for SDK clients and for code under test that reads the environment. */
export function motoClientConfig() {
  return {
    endpoint: motoEndpoint(),
    region: "us-east-1",
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    forcePathStyle: true,
  };
}
