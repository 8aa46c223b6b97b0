import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { loadHclEvidence } from "../../../src/sources/terraform/hcl/index.js";

async function failure(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

describe("bad input becomes one clear InputError", () => {
  it("names file and line of a syntax error", async () => {
    const e = await failure(loadHclEvidence("test/fixtures/hcl/broken"));
    expect(e.message).toMatch(/^main\.tf:7: syntax error at column \d+: /);
    expect(e.file).toBe("main.tf");
    expect(e.line).toBe(7);
  });

  it("names an unreadable directory", async () => {
    const e = await failure(loadHclEvidence("test/fixtures/hcl/does-not-exist"));
    expect(e.message).toBe("cannot read directory test/fixtures/hcl/does-not-exist");
  });

  it("rejects a directory without .tf files", async () => {
    const e = await failure(loadHclEvidence("test/fixtures/hcl/empty"));
    expect(e.message).toBe("no .tf files in test/fixtures/hcl/empty");
  });

  it("reports a missing local module at the module call", async () => {
    const e = await failure(loadHclEvidence("test/fixtures/hcl/missing-module"));
    expect(e.message).toBe("main.tf:1: module source ./modules/does-not-exist: cannot read directory modules/does-not-exist");
  });

  it("reports a missing --var-file", async () => {
    const e = await failure(loadHclEvidence("test/fixtures/hcl/crlf", { varFiles: ["nope/prod.tfvars"] }));
    expect(e.message).toBe("nope/prod.tfvars: variable file not found");
  });

  it("reports a broken tfvars file without quoting its values", async () => {
    const e = await failure(loadHclEvidence("test/fixtures/hcl/bad-tfvars"));
    expect(e.message).toMatch(/^terraform\.tfvars:\d+: syntax error/);
    expect(e.message).not.toContain("leaky-secret-value");
    const j = await failure(loadHclEvidence("test/fixtures/hcl/bad-json-tfvars"));
    expect(j.message).toBe("terraform.tfvars.json:3: invalid JSON");
    expect(j.message).not.toContain("json-secret-value");
  });

  it("reports a --var value that is not a valid expression, without the value", async () => {
    const e = await failure(loadHclEvidence("test/fixtures/hcl/platform", { vars: { queues: "{ secret-ish = [" }, env: {} }));
    expect(e.message).toBe("--var queues: the value is not a valid HCL expression");
  });
});
