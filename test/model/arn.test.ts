import { describe, expect, it } from "vitest";
import { arnResourceName, isArn, parseArn } from "../../src/model/arn.js";

describe("parseArn", () => {
  it("splits resource type and id on / or :", () => {
    expect(parseArn("arn:aws:iam::111122223333:role/service/app-deploy")).toEqual({
      partition: "aws",
      service: "iam",
      region: "",
      account: "111122223333",
      resource: "role/service/app-deploy",
      resourceType: "role",
      resourceId: "service/app-deploy",
    });
    expect(parseArn("arn:aws:rds:eu-west-1:111122223333:db:orders")?.resourceType).toBe("db");
    expect(parseArn("arn:aws:secretsmanager:eu-west-1:111122223333:secret:stripe-AbCdEf")?.resourceId).toBe("stripe-AbCdEf");
  });

  it("handles ARNs without account or separator (S3 buckets)", () => {
    const a = parseArn("arn:aws:s3:::mobilytics-ui");
    expect(a).toMatchObject({ service: "s3", account: "", region: "", resourceId: "mobilytics-ui" });
    expect(a?.resourceType).toBeUndefined();
  });

  it("rejects non-ARNs", () => {
    expect(parseArn("mobilytics-ui")).toBeUndefined();
    expect(isArn("arn:aws:s3")).toBe(false);
    expect(isArn(42)).toBe(false);
    expect(arnResourceName("arn:aws:iam::111122223333:role/service/app-deploy")).toBe("app-deploy");
  });
});
