/**
 * The one secret heuristic (src/model/secret-names.ts) and the load-time walk that applies it
 * (src/model/redact-secrets.ts): which names and values are secret, which are not (no silly false
 * positives: AUTHOR, TOKEN_TTL_SECONDS, DB_SECRET_ARN, HttpTokens), and what the walk keeps.
 */
import { describe, expect, it } from "vitest";
import { countSecrets, MAX_REDACT_DEPTH, NestingTooDeepError, redactSecrets, redactSecretLeaf } from "../../src/model/redact-secrets.js";
import { isSecretName, isSecretValue, nameWords } from "../../src/model/secret-names.js";
import { PartialJson, REDACTED, Ref, Unknown } from "../../src/model/values.js";
import { isSecretAttributeName } from "../../src/sources/terraform/sensitive.js";
import { parseContainerDefinitions } from "../../src/sources/terraform/aws/ecs.js";

describe("isSecretName", () => {
  it("splits names in every spelling", () => {
    expect(nameWords("apiKey")).toEqual(["API", "KEY"]);
    expect(nameWords("KMSMasterKeyID")).toEqual(["KMS", "MASTER", "KEY", "ID"]);
    expect(nameWords("x-api-key")).toEqual(["X", "API", "KEY"]);
    expect(nameWords("secret_string_wo")).toEqual(["SECRET", "STRING", "WO"]);
  });

  const SECRET = [
    // env vars
    "API_TOKEN", "GITHUB_TOKEN", "AWS_SESSION_TOKEN", "DB_PASSWORD", "PGPASSWORD", "MYSQL_PWD", "PASSWD", "REDIS_PASS", "SECRET",
    "JWT_SECRET", "COOKIE_SECRET", "CLIENT_SECRET", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY", "API_KEY", "APIKEY", "STRIPE_SECRET_KEY",
    "PRIVATE_KEY", "SIGNING_KEY", "ENCRYPTION_KEY", "SSH_PASSPHRASE", "CREDENTIALS", "CREDENTIAL", "DB_CREDS",
    "GOOGLE_APPLICATION_CREDENTIALS_JSON", "AUTH", "BASIC_AUTH", "SENTRY_DSN", "CONNECTION_STRING", "DATABASE_URL", "DB_URL",
    "PASSWORD_B64", "API_KEY_2",
    // camelCase / PascalCase (live APIs, Config items)
    "apiToken", "clientSecret", "MasterUserPassword", "SecretString", "ConnectionString", "DeployToken", "SessionSecret", "x-api-key",
    // Terraform attributes
    "password", "master_password", "auth_token", "secret_string", "secret_string_wo", "password_wo", "ses_smtp_password_v4", "token",
    "private_key_pem", "secret_access_key", "access_key_secret", "secret_binary",
  ];
  it.each(SECRET)("%s is secret", (n) => expect(isSecretName(n)).toBe(true));

  const NOT_SECRET = [
    // a name that points at, describes or configures a secret is not the secret
    "AUTHOR", "AUTHOR_NAME", "authorName", "TOKEN_TTL_SECONDS", "TOKEN_URL", "AUTH_URL", "AUTH_TYPE", "DB_SECRET_ARN", "SECRET_ID", "SecretArn",
    "PASSWORD_FILE", "PasswordLastUsed", "PasswordResetRequired", "MinimumPasswordLength", "password_reuse_prevention", "AuthTokenEnabled",
    "AuthTokenLastModifiedDate", "IAMDatabaseAuthenticationEnabled", "authentication_mode", "Authorization", "refresh_token_validity",
    // key ids, names and plurals rules read
    "KMS_KEY_ID", "KmsKeyId", "KMSMasterKeyID", "kms_master_key_id", "AccessKeyId", "AWS_ACCESS_KEY_ID", "key_name", "key", "secrets",
    "http_tokens", "HttpTokens", "BYPASS", "LOG_LEVEL", "SESSION_TIMEOUT", "ACCESS_LOGS", "PUBLIC_KEY", "Owner", "Environment", "",
  ];
  it.each(NOT_SECRET)("%s is not secret", (n) => expect(isSecretName(n)).toBe(false));

  it("Terraform adds what names cannot say and keeps its flags and metadata blocks", () => {
    expect(isSecretAttributeName("aws_ssm_parameter", "value")).toBe(true);
    expect(isSecretAttributeName("aws_secretsmanager_secret_version", "value")).toBe(true);
    expect(isSecretAttributeName("aws_s3_bucket", "value")).toBe(false);
    expect(isSecretAttributeName("aws_kms_ciphertext", "plaintext")).toBe(true);
    expect(isSecretAttributeName("aws_kms_external_key", "key_material_base64")).toBe(true);
    expect(isSecretAttributeName("aws_db_instance", "master_user_secret")).toBe(false);
    expect(isSecretAttributeName("aws_db_instance", "manage_master_user_password")).toBe(false);
    expect(isSecretAttributeName("aws_iam_account_password_policy", "allow_users_to_change_password")).toBe(false);
    expect(isSecretAttributeName("aws_instance", "http_tokens")).toBe(false);
  });
});

describe("isSecretValue", () => {
  const SECRET = [
    "postgres://app:s3cr3t@db.internal:5432/app",
    "redis://:s3cr3tpass@cache:6379/0",
    "mongodb+srv://root:hunter22@cluster0.example.net/db",
    "https://svc:pw12345@hooks.example.com/notify",
    "jdbc:postgresql://db/app?user=app&password=s3cr3t",
    "Server=db;Database=app;User Id=app;Password=s3cr3t;",
    "https://api.example.com/v1?api_key=abcdef123456",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
    "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----",
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----",
    "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "aws_access_key_id=ASIAIOSFODNN7EXAMPLE\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "ghp_0123456789abcdefghijABCDEFGHIJ012345",
    "xoxb-1234567890-abcdefghijkl",
    "sk_live_0123456789abcdefABCD",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "Bearer 0123456789abcdefABCDEF",
  ];
  it.each(SECRET)("%s is secret", (v) => expect(isSecretValue(v)).toBe(true));

  const NOT_SECRET = [
    "https://example.com/path?next=/home",
    "https://user@example.com/repo.git",
    "arn:aws:iam::123456789012:role/app",
    "AKIAIOSFODNN7EXAMPLE",
    "3f786850e387550fdab836ed7e6dc881de23001b",
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
    "Basic configuration",
    "mode=fast&level=2",
    "info",
    "jane-doe",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}',
  ];
  it.each(NOT_SECRET)("%s is not secret", (v) => expect(isSecretValue(v)).toBe(false));
});

describe("redactSecrets", () => {
  it("redacts name/value pairs, secret-named scalars and secret-shaped strings, and keeps everything else", () => {
    const doc = {
      environment: [
        { name: "API_TOKEN", value: "t0k" },
        { name: "AUTHOR", value: "jane" },
        { name: "WEBHOOK", value: "https://u:pw@h/x" },
      ],
      Tags: [{ Key: "DeployToken", Value: "t1" }, { Key: "Owner", Value: "platform" }],
      tags: { ApiToken: "t2", Environment: "prod" },
      headers: [{ HeaderName: "X-Api-Key", HeaderValue: "t3" }],
      master_user_secret: { secret_arn: "arn:aws:secretsmanager:eu-west-1:1:secret:x", kms_key_id: "k" },
      passwords: ["a", "b"],
      pin_token: 1234,
      force_overwrite_replica_secret: false,
      password: null,
      Description: "plain text",
    };
    const { redacted } = countSecrets(doc);
    expect(doc).toEqual({
      environment: [
        { name: "API_TOKEN", value: REDACTED },
        { name: "AUTHOR", value: "jane" },
        { name: "WEBHOOK", value: REDACTED },
      ],
      Tags: [{ Key: "DeployToken", Value: REDACTED }, { Key: "Owner", Value: "platform" }],
      tags: { ApiToken: REDACTED, Environment: "prod" },
      headers: [{ HeaderName: "X-Api-Key", HeaderValue: REDACTED }],
      master_user_secret: { secret_arn: "arn:aws:secretsmanager:eu-west-1:1:secret:x", kms_key_id: "k" },
      passwords: [REDACTED, REDACTED],
      pin_token: REDACTED,
      force_overwrite_replica_secret: false,
      password: null,
      Description: "plain text",
    });
    expect(redacted).toBe(8);
  });

  it("reaches into JSON text and rewrites it only when something in it was secret", () => {
    const defs = JSON.stringify([{ name: "app", environment: [{ name: "DATABASE_URL", value: "postgres://a:b@h/d" }, { name: "LOG_LEVEL", value: "info" }] }]);
    const out = redactSecretLeaf(defs) as string;
    expect(JSON.parse(out)).toEqual([{ name: "app", environment: [{ name: "DATABASE_URL", value: REDACTED }, { name: "LOG_LEVEL", value: "info" }] }]);
    const policy = '{ "Statement": [{ "Action": "secretsmanager:GetSecretValue", "Resource": "*" }] }';
    expect(redactSecretLeaf(policy)).toBe(policy);
    // Broken JSON text that holds a secret goes whole; broken JSON without one stays.
    expect(redactSecretLeaf('[{"value": "postgres://a:b@h/d"')).toBe(REDACTED);
    expect(redactSecretLeaf('[{"name": "token"')).toBe('[{"name": "token"');
  });

  it("an Unknown whose expression quotes a secret becomes REDACTED; a PartialJson's structure is walked", () => {
    const ref = new Ref("aws_db_instance.db", "address", '"postgres://app:hunter22@${aws_db_instance.db.address}/app"', true);
    const plain = new Unknown("known only after apply", "aws_db_instance.db.address");
    const partial = new PartialJson([{ name: "API_TOKEN", value: "t" }, { name: "HOST", value: new Unknown("after apply") }], "known only after apply");
    const doc = { url: ref, host: plain, defs: partial };
    redactSecrets(doc);
    expect(doc.url).toBe(REDACTED);
    expect(doc.host).toBe(plain);
    expect(doc.defs).toBe(partial);
    expect((partial.structure as any[])[0].value).toBe(REDACTED);
    expect((partial.structure as any[])[1].value).toBeInstanceOf(Unknown);
  });

  it("a source's own names redact whole values; nesting is bounded", () => {
    const doc = { value: { a: 1, b: ["x"] }, other: { value: "kept" } };
    redactSecrets(doc, { secretKey: (k) => k === "value" });
    expect(doc).toEqual({ value: REDACTED, other: { value: REDACTED } });
    let deep: unknown = "x";
    for (let i = 0; i < MAX_REDACT_DEPTH + 5; i++) deep = { a: deep };
    expect(() => redactSecrets(deep)).toThrow(NestingTooDeepError);
  });
});

describe("ECS environment: one rule for Terraform and live", () => {
  it("redacts by the shared heuristic (API_TOKEN was missed by Terraform's old list) and keeps names", () => {
    const defs = parseContainerDefinitions(
      JSON.stringify([
        {
          name: "app",
          environment: [
            { name: "API_TOKEN", value: "a" },
            { name: "DATABASE_URL", value: "postgres://u:canary@h/db" },
            { name: "CALLBACK", value: "https://u:pw@h/x" },
            { name: "AUTHOR", value: "jane" },
            { name: "TOKEN_TTL_SECONDS", value: "3600" },
          ],
        },
      ]),
    ) as any[];
    expect(defs[0].Environment).toEqual([
      { Name: "API_TOKEN", Value: REDACTED },
      { Name: "DATABASE_URL", Value: REDACTED },
      { Name: "CALLBACK", Value: REDACTED },
      { Name: "AUTHOR", Value: "jane" },
      { Name: "TOKEN_TTL_SECONDS", Value: "3600" },
    ]);
  });
});
