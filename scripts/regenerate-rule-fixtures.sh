#!/usr/bin/env bash
# Regenerates the machine-made evidence forms of the rule fixture cases listed in
# test/fixtures/rules/evidence-forms.txt, so test/rules-library/fixtures.test.ts can check that one rule
# gives one verdict per resource whichever form the resource arrives in (HCL = plan = state = live):
#
#   plan.json          `terraform show -json` of the plan (made before the apply: unknowns included)
#   terraform.tfstate  the state the apply wrote
#   resources.json     the applied account collected live by plumbline's own collectors
#                      (scripts/rule-fixture-live.ts: collectLiveRun, the collectors for the rule's types)
#
#   scripts/regenerate-rule-fixtures.sh                        # every listed case (JOBS=2 at a time)
#   scripts/regenerate-rule-fixtures.sh s3-bucket-key-enabled/styles
#
# Each case gets a throwaway moto server of its own (scripts/rule-fixtures-moto-server.py: moto plus the
# fixes the AWS provider needs and read calls the live collectors make that moto lacks), so names such
# as S3 buckets never collide between cases, and its own account,
# 260000000000 + the CRC-32 of its "<rule>/<case>" name (`account_of`): stable whatever the list's order.
# Region eu-west-1. Offline: the AWS provider comes from the filesystem mirror.
#
# List lines: `<rule>/<case> [name=value ...]`; the name=value words are Terraform variables for the apply
# (on top of expected.yaml's `vars:`), for a case whose HCL leaves a variable without a value on purpose.
# A case whose live collection is incomplete (a gap, or a value the collector could not read) keeps no
# resources.json; the run says so. Files are replaced only when the plan and apply succeeded.
# evidence-forms.sha256 records what each case's forms were made from (its files and list line):
# fixtures.test.ts fails when a case's HCL changed since, naming the case to regenerate.
#
# Environment: JOBS (default 2), LIVE=0 (plan and state only), TF_STEP_TIMEOUT (s, default 300),
# TF_PLUGIN_MIRROR (default /opt/tf-plugins), TERRAFORM, PYTHON, KEEP_WORK=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIXTURES="$ROOT/test/fixtures/rules"
LIST="$FIXTURES/evidence-forms.txt"
MIRROR="${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"
TERRAFORM="${TERRAFORM:-terraform}"
PYTHON="${PYTHON:-python3}"
ESBUILD="$ROOT/node_modules/.bin/esbuild"
JOBS="${JOBS:-2}"
LIVE="${LIVE:-1}"
REGION=eu-west-1

WORK="$(mktemp -d "${TMPDIR:-/tmp}/plumbline-rule-fixtures.XXXXXX")"
cleanup() {
  local rc=$?
  # Each case stops its own moto; this catches a case interrupted mid-run.
  for pidfile in "$WORK"/cases/*/moto.pid; do
    [[ -f "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  if [[ "${KEEP_WORK:-}" == 1 || $rc -ne 0 ]]; then echo "work dir kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM
log() { printf '==> %s\n' "$*" >&2; }

# The list: "rule/case [vars]" lines, comments and blanks skipped.
mapfile -t LINES < <(grep -v '^\s*\(#\|$\)' "$LIST")
declare -A EXTRA_VARS=()
for line in "${LINES[@]}"; do
  read -r name vars <<<"$line"
  EXTRA_VARS[$name]="$vars"
done
if [[ $# -gt 0 ]]; then CASES=("$@"); else CASES=(); for l in "${LINES[@]}"; do read -r name _ <<<"$l"; CASES+=("$name"); done; fi
for case in "${CASES[@]}"; do
  [[ -f "$FIXTURES/$case/expected.yaml" ]] || { echo "no such case: $case" >&2; exit 2; }
  [[ -n "${EXTRA_VARS[$case]+x}" ]] || { echo "$case is not listed in $LIST" >&2; exit 2; }
done

mkdir -p "$WORK/logs" "$WORK/plugin-cache" "$WORK/cases"
cat >"$WORK/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
plugin_cache_dir = "$WORK/plugin-cache"
RC
export TF_CLI_CONFIG_FILE="$WORK/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true

# The moto account of a case, in 260000000000-264294967295: 260000000000 + CRC-32 (POSIX cksum) of its name.
account_of() {
  local crc
  read -r crc _ < <(printf '%s' "$1" | cksum)
  echo $((260000000000 + crc))
}

# One init fills the provider cache before the cases run in parallel: concurrent first installs into
# one cache race ("still not detected in .terraform/providers").
mkdir -p "$WORK/warm"
printf 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n' >"$WORK/warm/main.tf"
(cd "$WORK/warm" && "$TERRAFORM" init -input=false -no-color >"$WORK/logs/warm-init.log" 2>&1) || { cat "$WORK/logs/warm-init.log" >&2; exit 1; }

# The live collector, bundled once (1 s to start per case, against 10+ s for vite-node's transform).
# import.meta.url is pinned to src/paths.ts's, so PACKAGE_ROOT (the built-in rules) is this checkout.
LIVE_JS="$WORK/rule-fixture-live.mjs"
if [[ "$LIVE" == 1 ]]; then
  "$ESBUILD" "$ROOT/scripts/rule-fixture-live.ts" --bundle --platform=node --format=esm --target=node20 --log-level=warning \
    --outfile="$LIVE_JS" --define:import.meta.url="\"file://$ROOT/src/paths.js\"" \
    --banner:js="import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
fi

# The services the fixtures use; every one goes to the case's moto.
SERVICES=(acm backup cloudfront cloudtrail cloudwatch configservice dynamodb ec2 ecr ecs elasticache elbv2
  guardduty iam kms lambda logs rds s3 s3control secretsmanager shield sns sqs ssm sts wafv2)

provider_override() {
  local endpoint="$1" account="$2"
  echo "# Generated by scripts/regenerate-rule-fixtures.sh: local state, AWS calls go to moto."
  echo 'provider "aws" {'
  cat <<TF
  region                      = "$REGION"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  assume_role {
    role_arn = "arn:aws:iam::$account:role/moto-terraform"
  }
  endpoints {
TF
  for s in "${SERVICES[@]}"; do printf '    %-14s = "%s"\n' "$s" "$endpoint"; done
  echo '  }'
  echo '}'
}

# Starts a moto server on a free port for one case; prints its endpoint.
start_moto() {
  local dir="$1" port endpoint managed=false
  port="$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  endpoint="http://127.0.0.1:$port"
  # AWS managed policies only where a case attaches one: loading them costs seconds per server.
  grep -rqs 'arn:aws:iam::aws:policy/' "$dir/tf" && managed=true
  MOTO_IAM_LOAD_MANAGED_POLICIES=$managed MOTO_EC2_LOAD_DEFAULT_AMIS=false \
    "$PYTHON" "$ROOT/scripts/rule-fixtures-moto-server.py" -H 127.0.0.1 -p "$port" >"$dir/moto.log" 2>&1 &
  echo $! >"$dir/moto.pid"
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "$endpoint/moto-api/"; then
      # Secrets Manager invokes a rotation function when rotation is set: moto's Lambda without Docker.
      curl -sf -X POST -H 'Content-Type: application/json' -d '{"lambda": {"use_docker": false}}' "$endpoint/moto-api/config" >/dev/null
      echo "$endpoint"
      return 0
    fi
    kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "moto did not start; see $dir/moto.log" >&2
  return 1
}

# terraform with its output in a log file (and the step's seconds in times.log next to it); on failure, the end of it.
tf() {
  local logfile="$1" t0=$SECONDS; shift
  trap 'echo "$(basename "$logfile" .log) $((SECONDS - t0))" >>"$(dirname "$logfile")/times.log"' RETURN
  if ! timeout "${TF_STEP_TIMEOUT:-300}" "$TERRAFORM" "$@" >"$logfile" 2>&1; then
    echo "terraform $1 failed; last lines of $logfile:" >&2
    tail -n 25 "$logfile" >&2
    return 1
  fi
}

# The Terraform variables of a case: expected.yaml's `vars:` and the list line's name=value words.
var_args() {
  local case="$1"
  "$PYTHON" - "$FIXTURES/$case/expected.yaml" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1])) or {}
for k, v in (doc.get("vars") or {}).items():
    print(f"-var={k}={str(v).lower() if isinstance(v, bool) else v}")
PY
  local kv words
  read -r -a words <<<"${EXTRA_VARS[$case]}" # split on blanks only: values may hold JSON brackets
  for kv in "${words[@]}"; do echo "-var=$kv"; done
}

# What a case's forms are made from (fixtures.test.ts `inputsDigest`, the same recipe): every file but
# expected.yaml and the forms, by path and content, and the list line's variables.
inputs_digest() {
  "$PYTHON" - "$FIXTURES/$1" "${EXTRA_VARS[$1]}" <<'PY'
import hashlib, os, sys
root, extra = sys.argv[1], sys.argv[2]
skip = {"expected.yaml", "plan.json", "terraform.tfstate", "resources.json"}
files = []
for d, _, names in os.walk(root):
    for n in names:
        rel = os.path.relpath(os.path.join(d, n), root).replace(os.sep, "/")
        if d == root and n in skip:
            continue
        files.append(rel)
h = hashlib.sha256()
for rel in sorted(files):
    h.update(rel.encode() + b"\0")
    with open(os.path.join(root, rel), "rb") as f:
        h.update(f.read())
    h.update(b"\0")
h.update(" ".join(extra.split()).encode())
print(h.hexdigest())
PY
}

# One case, start to end, in its own work dir with its own moto. Writes "<case> <status>" to its result file.
run_case() {
  local case="$1" account dir endpoint src status=ok
  src="$FIXTURES/$case"
  account="$(account_of "$case")"
  dir="$WORK/cases/${case//\//__}"
  mkdir -p "$dir/tf"
  inputs_digest "$case" >"$dir/digest"
  # Everything Terraform reads (the .tf files and local modules); not the committed forms or expectations.
  (cd "$src" && find . -mindepth 1 -maxdepth 1 ! -name expected.yaml ! -name plan.json ! -name terraform.tfstate ! -name resources.json -exec cp -r {} "$dir/tf/" \;)
  endpoint="$(start_moto "$dir")" || { echo "$case moto-failed" >"$dir/result"; return; }
  provider_override "$endpoint" "$account" >"$dir/tf/zz_moto_override.tf"
  mapfile -t vars < <(var_args "$case")
  if (
    cd "$dir/tf"
    tf "$dir/init.log" init -input=false -no-color &&
      tf "$dir/plan.log" plan -input=false -no-color "${vars[@]}" -out=case.tfplan &&
      "$TERRAFORM" show -json case.tfplan >"$dir/plan.json" &&
      tf "$dir/apply.log" apply -input=false -no-color case.tfplan
  ); then
    # The endpoint's port changes every run: a fixed one keeps regenerated plans free of noise.
    sed "s#$endpoint#http://127.0.0.1:5000#g" "$dir/plan.json" >"$dir/plan.normalized.json"
    if [[ "$LIVE" == 1 ]]; then
      if ! node "$LIVE_JS" "${case%%/*}" "$endpoint" "$account" "$REGION" "$dir/resources.json" >"$dir/live.log" 2>&1; then
        status=no-live
        rm -f "$dir/resources.json"
      fi
    fi
    cp "$dir/plan.normalized.json" "$src/plan.json"
    cp "$dir/tf/terraform.tfstate" "$src/terraform.tfstate"
    if [[ -f "$dir/resources.json" ]]; then cp "$dir/resources.json" "$src/resources.json"; else rm -f "$src/resources.json"; fi
  else
    status=failed
  fi
  kill "$(cat "$dir/moto.pid")" 2>/dev/null || true
  wait "$(cat "$dir/moto.pid")" 2>/dev/null || true
  rm -f "$dir/moto.pid"
  echo "$case $status" >"$dir/result"
}

started=$SECONDS
log "${#CASES[@]} case(s), $JOBS at a time; work dir $WORK"
for case in "${CASES[@]}"; do
  while (($(jobs -rp | wc -l) >= JOBS)); do wait -n || true; done
  log "$case (account $(account_of "$case"))"
  run_case "$case" >"$WORK/logs/${case//\//__}.log" 2>&1 &
done
wait

FAILED=() NOLIVE=()
DIGESTS="$FIXTURES/evidence-forms.sha256"
declare -A DIGEST=()
if [[ -f "$DIGESTS" ]]; then while read -r sum name; do DIGEST[$name]=$sum; done <"$DIGESTS"; fi
for case in "${CASES[@]}"; do
  result="$WORK/cases/${case//\//__}/result"
  read -r _ status <"$result" 2>/dev/null || status=failed
  [[ "$status" == ok || "$status" == no-live ]] && DIGEST[$case]="$(cat "$WORK/cases/${case//\//__}/digest")"
  case "$status" in
    ok) ;;
    no-live) NOLIVE+=("$case"); echo "--- $case: no live form:" >&2; tail -n 8 "$WORK/cases/${case//\//__}/live.log" >&2 ;;
    *) FAILED+=("$case"); echo "--- $case: $status" >&2; tail -n 25 "$WORK/logs/${case//\//__}.log" >&2 ;;
  esac
done
# The digests of the listed cases, the regenerated ones updated (fixtures.test.ts checks them).
for name in "${!DIGEST[@]}"; do [[ -n "${EXTRA_VARS[$name]+x}" ]] && echo "${DIGEST[$name]}  $name"; done | LC_ALL=C sort -k2 >"$DIGESTS"
log "done in $((SECONDS - started)) s: ${#CASES[@]} case(s), ${#FAILED[@]} failed, ${#NOLIVE[@]} without a live form"
[[ ${#NOLIVE[@]} -eq 0 ]] || log "without a live form: ${NOLIVE[*]}"
if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "failed: ${FAILED[*]}" >&2
  exit 1
fi
