/**
 * Terraform attributes that hold secret material, on top of what Terraform itself marks sensitive. Every
 * Terraform source (HCL, plan, state) redacts them at load time. Names are judged by the one heuristic all
 * sources share (src/model/secret-names.ts: password, *_token, api_key, client_secret, private_key_pem,
 * secret_string_wo...); this file adds only what a name alone cannot say in Terraform's schemas.
 */
import { isSecretName } from "../../model/secret-names.js";

/**
 * Secret by nature although the shared heuristic does not say so from the name: ciphertexts and key
 * material. Everything under them is redacted, objects and lists included.
 */
const TERRAFORM_SECRET_NAMES = new Set(["kms_ciphertext_blob", "plaintext", "key_material_base64", "encrypted_secret", "credentials"]);

/** Types whose `value` attribute is secret (SSM SecureString values are secret; the type decides). */
const SECRET_VALUE_TYPES = new Set(["aws_ssm_parameter", "aws_secretsmanager_secret_version", "aws_kms_ciphertext"]);

/** Names that end like a secret but hold none: flags and metadata blocks that rules need to see. */
const NOT_SECRET = new Set([
  "allow_users_to_change_password",
  "master_user_secret",
  "manage_master_user_password",
  "force_overwrite_replica_secret",
]);

/**
 * Secret whatever the value's shape: the whole value goes (a block or list under such a name included).
 * Terraform-specific names, and the `value` of types whose value is the secret.
 */
export function isWholeSecretAttribute(tfType: string, name: string): boolean {
  if (TERRAFORM_SECRET_NAMES.has(name)) return true;
  return (name === "value" || name === "insecure_value") && SECRET_VALUE_TYPES.has(tfType);
}

/** True when the attribute's value is secret: Terraform's own list, then the shared name heuristic. */
export function isSecretAttributeName(tfType: string, name: string): boolean {
  if (isWholeSecretAttribute(tfType, name)) return true;
  if (NOT_SECRET.has(name) || name.startsWith("manage_")) return false;
  return isSecretName(name);
}
