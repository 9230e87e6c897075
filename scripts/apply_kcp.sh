#!/usr/bin/env bash
# Apply the kcp tree (dist/kcp) through the front-proxy, in the generated order of dist/kcp/apply-order.tsv:
# one `kubectl --server <front-proxy>/clusters/<workspace> apply` per wave and workspace, then a wait until every
# Workspace created in that step is Ready (its URL only serves once it is). The fallback for `make apply-kcp`
# when Argo CD does not deliver the kcp tree.
#
# Usage: scripts/apply_kcp.sh [--dry-run] [--dir DIR] [--server URL] [--kubeconfig FILE] [--timeout DURATION]
#   --dry-run      print the kubectl commands instead of running them
#   --dir          the kcp tree (default: dist/kcp)
#   --server       front-proxy base URL (default: the one recorded in apply-order.tsv)
#   --kubeconfig   kubeconfig with the kcp admin credentials (default: kubectl's, e.g. $KUBECONFIG)
#   --timeout      how long to wait for each Workspace to become Ready (default: 5m)
# Environment: KUBECTL (default: kubectl).
set -euo pipefail

dir=dist/kcp
server=""
kubeconfig=""
timeout=5m
dry_run=0
kubectl=${KUBECTL:-kubectl}

die() { echo "apply-kcp: $*" >&2; exit 2; }

while (($#)); do
  case "$1" in
    --dry-run) dry_run=1 ;;
    --dir) [[ $# -ge 2 ]] || die "--dir needs a value"; dir=$2; shift ;;
    --server) [[ $# -ge 2 ]] || die "--server needs a value"; server=$2; shift ;;
    --kubeconfig) [[ $# -ge 2 ]] || die "--kubeconfig needs a value"; kubeconfig=$2; shift ;;
    --timeout) [[ $# -ge 2 ]] || die "--timeout needs a value"; timeout=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

order="$dir/apply-order.tsv"
[[ -f $order ]] || die "$order not found; run 'make synth' with a topology that has a kcp: section"
if [[ -z $server ]]; then
  server=$(awk -F'\t' '$1 == "# server" { print $2; exit }' "$order")
  [[ -n $server ]] || die "$order records no front-proxy URL; pass --server"
fi
server=${server%/}

base=("$kubectl")
[[ -n $kubeconfig ]] && base+=(--kubeconfig "$kubeconfig")

run() {
  if ((dry_run)); then
    printf '%q' "$1"; shift
    printf ' %q' "$@"; printf '\n'
  else
    "$@"
  fi
}

# Flush one step: apply its files in its workspace, then wait for the Workspaces it created.
step_ws=""
step_files=()
step_workspaces=()
flush() {
  [[ -n $step_ws ]] || return 0
  local args=() f
  for f in "${step_files[@]}"; do
    [[ -f "$dir/$f" ]] || die "$dir/$f is listed in $order but missing; re-run 'make synth'"
    args+=(-f "$dir/$f")
  done
  run "${base[@]}" --server "$server/clusters/$step_ws" apply "${args[@]}"
  if ((${#step_workspaces[@]})); then
    local w targets=()
    for w in "${step_workspaces[@]}"; do targets+=("workspace/$w"); done
    run "${base[@]}" --server "$server/clusters/$step_ws" wait --for=jsonpath='{.status.phase}'=Ready \
      --timeout="$timeout" "${targets[@]}"
  fi
  step_ws=""
  step_files=()
  step_workspaces=()
}

step_key=""
while IFS=$'\t' read -r wave workspace kind name file; do
  [[ -z $wave || $wave == \#* ]] && continue
  [[ -n $file ]] || die "malformed line in $order: $wave $workspace $kind $name"
  if [[ "$wave/$workspace" != "$step_key" ]]; then
    flush
    step_key="$wave/$workspace"
    step_ws=$workspace
  fi
  step_files+=("$file")
  [[ $kind == Workspace ]] && step_workspaces+=("$name")
done < "$order"
flush
