#!/usr/bin/env bash
# Regenerates imports/ from the vendored CRDs with `cdk8s import` (offline, deterministic).
# cdk8s import overwrites an earlier file of the same API group, so CRDs are first joined into one file per group.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
cp cdk8s.yaml "$work/cdk8s.yaml.orig"
# `cdk8s import` records every imported file in cdk8s.yaml; those are temporary joins, so restore it afterwards.
trap 'cp "$work/cdk8s.yaml.orig" cdk8s.yaml; rm -rf "$work"' EXIT
join() { # join <group-file-name> <crd files...>
  local out="$work/$1.yaml"; shift
  for f in "$@"; do printf -- '---\n'; cat "$f"; printf '\n'; done > "$out"
}
join certmanager vendor/crds/cert-manager-v1.18.6/cert-manager.io_{certificates,issuers,clusterissuers}.rendered.yaml
join druid vendor/crds/etcd-druid-v0.33.0/druid.gardener.cloud_etcds.yaml
join kcpoperator vendor/crds/kcp-operator-v0.9.0/operator.kcp.io_{rootshards,shards,frontproxies,kubeconfigs}.yaml
join sealedsecrets vendor/crds/sealed-secrets-v0.36.6/sealedsecrets.bitnami.com_sealedsecrets.yaml
join argocd vendor/crds/argo-cd-v3.5.1/argoproj.io_{applications,appprojects}.yaml
rm -rf imports
for f in "$work"/*.yaml; do  # one group per call: the CLI keeps only the last of several files
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 CDK8S_CHECK_UPGRADE=false \
    node_modules/.bin/cdk8s import --language python --output imports "$(basename "$f" .yaml):=$f" > /dev/null
done
touch imports/__init__.py
