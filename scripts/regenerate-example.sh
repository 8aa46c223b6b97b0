#!/usr/bin/env bash
# Regenerates examples/mobilytics/generated/ with real Terraform: applies each
# environment against a throwaway local moto server (the AWS emulator) and
# records the state files and `terraform show -json` plans that the plumbline
# tests read. Offline: the AWS provider comes from a filesystem mirror.
#
#   scripts/regenerate-example.sh                 # all environments
#   EXAMPLE_ENVS="dev" scripts/regenerate-example.sh
#
# Environment:
#   TF_PLUGIN_MIRROR  provider mirror (default /opt/tf-plugins)
#   TERRAFORM         terraform binary (default: terraform on PATH)
#   PYTHON            python with moto installed (default python3)
#   KEEP_WORK=1       keep the temp work dir (logs, .terraform) for debugging
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXAMPLE="$ROOT/examples/mobilytics"
OUT="$EXAMPLE/generated"
MIRROR="${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"
TERRAFORM="${TERRAFORM:-terraform}"
PYTHON="${PYTHON:-python3}"
read -r -a ENVS <<<"${EXAMPLE_ENVS:-dev staging prod}"

# One AWS account per environment, as in the real estate. moto gives each
# account its own state; the provider reaches it through sts:AssumeRole.
declare -A ACCOUNTS=([dev]=111122223333 [staging]=444455556666 [prod]=777788889999)
REGION=eu-west-1

WORK="$(mktemp -d "${TMPDIR:-/tmp}/plumbline-example.XXXXXX")"
MOTO_PID=""

cleanup() {
  local rc=$?
  if [[ -n "$MOTO_PID" ]]; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP_WORK:-}" == 1 || $rc -ne 0 ]]; then
    echo "work dir kept: $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM

log() { printf '==> %s\n' "$*" >&2; }

# Runs terraform with its output in a log file; on failure shows the end of it.
tf() {
  local logfile="$WORK/logs/$1.log"
  shift
  # A timeout, so an emulator gap that Terraform retries on never hangs the run.
  if ! timeout "${TF_STEP_TIMEOUT:-900}" "$TERRAFORM" "$@" >"$logfile" 2>&1; then
    echo "terraform $* failed; last lines of $logfile:" >&2
    tail -n 40 "$logfile" >&2
    exit 1
  fi
}

mkdir -p "$WORK/logs" "$OUT"

# --- 1. CLI configuration: providers from the local mirror only ------------------------
cat >"$WORK/terraformrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
EOF
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
export TF_DATA_DIR="$WORK/tfdata"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true

# --- 2. moto on a free loopback port ----------------------------------------------------
# (python3 -m moto.server plus a patch for a CloudTrail lookup bug: see the helper)
PORT="$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
ENDPOINT="http://127.0.0.1:$PORT"
log "starting moto on $ENDPOINT"
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_EC2_LOAD_DEFAULT_AMIS=false \
  "$PYTHON" "$ROOT/scripts/example-moto-server.py" -H 127.0.0.1 -p "$PORT" >"$WORK/logs/moto.log" 2>&1 &
MOTO_PID=$!
for _ in $(seq 1 200); do
  curl -s -o /dev/null "$ENDPOINT/moto-api/" && break
  kill -0 "$MOTO_PID" 2>/dev/null || { cat "$WORK/logs/moto.log" >&2; exit 1; }
  sleep 0.1
done
# Secrets Manager calls the rotation function when rotation is configured; run
# Lambda without Docker (moto's "simple" backend answers every invoke with success).
curl -sf -X POST -H 'Content-Type: application/json' -d '{"lambda": {"use_docker": false}}' \
  "$ENDPOINT/moto-api/config" >/dev/null

# The rotation functions belong to the platform tooling, outside this root:
# create them in each account as the tfvars expect.
for env in "${ENVS[@]}"; do
  ENDPOINT="$ENDPOINT" ACCOUNT="${ACCOUNTS[$env]}" ENV_NAME="$env" REGION="$REGION" "$PYTHON" - <<'PY'
import io, json, os, zipfile
import boto3

endpoint, account, env, region = (os.environ[k] for k in ("ENDPOINT", "ACCOUNT", "ENV_NAME", "REGION"))
creds = boto3.client("sts", endpoint_url=endpoint, region_name=region).assume_role(
    RoleArn=f"arn:aws:iam::{account}:role/moto-terraform", RoleSessionName="regenerate-example")["Credentials"]
session = boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                        aws_session_token=creds["SessionToken"], region_name=region)
iam = session.client("iam", endpoint_url=endpoint)
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
role = iam.create_role(RoleName=f"mobilytics-{env}-secrets-rotation", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
code = io.BytesIO()
with zipfile.ZipFile(code, "w") as z:
    z.writestr("index.py", "def handler(event, context):\n    return None\n")
session.client("lambda", endpoint_url=endpoint).create_function(
    FunctionName=f"mobilytics-{env}-secrets-rotation", Runtime="python3.12", Role=role["Arn"],
    Handler="index.handler", Code={"ZipFile": code.getvalue()})
PY
done

# --- 3. a copy of the example, pointed at moto by an override file --------------------
SRC="$WORK/src"
mkdir -p "$SRC"
cp -r "$EXAMPLE"/*.tf "$EXAMPLE/envs" "$EXAMPLE/modules" "$SRC/"

provider_override() {
  local alias_line="$1"
  cat <<EOF
provider "aws" {
  $alias_line
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = false
  s3_use_path_style           = true

  assume_role {
    role_arn = "arn:aws:iam::\${lookup({ dev = "${ACCOUNTS[dev]}", staging = "${ACCOUNTS[staging]}", prod = "${ACCOUNTS[prod]}" }, var.environment)}:role/moto-terraform"
  }

  endpoints {
    acm            = "$ENDPOINT"
    cloudfront     = "$ENDPOINT"
    cloudtrail     = "$ENDPOINT"
    configservice  = "$ENDPOINT"
    dynamodb       = "$ENDPOINT"
    ec2            = "$ENDPOINT"
    ecs            = "$ENDPOINT"
    elasticache    = "$ENDPOINT"
    guardduty      = "$ENDPOINT"
    iam            = "$ENDPOINT"
    kms            = "$ENDPOINT"
    lambda         = "$ENDPOINT"
    logs           = "$ENDPOINT"
    rds            = "$ENDPOINT"
    s3             = "$ENDPOINT"
    secretsmanager = "$ENDPOINT"
    ssm            = "$ENDPOINT"
    sts            = "$ENDPOINT"
    wafv2          = "$ENDPOINT"
  }
}
EOF
}

{
  echo '# Generated by scripts/regenerate-example.sh: local state, AWS API calls go to moto.'
  echo 'terraform {'
  echo '  backend "local" {}'
  echo '}'
  echo
  provider_override ""
  echo
  provider_override 'alias = "us_east_1"'
} >"$SRC/zz_moto_override.tf"

cd "$SRC"
log "terraform init (mirror: $MIRROR)"
tf init init -input=false
# The committed HCL must be formatted and valid.
tf fmt fmt -check -recursive "$EXAMPLE"
tf validate validate

# --- 4. per environment: apply -> state; fresh workspace -> create-everything plan ----------
for env in "${ENVS[@]}"; do
  log "$env: apply"
  tf "$env-workspace" workspace new "$env"
  tf "$env-apply" apply -auto-approve -input=false -var-file="envs/$env.tfvars"
  cp "terraform.tfstate.d/$env/terraform.tfstate" "$OUT/$env.tfstate"

  # The state must round-trip: a second plan shows no changes, or the emulator
  # lost something that the state now misrepresents.
  rc=0
  timeout "${TF_STEP_TIMEOUT:-900}" "$TERRAFORM" plan -detailed-exitcode -input=false \
    -var-file="envs/$env.tfvars" -out="$WORK/$env-recheck.tfplan" >"$WORK/logs/$env-recheck.log" 2>&1 || rc=$?
  case $rc in
    0) ;;
    2) echo "warning: $env state does not round-trip through moto; changes planned for:" >&2
       "$TERRAFORM" show -json "$WORK/$env-recheck.tfplan" |
         jq -r '.resource_changes[] | select(.change.actions != ["no-op"]) | "  \(.change.actions | join(",")) \(.address)"' >&2 ;;
    *) tail -n 40 "$WORK/logs/$env-recheck.log" >&2; exit 1 ;;
  esac

  log "$env: plan from an empty workspace"
  tf "$env-fresh-workspace" workspace new "$env-fresh"
  tf "$env-fresh-plan" plan -input=false -var-file="envs/$env.tfvars" -out="$WORK/$env.tfplan"
  "$TERRAFORM" show -json "$WORK/$env.tfplan" >"$OUT/$env.plan.json"
done

# A plan against the applied dev state that updates, replaces and deletes:
# new image tag (task definitions are immutable: replace; services: update),
# longer backups (update), SSH access withdrawn (admin security group: delete).
if [[ " ${ENVS[*]} " == *" dev "* ]]; then
  log "dev: change plan"
  tf dev-change-select workspace select dev
  tf dev-change-plan plan -input=false -var-file=envs/dev.tfvars \
    -var image_tag=1.5.0-dev.42 -var db_backup_retention_days=7 -var 'admin_ingress_cidrs=[]' \
    -out="$WORK/dev-change.tfplan"
  "$TERRAFORM" show -json "$WORK/dev-change.tfplan" >"$OUT/dev-change.plan.json"
fi

# --- 5. provenance ---------------------------------------------------------------------
TF_VERSION="$("$TERRAFORM" version -json | jq -r .terraform_version)"
PROVIDER_VERSION="$(jq -r '.configuration.provider_config.aws.version_constraint' "$OUT/${ENVS[0]}.plan.json")"
PROVIDER_LOCKED="$(sed -n '/hashicorp\/aws/,/}/s/^ *version *= *"\(.*\)"/\1/p' "$SRC/.terraform.lock.hcl")"
MOTO_VERSION="$("$PYTHON" -c 'import moto; print(moto.__version__)')"
jq -n --arg tf "$TF_VERSION" --arg provider "$PROVIDER_LOCKED" --arg constraint "$PROVIDER_VERSION" \
  --arg moto "$MOTO_VERSION" --arg date "$(date -u +%Y-%m-%d)" \
  --argjson accounts "$(for e in "${!ACCOUNTS[@]}"; do printf '{"%s":"%s"}' "$e" "${ACCOUNTS[$e]}"; done | jq -s add)" \
  '{generated_by: "scripts/regenerate-example.sh", date: $date, terraform_version: $tf,
    provider: {source: "registry.terraform.io/hashicorp/aws", version: $provider, constraint: $constraint},
    moto_version: $moto, region: "eu-west-1", accounts: $accounts}' >"$OUT/manifest.json"

log "done: $(cd "$OUT" && ls | tr '\n' ' ')"
