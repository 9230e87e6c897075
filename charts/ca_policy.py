"""How long CA certificates live and what happens to their keys, in one place; and the CA rotation procedure.

Why: cert-manager v1.18 gives a Certificate without `duration` 90 days (cert-manager/cert-manager@v1.18.2:
pkg/apis/certmanager/v1/const.go DefaultCertificateDuration) and, since the DefaultPrivateKeyRotationPolicyAlways
feature gate is on by default (internal/controller/feature/features.go; internal/apis/certmanager/v1/defaults.go
SetRuntimeDefaults_Certificate), a new private key at every issuance. For a CA that means a new key at every renewal
(day 60) and at every other re-issuance (a spec change, `cmctl renew`): everything it signed before stops verifying
against the CA file components read until that is re-issued too, and on shard clusters until the bridge delivered it.

So every CA Certificate we render, and every CA kcp-operator makes for the RootShard, carries `CA_SPEC`:
- `privateKey.rotationPolicy: Never`: a renewal re-signs the same key (keymanager_controller.go
  createNextPrivateKeyRotationPolicyNever reuses the Secret's key), so certificates issued under the CA keep
  verifying; the key changes only when a person deletes the CA's Secret (the procedure below);
- `duration: 87600h` (10 years) and `renewBefore: 720h` (30 days), the values kcp-operator v0.9.0 already gives its
  own CAs (kcp-dev/kcp-operator@v0.9.0:sdk/apis/operator/v1alpha1/common.go DefaultCADuration/DefaultCARenewal): a
  CA is re-signed once a decade, with a month to notice a renewal that fails, and the CA copies other Secrets carry
  (`ca.crt`, the chain in `tls.crt`) are refreshed by their own renewals long before the old copy expires.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kcpmodel import INTERMEDIATE_CAS

CA_DURATION = "87600h"
"""Lifetime of every CA certificate: 10 years (upstream cert-manager: 90 days)."""
CA_RENEW_BEFORE = "720h"
"""Renew a CA 30 days before it expires (re-signing the same key)."""
CA_ROTATION_POLICY = "Never"
"""Keep a CA's private key across renewals (cert-manager v1.18's default is `Always`)."""

KCP_OPERATOR_CA_TEMPLATES = tuple(f"{ca}-ca" for ca in ("root", *INTERMEDIATE_CAS))
"""RootShard `spec.certificateTemplates` keys of kcp-operator's CAs: `<ca>-ca`
(kcp-dev/kcp-operator@v0.9.0:sdk/apis/operator/v1alpha1/common.go CertificateTemplateMap.CATemplate; the CAs are
pkg/controller/rootshard/controller.go's intermediateCAs plus the root CA)."""


def ca_spec() -> dict:
    """The Certificate spec fields every CA carries: duration, renewBefore and privateKey.rotationPolicy (a fresh dict)."""
    return {"duration": CA_DURATION, "renewBefore": CA_RENEW_BEFORE, "privateKey": {"rotationPolicy": CA_ROTATION_POLICY}}


def kcp_operator_ca_templates() -> dict:
    """RootShard `spec.certificateTemplates` entries giving kcp-operator's CAs `ca_spec()`.

    kcp-operator v0.9.0 sets duration and renewBefore on its CAs but no rotation policy, so cert-manager v1.18 would
    rotate their keys (internal/resources/rootshard/ca_certificates.go); its template merge copies all three fields
    (internal/resources/utils/certificates.go applyCertificateSpecTemplate, applyCertificatePrivateKeyTemplate) and
    keeps its RSA 4096 key settings.
    """
    return {key: {"spec": ca_spec()} for key in KCP_OPERATOR_CA_TEMPLATES}


def ca_policy_violations(documents: Iterable[dict]) -> list[str]:
    """Every rendered CA that could change its key or lives short: one message per field, naming the object and the fix.

    Checks each `isCA: true` Certificate and each RootShard's certificateTemplates for kcp-operator's CAs.
    """
    out: list[str] = []
    for doc in documents:
        if not isinstance(doc, dict):
            continue
        kind, meta = doc.get("kind"), doc.get("metadata") or {}
        where = f"{kind} {meta.get('namespace', '')}/{meta.get('name', '')}".replace(" /", " ")
        if kind == "Certificate" and (doc.get("spec") or {}).get("isCA"):
            out += _spec_violations(doc.get("spec") or {}, where, "spec")
        elif kind == "RootShard":
            templates = (doc.get("spec") or {}).get("certificateTemplates") or {}
            for key in KCP_OPERATOR_CA_TEMPLATES:
                spec = (templates.get(key) or {}).get("spec") or {}
                out += _spec_violations(spec, where, f"spec.certificateTemplates.{key}.spec")
    return out


def _spec_violations(spec: dict, where: str, path: str) -> list[str]:
    want = {
        "duration": (spec.get("duration"), CA_DURATION),
        "renewBefore": (spec.get("renewBefore"), CA_RENEW_BEFORE),
        "privateKey.rotationPolicy": ((spec.get("privateKey") or {}).get("rotationPolicy"), CA_ROTATION_POLICY),
    }
    return [
        f"{where}: {path}.{field} is {have!r}, must be {value!r} (a CA must keep its key and live long; "
        f"render it with charts.ca_policy.ca_spec())"
        for field, (have, value) in want.items()
        if have != value
    ]


# -- the kcp-ca rotation procedure (README "CA rotation"; rehearsed by `day2-rotate-ca`) -----------------------------


@dataclass(frozen=True)
class RotationStep:
    """One step of a CA rotation, as a person runs it and as the rehearsal replays it."""

    action: str
    """What the rehearsal does: `expect-policy`, `delete-secret`, `wait-ready`, `renew` or `wait-delivered`."""
    target: str
    """The Certificate or Secret it acts on (`{root}` is the root shard's name)."""
    command: str
    """The command a person runs (`{namespace}` and `{root}` are filled in)."""
    why: str
    """Why this step, and why it keeps every cluster working."""

    def render(self, *, namespace: str, root: str) -> tuple[str, str]:
        """(target, command) for a deployment's namespace and root shard name."""
        return self.target.format(root=root), self.command.format(namespace=namespace, root=root)


KCP_CA_ROTATION: tuple[RotationStep, ...] = (
    RotationStep(
        "expect-policy", "{root}-ca",
        "kubectl -n {namespace} get certificate {root}-ca -o jsonpath='{{.spec.privateKey.rotationPolicy}}'",
        "must print Never (this version's RootShard template): re-signing kcp-operator's root CA must keep its key, "
        "or every CA and certificate under it stops verifying",
    ),
    RotationStep(
        "delete-secret", "kcp-ca-tls",
        "kubectl -n {namespace} delete secret kcp-ca-tls",
        "with rotationPolicy Never cert-manager makes a new key only when the Secret has none; no pod mounts "
        "kcp-ca-tls and no component trusts kcp-ca directly (kcp-operator hands out its own CAs' tls.crt)",
    ),
    RotationStep(
        "wait-ready", "kcp-ca",
        "kubectl -n {namespace} wait certificate/kcp-ca --for=condition=Ready",
        "cert-manager issues kcp-ca again, self-signed, with the new key",
    ),
    RotationStep(
        "renew", "{root}-ca",
        "cmctl renew -n {namespace} {root}-ca",
        "re-signs kcp-operator's root CA under the new kcp-ca with its unchanged key, so everything under it still "
        "verifies",
    ),
    RotationStep(
        "wait-ready", "{root}-ca",
        "kubectl -n {namespace} wait certificate/{root}-ca --for=condition=Ready",
        "the re-signed root CA is in its Secret",
    ),
    RotationStep(
        "wait-delivered", "{root}-ca",
        "kubectl -n {namespace} get secret {root}-ca -o jsonpath='{{.data.tls\\.crt}}' | sha256sum",
        "run on cluster 1 and on every shard cluster until the sums agree: the bridge carries the re-signed Secret "
        "on its next run, Argo CD applies it and the shard rolls",
    ),
)
"""Rotating `kcp-ca`, the self-signed CA above kcp-operator's root CA, without any cluster noticing."""
