"""etcd-druid v0.33.0 settings of every shard's Etcd: volume, backup store, snapshots and scheduling.

The `etcd:` block of the topology (`Etcd` and `EtcdBackup` in `_models.py`) holds one field per setting; this module
holds the types those fields use, the rules that span fields, and what each setting renders into. Everything lands in
the `Etcd` object etcd-druid v0.33.0 reads (gardener/etcd-druid@v0.33.0:api/core/v1alpha1/etcd.go EtcdSpec,
BackupSpec, SchedulingConstraints; api/core/v1alpha1/store.go StoreSpec), which builds the StatefulSet from it
(internal/component/statefulset/builder.go).

What v0.33.0 cannot take (README "etcd storage, backups and scheduling"): a node selector and tolerations (EtcdSpec has
neither, and the builder replaces the whole pod template on every reconcile, createPodTemplateSpec); resources other
than the etcd and backup-restore containers' CPU and memory.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from ._base import Model
from ._kcp import REPO_ROOT

if TYPE_CHECKING:
    from ._models import Etcd, EtcdBackup

ETCD_DRUID_VERSION = "v0.33.0"
"""The etcd-druid release these settings are written for (its vendored CRD judges `scheduling`)."""
ETCD_CRD = REPO_ROOT / "vendor" / "crds" / f"etcd-druid-{ETCD_DRUID_VERSION}" / "druid.gardener.cloud_etcds.yaml"
"""The vendored Etcd CRD (vendor/PROVENANCE.md)."""

DRUID_CRON_PATTERN = (
    r"^(\*|[1-5]?[0-9]|[1-5]?[0-9]-[1-5]?[0-9]|(?:[1-9]|[1-4][0-9]|5[0-9])\/(?:[1-9]|[1-4][0-9]|5[0-9]|60)|\*\/(?:[1-9]|[1-4][0-9]|5[0-9]|60))"
    r"\s+(\*|[0-9]|1[0-9]|2[0-3]|[0-9]-(?:[0-9]|1[0-9]|2[0-3])|1[0-9]-(?:1[0-9]|2[0-3])|2[0-3]-2[0-3]|(?:[1-9]|1[0-9]|2[0-3])\/(?:[1-9]|1[0-9]|2[0-4])|\*\/(?:[1-9]|1[0-9]|2[0-4]))"
    r"\s+(\*|[1-9]|[12][0-9]|3[01]|[1-9]-(?:[1-9]|[12][0-9]|3[01])|[12][0-9]-(?:[12][0-9]|3[01])|3[01]-3[01]|(?:[1-9]|[12][0-9]|30)\/(?:[1-9]|[12][0-9]|3[01])|\*\/(?:[1-9]|[12][0-9]|3[01]))"
    r"\s+(\*|[1-9]|1[0-2]|[1-9]-(?:[1-9]|1[0-2])|1[0-2]-1[0-2]|(?:[1-9]|1[0-2])\/(?:[1-9]|1[0-2])|\*\/(?:[1-9]|1[0-2]))"
    r"\s+(\*|[1-7]|[1-6]-[1-7]|[1-6]\/[1-7]|\*\/[1-7])$"
)
"""The pattern the vendored Etcd CRD sets on `spec.backup.fullSnapshotSchedule` and `spec.etcd.defragmentationSchedule`
(data from gardener/etcd-druid@v0.33.0:api/core/v1alpha1/crds/druid.gardener.cloud_etcds.yaml, the kubebuilder
markers of etcd.go BackupSpec/EtcdConfig): five fields of numbers, ranges, `*` and steps; no lists, names or `@daily`
macros. A test keeps it equal to the vendored CRD's."""
_DRUID_CRON_RE = re.compile(DRUID_CRON_PATTERN)

DEFAULT_STORAGE_CAPACITY = "16Gi"
"""etcd-druid v0.33.0's volume size when `spec.storageCapacity` is unset
(gardener/etcd-druid@v0.33.0:internal/component/statefulset/builder.go defaultStorageCapacity)."""

MEMBER_LABELS = ("app.kubernetes.io/component", "app.kubernetes.io/managed-by", "app.kubernetes.io/name", "app.kubernetes.io/part-of")
"""Labels etcd-druid v0.33.0 puts on every member pod of an Etcd: `component: etcd-statefulset`, `managed-by:
etcd-druid`, and the Etcd's name as `name` and `part-of` (gardener/etcd-druid@v0.33.0: api/core/v1alpha1/helper.go
GetDefaultLabels, internal/component/statefulset/builder.go getStatefulSetLabels/getStatefulSetPodLabels); the four
etcd-druid's docs/deployment/production-setup-recommendations.md selects members by in its spreading example."""

_DNS_SUBDOMAIN_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_BYTES_RE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$")
_QUANTITY_RE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$")
_UNITS = {None: 1, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
          "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
# The CRD's duration pattern (etcd.go, `+kubebuilder:validation:Pattern` on every metav1.Duration of BackupSpec).
_DURATION_PART_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)")
_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}


def byte_count(quantity: str) -> float:
    """Bytes of a Kubernetes quantity such as `8Gi` or `500M`."""
    match = _QUANTITY_RE.fullmatch(quantity)
    if match is None:
        raise ValueError(f"{quantity!r} is not a Kubernetes quantity")
    return float(match.group(1)) * _UNITS[match.group(2)]


def whole_seconds(duration: str) -> int:
    """Whole seconds of a Go duration, as the CRD's rules compare them (CEL `duration(...).getSeconds()`)."""
    return int(sum(float(n) * _SECONDS[unit] for n, unit in _DURATION_PART_RE.findall(duration)))


def _byte_size(value: str) -> str:
    if not _BYTES_RE.fullmatch(value):
        raise ValueError(f"{value!r} is not a size such as '50Gi', '100G' or '512Mi'")
    return value


def _object_name(value: str) -> str:
    if len(value) > 253 or not _DNS_SUBDOMAIN_RE.fullmatch(value):
        raise ValueError(f"{value!r} is not a Kubernetes object name: lowercase letters, digits, '-' and '.', "
                         "starting and ending with a letter or digit, e.g. 'premium-rwo'")
    return value


ByteSize = Annotated[str, AfterValidator(_byte_size)]
"""A size in bytes as a Kubernetes quantity (`50Gi`, `100G`)."""
"""A Go duration as the Etcd CRD accepts it (`300s`, `5m`, `12h`)."""
ObjectName = Annotated[str, AfterValidator(_object_name)]
"""A Kubernetes object name (DNS subdomain), such as a StorageClass or PriorityClass name."""


def _refuse(title: str, found: list[tuple[tuple[str | int, ...], Any, str]]) -> None:
    """Raise one validation error per (location below the model, input, message), so each names its own field (a
    plain ValueError would name only the model); nothing when `found` is empty."""
    if found:
        raise ValidationError.from_exception_data(title, [
            InitErrorDetails(type=PydanticCustomError("value_error", "{reason}", {"reason": reason}), loc=loc, input=value)
            for loc, value, reason in found
        ])


def _druid_schedule(field: str, value: str) -> tuple[tuple[str, ...], str, str] | None:
    if _DRUID_CRON_RE.fullmatch(value):
        return None
    return ((field,), value, f"{value!r} is not a schedule etcd-druid {ETCD_DRUID_VERSION}'s Etcd CRD accepts: five "
            "fields of numbers, ranges ('1-5'), '*' and steps ('*/6'), without lists, names or '@' macros, "
            "e.g. '0 */24 * * *'")


# -- the backup store ------------------------------------------------------------------------------------------------

BackupProvider = Literal["S3", "GCS", "ABS"]
"""Object stores offered: Amazon S3 and S3-compatible stores, Google Cloud Storage, Azure Blob Storage. etcd-druid
v0.33.0 also knows OSS, Swift, ECS, OCS and Local (gardener/etcd-druid@v0.33.0:internal/store/store.go
StorageProviderFromInfraProvider); they are not offered here (README)."""

_CONTAINER_RULES = {
    # Bucket and container naming rules of each provider (their documentation), which the names must follow before
    # etcd-backup-restore can reach them.
    "S3": (re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"), "3 to 63 lowercase letters, digits, '.' and '-'"),
    "GCS": (re.compile(r"^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$"), "3 to 63 lowercase letters, digits, '.', '_' and '-'"),
    "ABS": (re.compile(r"^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$"), "3 to 63 lowercase letters, digits and single '-'"),
}
_PREFIX_RE = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")

CREDENTIAL_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    # gardener/etcd-backup-restore@v0.39.0 (the backup-restore version of etcd-druid v0.33.0, go.mod), reading the
    # Secret etcd-druid mounts as a directory (internal/component/statefulset/builder.go getEtcdBackupVolumeMount,
    # internal/store/store.go GetProviderEnvVars): pkg/snapstore/s3_snapstore.go readAWSCredentialFromDir and
    # isAWSConfigEmpty, abs_snapstore.go readABSCredentialFiles and isABSConfigEmpty, gcs_snapstore.go
    # (GOOGLE_APPLICATION_CREDENTIALS = <mount>/serviceaccount.json, validateGCSCredential).
    "S3": (
        ("region", "the bucket's region, e.g. `eu-central-1`"),
        ("accessKeyID", "the access key ID of a user allowed to list, read, write and delete objects under the prefix"),
        ("secretAccessKey", "that access key's secret"),
    ),
    "ABS": (
        ("storageAccount", "the name of the storage account that holds the container"),
        ("storageKey", "an access key of that storage account"),
    ),
    "GCS": (
        ("serviceaccount.json", "a Google service account key (JSON, type `service_account`) allowed to list, read, "
                                "write and delete objects in the bucket"),
    ),
}
"""Keys the credentials Secret must hold, per provider, with what each holds."""

OPTIONAL_CREDENTIAL_KEYS: dict[str, str] = {
    "S3": "`endpoint` (an S3-compatible store's URL), `s3ForcePathStyle` (`true` for path-style addressing), "
          "`trustedCaCert` (PEM of a private CA), `sseCustomerKey` and `sseCustomerAlgorithm` (SSE-C)",
    "ABS": "`domain` (another cloud's blob domain, e.g. `blob.core.chinacloudapi.cn`)",
    "GCS": "`storageAPIEndpoint` (another Cloud Storage endpoint)",
}
"""Keys the credentials Secret may also hold, per provider (same sources as `CREDENTIAL_KEYS`)."""

PROVIDER_NAMES = {"S3": "S3 bucket", "GCS": "Cloud Storage bucket", "ABS": "Azure Blob Storage container"}
"""What `container` is called at each provider."""


class BackupStore(Model):
    """Where etcd-backup-restore writes each etcd's snapshots (`spec.backup.store`), and the Secret it authenticates
    with. One store for every etcd: each writes under `<prefix>/<etcd name>`."""

    provider: BackupProvider
    """`S3` (Amazon S3 or an S3-compatible store, through the Secret's `endpoint` key), `GCS` (Google Cloud Storage) or
    `ABS` (Azure Blob Storage). Required."""
    container: str
    """Bucket (S3, GCS) or container (ABS) name; it must exist. Required."""
    prefix: str | None = None
    """Object key prefix; each etcd writes under `<prefix>/<etcd name>` (`spec.backup.store.prefix`). Default: the
    topology's `namespace`. Give every deployment sharing a bucket its own prefix."""
    credentials_secret: ObjectName = "etcd-backup"
    """User-created Secret, in the namespace on every cluster that runs an etcd, that the backup-restore sidecar
    mounts (`spec.backup.store.secretRef`); its keys depend on `provider` (README, and each cluster's bootstrap steps).
    Default `etcd-backup`."""

    @model_validator(mode="after")
    def _names(self) -> BackupStore:
        found = []
        rule, words = _CONTAINER_RULES[self.provider]
        if not rule.fullmatch(self.container):
            found.append((("container",), self.container, f"{self.container!r} is not a valid {PROVIDER_NAMES[self.provider]} "
                          f"name: use {words}, starting and ending with a letter or digit"))
        if self.prefix is not None and (not _PREFIX_RE.fullmatch(self.prefix) or len(self.prefix) > 200
                                        or any(p in (".", "..") for p in self.prefix.split("/"))):
            found.append((("prefix",), self.prefix, f"{self.prefix!r} is not a key prefix: use up to 200 letters, "
                          "digits, '.', '_' and '-' in parts separated by single '/', without leading or trailing '/' "
                          "and without '.' or '..' parts, e.g. 'kcp/prod'"))
        _refuse("BackupStore", found)
        return self

    def key_prefix(self, namespace: str) -> str:
        """The prefix every etcd's own prefix starts with."""
        return self.prefix or namespace

    def as_spec(self, *, etcd_name: str, namespace: str) -> dict:
        """`spec.backup.store` of one Etcd."""
        # etcd-druid resolves secretRef in the Etcd's own namespace (internal/component/statefulset/builder.go
        # getPodVolumes mounts `SecretName: store.SecretRef.Name` into the Etcd's pods), so no namespace is written.
        return {
            "provider": self.provider,
            "container": self.container,
            "prefix": f"{self.key_prefix(namespace)}/{etcd_name}",
            "secretRef": {"name": self.credentials_secret},
        }

    def credential_keys(self) -> tuple[tuple[str, str], ...]:
        """(key, what it holds) of every key the credentials Secret must hold."""
        return CREDENTIAL_KEYS[self.provider]

    def create_command(self, namespace: str) -> str:
        """The kubectl command that creates the credentials Secret (placeholders in angle brackets)."""
        # Credentials from files, so they stay out of shell history; names and regions as literals.
        parts = []
        for key, _ in self.credential_keys():
            if key in ("region", "storageAccount"):
                parts.append(f"--from-literal={key}=<{key}>")
            else:
                parts.append(f"--from-file={key}=<{key} file>")
        return f"kubectl -n {namespace} create secret generic {self.credentials_secret} " + " ".join(parts)

    def purpose(self, namespace: str) -> str:
        """Who reads the credentials Secret and what for, for the bootstrap steps."""
        return (f"Credentials the etcd backup-restore sidecars on this cluster write their snapshots with, to "
                f"{PROVIDER_NAMES[self.provider]} `{self.container}` under `{self.key_prefix(namespace)}/<etcd name>`; "
                "each etcd's pods wait for it. etcd-backup-restore reads every key verbatim: write each file without a "
                f"trailing newline (`printf %s`). Optional keys: {OPTIONAL_CREDENTIAL_KEYS[self.provider]}")


class SnapshotCompression(Model):
    """Compression of full and delta snapshots (`spec.backup.compression`)."""

    enabled: bool = False
    """Compress snapshots before upload. Default false."""
    policy: Literal["gzip", "lzw", "zlib"] = "gzip"
    """Algorithm when enabled (the CRD's enum). Default `gzip`."""


# -- scheduling ------------------------------------------------------------------------------------------------------


CANNOT_SET = {
    "nodeSelector": f"etcd-druid {ETCD_DRUID_VERSION}'s Etcd has no node selector; write the same labels as "
                    "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution (matchExpressions with operator In)",
    "tolerations": f"etcd-druid {ETCD_DRUID_VERSION}'s Etcd has no tolerations, and etcd-druid rebuilds the pod template "
                   "on every reconcile, so nothing rendered here can add them; let the etcd pods run on untainted nodes "
                   "or add tolerations with a mutating admission webhook (etcd-druid's production recommendations)",
}
"""Scheduling settings other components have and etcd-druid v0.33.0 does not (gardener/etcd-druid@v0.33.0:
api/core/v1alpha1/etcd.go EtcdSpec, SchedulingConstraints; internal/component/statefulset/builder.go
createPodTemplateSpec sets the whole pod spec), each with what to do instead."""


class EtcdScheduling(Model):
    """Where etcd member pods may run (`spec.schedulingConstraints`, `spec.priorityClassName`). A topology spread
    constraint or pod anti-affinity term without `labelSelector` selects the members of its own etcd."""

    affinity: dict[str, Any] | None = None
    """A Kubernetes `Affinity` (nodeAffinity, podAffinity, podAntiAffinity) for every etcd member pod; `nodeAffinity`
    is also how to pin etcd to a node pool (etcd-druid v0.33.0 has no node selector). Default: none."""
    topology_spread_constraints: list[dict[str, Any]] = Field(default_factory=list)
    """Kubernetes `TopologySpreadConstraint`s, e.g. `{maxSkew: 1, topologyKey: topology.kubernetes.io/zone,
    whenUnsatisfiable: DoNotSchedule}` to spread each etcd's members across zones. Default: none."""
    priority_class_name: ObjectName | None = None
    """PriorityClass of the etcd pods (it must exist on every cluster). Default: none (the cluster's default)."""

    @model_validator(mode="before")
    @classmethod
    def _not_in_etcd_druid(cls, data: Any) -> Any:
        found = [((key,), data[key], reason) for key, reason in CANNOT_SET.items() if isinstance(data, dict) and key in data]
        _refuse("EtcdScheduling", found)
        return data

    @model_validator(mode="after")
    def _against_the_crd(self) -> EtcdScheduling:
        given = {k: v for k, v in (("affinity", self.affinity), ("topologySpreadConstraints", self.topology_spread_constraints)) if v}
        if not given:
            return self
        found = []
        for problem in sorted(_scheduling_validator().iter_errors(given), key=lambda e: [str(p) for p in e.absolute_path]):
            loc = tuple(problem.absolute_path) or ("affinity",)
            found.append((loc, problem.instance, f"{problem.message} (the Kubernetes type etcd-druid "
                          f"{ETCD_DRUID_VERSION}'s Etcd CRD declares at spec.schedulingConstraints; fix or remove it)"))
        _refuse("EtcdScheduling", found)
        return self

    def as_spec(self, *, etcd_name: str) -> dict:
        """`spec.schedulingConstraints` and `spec.priorityClassName` entries for one Etcd (empty when nothing is set)."""
        out: dict = {}
        constraints: dict = {}
        if self.affinity:
            constraints["affinity"] = _with_own_selector(self.affinity, etcd_name)
        if self.topology_spread_constraints:
            constraints["topologySpreadConstraints"] = [_own_selector(c, etcd_name) for c in self.topology_spread_constraints]
        if constraints:
            out["schedulingConstraints"] = constraints
        if self.priority_class_name:
            out["priorityClassName"] = self.priority_class_name
        return out


def member_selector(etcd_name: str) -> dict:
    """A label selector matching exactly the member pods of one Etcd (`MEMBER_LABELS`)."""
    values = {"app.kubernetes.io/component": "etcd-statefulset", "app.kubernetes.io/managed-by": "etcd-druid",
              "app.kubernetes.io/name": etcd_name, "app.kubernetes.io/part-of": etcd_name}
    return {"matchLabels": {label: values[label] for label in MEMBER_LABELS}}


def _with_own_selector(affinity: dict, etcd_name: str) -> dict:
    # Only anti-affinity gets the default: "not next to my own members" is what a term without a selector means here;
    # a pod affinity term without a selector is passed on as written.
    anti = affinity.get("podAntiAffinity")
    if not anti:
        return affinity
    filled = dict(anti)
    if "requiredDuringSchedulingIgnoredDuringExecution" in anti:
        filled["requiredDuringSchedulingIgnoredDuringExecution"] = [
            _own_selector(term, etcd_name) for term in anti["requiredDuringSchedulingIgnoredDuringExecution"]]
    if "preferredDuringSchedulingIgnoredDuringExecution" in anti:
        filled["preferredDuringSchedulingIgnoredDuringExecution"] = [
            {**weighted, "podAffinityTerm": _own_selector(weighted.get("podAffinityTerm") or {}, etcd_name)}
            for weighted in anti["preferredDuringSchedulingIgnoredDuringExecution"]]
    return {**affinity, "podAntiAffinity": filled}


def _own_selector(term: dict, etcd_name: str) -> dict:
    """A pod affinity term or topology spread constraint, selecting its etcd's own members unless it says otherwise."""
    return term if "labelSelector" in term else {**term, "labelSelector": member_selector(etcd_name)}


@functools.cache
def _scheduling_validator() -> Any:
    """A strict validator of `spec.schedulingConstraints`, from the vendored Etcd CRD as `make validate` converts it."""
    # Imported here, not at the top: the schema tools cost about 0.1 s to import, which only topologies that set
    # scheduling constraints should pay.
    from jsonschema import Draft4Validator

    from kcpgitops.schemas import convert_crd, crd_documents

    crd = next(crd_documents(path=ETCD_CRD))
    schema = next(iter(convert_crd(crd=crd).values()))
    return Draft4Validator(schema["properties"]["spec"]["properties"]["schedulingConstraints"])


# -- rules across fields ---------------------------------------------------------------------------------------------


def check_backup(backup: EtcdBackup) -> EtcdBackup:
    """Rules of `etcd.backup` that span fields or that only etcd-druid's CRD states; one error per field."""
    found = []
    schedule = _druid_schedule("fullSnapshotSchedule", backup.full_snapshot_schedule)
    if schedule:
        found.append(schedule)
    # etcd.go BackupSpec XValidation: garbageCollectionPeriod must be greater than deltaSnapshotPeriod (whole seconds).
    if whole_seconds(backup.delta_snapshot_period) >= whole_seconds(backup.garbage_collection_period):
        found.append((("garbageCollectionPeriod",), backup.garbage_collection_period,
                      f"{backup.garbage_collection_period!r} is not longer than deltaSnapshotPeriod "
                      f"({backup.delta_snapshot_period!r}), which etcd-druid {ETCD_DRUID_VERSION}'s Etcd CRD refuses; "
                      "lengthen garbageCollectionPeriod or shorten deltaSnapshotPeriod"))
    # builder.go getBackupStoreCommandArgs passes --max-backups only with the LimitBased policy.
    if backup.max_backups_limit_based_gc is not None and backup.garbage_collection_policy != "LimitBased":
        found.append((("maxBackupsLimitBasedGC",), backup.max_backups_limit_based_gc,
                      f"applies only with garbageCollectionPolicy: LimitBased (it is {backup.garbage_collection_policy}); "
                      "set that policy or remove maxBackupsLimitBasedGC"))
    _refuse("EtcdBackup", found)
    return backup


def check_etcd(etcd: Etcd) -> Etcd:
    """Rules of `etcd` that span fields or that only etcd-druid's CRD states; one error per field."""
    found = []
    schedule = _druid_schedule("defragmentationSchedule", etcd.defragmentation_schedule)
    if schedule:
        found.append(schedule)
    capacity = etcd.storage_capacity or DEFAULT_STORAGE_CAPACITY
    if byte_count(capacity) < byte_count(etcd.quota):
        # The volume also holds the WAL, raft snapshots and backup-restore's temporary snapshot files
        # (builder.go: --snapstore-temp-directory and --restoration-temp-snapshots-dir under the data volume).
        if etcd.storage_capacity:
            found.append((("storageCapacity",), capacity, f"{capacity} is smaller than quota ({etcd.quota}): the database "
                          "could fill its volume before the quota stops writes; raise storageCapacity or lower quota"))
        else:
            found.append((("quota",), etcd.quota, f"{etcd.quota} is larger than the volume (storageCapacity unset: "
                          f"etcd-druid's {capacity}): the database could fill its volume before the quota stops writes; "
                          "set storageCapacity to at least the quota or lower quota"))
    _refuse("Etcd", found)
    return etcd
