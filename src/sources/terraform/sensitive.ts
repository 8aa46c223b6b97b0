/**
 * Attributes that hold secret material by nature, whatever Terraform's schema says. Every Terraform
 * source (HCL, plan, state) redacts these at load time, on top of what Terraform itself marks sensitive.
 * Matched against the attribute name at any depth.
 */
const SECRET_ATTRIBUTE_NAMES = new Set([
  "password",
  "master_password",
  "master_user_password",
  "auth_token",
  "secret_string",
  "secret_binary",
  "secret_string_wo",
  "password_wo",
  "private_key",
  "private_key_pem",
  "secret",
  "ses_smtp_password_v4",
  "encrypted_secret",
  "secret_access_key",
  "access_key_secret",
  "token",
  "client_secret",
  "credentials",
  "kms_ciphertext_blob",
  "plaintext",
  "key_material_base64",
]);

/** Types whose `value` attribute is secret (SSM SecureString values are secret; the type decides). */
const SECRET_VALUE_TYPES = new Set(["aws_ssm_parameter", "aws_secretsmanager_secret_version", "aws_kms_ciphertext"]);

export function isSecretAttributeName(tfType: string, name: string): boolean {
  if (SECRET_ATTRIBUTE_NAMES.has(name)) return true;
  if ((name === "value" || name === "insecure_value") && SECRET_VALUE_TYPES.has(tfType)) return true;
  if (NOT_SECRET.has(name) || name.startsWith("manage_")) return false;
  return /(^|_)(password|secret|private_key)$/.test(name);
}

/** Names that end like a secret but hold none: flags and metadata blocks that rules need to see. */
const NOT_SECRET = new Set([
  "allow_users_to_change_password",
  "master_user_secret",
  "manage_master_user_password",
  "force_overwrite_replica_secret",
]);
