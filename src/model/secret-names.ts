/**
 * The one secret heuristic every source applies at load time (Terraform HCL, plan and state, live AWS,
 * AWS Config items): names that say their value is secret (API_TOKEN, dbPassword, secret_string), and
 * values that are secret whatever they are called (a PEM private key, a URL with user:password@, an
 * access key id next to its secret key). Pure: no I/O.
 *
 * A name is split into words (snake, kebab, dots, camelCase) and judged by its LAST words, so that a name
 * pointing at a secret or describing one is not taken for the secret itself: DB_SECRET_ARN, TOKEN_URL,
 * TOKEN_TTL_SECONDS, PasswordLastUsed, AUTHOR and AuthTokenEnabled are not secret; API_TOKEN, PGPASSWORD,
 * clientSecret, secret_string_wo, BASIC_AUTH and DATABASE_URL are.
 */

/** Words that are a secret on their own, also as the end of a longer word (PGPASSWORD, MYAPITOKEN). */
const SECRET_SUFFIXES = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "PRIVATEKEY", "SECRETKEY", "ACCESSKEY", "CREDENTIALS"];
/** Words that are a secret only as a whole word (BYPASS, AUTHOR are not). Not SECRETS or TOKENS: ECS `secrets` lists ARNs, `http_tokens` is a mode. */
const SECRET_WORDS = new Set([...SECRET_SUFFIXES, "PASSWORDS", "PASS", "PWD", "AUTH", "CREDENTIAL", "CREDS", "DSN", "CONNSTR", "CONNECTIONSTRING"]);
/** Two-word secrets: the second word alone is not one (KEY, URL, STRING). */
const SECRET_PAIRS = new Set([
  "API KEY", "PRIVATE KEY", "ACCESS KEY", "SECRET KEY", "SIGNING KEY", "ENCRYPTION KEY", "MASTER KEY", "SESSION KEY", "HMAC KEY", "AUTH KEY",
  "LICENSE KEY", "CONNECTION STRING", "CONN STRING", "CONN STR", "DATABASE URL", "DB URL", "DATABASE URI", "DB URI",
]);
/** Words after a secret that still name the secret itself (secret_string, PASSWORD_B64, password_wo, ..._v4). */
const VALUE_SUFFIXES = new Set(["VALUE", "VALUES", "STRING", "BINARY", "B64", "BASE64", "PEM", "DER", "JSON", "WO", "PLAIN", "PLAINTEXT", "RAW", "TEXT", "HASH", "DATA"]);

/** "apiKey" → [API, KEY]; "DB-PASSWORD" → [DB, PASSWORD]; "KMSMasterKeyID" → [KMS, MASTER, KEY, ID]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== "");
}

const nameCache = new Map<string, boolean>();

/** True when a name (env var, attribute, tag key, header) says its value is a secret. */
export function isSecretName(name: string): boolean {
  let hit = nameCache.get(name);
  if (hit === undefined) {
    hit = judgeName(nameWords(name));
    // Names come from input: cap the cache so a hostile file cannot grow it without bound.
    if (nameCache.size < 20_000) nameCache.set(name, hit);
  }
  return hit;
}

function judgeName(words: string[]): boolean {
  // Trailing value words and version tags (ses_smtp_password_v4, KEY_2) still name the secret; a pair may
  // end in one (CONNECTION_STRING), so the name is judged at each place it could end.
  for (let end = words.length; end > 0; end--) {
    if (endsInSecret(words, end)) return true;
    const w = words[end - 1];
    if (!(VALUE_SUFFIXES.has(w) || /^V?\d+$/.test(w))) return false;
  }
  return false;
}

function endsInSecret(words: string[], end: number): boolean {
  const last = words[end - 1];
  if (SECRET_WORDS.has(last)) return true;
  if (end > 1 && SECRET_PAIRS.has(`${words[end - 2]} ${last}`)) return true;
  return SECRET_SUFFIXES.some((s) => last.length > s.length && last.endsWith(s));
}

/** A PEM private key block (PKCS#1, PKCS#8, EC, OpenSSH, encrypted, PGP). */
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;
/** scheme://user:password@ (the user may be empty: redis://:password@host). */
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:[^\s/?#@]+@/i;
/** password=... in a query string or an ADO/JDBC/libpq connection string. */
const KEY_VALUE_PASSWORD = /(?:^|[?&;\s])(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token|auth[_-]?token|x-amz-signature|x-amz-security-token)\s*=\s*[^&;\s]+/i;
const ACCESS_KEY_ID = /(?:^|[^A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
/** An AWS secret access key: 40 characters of base64, not part of a longer token. */
const SECRET_ACCESS_KEY = /(?:^|[^A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/;
/** Tokens whose prefix says what they are: GitHub, Slack, Stripe live keys, JWTs. */
const KNOWN_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|xox[abposr]-[A-Za-z0-9-]{10,}|[sr]k_live_[A-Za-z0-9]{16,}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/;
/** An Authorization header value on its own: "Bearer <token>", "Basic <base64>". */
const AUTHORIZATION_VALUE = /^\s*(?:Bearer|Basic)\s+[A-Za-z0-9._~+/-]{16,}=*\s*$/;
/** Cheap first test: every shape above contains one of these. */
const HINT = /BEGIN|:\/\/|=|AKIA|ASIA|gh[pousr]_|github_pat_|xox|_live_|eyJ|Bearer|Basic/;

/** True when a string is (or holds) secret material whatever its name. */
export function isSecretValue(v: string): boolean {
  if (v.length < 8 || !HINT.test(v)) return false;
  return (
    PEM_PRIVATE_KEY.test(v) ||
    URL_PASSWORD.test(v) ||
    KEY_VALUE_PASSWORD.test(v) ||
    KNOWN_TOKEN.test(v) ||
    AUTHORIZATION_VALUE.test(v) ||
    (ACCESS_KEY_ID.test(v) && SECRET_ACCESS_KEY.test(v))
  );
}
