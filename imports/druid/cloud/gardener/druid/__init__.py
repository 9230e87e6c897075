from __future__ import annotations

from pkgutil import extend_path
__path__ = extend_path(__path__, __name__)

import abc
import builtins
import datetime
import enum
import typing

import jsii
import publication
import typing_extensions

from jsii._type_checking import cached_type_hints, check_type


from ._jsii import *

class _LazyImport:
    def __init__(self, module_name: str) -> None:
        self._module_name = module_name
        self._module: typing.Any = None
    def __getattr__(self, name: str) -> typing.Any:
        if self._module is None:
            import importlib
            self._module = importlib.import_module(self._module_name)
        return getattr(self._module, name)

if typing.TYPE_CHECKING:

    import cdk8s as _cdk8s_d3d9af27
    import constructs as _constructs_77d1e7e8
else:

    _cdk8s_d3d9af27 = _LazyImport("cdk8s")
    _constructs_77d1e7e8 = _LazyImport("constructs")


class Etcd(
    _cdk8s_d3d9af27.ApiObject,
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.Etcd",
):
    '''Etcd is the Schema for the etcds API.

    :schema: Etcd
    '''

    def __init__(
        self,
        scope: "_constructs_77d1e7e8.Construct",
        id: builtins.str,
        *,
        metadata: typing.Optional[typing.Union["_cdk8s_d3d9af27.ApiObjectMetadata", typing.Dict[builtins.str, typing.Any]]] = None,
        spec: typing.Optional[typing.Union["EtcdSpec", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''Defines a "Etcd" API object.

        :param scope: the scope in which to define this object.
        :param id: a scope-local name for the object.
        :param metadata: 
        :param spec: EtcdSpec defines the desired state of Etcd.
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__246388c79647a3f505116bd2f4624713cdceec8800d8cd2a46649da421361dad)
            check_type(argname="argument scope", value=scope, expected_type=type_hints["scope"])
            check_type(argname="argument id", value=id, expected_type=type_hints["id"])
        props = EtcdProps(metadata=metadata, spec=spec)

        jsii.create(self.__class__, self, [scope, id, props])

    @jsii.member(jsii_name="manifest")
    @builtins.classmethod
    def manifest(
        cls,
        *,
        metadata: typing.Optional[typing.Union["_cdk8s_d3d9af27.ApiObjectMetadata", typing.Dict[builtins.str, typing.Any]]] = None,
        spec: typing.Optional[typing.Union["EtcdSpec", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> typing.Any:
        '''Renders a Kubernetes manifest for "Etcd".

        This can be used to inline resource manifests inside other objects (e.g. as templates).

        :param metadata: 
        :param spec: EtcdSpec defines the desired state of Etcd.
        '''
        props = EtcdProps(metadata=metadata, spec=spec)

        return typing.cast(typing.Any, jsii.sinvoke(cls, "manifest", [props]))

    @jsii.member(jsii_name="toJson")
    def to_json(self) -> typing.Any:
        '''Renders the object to Kubernetes JSON.'''
        return typing.cast(typing.Any, jsii.invoke(self, "toJson", []))

    @jsii.python.classproperty
    @jsii.member(jsii_name="GVK")
    def GVK(cls) -> "_cdk8s_d3d9af27.GroupVersionKind":
        '''Returns the apiVersion and kind for "Etcd".'''
        return typing.cast("_cdk8s_d3d9af27.GroupVersionKind", jsii.sget(cls, "GVK"))


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdProps",
    jsii_struct_bases=[],
    name_mapping={"metadata": "metadata", "spec": "spec"},
)
class EtcdProps:
    def __init__(
        self,
        *,
        metadata: typing.Optional[typing.Union["_cdk8s_d3d9af27.ApiObjectMetadata", typing.Dict[builtins.str, typing.Any]]] = None,
        spec: typing.Optional[typing.Union["EtcdSpec", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''Etcd is the Schema for the etcds API.

        :param metadata: 
        :param spec: EtcdSpec defines the desired state of Etcd.

        :schema: Etcd
        '''
        if isinstance(metadata, dict):
            metadata = _cdk8s_d3d9af27.ApiObjectMetadata(**metadata)
        if isinstance(spec, dict):
            spec = EtcdSpec(**spec)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__224fe4aa59201906426010c28b30b74b870e4af2a6051e5ed7e9d81d167507b8)
            check_type(argname="argument metadata", value=metadata, expected_type=type_hints["metadata"])
            check_type(argname="argument spec", value=spec, expected_type=type_hints["spec"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if metadata is not None:
            self._values["metadata"] = metadata
        if spec is not None:
            self._values["spec"] = spec

    @builtins.property
    def metadata(self) -> typing.Optional["_cdk8s_d3d9af27.ApiObjectMetadata"]:
        '''
        :schema: Etcd#metadata
        '''
        result = self._values.get("metadata")
        return typing.cast(typing.Optional["_cdk8s_d3d9af27.ApiObjectMetadata"], result)

    @builtins.property
    def spec(self) -> typing.Optional["EtcdSpec"]:
        '''EtcdSpec defines the desired state of Etcd.

        :schema: Etcd#spec
        '''
        result = self._values.get("spec")
        return typing.cast(typing.Optional["EtcdSpec"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdProps(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpec",
    jsii_struct_bases=[],
    name_mapping={
        "backup": "backup",
        "etcd": "etcd",
        "labels": "labels",
        "replicas": "replicas",
        "annotations": "annotations",
        "priority_class_name": "priorityClassName",
        "run_as_root": "runAsRoot",
        "scheduling_constraints": "schedulingConstraints",
        "selector": "selector",
        "shared_config": "sharedConfig",
        "storage_capacity": "storageCapacity",
        "storage_class": "storageClass",
        "volume_claim_template": "volumeClaimTemplate",
    },
)
class EtcdSpec:
    def __init__(
        self,
        *,
        backup: typing.Union["EtcdSpecBackup", typing.Dict[builtins.str, typing.Any]],
        etcd: typing.Union["EtcdSpecEtcd", typing.Dict[builtins.str, typing.Any]],
        labels: typing.Mapping[builtins.str, builtins.str],
        replicas: jsii.Number,
        annotations: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
        priority_class_name: typing.Optional[builtins.str] = None,
        run_as_root: typing.Optional[builtins.bool] = None,
        scheduling_constraints: typing.Optional[typing.Union["EtcdSpecSchedulingConstraints", typing.Dict[builtins.str, typing.Any]]] = None,
        selector: typing.Optional[typing.Union["EtcdSpecSelector", typing.Dict[builtins.str, typing.Any]]] = None,
        shared_config: typing.Optional[typing.Union["EtcdSpecSharedConfig", typing.Dict[builtins.str, typing.Any]]] = None,
        storage_capacity: typing.Optional["EtcdSpecStorageCapacity"] = None,
        storage_class: typing.Optional[builtins.str] = None,
        volume_claim_template: typing.Optional[builtins.str] = None,
    ) -> None:
        '''EtcdSpec defines the desired state of Etcd.

        :param backup: BackupSpec defines parameters associated with the full and delta snapshots of etcd.
        :param etcd: EtcdConfig defines the configuration for the etcd cluster to be deployed.
        :param labels: 
        :param replicas: 
        :param annotations: 
        :param priority_class_name: PriorityClassName is the name of a priority class that shall be used for the etcd pods.
        :param run_as_root: RunAsRoot defines whether the securityContext of the pod specification should indicate that the containers shall run as root. By default, they run as non-root with user 'nobody'.
        :param scheduling_constraints: SchedulingConstraints defines the different scheduling constraints that must be applied to the pod spec in the etcd statefulset. Currently supported constraints are Affinity and TopologySpreadConstraints.
        :param selector: selector is a label query over pods that should match the replica count. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors Deprecated: this field will be removed in the future.
        :param shared_config: SharedConfig defines parameters shared and used by Etcd as well as backup-restore sidecar.
        :param storage_capacity: StorageCapacity defines the size of persistent volume.
        :param storage_class: StorageClass defines the name of the StorageClass required by the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#class-1
        :param volume_claim_template: VolumeClaimTemplate defines the volume claim template to be created.

        :schema: EtcdSpec
        '''
        if isinstance(backup, dict):
            backup = EtcdSpecBackup(**backup)
        if isinstance(etcd, dict):
            etcd = EtcdSpecEtcd(**etcd)
        if isinstance(scheduling_constraints, dict):
            scheduling_constraints = EtcdSpecSchedulingConstraints(**scheduling_constraints)
        if isinstance(selector, dict):
            selector = EtcdSpecSelector(**selector)
        if isinstance(shared_config, dict):
            shared_config = EtcdSpecSharedConfig(**shared_config)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__66c265abcce03d480d9b4dea6fde5ea0ccf319c38d36ca23a8e1a07f2fc5aa7d)
            check_type(argname="argument backup", value=backup, expected_type=type_hints["backup"])
            check_type(argname="argument etcd", value=etcd, expected_type=type_hints["etcd"])
            check_type(argname="argument labels", value=labels, expected_type=type_hints["labels"])
            check_type(argname="argument replicas", value=replicas, expected_type=type_hints["replicas"])
            check_type(argname="argument annotations", value=annotations, expected_type=type_hints["annotations"])
            check_type(argname="argument priority_class_name", value=priority_class_name, expected_type=type_hints["priority_class_name"])
            check_type(argname="argument run_as_root", value=run_as_root, expected_type=type_hints["run_as_root"])
            check_type(argname="argument scheduling_constraints", value=scheduling_constraints, expected_type=type_hints["scheduling_constraints"])
            check_type(argname="argument selector", value=selector, expected_type=type_hints["selector"])
            check_type(argname="argument shared_config", value=shared_config, expected_type=type_hints["shared_config"])
            check_type(argname="argument storage_capacity", value=storage_capacity, expected_type=type_hints["storage_capacity"])
            check_type(argname="argument storage_class", value=storage_class, expected_type=type_hints["storage_class"])
            check_type(argname="argument volume_claim_template", value=volume_claim_template, expected_type=type_hints["volume_claim_template"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "backup": backup,
            "etcd": etcd,
            "labels": labels,
            "replicas": replicas,
        }
        if annotations is not None:
            self._values["annotations"] = annotations
        if priority_class_name is not None:
            self._values["priority_class_name"] = priority_class_name
        if run_as_root is not None:
            self._values["run_as_root"] = run_as_root
        if scheduling_constraints is not None:
            self._values["scheduling_constraints"] = scheduling_constraints
        if selector is not None:
            self._values["selector"] = selector
        if shared_config is not None:
            self._values["shared_config"] = shared_config
        if storage_capacity is not None:
            self._values["storage_capacity"] = storage_capacity
        if storage_class is not None:
            self._values["storage_class"] = storage_class
        if volume_claim_template is not None:
            self._values["volume_claim_template"] = volume_claim_template

    @builtins.property
    def backup(self) -> "EtcdSpecBackup":
        '''BackupSpec defines parameters associated with the full and delta snapshots of etcd.

        :schema: EtcdSpec#backup
        '''
        result = self._values.get("backup")
        assert result is not None, "Required property 'backup' is missing"
        return typing.cast("EtcdSpecBackup", result)

    @builtins.property
    def etcd(self) -> "EtcdSpecEtcd":
        '''EtcdConfig defines the configuration for the etcd cluster to be deployed.

        :schema: EtcdSpec#etcd
        '''
        result = self._values.get("etcd")
        assert result is not None, "Required property 'etcd' is missing"
        return typing.cast("EtcdSpecEtcd", result)

    @builtins.property
    def labels(self) -> typing.Mapping[builtins.str, builtins.str]:
        '''
        :schema: EtcdSpec#labels
        '''
        result = self._values.get("labels")
        assert result is not None, "Required property 'labels' is missing"
        return typing.cast(typing.Mapping[builtins.str, builtins.str], result)

    @builtins.property
    def replicas(self) -> jsii.Number:
        '''
        :schema: EtcdSpec#replicas
        '''
        result = self._values.get("replicas")
        assert result is not None, "Required property 'replicas' is missing"
        return typing.cast(jsii.Number, result)

    @builtins.property
    def annotations(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''
        :schema: EtcdSpec#annotations
        '''
        result = self._values.get("annotations")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    @builtins.property
    def priority_class_name(self) -> typing.Optional[builtins.str]:
        '''PriorityClassName is the name of a priority class that shall be used for the etcd pods.

        :schema: EtcdSpec#priorityClassName
        '''
        result = self._values.get("priority_class_name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def run_as_root(self) -> typing.Optional[builtins.bool]:
        '''RunAsRoot defines whether the securityContext of the pod specification should indicate that the containers shall run as root.

        By default, they run as non-root with user 'nobody'.

        :schema: EtcdSpec#runAsRoot
        '''
        result = self._values.get("run_as_root")
        return typing.cast(typing.Optional[builtins.bool], result)

    @builtins.property
    def scheduling_constraints(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraints"]:
        '''SchedulingConstraints defines the different scheduling constraints that must be applied to the pod spec in the etcd statefulset.

        Currently supported constraints are Affinity and TopologySpreadConstraints.

        :schema: EtcdSpec#schedulingConstraints
        '''
        result = self._values.get("scheduling_constraints")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraints"], result)

    @builtins.property
    def selector(self) -> typing.Optional["EtcdSpecSelector"]:
        '''selector is a label query over pods that should match the replica count.

        It must match the pod template's labels.
        More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
        Deprecated: this field will be removed in the future.

        :schema: EtcdSpec#selector
        '''
        result = self._values.get("selector")
        return typing.cast(typing.Optional["EtcdSpecSelector"], result)

    @builtins.property
    def shared_config(self) -> typing.Optional["EtcdSpecSharedConfig"]:
        '''SharedConfig defines parameters shared and used by Etcd as well as backup-restore sidecar.

        :schema: EtcdSpec#sharedConfig
        '''
        result = self._values.get("shared_config")
        return typing.cast(typing.Optional["EtcdSpecSharedConfig"], result)

    @builtins.property
    def storage_capacity(self) -> typing.Optional["EtcdSpecStorageCapacity"]:
        '''StorageCapacity defines the size of persistent volume.

        :schema: EtcdSpec#storageCapacity
        '''
        result = self._values.get("storage_capacity")
        return typing.cast(typing.Optional["EtcdSpecStorageCapacity"], result)

    @builtins.property
    def storage_class(self) -> typing.Optional[builtins.str]:
        '''StorageClass defines the name of the StorageClass required by the claim.

        More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#class-1

        :schema: EtcdSpec#storageClass
        '''
        result = self._values.get("storage_class")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def volume_claim_template(self) -> typing.Optional[builtins.str]:
        '''VolumeClaimTemplate defines the volume claim template to be created.

        :schema: EtcdSpec#volumeClaimTemplate
        '''
        result = self._values.get("volume_claim_template")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpec(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackup",
    jsii_struct_bases=[],
    name_mapping={
        "compression": "compression",
        "delta_snapshot_memory_limit": "deltaSnapshotMemoryLimit",
        "delta_snapshot_period": "deltaSnapshotPeriod",
        "delta_snapshot_retention_period": "deltaSnapshotRetentionPeriod",
        "enable_profiling": "enableProfiling",
        "etcd_snapshot_timeout": "etcdSnapshotTimeout",
        "full_snapshot_schedule": "fullSnapshotSchedule",
        "garbage_collection_period": "garbageCollectionPeriod",
        "garbage_collection_policy": "garbageCollectionPolicy",
        "image": "image",
        "leader_election": "leaderElection",
        "max_backups_limit_based_gc": "maxBackupsLimitBasedGc",
        "port": "port",
        "resources": "resources",
        "snapshot_compaction": "snapshotCompaction",
        "store": "store",
        "tls": "tls",
    },
)
class EtcdSpecBackup:
    def __init__(
        self,
        *,
        compression: typing.Optional[typing.Union["EtcdSpecBackupCompression", typing.Dict[builtins.str, typing.Any]]] = None,
        delta_snapshot_memory_limit: typing.Optional["EtcdSpecBackupDeltaSnapshotMemoryLimit"] = None,
        delta_snapshot_period: typing.Optional[builtins.str] = None,
        delta_snapshot_retention_period: typing.Optional[builtins.str] = None,
        enable_profiling: typing.Optional[builtins.bool] = None,
        etcd_snapshot_timeout: typing.Optional[builtins.str] = None,
        full_snapshot_schedule: typing.Optional[builtins.str] = None,
        garbage_collection_period: typing.Optional[builtins.str] = None,
        garbage_collection_policy: typing.Optional["EtcdSpecBackupGarbageCollectionPolicy"] = None,
        image: typing.Optional[builtins.str] = None,
        leader_election: typing.Optional[typing.Union["EtcdSpecBackupLeaderElection", typing.Dict[builtins.str, typing.Any]]] = None,
        max_backups_limit_based_gc: typing.Optional[jsii.Number] = None,
        port: typing.Optional[jsii.Number] = None,
        resources: typing.Optional[typing.Union["EtcdSpecBackupResources", typing.Dict[builtins.str, typing.Any]]] = None,
        snapshot_compaction: typing.Optional[typing.Union["EtcdSpecBackupSnapshotCompaction", typing.Dict[builtins.str, typing.Any]]] = None,
        store: typing.Optional[typing.Union["EtcdSpecBackupStore", typing.Dict[builtins.str, typing.Any]]] = None,
        tls: typing.Optional[typing.Union["EtcdSpecBackupTls", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''BackupSpec defines parameters associated with the full and delta snapshots of etcd.

        :param compression: SnapshotCompression defines the specification for compression of Snapshots.
        :param delta_snapshot_memory_limit: DeltaSnapshotMemoryLimit defines the memory limit after which delta snapshots will be taken.
        :param delta_snapshot_period: DeltaSnapshotPeriod defines the period after which delta snapshots will be taken.
        :param delta_snapshot_retention_period: DeltaSnapshotRetentionPeriod defines the duration for which delta snapshots will be retained, excluding the latest snapshot set. The value should be a string formatted as a duration (e.g., '1s', '2m', '3h', '4d')
        :param enable_profiling: EnableProfiling defines if profiling should be enabled for the etcd-backup-restore-sidecar.
        :param etcd_snapshot_timeout: EtcdSnapshotTimeout defines the timeout duration for etcd FullSnapshot operation.
        :param full_snapshot_schedule: FullSnapshotSchedule defines the cron standard schedule for full snapshots.
        :param garbage_collection_period: GarbageCollectionPeriod defines the period for garbage collecting old backups.
        :param garbage_collection_policy: GarbageCollectionPolicy defines the policy for garbage collecting old backups.
        :param image: Image defines the etcd container image and tag.
        :param leader_election: LeaderElection defines parameters related to the LeaderElection configuration.
        :param max_backups_limit_based_gc: MaxBackupsLimitBasedGC defines the maximum number of Full snapshots to retain in Limit Based GarbageCollectionPolicy All full snapshots beyond this limit will be garbage collected.
        :param port: Port define the port on which etcd-backup-restore server will be exposed.
        :param resources: Resources defines compute Resources required by backup-restore container. More info: https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/
        :param snapshot_compaction: SnapshotCompaction defines the specification for compaction of backups.
        :param store: Store defines the specification of object store provider for storing backups.
        :param tls: TLSConfig hold the TLS configuration details.

        :schema: EtcdSpecBackup
        '''
        if isinstance(compression, dict):
            compression = EtcdSpecBackupCompression(**compression)
        if isinstance(leader_election, dict):
            leader_election = EtcdSpecBackupLeaderElection(**leader_election)
        if isinstance(resources, dict):
            resources = EtcdSpecBackupResources(**resources)
        if isinstance(snapshot_compaction, dict):
            snapshot_compaction = EtcdSpecBackupSnapshotCompaction(**snapshot_compaction)
        if isinstance(store, dict):
            store = EtcdSpecBackupStore(**store)
        if isinstance(tls, dict):
            tls = EtcdSpecBackupTls(**tls)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__35412450cc374fb34ba772b200e9f3da7b8ee3e52470b2b06e1024fe9e533daf)
            check_type(argname="argument compression", value=compression, expected_type=type_hints["compression"])
            check_type(argname="argument delta_snapshot_memory_limit", value=delta_snapshot_memory_limit, expected_type=type_hints["delta_snapshot_memory_limit"])
            check_type(argname="argument delta_snapshot_period", value=delta_snapshot_period, expected_type=type_hints["delta_snapshot_period"])
            check_type(argname="argument delta_snapshot_retention_period", value=delta_snapshot_retention_period, expected_type=type_hints["delta_snapshot_retention_period"])
            check_type(argname="argument enable_profiling", value=enable_profiling, expected_type=type_hints["enable_profiling"])
            check_type(argname="argument etcd_snapshot_timeout", value=etcd_snapshot_timeout, expected_type=type_hints["etcd_snapshot_timeout"])
            check_type(argname="argument full_snapshot_schedule", value=full_snapshot_schedule, expected_type=type_hints["full_snapshot_schedule"])
            check_type(argname="argument garbage_collection_period", value=garbage_collection_period, expected_type=type_hints["garbage_collection_period"])
            check_type(argname="argument garbage_collection_policy", value=garbage_collection_policy, expected_type=type_hints["garbage_collection_policy"])
            check_type(argname="argument image", value=image, expected_type=type_hints["image"])
            check_type(argname="argument leader_election", value=leader_election, expected_type=type_hints["leader_election"])
            check_type(argname="argument max_backups_limit_based_gc", value=max_backups_limit_based_gc, expected_type=type_hints["max_backups_limit_based_gc"])
            check_type(argname="argument port", value=port, expected_type=type_hints["port"])
            check_type(argname="argument resources", value=resources, expected_type=type_hints["resources"])
            check_type(argname="argument snapshot_compaction", value=snapshot_compaction, expected_type=type_hints["snapshot_compaction"])
            check_type(argname="argument store", value=store, expected_type=type_hints["store"])
            check_type(argname="argument tls", value=tls, expected_type=type_hints["tls"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if compression is not None:
            self._values["compression"] = compression
        if delta_snapshot_memory_limit is not None:
            self._values["delta_snapshot_memory_limit"] = delta_snapshot_memory_limit
        if delta_snapshot_period is not None:
            self._values["delta_snapshot_period"] = delta_snapshot_period
        if delta_snapshot_retention_period is not None:
            self._values["delta_snapshot_retention_period"] = delta_snapshot_retention_period
        if enable_profiling is not None:
            self._values["enable_profiling"] = enable_profiling
        if etcd_snapshot_timeout is not None:
            self._values["etcd_snapshot_timeout"] = etcd_snapshot_timeout
        if full_snapshot_schedule is not None:
            self._values["full_snapshot_schedule"] = full_snapshot_schedule
        if garbage_collection_period is not None:
            self._values["garbage_collection_period"] = garbage_collection_period
        if garbage_collection_policy is not None:
            self._values["garbage_collection_policy"] = garbage_collection_policy
        if image is not None:
            self._values["image"] = image
        if leader_election is not None:
            self._values["leader_election"] = leader_election
        if max_backups_limit_based_gc is not None:
            self._values["max_backups_limit_based_gc"] = max_backups_limit_based_gc
        if port is not None:
            self._values["port"] = port
        if resources is not None:
            self._values["resources"] = resources
        if snapshot_compaction is not None:
            self._values["snapshot_compaction"] = snapshot_compaction
        if store is not None:
            self._values["store"] = store
        if tls is not None:
            self._values["tls"] = tls

    @builtins.property
    def compression(self) -> typing.Optional["EtcdSpecBackupCompression"]:
        '''SnapshotCompression defines the specification for compression of Snapshots.

        :schema: EtcdSpecBackup#compression
        '''
        result = self._values.get("compression")
        return typing.cast(typing.Optional["EtcdSpecBackupCompression"], result)

    @builtins.property
    def delta_snapshot_memory_limit(
        self,
    ) -> typing.Optional["EtcdSpecBackupDeltaSnapshotMemoryLimit"]:
        '''DeltaSnapshotMemoryLimit defines the memory limit after which delta snapshots will be taken.

        :schema: EtcdSpecBackup#deltaSnapshotMemoryLimit
        '''
        result = self._values.get("delta_snapshot_memory_limit")
        return typing.cast(typing.Optional["EtcdSpecBackupDeltaSnapshotMemoryLimit"], result)

    @builtins.property
    def delta_snapshot_period(self) -> typing.Optional[builtins.str]:
        '''DeltaSnapshotPeriod defines the period after which delta snapshots will be taken.

        :schema: EtcdSpecBackup#deltaSnapshotPeriod
        '''
        result = self._values.get("delta_snapshot_period")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def delta_snapshot_retention_period(self) -> typing.Optional[builtins.str]:
        '''DeltaSnapshotRetentionPeriod defines the duration for which delta snapshots will be retained, excluding the latest snapshot set.

        The value should be a string formatted as a duration (e.g., '1s', '2m', '3h', '4d')

        :schema: EtcdSpecBackup#deltaSnapshotRetentionPeriod
        '''
        result = self._values.get("delta_snapshot_retention_period")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def enable_profiling(self) -> typing.Optional[builtins.bool]:
        '''EnableProfiling defines if profiling should be enabled for the etcd-backup-restore-sidecar.

        :schema: EtcdSpecBackup#enableProfiling
        '''
        result = self._values.get("enable_profiling")
        return typing.cast(typing.Optional[builtins.bool], result)

    @builtins.property
    def etcd_snapshot_timeout(self) -> typing.Optional[builtins.str]:
        '''EtcdSnapshotTimeout defines the timeout duration for etcd FullSnapshot operation.

        :schema: EtcdSpecBackup#etcdSnapshotTimeout
        '''
        result = self._values.get("etcd_snapshot_timeout")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def full_snapshot_schedule(self) -> typing.Optional[builtins.str]:
        '''FullSnapshotSchedule defines the cron standard schedule for full snapshots.

        :schema: EtcdSpecBackup#fullSnapshotSchedule
        '''
        result = self._values.get("full_snapshot_schedule")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def garbage_collection_period(self) -> typing.Optional[builtins.str]:
        '''GarbageCollectionPeriod defines the period for garbage collecting old backups.

        :schema: EtcdSpecBackup#garbageCollectionPeriod
        '''
        result = self._values.get("garbage_collection_period")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def garbage_collection_policy(
        self,
    ) -> typing.Optional["EtcdSpecBackupGarbageCollectionPolicy"]:
        '''GarbageCollectionPolicy defines the policy for garbage collecting old backups.

        :schema: EtcdSpecBackup#garbageCollectionPolicy
        '''
        result = self._values.get("garbage_collection_policy")
        return typing.cast(typing.Optional["EtcdSpecBackupGarbageCollectionPolicy"], result)

    @builtins.property
    def image(self) -> typing.Optional[builtins.str]:
        '''Image defines the etcd container image and tag.

        :schema: EtcdSpecBackup#image
        '''
        result = self._values.get("image")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def leader_election(self) -> typing.Optional["EtcdSpecBackupLeaderElection"]:
        '''LeaderElection defines parameters related to the LeaderElection configuration.

        :schema: EtcdSpecBackup#leaderElection
        '''
        result = self._values.get("leader_election")
        return typing.cast(typing.Optional["EtcdSpecBackupLeaderElection"], result)

    @builtins.property
    def max_backups_limit_based_gc(self) -> typing.Optional[jsii.Number]:
        '''MaxBackupsLimitBasedGC defines the maximum number of Full snapshots to retain in Limit Based GarbageCollectionPolicy All full snapshots beyond this limit will be garbage collected.

        :schema: EtcdSpecBackup#maxBackupsLimitBasedGC
        '''
        result = self._values.get("max_backups_limit_based_gc")
        return typing.cast(typing.Optional[jsii.Number], result)

    @builtins.property
    def port(self) -> typing.Optional[jsii.Number]:
        '''Port define the port on which etcd-backup-restore server will be exposed.

        :schema: EtcdSpecBackup#port
        '''
        result = self._values.get("port")
        return typing.cast(typing.Optional[jsii.Number], result)

    @builtins.property
    def resources(self) -> typing.Optional["EtcdSpecBackupResources"]:
        '''Resources defines compute Resources required by backup-restore container.

        More info: https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/

        :schema: EtcdSpecBackup#resources
        '''
        result = self._values.get("resources")
        return typing.cast(typing.Optional["EtcdSpecBackupResources"], result)

    @builtins.property
    def snapshot_compaction(
        self,
    ) -> typing.Optional["EtcdSpecBackupSnapshotCompaction"]:
        '''SnapshotCompaction defines the specification for compaction of backups.

        :schema: EtcdSpecBackup#snapshotCompaction
        '''
        result = self._values.get("snapshot_compaction")
        return typing.cast(typing.Optional["EtcdSpecBackupSnapshotCompaction"], result)

    @builtins.property
    def store(self) -> typing.Optional["EtcdSpecBackupStore"]:
        '''Store defines the specification of object store provider for storing backups.

        :schema: EtcdSpecBackup#store
        '''
        result = self._values.get("store")
        return typing.cast(typing.Optional["EtcdSpecBackupStore"], result)

    @builtins.property
    def tls(self) -> typing.Optional["EtcdSpecBackupTls"]:
        '''TLSConfig hold the TLS configuration details.

        :schema: EtcdSpecBackup#tls
        '''
        result = self._values.get("tls")
        return typing.cast(typing.Optional["EtcdSpecBackupTls"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackup(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupCompression",
    jsii_struct_bases=[],
    name_mapping={"enabled": "enabled", "policy": "policy"},
)
class EtcdSpecBackupCompression:
    def __init__(
        self,
        *,
        enabled: typing.Optional[builtins.bool] = None,
        policy: typing.Optional["EtcdSpecBackupCompressionPolicy"] = None,
    ) -> None:
        '''SnapshotCompression defines the specification for compression of Snapshots.

        :param enabled: 
        :param policy: CompressionPolicy defines the type of policy for compression of snapshots.

        :schema: EtcdSpecBackupCompression
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__f77d85b49667a6ab3a92947788464428b3f9610e01abddebb8c35271b4475c0a)
            check_type(argname="argument enabled", value=enabled, expected_type=type_hints["enabled"])
            check_type(argname="argument policy", value=policy, expected_type=type_hints["policy"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if enabled is not None:
            self._values["enabled"] = enabled
        if policy is not None:
            self._values["policy"] = policy

    @builtins.property
    def enabled(self) -> typing.Optional[builtins.bool]:
        '''
        :schema: EtcdSpecBackupCompression#enabled
        '''
        result = self._values.get("enabled")
        return typing.cast(typing.Optional[builtins.bool], result)

    @builtins.property
    def policy(self) -> typing.Optional["EtcdSpecBackupCompressionPolicy"]:
        '''CompressionPolicy defines the type of policy for compression of snapshots.

        :schema: EtcdSpecBackupCompression#policy
        '''
        result = self._values.get("policy")
        return typing.cast(typing.Optional["EtcdSpecBackupCompressionPolicy"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupCompression(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.enum(jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupCompressionPolicy")
class EtcdSpecBackupCompressionPolicy(enum.Enum):
    '''CompressionPolicy defines the type of policy for compression of snapshots.

    :schema: EtcdSpecBackupCompressionPolicy
    '''

    GZIP = "GZIP"
    '''gzip.'''
    LZW = "LZW"
    '''lzw.'''
    ZLIB = "ZLIB"
    '''zlib.'''


class EtcdSpecBackupDeltaSnapshotMemoryLimit(
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupDeltaSnapshotMemoryLimit",
):
    '''DeltaSnapshotMemoryLimit defines the memory limit after which delta snapshots will be taken.

    :schema: EtcdSpecBackupDeltaSnapshotMemoryLimit
    '''

    @jsii.member(jsii_name="fromNumber")
    @builtins.classmethod
    def from_number(
        cls,
        value: jsii.Number,
    ) -> "EtcdSpecBackupDeltaSnapshotMemoryLimit":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__98439e7586da3b49e4eb476cc1190b65b1e2649d2bac0b0a4d8c9509b6c17fcf)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupDeltaSnapshotMemoryLimit", jsii.sinvoke(cls, "fromNumber", [value]))

    @jsii.member(jsii_name="fromString")
    @builtins.classmethod
    def from_string(
        cls,
        value: builtins.str,
    ) -> "EtcdSpecBackupDeltaSnapshotMemoryLimit":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__9e31afa2b6dc92d939a2286566023bd081fd8fce1a5608dd60c9fda7c3392e40)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupDeltaSnapshotMemoryLimit", jsii.sinvoke(cls, "fromString", [value]))

    @builtins.property
    @jsii.member(jsii_name="value")
    def value(self) -> typing.Union[builtins.str, jsii.Number]:
        return typing.cast(typing.Union[builtins.str, jsii.Number], jsii.get(self, "value"))


@jsii.enum(jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupGarbageCollectionPolicy")
class EtcdSpecBackupGarbageCollectionPolicy(enum.Enum):
    '''GarbageCollectionPolicy defines the policy for garbage collecting old backups.

    :schema: EtcdSpecBackupGarbageCollectionPolicy
    '''

    EXPONENTIAL = "EXPONENTIAL"
    '''Exponential.'''
    LIMIT_BASED = "LIMIT_BASED"
    '''LimitBased.'''


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupLeaderElection",
    jsii_struct_bases=[],
    name_mapping={
        "etcd_connection_timeout": "etcdConnectionTimeout",
        "reelection_period": "reelectionPeriod",
    },
)
class EtcdSpecBackupLeaderElection:
    def __init__(
        self,
        *,
        etcd_connection_timeout: typing.Optional[builtins.str] = None,
        reelection_period: typing.Optional[builtins.str] = None,
    ) -> None:
        '''LeaderElection defines parameters related to the LeaderElection configuration.

        :param etcd_connection_timeout: EtcdConnectionTimeout defines the timeout duration for etcd client connection during leader election.
        :param reelection_period: ReelectionPeriod defines the Period after which leadership status of corresponding etcd is checked.

        :schema: EtcdSpecBackupLeaderElection
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__99a76d4e081f27a0033994988cdc57b5b689d8b2c709ab16bca474be9e644524)
            check_type(argname="argument etcd_connection_timeout", value=etcd_connection_timeout, expected_type=type_hints["etcd_connection_timeout"])
            check_type(argname="argument reelection_period", value=reelection_period, expected_type=type_hints["reelection_period"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if etcd_connection_timeout is not None:
            self._values["etcd_connection_timeout"] = etcd_connection_timeout
        if reelection_period is not None:
            self._values["reelection_period"] = reelection_period

    @builtins.property
    def etcd_connection_timeout(self) -> typing.Optional[builtins.str]:
        '''EtcdConnectionTimeout defines the timeout duration for etcd client connection during leader election.

        :schema: EtcdSpecBackupLeaderElection#etcdConnectionTimeout
        '''
        result = self._values.get("etcd_connection_timeout")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def reelection_period(self) -> typing.Optional[builtins.str]:
        '''ReelectionPeriod defines the Period after which leadership status of corresponding etcd is checked.

        :schema: EtcdSpecBackupLeaderElection#reelectionPeriod
        '''
        result = self._values.get("reelection_period")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupLeaderElection(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupResources",
    jsii_struct_bases=[],
    name_mapping={"claims": "claims", "limits": "limits", "requests": "requests"},
)
class EtcdSpecBackupResources:
    def __init__(
        self,
        *,
        claims: typing.Optional[typing.Sequence[typing.Union["EtcdSpecBackupResourcesClaims", typing.Dict[builtins.str, typing.Any]]]] = None,
        limits: typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupResourcesLimits"]] = None,
        requests: typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupResourcesRequests"]] = None,
    ) -> None:
        '''Resources defines compute Resources required by backup-restore container.

        More info: https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/

        :param claims: Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container. This is an alpha field and requires enabling the DynamicResourceAllocation feature gate. This field is immutable. It can only be set for containers.
        :param limits: Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
        :param requests: Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

        :schema: EtcdSpecBackupResources
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__426afe00f7356fbe3875c85b54767f42bf997148c9398d8e282a804ffae84915)
            check_type(argname="argument claims", value=claims, expected_type=type_hints["claims"])
            check_type(argname="argument limits", value=limits, expected_type=type_hints["limits"])
            check_type(argname="argument requests", value=requests, expected_type=type_hints["requests"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if claims is not None:
            self._values["claims"] = claims
        if limits is not None:
            self._values["limits"] = limits
        if requests is not None:
            self._values["requests"] = requests

    @builtins.property
    def claims(self) -> typing.Optional[typing.List["EtcdSpecBackupResourcesClaims"]]:
        '''Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.

        This is an alpha field and requires enabling the
        DynamicResourceAllocation feature gate.

        This field is immutable. It can only be set for containers.

        :schema: EtcdSpecBackupResources#claims
        '''
        result = self._values.get("claims")
        return typing.cast(typing.Optional[typing.List["EtcdSpecBackupResourcesClaims"]], result)

    @builtins.property
    def limits(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupResourcesLimits"]]:
        '''Limits describes the maximum amount of compute resources allowed.

        More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

        :schema: EtcdSpecBackupResources#limits
        '''
        result = self._values.get("limits")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupResourcesLimits"]], result)

    @builtins.property
    def requests(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupResourcesRequests"]]:
        '''Requests describes the minimum amount of compute resources required.

        If Requests is omitted for a container, it defaults to Limits if that is explicitly specified,
        otherwise to an implementation-defined value. Requests cannot exceed Limits.
        More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

        :schema: EtcdSpecBackupResources#requests
        '''
        result = self._values.get("requests")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupResourcesRequests"]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupResources(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupResourcesClaims",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "request": "request"},
)
class EtcdSpecBackupResourcesClaims:
    def __init__(
        self,
        *,
        name: builtins.str,
        request: typing.Optional[builtins.str] = None,
    ) -> None:
        '''ResourceClaim references one entry in PodSpec.ResourceClaims.

        :param name: Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.
        :param request: Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.

        :schema: EtcdSpecBackupResourcesClaims
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__03973159c5cec62d34cd92958f7025a4021e0b6e9f74d38f975def0baa6191d4)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument request", value=request, expected_type=type_hints["request"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "name": name,
        }
        if request is not None:
            self._values["request"] = request

    @builtins.property
    def name(self) -> builtins.str:
        '''Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.

        :schema: EtcdSpecBackupResourcesClaims#name
        '''
        result = self._values.get("name")
        assert result is not None, "Required property 'name' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def request(self) -> typing.Optional[builtins.str]:
        '''Request is the name chosen for a request in the referenced claim.

        If empty, everything from the claim is made available, otherwise
        only the result of this request.

        :schema: EtcdSpecBackupResourcesClaims#request
        '''
        result = self._values.get("request")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupResourcesClaims(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


class EtcdSpecBackupResourcesLimits(
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupResourcesLimits",
):
    '''
    :schema: EtcdSpecBackupResourcesLimits
    '''

    @jsii.member(jsii_name="fromNumber")
    @builtins.classmethod
    def from_number(cls, value: jsii.Number) -> "EtcdSpecBackupResourcesLimits":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__c7ce659058960cd670ba7fe4457e1c80a9af6203ddb6c4d93ea1f09ef9a8d368)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupResourcesLimits", jsii.sinvoke(cls, "fromNumber", [value]))

    @jsii.member(jsii_name="fromString")
    @builtins.classmethod
    def from_string(cls, value: builtins.str) -> "EtcdSpecBackupResourcesLimits":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__e6560c57a19d41778c01aa83972d230ce3ad657a69cb7c5266f0355d39ac29e3)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupResourcesLimits", jsii.sinvoke(cls, "fromString", [value]))

    @builtins.property
    @jsii.member(jsii_name="value")
    def value(self) -> typing.Union[builtins.str, jsii.Number]:
        return typing.cast(typing.Union[builtins.str, jsii.Number], jsii.get(self, "value"))


class EtcdSpecBackupResourcesRequests(
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupResourcesRequests",
):
    '''
    :schema: EtcdSpecBackupResourcesRequests
    '''

    @jsii.member(jsii_name="fromNumber")
    @builtins.classmethod
    def from_number(cls, value: jsii.Number) -> "EtcdSpecBackupResourcesRequests":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__4da53fe3a8a5d6a692bcb9863dcf9c345a36aa58e6451093ecd5593843f15a7b)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupResourcesRequests", jsii.sinvoke(cls, "fromNumber", [value]))

    @jsii.member(jsii_name="fromString")
    @builtins.classmethod
    def from_string(cls, value: builtins.str) -> "EtcdSpecBackupResourcesRequests":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__31549031c6ed55d752a2cc6773f4e370332265505d8bf296d1851f615d946b60)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupResourcesRequests", jsii.sinvoke(cls, "fromString", [value]))

    @builtins.property
    @jsii.member(jsii_name="value")
    def value(self) -> typing.Union[builtins.str, jsii.Number]:
        return typing.cast(typing.Union[builtins.str, jsii.Number], jsii.get(self, "value"))


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupSnapshotCompaction",
    jsii_struct_bases=[],
    name_mapping={
        "events_threshold": "eventsThreshold",
        "resources": "resources",
        "trigger_full_snapshot_threshold": "triggerFullSnapshotThreshold",
    },
)
class EtcdSpecBackupSnapshotCompaction:
    def __init__(
        self,
        *,
        events_threshold: typing.Optional[jsii.Number] = None,
        resources: typing.Optional[typing.Union["EtcdSpecBackupSnapshotCompactionResources", typing.Dict[builtins.str, typing.Any]]] = None,
        trigger_full_snapshot_threshold: typing.Optional[jsii.Number] = None,
    ) -> None:
        '''SnapshotCompaction defines the specification for compaction of backups.

        :param events_threshold: EventsThreshold defines the threshold for the number of etcd events before triggering a compaction job.
        :param resources: Resources defines compute Resources required by compaction job. More info: https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/
        :param trigger_full_snapshot_threshold: TriggerFullSnapshotThreshold defines the upper threshold for the number of etcd events before giving up on compaction job and triggering a full snapshot.

        :schema: EtcdSpecBackupSnapshotCompaction
        '''
        if isinstance(resources, dict):
            resources = EtcdSpecBackupSnapshotCompactionResources(**resources)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__af8d9caf28dd27dc6d8283482a58707bf94b8c372241de1c8d56f3ef10f14906)
            check_type(argname="argument events_threshold", value=events_threshold, expected_type=type_hints["events_threshold"])
            check_type(argname="argument resources", value=resources, expected_type=type_hints["resources"])
            check_type(argname="argument trigger_full_snapshot_threshold", value=trigger_full_snapshot_threshold, expected_type=type_hints["trigger_full_snapshot_threshold"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if events_threshold is not None:
            self._values["events_threshold"] = events_threshold
        if resources is not None:
            self._values["resources"] = resources
        if trigger_full_snapshot_threshold is not None:
            self._values["trigger_full_snapshot_threshold"] = trigger_full_snapshot_threshold

    @builtins.property
    def events_threshold(self) -> typing.Optional[jsii.Number]:
        '''EventsThreshold defines the threshold for the number of etcd events before triggering a compaction job.

        :schema: EtcdSpecBackupSnapshotCompaction#eventsThreshold
        '''
        result = self._values.get("events_threshold")
        return typing.cast(typing.Optional[jsii.Number], result)

    @builtins.property
    def resources(self) -> typing.Optional["EtcdSpecBackupSnapshotCompactionResources"]:
        '''Resources defines compute Resources required by compaction job.

        More info: https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/

        :schema: EtcdSpecBackupSnapshotCompaction#resources
        '''
        result = self._values.get("resources")
        return typing.cast(typing.Optional["EtcdSpecBackupSnapshotCompactionResources"], result)

    @builtins.property
    def trigger_full_snapshot_threshold(self) -> typing.Optional[jsii.Number]:
        '''TriggerFullSnapshotThreshold defines the upper threshold for the number of etcd events before giving up on compaction job and triggering a full snapshot.

        :schema: EtcdSpecBackupSnapshotCompaction#triggerFullSnapshotThreshold
        '''
        result = self._values.get("trigger_full_snapshot_threshold")
        return typing.cast(typing.Optional[jsii.Number], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupSnapshotCompaction(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupSnapshotCompactionResources",
    jsii_struct_bases=[],
    name_mapping={"claims": "claims", "limits": "limits", "requests": "requests"},
)
class EtcdSpecBackupSnapshotCompactionResources:
    def __init__(
        self,
        *,
        claims: typing.Optional[typing.Sequence[typing.Union["EtcdSpecBackupSnapshotCompactionResourcesClaims", typing.Dict[builtins.str, typing.Any]]]] = None,
        limits: typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupSnapshotCompactionResourcesLimits"]] = None,
        requests: typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupSnapshotCompactionResourcesRequests"]] = None,
    ) -> None:
        '''Resources defines compute Resources required by compaction job.

        More info: https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/

        :param claims: Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container. This is an alpha field and requires enabling the DynamicResourceAllocation feature gate. This field is immutable. It can only be set for containers.
        :param limits: Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
        :param requests: Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

        :schema: EtcdSpecBackupSnapshotCompactionResources
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__5589ab84216dd8d981e57a104e2d81028d474ddff5d2370bfb70407a2131b0e4)
            check_type(argname="argument claims", value=claims, expected_type=type_hints["claims"])
            check_type(argname="argument limits", value=limits, expected_type=type_hints["limits"])
            check_type(argname="argument requests", value=requests, expected_type=type_hints["requests"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if claims is not None:
            self._values["claims"] = claims
        if limits is not None:
            self._values["limits"] = limits
        if requests is not None:
            self._values["requests"] = requests

    @builtins.property
    def claims(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecBackupSnapshotCompactionResourcesClaims"]]:
        '''Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.

        This is an alpha field and requires enabling the
        DynamicResourceAllocation feature gate.

        This field is immutable. It can only be set for containers.

        :schema: EtcdSpecBackupSnapshotCompactionResources#claims
        '''
        result = self._values.get("claims")
        return typing.cast(typing.Optional[typing.List["EtcdSpecBackupSnapshotCompactionResourcesClaims"]], result)

    @builtins.property
    def limits(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupSnapshotCompactionResourcesLimits"]]:
        '''Limits describes the maximum amount of compute resources allowed.

        More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

        :schema: EtcdSpecBackupSnapshotCompactionResources#limits
        '''
        result = self._values.get("limits")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupSnapshotCompactionResourcesLimits"]], result)

    @builtins.property
    def requests(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupSnapshotCompactionResourcesRequests"]]:
        '''Requests describes the minimum amount of compute resources required.

        If Requests is omitted for a container, it defaults to Limits if that is explicitly specified,
        otherwise to an implementation-defined value. Requests cannot exceed Limits.
        More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

        :schema: EtcdSpecBackupSnapshotCompactionResources#requests
        '''
        result = self._values.get("requests")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, "EtcdSpecBackupSnapshotCompactionResourcesRequests"]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupSnapshotCompactionResources(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupSnapshotCompactionResourcesClaims",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "request": "request"},
)
class EtcdSpecBackupSnapshotCompactionResourcesClaims:
    def __init__(
        self,
        *,
        name: builtins.str,
        request: typing.Optional[builtins.str] = None,
    ) -> None:
        '''ResourceClaim references one entry in PodSpec.ResourceClaims.

        :param name: Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.
        :param request: Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.

        :schema: EtcdSpecBackupSnapshotCompactionResourcesClaims
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__03b153c78c21f2cd7ecb230f2ee560e210cc761b9e6f6d0f96de350e3134e05d)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument request", value=request, expected_type=type_hints["request"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "name": name,
        }
        if request is not None:
            self._values["request"] = request

    @builtins.property
    def name(self) -> builtins.str:
        '''Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.

        :schema: EtcdSpecBackupSnapshotCompactionResourcesClaims#name
        '''
        result = self._values.get("name")
        assert result is not None, "Required property 'name' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def request(self) -> typing.Optional[builtins.str]:
        '''Request is the name chosen for a request in the referenced claim.

        If empty, everything from the claim is made available, otherwise
        only the result of this request.

        :schema: EtcdSpecBackupSnapshotCompactionResourcesClaims#request
        '''
        result = self._values.get("request")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupSnapshotCompactionResourcesClaims(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


class EtcdSpecBackupSnapshotCompactionResourcesLimits(
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupSnapshotCompactionResourcesLimits",
):
    '''
    :schema: EtcdSpecBackupSnapshotCompactionResourcesLimits
    '''

    @jsii.member(jsii_name="fromNumber")
    @builtins.classmethod
    def from_number(
        cls,
        value: jsii.Number,
    ) -> "EtcdSpecBackupSnapshotCompactionResourcesLimits":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__81ec465fe092102609ab3e3622d6183a06439964e84b48ba568aaf52f59cbe38)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupSnapshotCompactionResourcesLimits", jsii.sinvoke(cls, "fromNumber", [value]))

    @jsii.member(jsii_name="fromString")
    @builtins.classmethod
    def from_string(
        cls,
        value: builtins.str,
    ) -> "EtcdSpecBackupSnapshotCompactionResourcesLimits":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__448fb3e312a6b5af91ed4bfbbcf117b18e77654b0507c7abb5d1e3d3cb61b6db)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupSnapshotCompactionResourcesLimits", jsii.sinvoke(cls, "fromString", [value]))

    @builtins.property
    @jsii.member(jsii_name="value")
    def value(self) -> typing.Union[builtins.str, jsii.Number]:
        return typing.cast(typing.Union[builtins.str, jsii.Number], jsii.get(self, "value"))


class EtcdSpecBackupSnapshotCompactionResourcesRequests(
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupSnapshotCompactionResourcesRequests",
):
    '''
    :schema: EtcdSpecBackupSnapshotCompactionResourcesRequests
    '''

    @jsii.member(jsii_name="fromNumber")
    @builtins.classmethod
    def from_number(
        cls,
        value: jsii.Number,
    ) -> "EtcdSpecBackupSnapshotCompactionResourcesRequests":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__d0bd0f95fbcabc1f374f42b64c654a3d249253fa68a1e4d37c75648c2f6112ac)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupSnapshotCompactionResourcesRequests", jsii.sinvoke(cls, "fromNumber", [value]))

    @jsii.member(jsii_name="fromString")
    @builtins.classmethod
    def from_string(
        cls,
        value: builtins.str,
    ) -> "EtcdSpecBackupSnapshotCompactionResourcesRequests":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__23a7d8b8e6b9e9e5c13d81fab6d7d26a776e587cfab39a7ba6862b217ffd559d)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecBackupSnapshotCompactionResourcesRequests", jsii.sinvoke(cls, "fromString", [value]))

    @builtins.property
    @jsii.member(jsii_name="value")
    def value(self) -> typing.Union[builtins.str, jsii.Number]:
        return typing.cast(typing.Union[builtins.str, jsii.Number], jsii.get(self, "value"))


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupStore",
    jsii_struct_bases=[],
    name_mapping={
        "prefix": "prefix",
        "container": "container",
        "provider": "provider",
        "secret_ref": "secretRef",
    },
)
class EtcdSpecBackupStore:
    def __init__(
        self,
        *,
        prefix: builtins.str,
        container: typing.Optional[builtins.str] = None,
        provider: typing.Optional[builtins.str] = None,
        secret_ref: typing.Optional[typing.Union["EtcdSpecBackupStoreSecretRef", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''Store defines the specification of object store provider for storing backups.

        :param prefix: Prefix is the prefix used for the store.
        :param container: Container is the name of the container the backup is stored at.
        :param provider: Provider is the name of the backup provider.
        :param secret_ref: SecretRef is the reference to the secret which used to connect to the backup store.

        :schema: EtcdSpecBackupStore
        '''
        if isinstance(secret_ref, dict):
            secret_ref = EtcdSpecBackupStoreSecretRef(**secret_ref)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__27fa0c27a7ab697b8bdffbd05eb6c75e315f3581f0b65c4900e2442baecded55)
            check_type(argname="argument prefix", value=prefix, expected_type=type_hints["prefix"])
            check_type(argname="argument container", value=container, expected_type=type_hints["container"])
            check_type(argname="argument provider", value=provider, expected_type=type_hints["provider"])
            check_type(argname="argument secret_ref", value=secret_ref, expected_type=type_hints["secret_ref"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "prefix": prefix,
        }
        if container is not None:
            self._values["container"] = container
        if provider is not None:
            self._values["provider"] = provider
        if secret_ref is not None:
            self._values["secret_ref"] = secret_ref

    @builtins.property
    def prefix(self) -> builtins.str:
        '''Prefix is the prefix used for the store.

        :schema: EtcdSpecBackupStore#prefix
        '''
        result = self._values.get("prefix")
        assert result is not None, "Required property 'prefix' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def container(self) -> typing.Optional[builtins.str]:
        '''Container is the name of the container the backup is stored at.

        :schema: EtcdSpecBackupStore#container
        '''
        result = self._values.get("container")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def provider(self) -> typing.Optional[builtins.str]:
        '''Provider is the name of the backup provider.

        :schema: EtcdSpecBackupStore#provider
        '''
        result = self._values.get("provider")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def secret_ref(self) -> typing.Optional["EtcdSpecBackupStoreSecretRef"]:
        '''SecretRef is the reference to the secret which used to connect to the backup store.

        :schema: EtcdSpecBackupStore#secretRef
        '''
        result = self._values.get("secret_ref")
        return typing.cast(typing.Optional["EtcdSpecBackupStoreSecretRef"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupStore(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupStoreSecretRef",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "namespace": "namespace"},
)
class EtcdSpecBackupStoreSecretRef:
    def __init__(
        self,
        *,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretRef is the reference to the secret which used to connect to the backup store.

        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecBackupStoreSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__0c507dc87b65f82cfd07723e51817d4b3399c2726afa38e856cee06b455f6dfe)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecBackupStoreSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecBackupStoreSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupStoreSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupTls",
    jsii_struct_bases=[],
    name_mapping={
        "server_tls_secret_ref": "serverTlsSecretRef",
        "tls_ca_secret_ref": "tlsCaSecretRef",
        "client_tls_secret_ref": "clientTlsSecretRef",
    },
)
class EtcdSpecBackupTls:
    def __init__(
        self,
        *,
        server_tls_secret_ref: typing.Union["EtcdSpecBackupTlsServerTlsSecretRef", typing.Dict[builtins.str, typing.Any]],
        tls_ca_secret_ref: typing.Union["EtcdSpecBackupTlsTlsCaSecretRef", typing.Dict[builtins.str, typing.Any]],
        client_tls_secret_ref: typing.Optional[typing.Union["EtcdSpecBackupTlsClientTlsSecretRef", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''TLSConfig hold the TLS configuration details.

        :param server_tls_secret_ref: SecretReference represents a Secret Reference. It has enough information to retrieve secret in any namespace
        :param tls_ca_secret_ref: SecretReference defines a reference to a secret.
        :param client_tls_secret_ref: SecretReference represents a Secret Reference. It has enough information to retrieve secret in any namespace

        :schema: EtcdSpecBackupTls
        '''
        if isinstance(server_tls_secret_ref, dict):
            server_tls_secret_ref = EtcdSpecBackupTlsServerTlsSecretRef(**server_tls_secret_ref)
        if isinstance(tls_ca_secret_ref, dict):
            tls_ca_secret_ref = EtcdSpecBackupTlsTlsCaSecretRef(**tls_ca_secret_ref)
        if isinstance(client_tls_secret_ref, dict):
            client_tls_secret_ref = EtcdSpecBackupTlsClientTlsSecretRef(**client_tls_secret_ref)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__76172a7e0f535f4f3de69866f929261e726918ab3366033ff77ef1963a7b73bf)
            check_type(argname="argument server_tls_secret_ref", value=server_tls_secret_ref, expected_type=type_hints["server_tls_secret_ref"])
            check_type(argname="argument tls_ca_secret_ref", value=tls_ca_secret_ref, expected_type=type_hints["tls_ca_secret_ref"])
            check_type(argname="argument client_tls_secret_ref", value=client_tls_secret_ref, expected_type=type_hints["client_tls_secret_ref"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "server_tls_secret_ref": server_tls_secret_ref,
            "tls_ca_secret_ref": tls_ca_secret_ref,
        }
        if client_tls_secret_ref is not None:
            self._values["client_tls_secret_ref"] = client_tls_secret_ref

    @builtins.property
    def server_tls_secret_ref(self) -> "EtcdSpecBackupTlsServerTlsSecretRef":
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :schema: EtcdSpecBackupTls#serverTLSSecretRef
        '''
        result = self._values.get("server_tls_secret_ref")
        assert result is not None, "Required property 'server_tls_secret_ref' is missing"
        return typing.cast("EtcdSpecBackupTlsServerTlsSecretRef", result)

    @builtins.property
    def tls_ca_secret_ref(self) -> "EtcdSpecBackupTlsTlsCaSecretRef":
        '''SecretReference defines a reference to a secret.

        :schema: EtcdSpecBackupTls#tlsCASecretRef
        '''
        result = self._values.get("tls_ca_secret_ref")
        assert result is not None, "Required property 'tls_ca_secret_ref' is missing"
        return typing.cast("EtcdSpecBackupTlsTlsCaSecretRef", result)

    @builtins.property
    def client_tls_secret_ref(
        self,
    ) -> typing.Optional["EtcdSpecBackupTlsClientTlsSecretRef"]:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :schema: EtcdSpecBackupTls#clientTLSSecretRef
        '''
        result = self._values.get("client_tls_secret_ref")
        return typing.cast(typing.Optional["EtcdSpecBackupTlsClientTlsSecretRef"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupTls(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupTlsClientTlsSecretRef",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "namespace": "namespace"},
)
class EtcdSpecBackupTlsClientTlsSecretRef:
    def __init__(
        self,
        *,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecBackupTlsClientTlsSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__982f5f9944e61825a95695ecaad936f78f351af69c73cfac64c000366359379c)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecBackupTlsClientTlsSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecBackupTlsClientTlsSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupTlsClientTlsSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupTlsServerTlsSecretRef",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "namespace": "namespace"},
)
class EtcdSpecBackupTlsServerTlsSecretRef:
    def __init__(
        self,
        *,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecBackupTlsServerTlsSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__c9c617634dfc06fcc95e4dc56ed06f52d26450b272b16b6a2b1670a38b25eace)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecBackupTlsServerTlsSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecBackupTlsServerTlsSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupTlsServerTlsSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecBackupTlsTlsCaSecretRef",
    jsii_struct_bases=[],
    name_mapping={"data_key": "dataKey", "name": "name", "namespace": "namespace"},
)
class EtcdSpecBackupTlsTlsCaSecretRef:
    def __init__(
        self,
        *,
        data_key: typing.Optional[builtins.str] = None,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference defines a reference to a secret.

        :param data_key: DataKey is the name of the key in the data map containing the credentials.
        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecBackupTlsTlsCaSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__facdd3f0298c0efe26318ed49f16676c01c6bd4128520dfd2ada42b628824a0a)
            check_type(argname="argument data_key", value=data_key, expected_type=type_hints["data_key"])
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if data_key is not None:
            self._values["data_key"] = data_key
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def data_key(self) -> typing.Optional[builtins.str]:
        '''DataKey is the name of the key in the data map containing the credentials.

        :schema: EtcdSpecBackupTlsTlsCaSecretRef#dataKey
        '''
        result = self._values.get("data_key")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecBackupTlsTlsCaSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecBackupTlsTlsCaSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecBackupTlsTlsCaSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcd",
    jsii_struct_bases=[],
    name_mapping={
        "auth_secret_ref": "authSecretRef",
        "client_port": "clientPort",
        "client_service": "clientService",
        "client_url_tls": "clientUrlTls",
        "defragmentation_schedule": "defragmentationSchedule",
        "etcd_defrag_timeout": "etcdDefragTimeout",
        "heartbeat_duration": "heartbeatDuration",
        "image": "image",
        "metrics": "metrics",
        "peer_url_tls": "peerUrlTls",
        "quota": "quota",
        "resources": "resources",
        "server_port": "serverPort",
        "snapshot_count": "snapshotCount",
        "wrapper_port": "wrapperPort",
    },
)
class EtcdSpecEtcd:
    def __init__(
        self,
        *,
        auth_secret_ref: typing.Optional[typing.Union["EtcdSpecEtcdAuthSecretRef", typing.Dict[builtins.str, typing.Any]]] = None,
        client_port: typing.Optional[jsii.Number] = None,
        client_service: typing.Optional[typing.Union["EtcdSpecEtcdClientService", typing.Dict[builtins.str, typing.Any]]] = None,
        client_url_tls: typing.Optional[typing.Union["EtcdSpecEtcdClientUrlTls", typing.Dict[builtins.str, typing.Any]]] = None,
        defragmentation_schedule: typing.Optional[builtins.str] = None,
        etcd_defrag_timeout: typing.Optional[builtins.str] = None,
        heartbeat_duration: typing.Optional[builtins.str] = None,
        image: typing.Optional[builtins.str] = None,
        metrics: typing.Optional["EtcdSpecEtcdMetrics"] = None,
        peer_url_tls: typing.Optional[typing.Union["EtcdSpecEtcdPeerUrlTls", typing.Dict[builtins.str, typing.Any]]] = None,
        quota: typing.Optional["EtcdSpecEtcdQuota"] = None,
        resources: typing.Optional[typing.Union["EtcdSpecEtcdResources", typing.Dict[builtins.str, typing.Any]]] = None,
        server_port: typing.Optional[jsii.Number] = None,
        snapshot_count: typing.Optional[jsii.Number] = None,
        wrapper_port: typing.Optional[jsii.Number] = None,
    ) -> None:
        '''EtcdConfig defines the configuration for the etcd cluster to be deployed.

        :param auth_secret_ref: SecretReference represents a Secret Reference. It has enough information to retrieve secret in any namespace
        :param client_port: 
        :param client_service: ClientService defines the parameters of the client service that a user can specify.
        :param client_url_tls: ClientUrlTLS contains the ca, server TLS and client TLS secrets for client communication to ETCD cluster.
        :param defragmentation_schedule: DefragmentationSchedule defines the cron standard schedule for defragmentation of etcd.
        :param etcd_defrag_timeout: EtcdDefragTimeout defines the timeout duration for etcd defrag call.
        :param heartbeat_duration: HeartbeatDuration defines the duration for members to send heartbeats. The default value is 10s.
        :param image: Image defines the etcd container image and tag.
        :param metrics: Metrics defines the level of detail for exported metrics of etcd, specify 'extensive' to include histogram metrics.
        :param peer_url_tls: PeerUrlTLS contains the ca and server TLS secrets for peer communication within ETCD cluster Currently, PeerUrlTLS does not require client TLS secrets for gardener implementation of ETCD cluster.
        :param quota: Quota defines the etcd DB quota.
        :param resources: Resources defines the compute Resources required by etcd container. More info: https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/
        :param server_port: 
        :param snapshot_count: SnapshotCount defines the number of applied Raft entries to hold in-memory before compaction. More info: https://etcd.io/docs/v3.4/op-guide/maintenance/#raft-log-retention
        :param wrapper_port: 

        :schema: EtcdSpecEtcd
        '''
        if isinstance(auth_secret_ref, dict):
            auth_secret_ref = EtcdSpecEtcdAuthSecretRef(**auth_secret_ref)
        if isinstance(client_service, dict):
            client_service = EtcdSpecEtcdClientService(**client_service)
        if isinstance(client_url_tls, dict):
            client_url_tls = EtcdSpecEtcdClientUrlTls(**client_url_tls)
        if isinstance(peer_url_tls, dict):
            peer_url_tls = EtcdSpecEtcdPeerUrlTls(**peer_url_tls)
        if isinstance(resources, dict):
            resources = EtcdSpecEtcdResources(**resources)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__54d5fe6eee51573cc2f8246af72446d6c19e34643bbc4b6a64064983f7b0a84b)
            check_type(argname="argument auth_secret_ref", value=auth_secret_ref, expected_type=type_hints["auth_secret_ref"])
            check_type(argname="argument client_port", value=client_port, expected_type=type_hints["client_port"])
            check_type(argname="argument client_service", value=client_service, expected_type=type_hints["client_service"])
            check_type(argname="argument client_url_tls", value=client_url_tls, expected_type=type_hints["client_url_tls"])
            check_type(argname="argument defragmentation_schedule", value=defragmentation_schedule, expected_type=type_hints["defragmentation_schedule"])
            check_type(argname="argument etcd_defrag_timeout", value=etcd_defrag_timeout, expected_type=type_hints["etcd_defrag_timeout"])
            check_type(argname="argument heartbeat_duration", value=heartbeat_duration, expected_type=type_hints["heartbeat_duration"])
            check_type(argname="argument image", value=image, expected_type=type_hints["image"])
            check_type(argname="argument metrics", value=metrics, expected_type=type_hints["metrics"])
            check_type(argname="argument peer_url_tls", value=peer_url_tls, expected_type=type_hints["peer_url_tls"])
            check_type(argname="argument quota", value=quota, expected_type=type_hints["quota"])
            check_type(argname="argument resources", value=resources, expected_type=type_hints["resources"])
            check_type(argname="argument server_port", value=server_port, expected_type=type_hints["server_port"])
            check_type(argname="argument snapshot_count", value=snapshot_count, expected_type=type_hints["snapshot_count"])
            check_type(argname="argument wrapper_port", value=wrapper_port, expected_type=type_hints["wrapper_port"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if auth_secret_ref is not None:
            self._values["auth_secret_ref"] = auth_secret_ref
        if client_port is not None:
            self._values["client_port"] = client_port
        if client_service is not None:
            self._values["client_service"] = client_service
        if client_url_tls is not None:
            self._values["client_url_tls"] = client_url_tls
        if defragmentation_schedule is not None:
            self._values["defragmentation_schedule"] = defragmentation_schedule
        if etcd_defrag_timeout is not None:
            self._values["etcd_defrag_timeout"] = etcd_defrag_timeout
        if heartbeat_duration is not None:
            self._values["heartbeat_duration"] = heartbeat_duration
        if image is not None:
            self._values["image"] = image
        if metrics is not None:
            self._values["metrics"] = metrics
        if peer_url_tls is not None:
            self._values["peer_url_tls"] = peer_url_tls
        if quota is not None:
            self._values["quota"] = quota
        if resources is not None:
            self._values["resources"] = resources
        if server_port is not None:
            self._values["server_port"] = server_port
        if snapshot_count is not None:
            self._values["snapshot_count"] = snapshot_count
        if wrapper_port is not None:
            self._values["wrapper_port"] = wrapper_port

    @builtins.property
    def auth_secret_ref(self) -> typing.Optional["EtcdSpecEtcdAuthSecretRef"]:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :schema: EtcdSpecEtcd#authSecretRef
        '''
        result = self._values.get("auth_secret_ref")
        return typing.cast(typing.Optional["EtcdSpecEtcdAuthSecretRef"], result)

    @builtins.property
    def client_port(self) -> typing.Optional[jsii.Number]:
        '''
        :schema: EtcdSpecEtcd#clientPort
        '''
        result = self._values.get("client_port")
        return typing.cast(typing.Optional[jsii.Number], result)

    @builtins.property
    def client_service(self) -> typing.Optional["EtcdSpecEtcdClientService"]:
        '''ClientService defines the parameters of the client service that a user can specify.

        :schema: EtcdSpecEtcd#clientService
        '''
        result = self._values.get("client_service")
        return typing.cast(typing.Optional["EtcdSpecEtcdClientService"], result)

    @builtins.property
    def client_url_tls(self) -> typing.Optional["EtcdSpecEtcdClientUrlTls"]:
        '''ClientUrlTLS contains the ca, server TLS and client TLS secrets for client communication to ETCD cluster.

        :schema: EtcdSpecEtcd#clientUrlTls
        '''
        result = self._values.get("client_url_tls")
        return typing.cast(typing.Optional["EtcdSpecEtcdClientUrlTls"], result)

    @builtins.property
    def defragmentation_schedule(self) -> typing.Optional[builtins.str]:
        '''DefragmentationSchedule defines the cron standard schedule for defragmentation of etcd.

        :schema: EtcdSpecEtcd#defragmentationSchedule
        '''
        result = self._values.get("defragmentation_schedule")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def etcd_defrag_timeout(self) -> typing.Optional[builtins.str]:
        '''EtcdDefragTimeout defines the timeout duration for etcd defrag call.

        :schema: EtcdSpecEtcd#etcdDefragTimeout
        '''
        result = self._values.get("etcd_defrag_timeout")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def heartbeat_duration(self) -> typing.Optional[builtins.str]:
        '''HeartbeatDuration defines the duration for members to send heartbeats.

        The default value is 10s.

        :schema: EtcdSpecEtcd#heartbeatDuration
        '''
        result = self._values.get("heartbeat_duration")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def image(self) -> typing.Optional[builtins.str]:
        '''Image defines the etcd container image and tag.

        :schema: EtcdSpecEtcd#image
        '''
        result = self._values.get("image")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def metrics(self) -> typing.Optional["EtcdSpecEtcdMetrics"]:
        '''Metrics defines the level of detail for exported metrics of etcd, specify 'extensive' to include histogram metrics.

        :schema: EtcdSpecEtcd#metrics
        '''
        result = self._values.get("metrics")
        return typing.cast(typing.Optional["EtcdSpecEtcdMetrics"], result)

    @builtins.property
    def peer_url_tls(self) -> typing.Optional["EtcdSpecEtcdPeerUrlTls"]:
        '''PeerUrlTLS contains the ca and server TLS secrets for peer communication within ETCD cluster Currently, PeerUrlTLS does not require client TLS secrets for gardener implementation of ETCD cluster.

        :schema: EtcdSpecEtcd#peerUrlTls
        '''
        result = self._values.get("peer_url_tls")
        return typing.cast(typing.Optional["EtcdSpecEtcdPeerUrlTls"], result)

    @builtins.property
    def quota(self) -> typing.Optional["EtcdSpecEtcdQuota"]:
        '''Quota defines the etcd DB quota.

        :schema: EtcdSpecEtcd#quota
        '''
        result = self._values.get("quota")
        return typing.cast(typing.Optional["EtcdSpecEtcdQuota"], result)

    @builtins.property
    def resources(self) -> typing.Optional["EtcdSpecEtcdResources"]:
        '''Resources defines the compute Resources required by etcd container.

        More info: https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/

        :schema: EtcdSpecEtcd#resources
        '''
        result = self._values.get("resources")
        return typing.cast(typing.Optional["EtcdSpecEtcdResources"], result)

    @builtins.property
    def server_port(self) -> typing.Optional[jsii.Number]:
        '''
        :schema: EtcdSpecEtcd#serverPort
        '''
        result = self._values.get("server_port")
        return typing.cast(typing.Optional[jsii.Number], result)

    @builtins.property
    def snapshot_count(self) -> typing.Optional[jsii.Number]:
        '''SnapshotCount defines the number of applied Raft entries to hold in-memory before compaction.

        More info: https://etcd.io/docs/v3.4/op-guide/maintenance/#raft-log-retention

        :schema: EtcdSpecEtcd#snapshotCount
        '''
        result = self._values.get("snapshot_count")
        return typing.cast(typing.Optional[jsii.Number], result)

    @builtins.property
    def wrapper_port(self) -> typing.Optional[jsii.Number]:
        '''
        :schema: EtcdSpecEtcd#wrapperPort
        '''
        result = self._values.get("wrapper_port")
        return typing.cast(typing.Optional[jsii.Number], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcd(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdAuthSecretRef",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "namespace": "namespace"},
)
class EtcdSpecEtcdAuthSecretRef:
    def __init__(
        self,
        *,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdAuthSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__cb41bd92914f12970d3c88f3131fc412a663148708968f37e3a405a02e629234)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecEtcdAuthSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdAuthSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdAuthSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdClientService",
    jsii_struct_bases=[],
    name_mapping={
        "annotations": "annotations",
        "labels": "labels",
        "traffic_distribution": "trafficDistribution",
    },
)
class EtcdSpecEtcdClientService:
    def __init__(
        self,
        *,
        annotations: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
        labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
        traffic_distribution: typing.Optional["EtcdSpecEtcdClientServiceTrafficDistribution"] = None,
    ) -> None:
        '''ClientService defines the parameters of the client service that a user can specify.

        :param annotations: Annotations specify the annotations that should be added to the client service.
        :param labels: Labels specify the labels that should be added to the client service.
        :param traffic_distribution: TrafficDistribution defines the traffic distribution preference that should be added to the client service. More info: https://kubernetes.io/docs/reference/networking/virtual-ips/#traffic-distribution

        :schema: EtcdSpecEtcdClientService
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__028c06e26e2803c5a3a57a989a2328917abc3afc3e400beb66ae24f05a14de22)
            check_type(argname="argument annotations", value=annotations, expected_type=type_hints["annotations"])
            check_type(argname="argument labels", value=labels, expected_type=type_hints["labels"])
            check_type(argname="argument traffic_distribution", value=traffic_distribution, expected_type=type_hints["traffic_distribution"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if annotations is not None:
            self._values["annotations"] = annotations
        if labels is not None:
            self._values["labels"] = labels
        if traffic_distribution is not None:
            self._values["traffic_distribution"] = traffic_distribution

    @builtins.property
    def annotations(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''Annotations specify the annotations that should be added to the client service.

        :schema: EtcdSpecEtcdClientService#annotations
        '''
        result = self._values.get("annotations")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    @builtins.property
    def labels(self) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''Labels specify the labels that should be added to the client service.

        :schema: EtcdSpecEtcdClientService#labels
        '''
        result = self._values.get("labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    @builtins.property
    def traffic_distribution(
        self,
    ) -> typing.Optional["EtcdSpecEtcdClientServiceTrafficDistribution"]:
        '''TrafficDistribution defines the traffic distribution preference that should be added to the client service.

        More info: https://kubernetes.io/docs/reference/networking/virtual-ips/#traffic-distribution

        :schema: EtcdSpecEtcdClientService#trafficDistribution
        '''
        result = self._values.get("traffic_distribution")
        return typing.cast(typing.Optional["EtcdSpecEtcdClientServiceTrafficDistribution"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdClientService(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.enum(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdClientServiceTrafficDistribution"
)
class EtcdSpecEtcdClientServiceTrafficDistribution(enum.Enum):
    '''TrafficDistribution defines the traffic distribution preference that should be added to the client service.

    More info: https://kubernetes.io/docs/reference/networking/virtual-ips/#traffic-distribution

    :schema: EtcdSpecEtcdClientServiceTrafficDistribution
    '''

    PREFER_CLOSE = "PREFER_CLOSE"
    '''PreferClose.'''


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdClientUrlTls",
    jsii_struct_bases=[],
    name_mapping={
        "server_tls_secret_ref": "serverTlsSecretRef",
        "tls_ca_secret_ref": "tlsCaSecretRef",
        "client_tls_secret_ref": "clientTlsSecretRef",
    },
)
class EtcdSpecEtcdClientUrlTls:
    def __init__(
        self,
        *,
        server_tls_secret_ref: typing.Union["EtcdSpecEtcdClientUrlTlsServerTlsSecretRef", typing.Dict[builtins.str, typing.Any]],
        tls_ca_secret_ref: typing.Union["EtcdSpecEtcdClientUrlTlsTlsCaSecretRef", typing.Dict[builtins.str, typing.Any]],
        client_tls_secret_ref: typing.Optional[typing.Union["EtcdSpecEtcdClientUrlTlsClientTlsSecretRef", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''ClientUrlTLS contains the ca, server TLS and client TLS secrets for client communication to ETCD cluster.

        :param server_tls_secret_ref: SecretReference represents a Secret Reference. It has enough information to retrieve secret in any namespace
        :param tls_ca_secret_ref: SecretReference defines a reference to a secret.
        :param client_tls_secret_ref: SecretReference represents a Secret Reference. It has enough information to retrieve secret in any namespace

        :schema: EtcdSpecEtcdClientUrlTls
        '''
        if isinstance(server_tls_secret_ref, dict):
            server_tls_secret_ref = EtcdSpecEtcdClientUrlTlsServerTlsSecretRef(**server_tls_secret_ref)
        if isinstance(tls_ca_secret_ref, dict):
            tls_ca_secret_ref = EtcdSpecEtcdClientUrlTlsTlsCaSecretRef(**tls_ca_secret_ref)
        if isinstance(client_tls_secret_ref, dict):
            client_tls_secret_ref = EtcdSpecEtcdClientUrlTlsClientTlsSecretRef(**client_tls_secret_ref)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__b6584fe4e4a422c40ee79fc04234cbf0a8c2eb11627f101c14a9d586539dbec9)
            check_type(argname="argument server_tls_secret_ref", value=server_tls_secret_ref, expected_type=type_hints["server_tls_secret_ref"])
            check_type(argname="argument tls_ca_secret_ref", value=tls_ca_secret_ref, expected_type=type_hints["tls_ca_secret_ref"])
            check_type(argname="argument client_tls_secret_ref", value=client_tls_secret_ref, expected_type=type_hints["client_tls_secret_ref"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "server_tls_secret_ref": server_tls_secret_ref,
            "tls_ca_secret_ref": tls_ca_secret_ref,
        }
        if client_tls_secret_ref is not None:
            self._values["client_tls_secret_ref"] = client_tls_secret_ref

    @builtins.property
    def server_tls_secret_ref(self) -> "EtcdSpecEtcdClientUrlTlsServerTlsSecretRef":
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :schema: EtcdSpecEtcdClientUrlTls#serverTLSSecretRef
        '''
        result = self._values.get("server_tls_secret_ref")
        assert result is not None, "Required property 'server_tls_secret_ref' is missing"
        return typing.cast("EtcdSpecEtcdClientUrlTlsServerTlsSecretRef", result)

    @builtins.property
    def tls_ca_secret_ref(self) -> "EtcdSpecEtcdClientUrlTlsTlsCaSecretRef":
        '''SecretReference defines a reference to a secret.

        :schema: EtcdSpecEtcdClientUrlTls#tlsCASecretRef
        '''
        result = self._values.get("tls_ca_secret_ref")
        assert result is not None, "Required property 'tls_ca_secret_ref' is missing"
        return typing.cast("EtcdSpecEtcdClientUrlTlsTlsCaSecretRef", result)

    @builtins.property
    def client_tls_secret_ref(
        self,
    ) -> typing.Optional["EtcdSpecEtcdClientUrlTlsClientTlsSecretRef"]:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :schema: EtcdSpecEtcdClientUrlTls#clientTLSSecretRef
        '''
        result = self._values.get("client_tls_secret_ref")
        return typing.cast(typing.Optional["EtcdSpecEtcdClientUrlTlsClientTlsSecretRef"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdClientUrlTls(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdClientUrlTlsClientTlsSecretRef",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "namespace": "namespace"},
)
class EtcdSpecEtcdClientUrlTlsClientTlsSecretRef:
    def __init__(
        self,
        *,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdClientUrlTlsClientTlsSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__020a2f1a09f9a43fe29908cfc3fa292f256b6deb2f29790a4a9ceca7c1b4b99c)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecEtcdClientUrlTlsClientTlsSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdClientUrlTlsClientTlsSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdClientUrlTlsClientTlsSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdClientUrlTlsServerTlsSecretRef",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "namespace": "namespace"},
)
class EtcdSpecEtcdClientUrlTlsServerTlsSecretRef:
    def __init__(
        self,
        *,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdClientUrlTlsServerTlsSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__cc6ea41b723e1aa40377ff8b6782cb155b508ce93f57a58fe17ee7e07f3e8210)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecEtcdClientUrlTlsServerTlsSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdClientUrlTlsServerTlsSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdClientUrlTlsServerTlsSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdClientUrlTlsTlsCaSecretRef",
    jsii_struct_bases=[],
    name_mapping={"data_key": "dataKey", "name": "name", "namespace": "namespace"},
)
class EtcdSpecEtcdClientUrlTlsTlsCaSecretRef:
    def __init__(
        self,
        *,
        data_key: typing.Optional[builtins.str] = None,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference defines a reference to a secret.

        :param data_key: DataKey is the name of the key in the data map containing the credentials.
        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdClientUrlTlsTlsCaSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__5ef357732be310a9f8c98e62ab312963e5bef63f6586823eb9a822c850501c03)
            check_type(argname="argument data_key", value=data_key, expected_type=type_hints["data_key"])
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if data_key is not None:
            self._values["data_key"] = data_key
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def data_key(self) -> typing.Optional[builtins.str]:
        '''DataKey is the name of the key in the data map containing the credentials.

        :schema: EtcdSpecEtcdClientUrlTlsTlsCaSecretRef#dataKey
        '''
        result = self._values.get("data_key")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecEtcdClientUrlTlsTlsCaSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdClientUrlTlsTlsCaSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdClientUrlTlsTlsCaSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.enum(jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdMetrics")
class EtcdSpecEtcdMetrics(enum.Enum):
    '''Metrics defines the level of detail for exported metrics of etcd, specify 'extensive' to include histogram metrics.

    :schema: EtcdSpecEtcdMetrics
    '''

    BASIC = "BASIC"
    '''basic.'''
    EXTENSIVE = "EXTENSIVE"
    '''extensive.'''


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdPeerUrlTls",
    jsii_struct_bases=[],
    name_mapping={
        "server_tls_secret_ref": "serverTlsSecretRef",
        "tls_ca_secret_ref": "tlsCaSecretRef",
        "client_tls_secret_ref": "clientTlsSecretRef",
    },
)
class EtcdSpecEtcdPeerUrlTls:
    def __init__(
        self,
        *,
        server_tls_secret_ref: typing.Union["EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef", typing.Dict[builtins.str, typing.Any]],
        tls_ca_secret_ref: typing.Union["EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef", typing.Dict[builtins.str, typing.Any]],
        client_tls_secret_ref: typing.Optional[typing.Union["EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''PeerUrlTLS contains the ca and server TLS secrets for peer communication within ETCD cluster Currently, PeerUrlTLS does not require client TLS secrets for gardener implementation of ETCD cluster.

        :param server_tls_secret_ref: SecretReference represents a Secret Reference. It has enough information to retrieve secret in any namespace
        :param tls_ca_secret_ref: SecretReference defines a reference to a secret.
        :param client_tls_secret_ref: SecretReference represents a Secret Reference. It has enough information to retrieve secret in any namespace

        :schema: EtcdSpecEtcdPeerUrlTls
        '''
        if isinstance(server_tls_secret_ref, dict):
            server_tls_secret_ref = EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef(**server_tls_secret_ref)
        if isinstance(tls_ca_secret_ref, dict):
            tls_ca_secret_ref = EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef(**tls_ca_secret_ref)
        if isinstance(client_tls_secret_ref, dict):
            client_tls_secret_ref = EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef(**client_tls_secret_ref)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__452206f928f4bb5467e2c181c6742ed1b7287e5b3dfcd35dbcf069161e172613)
            check_type(argname="argument server_tls_secret_ref", value=server_tls_secret_ref, expected_type=type_hints["server_tls_secret_ref"])
            check_type(argname="argument tls_ca_secret_ref", value=tls_ca_secret_ref, expected_type=type_hints["tls_ca_secret_ref"])
            check_type(argname="argument client_tls_secret_ref", value=client_tls_secret_ref, expected_type=type_hints["client_tls_secret_ref"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "server_tls_secret_ref": server_tls_secret_ref,
            "tls_ca_secret_ref": tls_ca_secret_ref,
        }
        if client_tls_secret_ref is not None:
            self._values["client_tls_secret_ref"] = client_tls_secret_ref

    @builtins.property
    def server_tls_secret_ref(self) -> "EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef":
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :schema: EtcdSpecEtcdPeerUrlTls#serverTLSSecretRef
        '''
        result = self._values.get("server_tls_secret_ref")
        assert result is not None, "Required property 'server_tls_secret_ref' is missing"
        return typing.cast("EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef", result)

    @builtins.property
    def tls_ca_secret_ref(self) -> "EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef":
        '''SecretReference defines a reference to a secret.

        :schema: EtcdSpecEtcdPeerUrlTls#tlsCASecretRef
        '''
        result = self._values.get("tls_ca_secret_ref")
        assert result is not None, "Required property 'tls_ca_secret_ref' is missing"
        return typing.cast("EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef", result)

    @builtins.property
    def client_tls_secret_ref(
        self,
    ) -> typing.Optional["EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef"]:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :schema: EtcdSpecEtcdPeerUrlTls#clientTLSSecretRef
        '''
        result = self._values.get("client_tls_secret_ref")
        return typing.cast(typing.Optional["EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdPeerUrlTls(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "namespace": "namespace"},
)
class EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef:
    def __init__(
        self,
        *,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__7b0ba3d335086e1fa75a93872753c657d5300b13a5b94bcbaa118e481b0ba152)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "namespace": "namespace"},
)
class EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef:
    def __init__(
        self,
        *,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference represents a Secret Reference.

        It has enough information to retrieve secret
        in any namespace

        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__e2cef86e070aaae505e6939beb5567ad0d01f1b7f07e56b29b82b7f9b2abefb8)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef",
    jsii_struct_bases=[],
    name_mapping={"data_key": "dataKey", "name": "name", "namespace": "namespace"},
)
class EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef:
    def __init__(
        self,
        *,
        data_key: typing.Optional[builtins.str] = None,
        name: typing.Optional[builtins.str] = None,
        namespace: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SecretReference defines a reference to a secret.

        :param data_key: DataKey is the name of the key in the data map containing the credentials.
        :param name: name is unique within a namespace to reference a secret resource.
        :param namespace: namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__dbb6cf06434901bf5a1161520bc0b821dfdb590d5f0dc9bca3dfe9f5127a7364)
            check_type(argname="argument data_key", value=data_key, expected_type=type_hints["data_key"])
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument namespace", value=namespace, expected_type=type_hints["namespace"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if data_key is not None:
            self._values["data_key"] = data_key
        if name is not None:
            self._values["name"] = name
        if namespace is not None:
            self._values["namespace"] = namespace

    @builtins.property
    def data_key(self) -> typing.Optional[builtins.str]:
        '''DataKey is the name of the key in the data map containing the credentials.

        :schema: EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef#dataKey
        '''
        result = self._values.get("data_key")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def name(self) -> typing.Optional[builtins.str]:
        '''name is unique within a namespace to reference a secret resource.

        :schema: EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef#name
        '''
        result = self._values.get("name")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def namespace(self) -> typing.Optional[builtins.str]:
        '''namespace defines the space within which the secret name must be unique.

        :schema: EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef#namespace
        '''
        result = self._values.get("namespace")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


class EtcdSpecEtcdQuota(
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdQuota",
):
    '''Quota defines the etcd DB quota.

    :schema: EtcdSpecEtcdQuota
    '''

    @jsii.member(jsii_name="fromNumber")
    @builtins.classmethod
    def from_number(cls, value: jsii.Number) -> "EtcdSpecEtcdQuota":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__fe2d0481c60b9d759506d89885da1afab277f342ae403b81c2632ec6afd3e22b)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecEtcdQuota", jsii.sinvoke(cls, "fromNumber", [value]))

    @jsii.member(jsii_name="fromString")
    @builtins.classmethod
    def from_string(cls, value: builtins.str) -> "EtcdSpecEtcdQuota":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__7265873768daea05674efa001a1df35ea6baf61de664aa0c9b46f46f163ca089)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecEtcdQuota", jsii.sinvoke(cls, "fromString", [value]))

    @builtins.property
    @jsii.member(jsii_name="value")
    def value(self) -> typing.Union[builtins.str, jsii.Number]:
        return typing.cast(typing.Union[builtins.str, jsii.Number], jsii.get(self, "value"))


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdResources",
    jsii_struct_bases=[],
    name_mapping={"claims": "claims", "limits": "limits", "requests": "requests"},
)
class EtcdSpecEtcdResources:
    def __init__(
        self,
        *,
        claims: typing.Optional[typing.Sequence[typing.Union["EtcdSpecEtcdResourcesClaims", typing.Dict[builtins.str, typing.Any]]]] = None,
        limits: typing.Optional[typing.Mapping[builtins.str, "EtcdSpecEtcdResourcesLimits"]] = None,
        requests: typing.Optional[typing.Mapping[builtins.str, "EtcdSpecEtcdResourcesRequests"]] = None,
    ) -> None:
        '''Resources defines the compute Resources required by etcd container.

        More info: https://kubernetes.io/docs/concepts/configuration/manage-compute-resources-container/

        :param claims: Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container. This is an alpha field and requires enabling the DynamicResourceAllocation feature gate. This field is immutable. It can only be set for containers.
        :param limits: Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
        :param requests: Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

        :schema: EtcdSpecEtcdResources
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__b814823be32189e28c1f667a0bd227677e8bf747df6b693dd8ca10e63e0b29a7)
            check_type(argname="argument claims", value=claims, expected_type=type_hints["claims"])
            check_type(argname="argument limits", value=limits, expected_type=type_hints["limits"])
            check_type(argname="argument requests", value=requests, expected_type=type_hints["requests"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if claims is not None:
            self._values["claims"] = claims
        if limits is not None:
            self._values["limits"] = limits
        if requests is not None:
            self._values["requests"] = requests

    @builtins.property
    def claims(self) -> typing.Optional[typing.List["EtcdSpecEtcdResourcesClaims"]]:
        '''Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.

        This is an alpha field and requires enabling the
        DynamicResourceAllocation feature gate.

        This field is immutable. It can only be set for containers.

        :schema: EtcdSpecEtcdResources#claims
        '''
        result = self._values.get("claims")
        return typing.cast(typing.Optional[typing.List["EtcdSpecEtcdResourcesClaims"]], result)

    @builtins.property
    def limits(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, "EtcdSpecEtcdResourcesLimits"]]:
        '''Limits describes the maximum amount of compute resources allowed.

        More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

        :schema: EtcdSpecEtcdResources#limits
        '''
        result = self._values.get("limits")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, "EtcdSpecEtcdResourcesLimits"]], result)

    @builtins.property
    def requests(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, "EtcdSpecEtcdResourcesRequests"]]:
        '''Requests describes the minimum amount of compute resources required.

        If Requests is omitted for a container, it defaults to Limits if that is explicitly specified,
        otherwise to an implementation-defined value. Requests cannot exceed Limits.
        More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

        :schema: EtcdSpecEtcdResources#requests
        '''
        result = self._values.get("requests")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, "EtcdSpecEtcdResourcesRequests"]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdResources(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdResourcesClaims",
    jsii_struct_bases=[],
    name_mapping={"name": "name", "request": "request"},
)
class EtcdSpecEtcdResourcesClaims:
    def __init__(
        self,
        *,
        name: builtins.str,
        request: typing.Optional[builtins.str] = None,
    ) -> None:
        '''ResourceClaim references one entry in PodSpec.ResourceClaims.

        :param name: Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.
        :param request: Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.

        :schema: EtcdSpecEtcdResourcesClaims
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__ff02e84ee80532c1395f7d97459251e4beba69a48cdd338d4c01d6bbd0639440)
            check_type(argname="argument name", value=name, expected_type=type_hints["name"])
            check_type(argname="argument request", value=request, expected_type=type_hints["request"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "name": name,
        }
        if request is not None:
            self._values["request"] = request

    @builtins.property
    def name(self) -> builtins.str:
        '''Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.

        :schema: EtcdSpecEtcdResourcesClaims#name
        '''
        result = self._values.get("name")
        assert result is not None, "Required property 'name' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def request(self) -> typing.Optional[builtins.str]:
        '''Request is the name chosen for a request in the referenced claim.

        If empty, everything from the claim is made available, otherwise
        only the result of this request.

        :schema: EtcdSpecEtcdResourcesClaims#request
        '''
        result = self._values.get("request")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecEtcdResourcesClaims(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


class EtcdSpecEtcdResourcesLimits(
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdResourcesLimits",
):
    '''
    :schema: EtcdSpecEtcdResourcesLimits
    '''

    @jsii.member(jsii_name="fromNumber")
    @builtins.classmethod
    def from_number(cls, value: jsii.Number) -> "EtcdSpecEtcdResourcesLimits":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__d1353d64045c0c65863d4a3935d617a34413998083ce70c25f549ed85145f0fc)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecEtcdResourcesLimits", jsii.sinvoke(cls, "fromNumber", [value]))

    @jsii.member(jsii_name="fromString")
    @builtins.classmethod
    def from_string(cls, value: builtins.str) -> "EtcdSpecEtcdResourcesLimits":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__1a5eefc5cd0aea760c7d3132cdbcdf865335cbe0b376682a0d306f0798f2b94b)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecEtcdResourcesLimits", jsii.sinvoke(cls, "fromString", [value]))

    @builtins.property
    @jsii.member(jsii_name="value")
    def value(self) -> typing.Union[builtins.str, jsii.Number]:
        return typing.cast(typing.Union[builtins.str, jsii.Number], jsii.get(self, "value"))


class EtcdSpecEtcdResourcesRequests(
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.EtcdSpecEtcdResourcesRequests",
):
    '''
    :schema: EtcdSpecEtcdResourcesRequests
    '''

    @jsii.member(jsii_name="fromNumber")
    @builtins.classmethod
    def from_number(cls, value: jsii.Number) -> "EtcdSpecEtcdResourcesRequests":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__7889a7b4fb287165cf600b06727f90795a0d0ce8e2f0607f96e8e0707e2405dd)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecEtcdResourcesRequests", jsii.sinvoke(cls, "fromNumber", [value]))

    @jsii.member(jsii_name="fromString")
    @builtins.classmethod
    def from_string(cls, value: builtins.str) -> "EtcdSpecEtcdResourcesRequests":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__a2700dde745f88c86c26d103b17d6e4b2cedbad4794ed7969c412633ce6b130f)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecEtcdResourcesRequests", jsii.sinvoke(cls, "fromString", [value]))

    @builtins.property
    @jsii.member(jsii_name="value")
    def value(self) -> typing.Union[builtins.str, jsii.Number]:
        return typing.cast(typing.Union[builtins.str, jsii.Number], jsii.get(self, "value"))


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraints",
    jsii_struct_bases=[],
    name_mapping={
        "affinity": "affinity",
        "topology_spread_constraints": "topologySpreadConstraints",
    },
)
class EtcdSpecSchedulingConstraints:
    def __init__(
        self,
        *,
        affinity: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinity", typing.Dict[builtins.str, typing.Any]]] = None,
        topology_spread_constraints: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsTopologySpreadConstraints", typing.Dict[builtins.str, typing.Any]]]] = None,
    ) -> None:
        '''SchedulingConstraints defines the different scheduling constraints that must be applied to the pod spec in the etcd statefulset.

        Currently supported constraints are Affinity and TopologySpreadConstraints.

        :param affinity: Affinity defines the various affinity and anti-affinity rules for a pod that are honoured by the kube-scheduler.
        :param topology_spread_constraints: TopologySpreadConstraints describes how a group of pods ought to spread across topology domains, that are honoured by the kube-scheduler.

        :schema: EtcdSpecSchedulingConstraints
        '''
        if isinstance(affinity, dict):
            affinity = EtcdSpecSchedulingConstraintsAffinity(**affinity)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__e38164a9c0ca2b8078ec1ef4e2c2d0f935b651dc5376032976e7de23a75b3fcf)
            check_type(argname="argument affinity", value=affinity, expected_type=type_hints["affinity"])
            check_type(argname="argument topology_spread_constraints", value=topology_spread_constraints, expected_type=type_hints["topology_spread_constraints"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if affinity is not None:
            self._values["affinity"] = affinity
        if topology_spread_constraints is not None:
            self._values["topology_spread_constraints"] = topology_spread_constraints

    @builtins.property
    def affinity(self) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinity"]:
        '''Affinity defines the various affinity and anti-affinity rules for a pod that are honoured by the kube-scheduler.

        :schema: EtcdSpecSchedulingConstraints#affinity
        '''
        result = self._values.get("affinity")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinity"], result)

    @builtins.property
    def topology_spread_constraints(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsTopologySpreadConstraints"]]:
        '''TopologySpreadConstraints describes how a group of pods ought to spread across topology domains, that are honoured by the kube-scheduler.

        :schema: EtcdSpecSchedulingConstraints#topologySpreadConstraints
        '''
        result = self._values.get("topology_spread_constraints")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsTopologySpreadConstraints"]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraints(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinity",
    jsii_struct_bases=[],
    name_mapping={
        "node_affinity": "nodeAffinity",
        "pod_affinity": "podAffinity",
        "pod_anti_affinity": "podAntiAffinity",
    },
)
class EtcdSpecSchedulingConstraintsAffinity:
    def __init__(
        self,
        *,
        node_affinity: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityNodeAffinity", typing.Dict[builtins.str, typing.Any]]] = None,
        pod_affinity: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinity", typing.Dict[builtins.str, typing.Any]]] = None,
        pod_anti_affinity: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''Affinity defines the various affinity and anti-affinity rules for a pod that are honoured by the kube-scheduler.

        :param node_affinity: Describes node affinity scheduling rules for the pod.
        :param pod_affinity: Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).
        :param pod_anti_affinity: Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).

        :schema: EtcdSpecSchedulingConstraintsAffinity
        '''
        if isinstance(node_affinity, dict):
            node_affinity = EtcdSpecSchedulingConstraintsAffinityNodeAffinity(**node_affinity)
        if isinstance(pod_affinity, dict):
            pod_affinity = EtcdSpecSchedulingConstraintsAffinityPodAffinity(**pod_affinity)
        if isinstance(pod_anti_affinity, dict):
            pod_anti_affinity = EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity(**pod_anti_affinity)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__9fd7a320c24695f7d12244dad634c12af069ef2814727afcd749491d8f1984fb)
            check_type(argname="argument node_affinity", value=node_affinity, expected_type=type_hints["node_affinity"])
            check_type(argname="argument pod_affinity", value=pod_affinity, expected_type=type_hints["pod_affinity"])
            check_type(argname="argument pod_anti_affinity", value=pod_anti_affinity, expected_type=type_hints["pod_anti_affinity"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if node_affinity is not None:
            self._values["node_affinity"] = node_affinity
        if pod_affinity is not None:
            self._values["pod_affinity"] = pod_affinity
        if pod_anti_affinity is not None:
            self._values["pod_anti_affinity"] = pod_anti_affinity

    @builtins.property
    def node_affinity(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityNodeAffinity"]:
        '''Describes node affinity scheduling rules for the pod.

        :schema: EtcdSpecSchedulingConstraintsAffinity#nodeAffinity
        '''
        result = self._values.get("node_affinity")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityNodeAffinity"], result)

    @builtins.property
    def pod_affinity(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinity"]:
        '''Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).

        :schema: EtcdSpecSchedulingConstraintsAffinity#podAffinity
        '''
        result = self._values.get("pod_affinity")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinity"], result)

    @builtins.property
    def pod_anti_affinity(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity"]:
        '''Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).

        :schema: EtcdSpecSchedulingConstraintsAffinity#podAntiAffinity
        '''
        result = self._values.get("pod_anti_affinity")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinity(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityNodeAffinity",
    jsii_struct_bases=[],
    name_mapping={
        "preferred_during_scheduling_ignored_during_execution": "preferredDuringSchedulingIgnoredDuringExecution",
        "required_during_scheduling_ignored_during_execution": "requiredDuringSchedulingIgnoredDuringExecution",
    },
)
class EtcdSpecSchedulingConstraintsAffinityNodeAffinity:
    def __init__(
        self,
        *,
        preferred_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution", typing.Dict[builtins.str, typing.Any]]]] = None,
        required_during_scheduling_ignored_during_execution: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''Describes node affinity scheduling rules for the pod.

        :param preferred_during_scheduling_ignored_during_execution: The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node matches the corresponding matchExpressions; the node(s) with the highest sum are the most preferred.
        :param required_during_scheduling_ignored_during_execution: If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to an update), the system may or may not try to eventually evict the pod from its node.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinity
        '''
        if isinstance(required_during_scheduling_ignored_during_execution, dict):
            required_during_scheduling_ignored_during_execution = EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution(**required_during_scheduling_ignored_during_execution)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__2cfda6a6911e027ec3b560c541a0f9836ceaeac69533f8aff5a716ac207f7dc0)
            check_type(argname="argument preferred_during_scheduling_ignored_during_execution", value=preferred_during_scheduling_ignored_during_execution, expected_type=type_hints["preferred_during_scheduling_ignored_during_execution"])
            check_type(argname="argument required_during_scheduling_ignored_during_execution", value=required_during_scheduling_ignored_during_execution, expected_type=type_hints["required_during_scheduling_ignored_during_execution"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if preferred_during_scheduling_ignored_during_execution is not None:
            self._values["preferred_during_scheduling_ignored_during_execution"] = preferred_during_scheduling_ignored_during_execution
        if required_during_scheduling_ignored_during_execution is not None:
            self._values["required_during_scheduling_ignored_during_execution"] = required_during_scheduling_ignored_during_execution

    @builtins.property
    def preferred_during_scheduling_ignored_during_execution(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution"]]:
        '''The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions.

        The node that is
        most preferred is the one with the greatest sum of weights, i.e.
        for each node that meets all of the scheduling requirements (resource
        request, requiredDuringScheduling affinity expressions, etc.),
        compute a sum by iterating through the elements of this field and adding
        "weight" to the sum if the node matches the corresponding matchExpressions; the
        node(s) with the highest sum are the most preferred.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinity#preferredDuringSchedulingIgnoredDuringExecution
        '''
        result = self._values.get("preferred_during_scheduling_ignored_during_execution")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution"]], result)

    @builtins.property
    def required_during_scheduling_ignored_during_execution(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution"]:
        '''If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.

        If the affinity requirements specified by this field cease to be met
        at some point during pod execution (e.g. due to an update), the system
        may or may not try to eventually evict the pod from its node.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinity#requiredDuringSchedulingIgnoredDuringExecution
        '''
        result = self._values.get("required_during_scheduling_ignored_during_execution")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityNodeAffinity(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution",
    jsii_struct_bases=[],
    name_mapping={"preference": "preference", "weight": "weight"},
)
class EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution:
    def __init__(
        self,
        *,
        preference: typing.Union["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference", typing.Dict[builtins.str, typing.Any]],
        weight: jsii.Number,
    ) -> None:
        '''An empty preferred scheduling term matches all objects with implicit weight 0 (i.e. it's a no-op). A null preferred scheduling term matches no objects (i.e. is also a no-op).

        :param preference: A node selector term, associated with the corresponding weight.
        :param weight: Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution
        '''
        if isinstance(preference, dict):
            preference = EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference(**preference)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__f3567c4dc78fd24a1da5d9e6aaf7175fa5daac2b04a6557d692b02c3f30af598)
            check_type(argname="argument preference", value=preference, expected_type=type_hints["preference"])
            check_type(argname="argument weight", value=weight, expected_type=type_hints["weight"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "preference": preference,
            "weight": weight,
        }

    @builtins.property
    def preference(
        self,
    ) -> "EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference":
        '''A node selector term, associated with the corresponding weight.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution#preference
        '''
        result = self._values.get("preference")
        assert result is not None, "Required property 'preference' is missing"
        return typing.cast("EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference", result)

    @builtins.property
    def weight(self) -> jsii.Number:
        '''Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution#weight
        '''
        result = self._values.get("weight")
        assert result is not None, "Required property 'weight' is missing"
        return typing.cast(jsii.Number, result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_fields": "matchFields",
    },
)
class EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_fields: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields", typing.Dict[builtins.str, typing.Any]]]] = None,
    ) -> None:
        '''A node selector term, associated with the corresponding weight.

        :param match_expressions: A list of node selector requirements by node's labels.
        :param match_fields: A list of node selector requirements by node's fields.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__1fee5cf7b83c7d6eaefa0a7520e32b76a69d0bd82a474899bf193b4a2ec5955d)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_fields", value=match_fields, expected_type=type_hints["match_fields"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_fields is not None:
            self._values["match_fields"] = match_fields

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions"]]:
        '''A list of node selector requirements by node's labels.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions"]], result)

    @builtins.property
    def match_fields(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields"]]:
        '''A list of node selector requirements by node's fields.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference#matchFields
        '''
        result = self._values.get("match_fields")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields"]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: The label key that the selector applies to.
        :param operator: Represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.
        :param values: An array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__99a9d1976a4ccb7a1f777a52be136224dd744c3cd3c983ab84978177fa9e76b5)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''The label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''Represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''An array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. If the operator is Gt or Lt, the values
        array must have a single element, which will be interpreted as an integer.
        This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: The label key that the selector applies to.
        :param operator: Represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.
        :param values: An array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__0c3e7c6f159354cbc26bf1cb50b6227d5256170b79e73ac3c72e62413b7bb877)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''The label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''Represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''An array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. If the operator is Gt or Lt, the values
        array must have a single element, which will be interpreted as an integer.
        This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution",
    jsii_struct_bases=[],
    name_mapping={"node_selector_terms": "nodeSelectorTerms"},
)
class EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution:
    def __init__(
        self,
        *,
        node_selector_terms: typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms", typing.Dict[builtins.str, typing.Any]]],
    ) -> None:
        '''If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.

        If the affinity requirements specified by this field cease to be met
        at some point during pod execution (e.g. due to an update), the system
        may or may not try to eventually evict the pod from its node.

        :param node_selector_terms: Required. A list of node selector terms. The terms are ORed.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__38805612dc0c5f3b505c796f7051410707a9f6bb56f17d8245654477c1155bd6)
            check_type(argname="argument node_selector_terms", value=node_selector_terms, expected_type=type_hints["node_selector_terms"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "node_selector_terms": node_selector_terms,
        }

    @builtins.property
    def node_selector_terms(
        self,
    ) -> typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms"]:
        '''Required.

        A list of node selector terms. The terms are ORed.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution#nodeSelectorTerms
        '''
        result = self._values.get("node_selector_terms")
        assert result is not None, "Required property 'node_selector_terms' is missing"
        return typing.cast(typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_fields": "matchFields",
    },
)
class EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_fields: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields", typing.Dict[builtins.str, typing.Any]]]] = None,
    ) -> None:
        '''A null or empty node selector term matches no objects.

        The requirements of
        them are ANDed.
        The TopologySelectorTerm type implements a subset of the NodeSelectorTerm.

        :param match_expressions: A list of node selector requirements by node's labels.
        :param match_fields: A list of node selector requirements by node's fields.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__7a0ab4183aea2efc9bc8432323b89336e98e07e0df8cb23d43f38b3d1528dd20)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_fields", value=match_fields, expected_type=type_hints["match_fields"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_fields is not None:
            self._values["match_fields"] = match_fields

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions"]]:
        '''A list of node selector requirements by node's labels.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions"]], result)

    @builtins.property
    def match_fields(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields"]]:
        '''A list of node selector requirements by node's fields.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms#matchFields
        '''
        result = self._values.get("match_fields")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields"]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: The label key that the selector applies to.
        :param operator: Represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.
        :param values: An array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__4ddbaf49a42225f036c69e1982b990355f35aeb7902b2cc93347dadd67656371)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''The label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''Represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''An array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. If the operator is Gt or Lt, the values
        array must have a single element, which will be interpreted as an integer.
        This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: The label key that the selector applies to.
        :param operator: Represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.
        :param values: An array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__0be232506db35f75abc198f528fe5db7cd24afb3b6de8012f4c528bfc967f90e)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''The label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''Represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''An array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. If the operator is Gt or Lt, the values
        array must have a single element, which will be interpreted as an integer.
        This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinity",
    jsii_struct_bases=[],
    name_mapping={
        "preferred_during_scheduling_ignored_during_execution": "preferredDuringSchedulingIgnoredDuringExecution",
        "required_during_scheduling_ignored_during_execution": "requiredDuringSchedulingIgnoredDuringExecution",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinity:
    def __init__(
        self,
        *,
        preferred_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution", typing.Dict[builtins.str, typing.Any]]]] = None,
        required_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution", typing.Dict[builtins.str, typing.Any]]]] = None,
    ) -> None:
        '''Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).

        :param preferred_during_scheduling_ignored_during_execution: The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.
        :param required_during_scheduling_ignored_during_execution: If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinity
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__e5c5a57713129722cd1aa34b376086ccb6b2c4e87b5120398a55d4c58cbf2be6)
            check_type(argname="argument preferred_during_scheduling_ignored_during_execution", value=preferred_during_scheduling_ignored_during_execution, expected_type=type_hints["preferred_during_scheduling_ignored_during_execution"])
            check_type(argname="argument required_during_scheduling_ignored_during_execution", value=required_during_scheduling_ignored_during_execution, expected_type=type_hints["required_during_scheduling_ignored_during_execution"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if preferred_during_scheduling_ignored_during_execution is not None:
            self._values["preferred_during_scheduling_ignored_during_execution"] = preferred_during_scheduling_ignored_during_execution
        if required_during_scheduling_ignored_during_execution is not None:
            self._values["required_during_scheduling_ignored_during_execution"] = required_during_scheduling_ignored_during_execution

    @builtins.property
    def preferred_during_scheduling_ignored_during_execution(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution"]]:
        '''The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions.

        The node that is
        most preferred is the one with the greatest sum of weights, i.e.
        for each node that meets all of the scheduling requirements (resource
        request, requiredDuringScheduling affinity expressions, etc.),
        compute a sum by iterating through the elements of this field and adding
        "weight" to the sum if the node has pods which matches the corresponding podAffinityTerm; the
        node(s) with the highest sum are the most preferred.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinity#preferredDuringSchedulingIgnoredDuringExecution
        '''
        result = self._values.get("preferred_during_scheduling_ignored_during_execution")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution"]], result)

    @builtins.property
    def required_during_scheduling_ignored_during_execution(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution"]]:
        '''If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.

        If the affinity requirements specified by this field cease to be met
        at some point during pod execution (e.g. due to a pod label update), the
        system may or may not try to eventually evict the pod from its node.
        When there are multiple elements, the lists of nodes corresponding to each
        podAffinityTerm are intersected, i.e. all terms must be satisfied.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinity#requiredDuringSchedulingIgnoredDuringExecution
        '''
        result = self._values.get("required_during_scheduling_ignored_during_execution")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution"]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinity(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution",
    jsii_struct_bases=[],
    name_mapping={"pod_affinity_term": "podAffinityTerm", "weight": "weight"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution:
    def __init__(
        self,
        *,
        pod_affinity_term: typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm", typing.Dict[builtins.str, typing.Any]],
        weight: jsii.Number,
    ) -> None:
        '''The weights of all of the matched WeightedPodAffinityTerm fields are added per-node to find the most preferred node(s).

        :param pod_affinity_term: Required. A pod affinity term, associated with the corresponding weight.
        :param weight: weight associated with matching the corresponding podAffinityTerm, in the range 1-100.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution
        '''
        if isinstance(pod_affinity_term, dict):
            pod_affinity_term = EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm(**pod_affinity_term)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__c7a91cf46c42e2ea321fec5decfabe75536db377cec7c7bca24bf95032de35ba)
            check_type(argname="argument pod_affinity_term", value=pod_affinity_term, expected_type=type_hints["pod_affinity_term"])
            check_type(argname="argument weight", value=weight, expected_type=type_hints["weight"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "pod_affinity_term": pod_affinity_term,
            "weight": weight,
        }

    @builtins.property
    def pod_affinity_term(
        self,
    ) -> "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm":
        '''Required.

        A pod affinity term, associated with the corresponding weight.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution#podAffinityTerm
        '''
        result = self._values.get("pod_affinity_term")
        assert result is not None, "Required property 'pod_affinity_term' is missing"
        return typing.cast("EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm", result)

    @builtins.property
    def weight(self) -> jsii.Number:
        '''weight associated with matching the corresponding podAffinityTerm, in the range 1-100.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution#weight
        '''
        result = self._values.get("weight")
        assert result is not None, "Required property 'weight' is missing"
        return typing.cast(jsii.Number, result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm",
    jsii_struct_bases=[],
    name_mapping={
        "topology_key": "topologyKey",
        "label_selector": "labelSelector",
        "match_label_keys": "matchLabelKeys",
        "mismatch_label_keys": "mismatchLabelKeys",
        "namespaces": "namespaces",
        "namespace_selector": "namespaceSelector",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm:
    def __init__(
        self,
        *,
        topology_key: builtins.str,
        label_selector: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector", typing.Dict[builtins.str, typing.Any]]] = None,
        match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
        mismatch_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
        namespaces: typing.Optional[typing.Sequence[builtins.str]] = None,
        namespace_selector: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''Required.

        A pod affinity term, associated with the corresponding weight.

        :param topology_key: This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running. Empty topologyKey is not allowed.
        :param label_selector: A label query over a set of resources, in this case pods. If it's null, this PodAffinityTerm matches with no Pods.
        :param match_label_keys: MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key in (value)`` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both matchLabelKeys and labelSelector. Also, matchLabelKeys cannot be set when labelSelector isn't set.
        :param mismatch_label_keys: MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key notin (value)`` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both mismatchLabelKeys and labelSelector. Also, mismatchLabelKeys cannot be set when labelSelector isn't set.
        :param namespaces: namespaces specifies a static list of namespace names that the term applies to. The term is applied to the union of the namespaces listed in this field and the ones selected by namespaceSelector. null or empty namespaces list and null namespaceSelector means "this pod's namespace".
        :param namespace_selector: A label query over the set of namespaces that the term applies to. The term is applied to the union of the namespaces selected by this field and the ones listed in the namespaces field. null selector and null or empty namespaces list means "this pod's namespace". An empty selector ({}) matches all namespaces.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm
        '''
        if isinstance(label_selector, dict):
            label_selector = EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector(**label_selector)
        if isinstance(namespace_selector, dict):
            namespace_selector = EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector(**namespace_selector)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__b8433d745a1d7d984af86c535d69870550f473b8d8cfeaa429acef67505c297f)
            check_type(argname="argument topology_key", value=topology_key, expected_type=type_hints["topology_key"])
            check_type(argname="argument label_selector", value=label_selector, expected_type=type_hints["label_selector"])
            check_type(argname="argument match_label_keys", value=match_label_keys, expected_type=type_hints["match_label_keys"])
            check_type(argname="argument mismatch_label_keys", value=mismatch_label_keys, expected_type=type_hints["mismatch_label_keys"])
            check_type(argname="argument namespaces", value=namespaces, expected_type=type_hints["namespaces"])
            check_type(argname="argument namespace_selector", value=namespace_selector, expected_type=type_hints["namespace_selector"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "topology_key": topology_key,
        }
        if label_selector is not None:
            self._values["label_selector"] = label_selector
        if match_label_keys is not None:
            self._values["match_label_keys"] = match_label_keys
        if mismatch_label_keys is not None:
            self._values["mismatch_label_keys"] = mismatch_label_keys
        if namespaces is not None:
            self._values["namespaces"] = namespaces
        if namespace_selector is not None:
            self._values["namespace_selector"] = namespace_selector

    @builtins.property
    def topology_key(self) -> builtins.str:
        '''This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running.

        Empty topologyKey is not allowed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#topologyKey
        '''
        result = self._values.get("topology_key")
        assert result is not None, "Required property 'topology_key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def label_selector(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector"]:
        '''A label query over a set of resources, in this case pods.

        If it's null, this PodAffinityTerm matches with no Pods.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#labelSelector
        '''
        result = self._values.get("label_selector")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector"], result)

    @builtins.property
    def match_label_keys(self) -> typing.Optional[typing.List[builtins.str]]:
        '''MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.

        The keys are used to lookup values from the
        incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key in (value)``
        to select the group of existing pods which pods will be taken into consideration
        for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming
        pod labels will be ignored. The default value is empty.
        The same key is forbidden to exist in both matchLabelKeys and labelSelector.
        Also, matchLabelKeys cannot be set when labelSelector isn't set.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#matchLabelKeys
        '''
        result = self._values.get("match_label_keys")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def mismatch_label_keys(self) -> typing.Optional[typing.List[builtins.str]]:
        '''MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.

        The keys are used to lookup values from the
        incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key notin (value)``
        to select the group of existing pods which pods will be taken into consideration
        for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming
        pod labels will be ignored. The default value is empty.
        The same key is forbidden to exist in both mismatchLabelKeys and labelSelector.
        Also, mismatchLabelKeys cannot be set when labelSelector isn't set.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#mismatchLabelKeys
        '''
        result = self._values.get("mismatch_label_keys")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def namespaces(self) -> typing.Optional[typing.List[builtins.str]]:
        '''namespaces specifies a static list of namespace names that the term applies to.

        The term is applied to the union of the namespaces listed in this field
        and the ones selected by namespaceSelector.
        null or empty namespaces list and null namespaceSelector means "this pod's namespace".

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#namespaces
        '''
        result = self._values.get("namespaces")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def namespace_selector(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector"]:
        '''A label query over the set of namespaces that the term applies to.

        The term is applied to the union of the namespaces selected by this field
        and the ones listed in the namespaces field.
        null selector and null or empty namespaces list means "this pod's namespace".
        An empty selector ({}) matches all namespaces.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#namespaceSelector
        '''
        result = self._values.get("namespace_selector")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''A label query over a set of resources, in this case pods.

        If it's null, this PodAffinityTerm matches with no Pods.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__ca31a1eb0b3d6c7fcb08b925562f65b2cf4039d3febf44a75ec1c55bcacdb191)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__8f19aedaca80fe9719d969fd35190f429a1a7a6fe7e9f257d273b439f1ff0fca)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''A label query over the set of namespaces that the term applies to.

        The term is applied to the union of the namespaces selected by this field
        and the ones listed in the namespaces field.
        null selector and null or empty namespaces list means "this pod's namespace".
        An empty selector ({}) matches all namespaces.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__27ef2f6ccb1175d8f2f5a6ed78bee362e5a69f99822d408aa1719ee3ee6e49b7)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__096b352f84a0a650adf846e11bc2ff02553ecc7c441fcbafbe53b9ccec0ced8d)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution",
    jsii_struct_bases=[],
    name_mapping={
        "topology_key": "topologyKey",
        "label_selector": "labelSelector",
        "match_label_keys": "matchLabelKeys",
        "mismatch_label_keys": "mismatchLabelKeys",
        "namespaces": "namespaces",
        "namespace_selector": "namespaceSelector",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution:
    def __init__(
        self,
        *,
        topology_key: builtins.str,
        label_selector: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector", typing.Dict[builtins.str, typing.Any]]] = None,
        match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
        mismatch_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
        namespaces: typing.Optional[typing.Sequence[builtins.str]] = None,
        namespace_selector: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''Defines a set of pods (namely those matching the labelSelector relative to the given namespace(s)) that this pod should be co-located (affinity) or not co-located (anti-affinity) with, where co-located is defined as running on a node whose value of the label with key  matches that of any node on which a pod of the set of pods is running.

        :param topology_key: This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running. Empty topologyKey is not allowed.
        :param label_selector: A label query over a set of resources, in this case pods. If it's null, this PodAffinityTerm matches with no Pods.
        :param match_label_keys: MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key in (value)`` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both matchLabelKeys and labelSelector. Also, matchLabelKeys cannot be set when labelSelector isn't set.
        :param mismatch_label_keys: MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key notin (value)`` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both mismatchLabelKeys and labelSelector. Also, mismatchLabelKeys cannot be set when labelSelector isn't set.
        :param namespaces: namespaces specifies a static list of namespace names that the term applies to. The term is applied to the union of the namespaces listed in this field and the ones selected by namespaceSelector. null or empty namespaces list and null namespaceSelector means "this pod's namespace".
        :param namespace_selector: A label query over the set of namespaces that the term applies to. The term is applied to the union of the namespaces selected by this field and the ones listed in the namespaces field. null selector and null or empty namespaces list means "this pod's namespace". An empty selector ({}) matches all namespaces.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution
        '''
        if isinstance(label_selector, dict):
            label_selector = EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector(**label_selector)
        if isinstance(namespace_selector, dict):
            namespace_selector = EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector(**namespace_selector)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__6c3cc53785c3caae43203a4490c87cc59a0fc723910ca40fc086462679fba5b9)
            check_type(argname="argument topology_key", value=topology_key, expected_type=type_hints["topology_key"])
            check_type(argname="argument label_selector", value=label_selector, expected_type=type_hints["label_selector"])
            check_type(argname="argument match_label_keys", value=match_label_keys, expected_type=type_hints["match_label_keys"])
            check_type(argname="argument mismatch_label_keys", value=mismatch_label_keys, expected_type=type_hints["mismatch_label_keys"])
            check_type(argname="argument namespaces", value=namespaces, expected_type=type_hints["namespaces"])
            check_type(argname="argument namespace_selector", value=namespace_selector, expected_type=type_hints["namespace_selector"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "topology_key": topology_key,
        }
        if label_selector is not None:
            self._values["label_selector"] = label_selector
        if match_label_keys is not None:
            self._values["match_label_keys"] = match_label_keys
        if mismatch_label_keys is not None:
            self._values["mismatch_label_keys"] = mismatch_label_keys
        if namespaces is not None:
            self._values["namespaces"] = namespaces
        if namespace_selector is not None:
            self._values["namespace_selector"] = namespace_selector

    @builtins.property
    def topology_key(self) -> builtins.str:
        '''This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running.

        Empty topologyKey is not allowed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution#topologyKey
        '''
        result = self._values.get("topology_key")
        assert result is not None, "Required property 'topology_key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def label_selector(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector"]:
        '''A label query over a set of resources, in this case pods.

        If it's null, this PodAffinityTerm matches with no Pods.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution#labelSelector
        '''
        result = self._values.get("label_selector")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector"], result)

    @builtins.property
    def match_label_keys(self) -> typing.Optional[typing.List[builtins.str]]:
        '''MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.

        The keys are used to lookup values from the
        incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key in (value)``
        to select the group of existing pods which pods will be taken into consideration
        for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming
        pod labels will be ignored. The default value is empty.
        The same key is forbidden to exist in both matchLabelKeys and labelSelector.
        Also, matchLabelKeys cannot be set when labelSelector isn't set.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution#matchLabelKeys
        '''
        result = self._values.get("match_label_keys")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def mismatch_label_keys(self) -> typing.Optional[typing.List[builtins.str]]:
        '''MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.

        The keys are used to lookup values from the
        incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key notin (value)``
        to select the group of existing pods which pods will be taken into consideration
        for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming
        pod labels will be ignored. The default value is empty.
        The same key is forbidden to exist in both mismatchLabelKeys and labelSelector.
        Also, mismatchLabelKeys cannot be set when labelSelector isn't set.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution#mismatchLabelKeys
        '''
        result = self._values.get("mismatch_label_keys")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def namespaces(self) -> typing.Optional[typing.List[builtins.str]]:
        '''namespaces specifies a static list of namespace names that the term applies to.

        The term is applied to the union of the namespaces listed in this field
        and the ones selected by namespaceSelector.
        null or empty namespaces list and null namespaceSelector means "this pod's namespace".

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution#namespaces
        '''
        result = self._values.get("namespaces")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def namespace_selector(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector"]:
        '''A label query over the set of namespaces that the term applies to.

        The term is applied to the union of the namespaces selected by this field
        and the ones listed in the namespaces field.
        null selector and null or empty namespaces list means "this pod's namespace".
        An empty selector ({}) matches all namespaces.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution#namespaceSelector
        '''
        result = self._values.get("namespace_selector")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''A label query over a set of resources, in this case pods.

        If it's null, this PodAffinityTerm matches with no Pods.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__7fe19af74754c37c845f2fdd87a42d1fc4040be2540bcdbb9be2e059f603a444)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__57567be7a10cbcb21b400638d999f85ceacf7d96c14f1d2b9e0c10c92731ad6b)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''A label query over the set of namespaces that the term applies to.

        The term is applied to the union of the namespaces selected by this field
        and the ones listed in the namespaces field.
        null selector and null or empty namespaces list means "this pod's namespace".
        An empty selector ({}) matches all namespaces.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__c4216d6a77d5c927501bc4d4653f651321f6378b2ba2a411150e2749ba8ded6b)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__da03602bca6825f346959c9f5113987e3c9b06a1b57bc7c5ec39dd216e037be3)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity",
    jsii_struct_bases=[],
    name_mapping={
        "preferred_during_scheduling_ignored_during_execution": "preferredDuringSchedulingIgnoredDuringExecution",
        "required_during_scheduling_ignored_during_execution": "requiredDuringSchedulingIgnoredDuringExecution",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity:
    def __init__(
        self,
        *,
        preferred_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution", typing.Dict[builtins.str, typing.Any]]]] = None,
        required_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution", typing.Dict[builtins.str, typing.Any]]]] = None,
    ) -> None:
        '''Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).

        :param preferred_during_scheduling_ignored_during_execution: The scheduler will prefer to schedule pods to nodes that satisfy the anti-affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling anti-affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.
        :param required_during_scheduling_ignored_during_execution: If the anti-affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the anti-affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__b6ae9a2ca0769bec42c031a146f24aa6773c352f912afb5a12e2df6e024da7a8)
            check_type(argname="argument preferred_during_scheduling_ignored_during_execution", value=preferred_during_scheduling_ignored_during_execution, expected_type=type_hints["preferred_during_scheduling_ignored_during_execution"])
            check_type(argname="argument required_during_scheduling_ignored_during_execution", value=required_during_scheduling_ignored_during_execution, expected_type=type_hints["required_during_scheduling_ignored_during_execution"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if preferred_during_scheduling_ignored_during_execution is not None:
            self._values["preferred_during_scheduling_ignored_during_execution"] = preferred_during_scheduling_ignored_during_execution
        if required_during_scheduling_ignored_during_execution is not None:
            self._values["required_during_scheduling_ignored_during_execution"] = required_during_scheduling_ignored_during_execution

    @builtins.property
    def preferred_during_scheduling_ignored_during_execution(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution"]]:
        '''The scheduler will prefer to schedule pods to nodes that satisfy the anti-affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions.

        The node that is
        most preferred is the one with the greatest sum of weights, i.e.
        for each node that meets all of the scheduling requirements (resource
        request, requiredDuringScheduling anti-affinity expressions, etc.),
        compute a sum by iterating through the elements of this field and adding
        "weight" to the sum if the node has pods which matches the corresponding podAffinityTerm; the
        node(s) with the highest sum are the most preferred.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity#preferredDuringSchedulingIgnoredDuringExecution
        '''
        result = self._values.get("preferred_during_scheduling_ignored_during_execution")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution"]], result)

    @builtins.property
    def required_during_scheduling_ignored_during_execution(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution"]]:
        '''If the anti-affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.

        If the anti-affinity requirements specified by this field cease to be met
        at some point during pod execution (e.g. due to a pod label update), the
        system may or may not try to eventually evict the pod from its node.
        When there are multiple elements, the lists of nodes corresponding to each
        podAffinityTerm are intersected, i.e. all terms must be satisfied.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity#requiredDuringSchedulingIgnoredDuringExecution
        '''
        result = self._values.get("required_during_scheduling_ignored_during_execution")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution"]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution",
    jsii_struct_bases=[],
    name_mapping={"pod_affinity_term": "podAffinityTerm", "weight": "weight"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution:
    def __init__(
        self,
        *,
        pod_affinity_term: typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm", typing.Dict[builtins.str, typing.Any]],
        weight: jsii.Number,
    ) -> None:
        '''The weights of all of the matched WeightedPodAffinityTerm fields are added per-node to find the most preferred node(s).

        :param pod_affinity_term: Required. A pod affinity term, associated with the corresponding weight.
        :param weight: weight associated with matching the corresponding podAffinityTerm, in the range 1-100.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution
        '''
        if isinstance(pod_affinity_term, dict):
            pod_affinity_term = EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm(**pod_affinity_term)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__eee300e7ec7e9e5738e7a0c9af127a20095fd76cb3fd9b87163494438d9a8710)
            check_type(argname="argument pod_affinity_term", value=pod_affinity_term, expected_type=type_hints["pod_affinity_term"])
            check_type(argname="argument weight", value=weight, expected_type=type_hints["weight"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "pod_affinity_term": pod_affinity_term,
            "weight": weight,
        }

    @builtins.property
    def pod_affinity_term(
        self,
    ) -> "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm":
        '''Required.

        A pod affinity term, associated with the corresponding weight.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution#podAffinityTerm
        '''
        result = self._values.get("pod_affinity_term")
        assert result is not None, "Required property 'pod_affinity_term' is missing"
        return typing.cast("EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm", result)

    @builtins.property
    def weight(self) -> jsii.Number:
        '''weight associated with matching the corresponding podAffinityTerm, in the range 1-100.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution#weight
        '''
        result = self._values.get("weight")
        assert result is not None, "Required property 'weight' is missing"
        return typing.cast(jsii.Number, result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm",
    jsii_struct_bases=[],
    name_mapping={
        "topology_key": "topologyKey",
        "label_selector": "labelSelector",
        "match_label_keys": "matchLabelKeys",
        "mismatch_label_keys": "mismatchLabelKeys",
        "namespaces": "namespaces",
        "namespace_selector": "namespaceSelector",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm:
    def __init__(
        self,
        *,
        topology_key: builtins.str,
        label_selector: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector", typing.Dict[builtins.str, typing.Any]]] = None,
        match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
        mismatch_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
        namespaces: typing.Optional[typing.Sequence[builtins.str]] = None,
        namespace_selector: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''Required.

        A pod affinity term, associated with the corresponding weight.

        :param topology_key: This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running. Empty topologyKey is not allowed.
        :param label_selector: A label query over a set of resources, in this case pods. If it's null, this PodAffinityTerm matches with no Pods.
        :param match_label_keys: MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key in (value)`` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both matchLabelKeys and labelSelector. Also, matchLabelKeys cannot be set when labelSelector isn't set.
        :param mismatch_label_keys: MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key notin (value)`` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both mismatchLabelKeys and labelSelector. Also, mismatchLabelKeys cannot be set when labelSelector isn't set.
        :param namespaces: namespaces specifies a static list of namespace names that the term applies to. The term is applied to the union of the namespaces listed in this field and the ones selected by namespaceSelector. null or empty namespaces list and null namespaceSelector means "this pod's namespace".
        :param namespace_selector: A label query over the set of namespaces that the term applies to. The term is applied to the union of the namespaces selected by this field and the ones listed in the namespaces field. null selector and null or empty namespaces list means "this pod's namespace". An empty selector ({}) matches all namespaces.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm
        '''
        if isinstance(label_selector, dict):
            label_selector = EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector(**label_selector)
        if isinstance(namespace_selector, dict):
            namespace_selector = EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector(**namespace_selector)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__4390d8a387d2490e804ec374a09459cdb66b84c43e32a73d87dffa47ec4a8023)
            check_type(argname="argument topology_key", value=topology_key, expected_type=type_hints["topology_key"])
            check_type(argname="argument label_selector", value=label_selector, expected_type=type_hints["label_selector"])
            check_type(argname="argument match_label_keys", value=match_label_keys, expected_type=type_hints["match_label_keys"])
            check_type(argname="argument mismatch_label_keys", value=mismatch_label_keys, expected_type=type_hints["mismatch_label_keys"])
            check_type(argname="argument namespaces", value=namespaces, expected_type=type_hints["namespaces"])
            check_type(argname="argument namespace_selector", value=namespace_selector, expected_type=type_hints["namespace_selector"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "topology_key": topology_key,
        }
        if label_selector is not None:
            self._values["label_selector"] = label_selector
        if match_label_keys is not None:
            self._values["match_label_keys"] = match_label_keys
        if mismatch_label_keys is not None:
            self._values["mismatch_label_keys"] = mismatch_label_keys
        if namespaces is not None:
            self._values["namespaces"] = namespaces
        if namespace_selector is not None:
            self._values["namespace_selector"] = namespace_selector

    @builtins.property
    def topology_key(self) -> builtins.str:
        '''This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running.

        Empty topologyKey is not allowed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#topologyKey
        '''
        result = self._values.get("topology_key")
        assert result is not None, "Required property 'topology_key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def label_selector(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector"]:
        '''A label query over a set of resources, in this case pods.

        If it's null, this PodAffinityTerm matches with no Pods.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#labelSelector
        '''
        result = self._values.get("label_selector")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector"], result)

    @builtins.property
    def match_label_keys(self) -> typing.Optional[typing.List[builtins.str]]:
        '''MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.

        The keys are used to lookup values from the
        incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key in (value)``
        to select the group of existing pods which pods will be taken into consideration
        for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming
        pod labels will be ignored. The default value is empty.
        The same key is forbidden to exist in both matchLabelKeys and labelSelector.
        Also, matchLabelKeys cannot be set when labelSelector isn't set.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#matchLabelKeys
        '''
        result = self._values.get("match_label_keys")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def mismatch_label_keys(self) -> typing.Optional[typing.List[builtins.str]]:
        '''MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.

        The keys are used to lookup values from the
        incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key notin (value)``
        to select the group of existing pods which pods will be taken into consideration
        for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming
        pod labels will be ignored. The default value is empty.
        The same key is forbidden to exist in both mismatchLabelKeys and labelSelector.
        Also, mismatchLabelKeys cannot be set when labelSelector isn't set.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#mismatchLabelKeys
        '''
        result = self._values.get("mismatch_label_keys")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def namespaces(self) -> typing.Optional[typing.List[builtins.str]]:
        '''namespaces specifies a static list of namespace names that the term applies to.

        The term is applied to the union of the namespaces listed in this field
        and the ones selected by namespaceSelector.
        null or empty namespaces list and null namespaceSelector means "this pod's namespace".

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#namespaces
        '''
        result = self._values.get("namespaces")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def namespace_selector(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector"]:
        '''A label query over the set of namespaces that the term applies to.

        The term is applied to the union of the namespaces selected by this field
        and the ones listed in the namespaces field.
        null selector and null or empty namespaces list means "this pod's namespace".
        An empty selector ({}) matches all namespaces.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm#namespaceSelector
        '''
        result = self._values.get("namespace_selector")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''A label query over a set of resources, in this case pods.

        If it's null, this PodAffinityTerm matches with no Pods.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__cb0758d2e186566b63d6ae67f36015c41dd0488795b80eae9fbabbfe3d9e489d)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__b9fae79f7ad830e24d03d96ed0bc026791e295011c9f0b362ec0b8205a298537)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''A label query over the set of namespaces that the term applies to.

        The term is applied to the union of the namespaces selected by this field
        and the ones listed in the namespaces field.
        null selector and null or empty namespaces list means "this pod's namespace".
        An empty selector ({}) matches all namespaces.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__fc86ba25c96cdfd012a214eeffcee66fd5d056b94ae30ebee4637c0d88480c28)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__394af0942cb0e8f4aefff560e1bf1efc97609952499456310c173722ddbc0ee2)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution",
    jsii_struct_bases=[],
    name_mapping={
        "topology_key": "topologyKey",
        "label_selector": "labelSelector",
        "match_label_keys": "matchLabelKeys",
        "mismatch_label_keys": "mismatchLabelKeys",
        "namespaces": "namespaces",
        "namespace_selector": "namespaceSelector",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution:
    def __init__(
        self,
        *,
        topology_key: builtins.str,
        label_selector: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector", typing.Dict[builtins.str, typing.Any]]] = None,
        match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
        mismatch_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
        namespaces: typing.Optional[typing.Sequence[builtins.str]] = None,
        namespace_selector: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector", typing.Dict[builtins.str, typing.Any]]] = None,
    ) -> None:
        '''Defines a set of pods (namely those matching the labelSelector relative to the given namespace(s)) that this pod should be co-located (affinity) or not co-located (anti-affinity) with, where co-located is defined as running on a node whose value of the label with key  matches that of any node on which a pod of the set of pods is running.

        :param topology_key: This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running. Empty topologyKey is not allowed.
        :param label_selector: A label query over a set of resources, in this case pods. If it's null, this PodAffinityTerm matches with no Pods.
        :param match_label_keys: MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key in (value)`` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both matchLabelKeys and labelSelector. Also, matchLabelKeys cannot be set when labelSelector isn't set.
        :param mismatch_label_keys: MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key notin (value)`` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both mismatchLabelKeys and labelSelector. Also, mismatchLabelKeys cannot be set when labelSelector isn't set.
        :param namespaces: namespaces specifies a static list of namespace names that the term applies to. The term is applied to the union of the namespaces listed in this field and the ones selected by namespaceSelector. null or empty namespaces list and null namespaceSelector means "this pod's namespace".
        :param namespace_selector: A label query over the set of namespaces that the term applies to. The term is applied to the union of the namespaces selected by this field and the ones listed in the namespaces field. null selector and null or empty namespaces list means "this pod's namespace". An empty selector ({}) matches all namespaces.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution
        '''
        if isinstance(label_selector, dict):
            label_selector = EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector(**label_selector)
        if isinstance(namespace_selector, dict):
            namespace_selector = EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector(**namespace_selector)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__d937cd59e437310102a8d1b385f124fe6c2b17810169091a4e9ded5dafb3a7ce)
            check_type(argname="argument topology_key", value=topology_key, expected_type=type_hints["topology_key"])
            check_type(argname="argument label_selector", value=label_selector, expected_type=type_hints["label_selector"])
            check_type(argname="argument match_label_keys", value=match_label_keys, expected_type=type_hints["match_label_keys"])
            check_type(argname="argument mismatch_label_keys", value=mismatch_label_keys, expected_type=type_hints["mismatch_label_keys"])
            check_type(argname="argument namespaces", value=namespaces, expected_type=type_hints["namespaces"])
            check_type(argname="argument namespace_selector", value=namespace_selector, expected_type=type_hints["namespace_selector"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "topology_key": topology_key,
        }
        if label_selector is not None:
            self._values["label_selector"] = label_selector
        if match_label_keys is not None:
            self._values["match_label_keys"] = match_label_keys
        if mismatch_label_keys is not None:
            self._values["mismatch_label_keys"] = mismatch_label_keys
        if namespaces is not None:
            self._values["namespaces"] = namespaces
        if namespace_selector is not None:
            self._values["namespace_selector"] = namespace_selector

    @builtins.property
    def topology_key(self) -> builtins.str:
        '''This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running.

        Empty topologyKey is not allowed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution#topologyKey
        '''
        result = self._values.get("topology_key")
        assert result is not None, "Required property 'topology_key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def label_selector(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector"]:
        '''A label query over a set of resources, in this case pods.

        If it's null, this PodAffinityTerm matches with no Pods.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution#labelSelector
        '''
        result = self._values.get("label_selector")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector"], result)

    @builtins.property
    def match_label_keys(self) -> typing.Optional[typing.List[builtins.str]]:
        '''MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.

        The keys are used to lookup values from the
        incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key in (value)``
        to select the group of existing pods which pods will be taken into consideration
        for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming
        pod labels will be ignored. The default value is empty.
        The same key is forbidden to exist in both matchLabelKeys and labelSelector.
        Also, matchLabelKeys cannot be set when labelSelector isn't set.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution#matchLabelKeys
        '''
        result = self._values.get("match_label_keys")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def mismatch_label_keys(self) -> typing.Optional[typing.List[builtins.str]]:
        '''MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.

        The keys are used to lookup values from the
        incoming pod labels, those key-value labels are merged with ``labelSelector`` as ``key notin (value)``
        to select the group of existing pods which pods will be taken into consideration
        for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming
        pod labels will be ignored. The default value is empty.
        The same key is forbidden to exist in both mismatchLabelKeys and labelSelector.
        Also, mismatchLabelKeys cannot be set when labelSelector isn't set.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution#mismatchLabelKeys
        '''
        result = self._values.get("mismatch_label_keys")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def namespaces(self) -> typing.Optional[typing.List[builtins.str]]:
        '''namespaces specifies a static list of namespace names that the term applies to.

        The term is applied to the union of the namespaces listed in this field
        and the ones selected by namespaceSelector.
        null or empty namespaces list and null namespaceSelector means "this pod's namespace".

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution#namespaces
        '''
        result = self._values.get("namespaces")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def namespace_selector(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector"]:
        '''A label query over the set of namespaces that the term applies to.

        The term is applied to the union of the namespaces selected by this field
        and the ones listed in the namespaces field.
        null selector and null or empty namespaces list means "this pod's namespace".
        An empty selector ({}) matches all namespaces.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution#namespaceSelector
        '''
        result = self._values.get("namespace_selector")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector"], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''A label query over a set of resources, in this case pods.

        If it's null, this PodAffinityTerm matches with no Pods.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__96f87a833618761054086fcf254f332f63d52c5ea1143e60adb4fbdfe0300d1f)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__2ad57a6768ce8ac4165f471065d0d26ceaff49d573bfc07ebccac27908777c3c)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''A label query over the set of namespaces that the term applies to.

        The term is applied to the union of the namespaces selected by this field
        and the ones listed in the namespaces field.
        null selector and null or empty namespaces list means "this pod's namespace".
        An empty selector ({}) matches all namespaces.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__920583fc3f1b3e3e2fec97d857b7352a84e1081906c94e746de08bc3b2b244b1)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__3cb2274326e02a49891a59633fa97d42596cc3779aa33d4bc4a3bbc1b639118c)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsTopologySpreadConstraints",
    jsii_struct_bases=[],
    name_mapping={
        "max_skew": "maxSkew",
        "topology_key": "topologyKey",
        "when_unsatisfiable": "whenUnsatisfiable",
        "label_selector": "labelSelector",
        "match_label_keys": "matchLabelKeys",
        "min_domains": "minDomains",
        "node_affinity_policy": "nodeAffinityPolicy",
        "node_taints_policy": "nodeTaintsPolicy",
    },
)
class EtcdSpecSchedulingConstraintsTopologySpreadConstraints:
    def __init__(
        self,
        *,
        max_skew: jsii.Number,
        topology_key: builtins.str,
        when_unsatisfiable: builtins.str,
        label_selector: typing.Optional[typing.Union["EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector", typing.Dict[builtins.str, typing.Any]]] = None,
        match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
        min_domains: typing.Optional[jsii.Number] = None,
        node_affinity_policy: typing.Optional[builtins.str] = None,
        node_taints_policy: typing.Optional[builtins.str] = None,
    ) -> None:
        '''TopologySpreadConstraint specifies how to spread matching pods among the given topology.

        :param max_skew: MaxSkew describes the degree to which pods may be unevenly distributed. When ``whenUnsatisfiable=DoNotSchedule``, it is the maximum permitted difference between the number of matching pods in the target topology and the global minimum. The global minimum is the minimum number of matching pods in an eligible domain or zero if the number of eligible domains is less than MinDomains. For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same labelSelector spread as 2/2/1: In this case, the global minimum is 1. | zone1 | zone2 | zone3 | | P P | P P | P | - if MaxSkew is 1, incoming pod can only be scheduled to zone3 to become 2/2/2; scheduling it onto zone1(zone2) would make the ActualSkew(3-1) on zone1(zone2) violate MaxSkew(1). - if MaxSkew is 2, incoming pod can be scheduled onto any zone. When ``whenUnsatisfiable=ScheduleAnyway``, it is used to give higher precedence to topologies that satisfy it. It's a required field. Default value is 1 and 0 is not allowed.
        :param topology_key: TopologyKey is the key of node labels. Nodes that have a label with this key and identical values are considered to be in the same topology. We consider each <key, value> as a "bucket", and try to put balanced number of pods into each bucket. We define a domain as a particular instance of a topology. Also, we define an eligible domain as a domain whose nodes meet the requirements of nodeAffinityPolicy and nodeTaintsPolicy. e.g. If TopologyKey is "kubernetes.io/hostname", each Node is a domain of that topology. And, if TopologyKey is "topology.kubernetes.io/zone", each zone is a domain of that topology. It's a required field.
        :param when_unsatisfiable: WhenUnsatisfiable indicates how to deal with a pod if it doesn't satisfy the spread constraint. - DoNotSchedule (default) tells the scheduler not to schedule it. - ScheduleAnyway tells the scheduler to schedule the pod in any location, but giving higher precedence to topologies that would help reduce the skew. A constraint is considered "Unsatisfiable" for an incoming pod if and only if every possible node assignment for that pod would violate "MaxSkew" on some topology. For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same labelSelector spread as 3/1/1: | zone1 | zone2 | zone3 | | P P P | P | P | If WhenUnsatisfiable is set to DoNotSchedule, incoming pod can only be scheduled to zone2(zone3) to become 3/2/1(3/1/2) as ActualSkew(2-1) on zone2(zone3) satisfies MaxSkew(1). In other words, the cluster can still be imbalanced, but scheduler won't make it *more* imbalanced. It's a required field.
        :param label_selector: LabelSelector is used to find matching pods. Pods that match this label selector are counted to determine the number of pods in their corresponding topology domain.
        :param match_label_keys: MatchLabelKeys is a set of pod label keys to select the pods over which spreading will be calculated. The keys are used to lookup values from the incoming pod labels, those key-value labels are ANDed with labelSelector to select the group of existing pods over which spreading will be calculated for the incoming pod. The same key is forbidden to exist in both MatchLabelKeys and LabelSelector. MatchLabelKeys cannot be set when LabelSelector isn't set. Keys that don't exist in the incoming pod labels will be ignored. A null or empty list means only match against labelSelector. This is a beta field and requires the MatchLabelKeysInPodTopologySpread feature gate to be enabled (enabled by default).
        :param min_domains: MinDomains indicates a minimum number of eligible domains. When the number of eligible domains with matching topology keys is less than minDomains, Pod Topology Spread treats "global minimum" as 0, and then the calculation of Skew is performed. And when the number of eligible domains with matching topology keys equals or greater than minDomains, this value has no effect on scheduling. As a result, when the number of eligible domains is less than minDomains, scheduler won't schedule more than maxSkew Pods to those domains. If value is nil, the constraint behaves as if MinDomains is equal to 1. Valid values are integers greater than 0. When value is not nil, WhenUnsatisfiable must be DoNotSchedule. For example, in a 3-zone cluster, MaxSkew is set to 2, MinDomains is set to 5 and pods with the same labelSelector spread as 2/2/2: | zone1 | zone2 | zone3 | | P P | P P | P P | The number of domains is less than 5(MinDomains), so "global minimum" is treated as 0. In this situation, new pod with the same labelSelector cannot be scheduled, because computed skew will be 3(3 - 0) if new Pod is scheduled to any of the three zones, it will violate MaxSkew.
        :param node_affinity_policy: NodeAffinityPolicy indicates how we will treat Pod's nodeAffinity/nodeSelector when calculating pod topology spread skew. Options are: - Honor: only nodes matching nodeAffinity/nodeSelector are included in the calculations. - Ignore: nodeAffinity/nodeSelector are ignored. All nodes are included in the calculations. If this value is nil, the behavior is equivalent to the Honor policy.
        :param node_taints_policy: NodeTaintsPolicy indicates how we will treat node taints when calculating pod topology spread skew. Options are: - Honor: nodes without taints, along with tainted nodes for which the incoming pod has a toleration, are included. - Ignore: node taints are ignored. All nodes are included. If this value is nil, the behavior is equivalent to the Ignore policy.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraints
        '''
        if isinstance(label_selector, dict):
            label_selector = EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector(**label_selector)
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__b2a7447ced88746a06be08308a178c43e2b3ccf31a44f13ad8deaab5ad0f3019)
            check_type(argname="argument max_skew", value=max_skew, expected_type=type_hints["max_skew"])
            check_type(argname="argument topology_key", value=topology_key, expected_type=type_hints["topology_key"])
            check_type(argname="argument when_unsatisfiable", value=when_unsatisfiable, expected_type=type_hints["when_unsatisfiable"])
            check_type(argname="argument label_selector", value=label_selector, expected_type=type_hints["label_selector"])
            check_type(argname="argument match_label_keys", value=match_label_keys, expected_type=type_hints["match_label_keys"])
            check_type(argname="argument min_domains", value=min_domains, expected_type=type_hints["min_domains"])
            check_type(argname="argument node_affinity_policy", value=node_affinity_policy, expected_type=type_hints["node_affinity_policy"])
            check_type(argname="argument node_taints_policy", value=node_taints_policy, expected_type=type_hints["node_taints_policy"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "max_skew": max_skew,
            "topology_key": topology_key,
            "when_unsatisfiable": when_unsatisfiable,
        }
        if label_selector is not None:
            self._values["label_selector"] = label_selector
        if match_label_keys is not None:
            self._values["match_label_keys"] = match_label_keys
        if min_domains is not None:
            self._values["min_domains"] = min_domains
        if node_affinity_policy is not None:
            self._values["node_affinity_policy"] = node_affinity_policy
        if node_taints_policy is not None:
            self._values["node_taints_policy"] = node_taints_policy

    @builtins.property
    def max_skew(self) -> jsii.Number:
        '''MaxSkew describes the degree to which pods may be unevenly distributed.

        When ``whenUnsatisfiable=DoNotSchedule``, it is the maximum permitted difference
        between the number of matching pods in the target topology and the global minimum.
        The global minimum is the minimum number of matching pods in an eligible domain
        or zero if the number of eligible domains is less than MinDomains.
        For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same
        labelSelector spread as 2/2/1:
        In this case, the global minimum is 1.
        | zone1 | zone2 | zone3 |
        |  P P  |  P P  |   P   |

        - if MaxSkew is 1, incoming pod can only be scheduled to zone3 to become 2/2/2;
          scheduling it onto zone1(zone2) would make the ActualSkew(3-1) on zone1(zone2)
          violate MaxSkew(1).
        - if MaxSkew is 2, incoming pod can be scheduled onto any zone.
          When ``whenUnsatisfiable=ScheduleAnyway``, it is used to give higher precedence
          to topologies that satisfy it.
          It's a required field. Default value is 1 and 0 is not allowed.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraints#maxSkew
        '''
        result = self._values.get("max_skew")
        assert result is not None, "Required property 'max_skew' is missing"
        return typing.cast(jsii.Number, result)

    @builtins.property
    def topology_key(self) -> builtins.str:
        '''TopologyKey is the key of node labels.

        Nodes that have a label with this key
        and identical values are considered to be in the same topology.
        We consider each <key, value> as a "bucket", and try to put balanced number
        of pods into each bucket.
        We define a domain as a particular instance of a topology.
        Also, we define an eligible domain as a domain whose nodes meet the requirements of
        nodeAffinityPolicy and nodeTaintsPolicy.
        e.g. If TopologyKey is "kubernetes.io/hostname", each Node is a domain of that topology.
        And, if TopologyKey is "topology.kubernetes.io/zone", each zone is a domain of that topology.
        It's a required field.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraints#topologyKey
        '''
        result = self._values.get("topology_key")
        assert result is not None, "Required property 'topology_key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def when_unsatisfiable(self) -> builtins.str:
        '''WhenUnsatisfiable indicates how to deal with a pod if it doesn't satisfy the spread constraint.

        - DoNotSchedule (default) tells the scheduler not to schedule it.
        - ScheduleAnyway tells the scheduler to schedule the pod in any location,
          but giving higher precedence to topologies that would help reduce the
          skew.
          A constraint is considered "Unsatisfiable" for an incoming pod
          if and only if every possible node assignment for that pod would violate
          "MaxSkew" on some topology.
          For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same
          labelSelector spread as 3/1/1:
          | zone1 | zone2 | zone3 |
          | P P P |   P   |   P   |
          If WhenUnsatisfiable is set to DoNotSchedule, incoming pod can only be scheduled
          to zone2(zone3) to become 3/2/1(3/1/2) as ActualSkew(2-1) on zone2(zone3) satisfies
          MaxSkew(1). In other words, the cluster can still be imbalanced, but scheduler
          won't make it *more* imbalanced.
          It's a required field.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraints#whenUnsatisfiable
        '''
        result = self._values.get("when_unsatisfiable")
        assert result is not None, "Required property 'when_unsatisfiable' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def label_selector(
        self,
    ) -> typing.Optional["EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector"]:
        '''LabelSelector is used to find matching pods.

        Pods that match this label selector are counted to determine the number of pods
        in their corresponding topology domain.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraints#labelSelector
        '''
        result = self._values.get("label_selector")
        return typing.cast(typing.Optional["EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector"], result)

    @builtins.property
    def match_label_keys(self) -> typing.Optional[typing.List[builtins.str]]:
        '''MatchLabelKeys is a set of pod label keys to select the pods over which spreading will be calculated.

        The keys are used to lookup values from the
        incoming pod labels, those key-value labels are ANDed with labelSelector
        to select the group of existing pods over which spreading will be calculated
        for the incoming pod. The same key is forbidden to exist in both MatchLabelKeys and LabelSelector.
        MatchLabelKeys cannot be set when LabelSelector isn't set.
        Keys that don't exist in the incoming pod labels will
        be ignored. A null or empty list means only match against labelSelector.

        This is a beta field and requires the MatchLabelKeysInPodTopologySpread feature gate to be enabled (enabled by default).

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraints#matchLabelKeys
        '''
        result = self._values.get("match_label_keys")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    @builtins.property
    def min_domains(self) -> typing.Optional[jsii.Number]:
        '''MinDomains indicates a minimum number of eligible domains.

        When the number of eligible domains with matching topology keys is less than minDomains,
        Pod Topology Spread treats "global minimum" as 0, and then the calculation of Skew is performed.
        And when the number of eligible domains with matching topology keys equals or greater than minDomains,
        this value has no effect on scheduling.
        As a result, when the number of eligible domains is less than minDomains,
        scheduler won't schedule more than maxSkew Pods to those domains.
        If value is nil, the constraint behaves as if MinDomains is equal to 1.
        Valid values are integers greater than 0.
        When value is not nil, WhenUnsatisfiable must be DoNotSchedule.

        For example, in a 3-zone cluster, MaxSkew is set to 2, MinDomains is set to 5 and pods with the same
        labelSelector spread as 2/2/2:
        | zone1 | zone2 | zone3 |
        |  P P  |  P P  |  P P  |
        The number of domains is less than 5(MinDomains), so "global minimum" is treated as 0.
        In this situation, new pod with the same labelSelector cannot be scheduled,
        because computed skew will be 3(3 - 0) if new Pod is scheduled to any of the three zones,
        it will violate MaxSkew.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraints#minDomains
        '''
        result = self._values.get("min_domains")
        return typing.cast(typing.Optional[jsii.Number], result)

    @builtins.property
    def node_affinity_policy(self) -> typing.Optional[builtins.str]:
        '''NodeAffinityPolicy indicates how we will treat Pod's nodeAffinity/nodeSelector when calculating pod topology spread skew.

        Options are:

        - Honor: only nodes matching nodeAffinity/nodeSelector are included in the calculations.
        - Ignore: nodeAffinity/nodeSelector are ignored. All nodes are included in the calculations.

        If this value is nil, the behavior is equivalent to the Honor policy.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraints#nodeAffinityPolicy
        '''
        result = self._values.get("node_affinity_policy")
        return typing.cast(typing.Optional[builtins.str], result)

    @builtins.property
    def node_taints_policy(self) -> typing.Optional[builtins.str]:
        '''NodeTaintsPolicy indicates how we will treat node taints when calculating pod topology spread skew.

        Options are:

        - Honor: nodes without taints, along with tainted nodes for which the incoming pod
          has a toleration, are included.
        - Ignore: node taints are ignored. All nodes are included.

        If this value is nil, the behavior is equivalent to the Ignore policy.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraints#nodeTaintsPolicy
        '''
        result = self._values.get("node_taints_policy")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsTopologySpreadConstraints(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''LabelSelector is used to find matching pods.

        Pods that match this label selector are counted to determine the number of pods
        in their corresponding topology domain.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__aca94358348a490496c24827e376b7fb60efdafa8198e6eda525674253245c8c)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__3297a155f513a8ad137482b5fcd1225eea7ba8c0164bf18ce2fd326a82e524c3)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSelector",
    jsii_struct_bases=[],
    name_mapping={
        "match_expressions": "matchExpressions",
        "match_labels": "matchLabels",
    },
)
class EtcdSpecSelector:
    def __init__(
        self,
        *,
        match_expressions: typing.Optional[typing.Sequence[typing.Union["EtcdSpecSelectorMatchExpressions", typing.Dict[builtins.str, typing.Any]]]] = None,
        match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    ) -> None:
        '''selector is a label query over pods that should match the replica count.

        It must match the pod template's labels.
        More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
        Deprecated: this field will be removed in the future.

        :param match_expressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
        :param match_labels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSelector
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__af771326864e566074a56a25e236db39aea37530f579093a44ed372853b7f9a7)
            check_type(argname="argument match_expressions", value=match_expressions, expected_type=type_hints["match_expressions"])
            check_type(argname="argument match_labels", value=match_labels, expected_type=type_hints["match_labels"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if match_expressions is not None:
            self._values["match_expressions"] = match_expressions
        if match_labels is not None:
            self._values["match_labels"] = match_labels

    @builtins.property
    def match_expressions(
        self,
    ) -> typing.Optional[typing.List["EtcdSpecSelectorMatchExpressions"]]:
        '''matchExpressions is a list of label selector requirements.

        The requirements are ANDed.

        :schema: EtcdSpecSelector#matchExpressions
        '''
        result = self._values.get("match_expressions")
        return typing.cast(typing.Optional[typing.List["EtcdSpecSelectorMatchExpressions"]], result)

    @builtins.property
    def match_labels(
        self,
    ) -> typing.Optional[typing.Mapping[builtins.str, builtins.str]]:
        '''matchLabels is a map of {key,value} pairs.

        A single {key,value} in the matchLabels
        map is equivalent to an element of matchExpressions, whose key field is "key", the
        operator is "In", and the values array contains only "value". The requirements are ANDed.

        :schema: EtcdSpecSelector#matchLabels
        '''
        result = self._values.get("match_labels")
        return typing.cast(typing.Optional[typing.Mapping[builtins.str, builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSelector(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSelectorMatchExpressions",
    jsii_struct_bases=[],
    name_mapping={"key": "key", "operator": "operator", "values": "values"},
)
class EtcdSpecSelectorMatchExpressions:
    def __init__(
        self,
        *,
        key: builtins.str,
        operator: builtins.str,
        values: typing.Optional[typing.Sequence[builtins.str]] = None,
    ) -> None:
        '''A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.

        :param key: key is the label key that the selector applies to.
        :param operator: operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
        :param values: values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.

        :schema: EtcdSpecSelectorMatchExpressions
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__e9826d0137d41a30947b1be4255e939ad1e71d67a74321ebc722874ef3c1df19)
            check_type(argname="argument key", value=key, expected_type=type_hints["key"])
            check_type(argname="argument operator", value=operator, expected_type=type_hints["operator"])
            check_type(argname="argument values", value=values, expected_type=type_hints["values"])
        self._values: typing.Dict[builtins.str, typing.Any] = {
            "key": key,
            "operator": operator,
        }
        if values is not None:
            self._values["values"] = values

    @builtins.property
    def key(self) -> builtins.str:
        '''key is the label key that the selector applies to.

        :schema: EtcdSpecSelectorMatchExpressions#key
        '''
        result = self._values.get("key")
        assert result is not None, "Required property 'key' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def operator(self) -> builtins.str:
        '''operator represents a key's relationship to a set of values.

        Valid operators are In, NotIn, Exists and DoesNotExist.

        :schema: EtcdSpecSelectorMatchExpressions#operator
        '''
        result = self._values.get("operator")
        assert result is not None, "Required property 'operator' is missing"
        return typing.cast(builtins.str, result)

    @builtins.property
    def values(self) -> typing.Optional[typing.List[builtins.str]]:
        '''values is an array of string values.

        If the operator is In or NotIn,
        the values array must be non-empty. If the operator is Exists or DoesNotExist,
        the values array must be empty. This array is replaced during a strategic
        merge patch.

        :schema: EtcdSpecSelectorMatchExpressions#values
        '''
        result = self._values.get("values")
        return typing.cast(typing.Optional[typing.List[builtins.str]], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSelectorMatchExpressions(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.data_type(
    jsii_type="druid_cloudgardenerdruid.EtcdSpecSharedConfig",
    jsii_struct_bases=[],
    name_mapping={
        "auto_compaction_mode": "autoCompactionMode",
        "auto_compaction_retention": "autoCompactionRetention",
    },
)
class EtcdSpecSharedConfig:
    def __init__(
        self,
        *,
        auto_compaction_mode: typing.Optional["EtcdSpecSharedConfigAutoCompactionMode"] = None,
        auto_compaction_retention: typing.Optional[builtins.str] = None,
    ) -> None:
        '''SharedConfig defines parameters shared and used by Etcd as well as backup-restore sidecar.

        :param auto_compaction_mode: AutoCompactionMode defines the auto-compaction-mode:'periodic' mode or 'revision' mode for etcd and embedded-etcd of backup-restore sidecar.
        :param auto_compaction_retention: AutoCompactionRetention defines the auto-compaction-retention length for etcd as well as for embedded-etcd of backup-restore sidecar.

        :schema: EtcdSpecSharedConfig
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__04b7dfbca29b8aeffc80397075e8b61ff4fe7c20778bdc7e3ccacc543fff9cd1)
            check_type(argname="argument auto_compaction_mode", value=auto_compaction_mode, expected_type=type_hints["auto_compaction_mode"])
            check_type(argname="argument auto_compaction_retention", value=auto_compaction_retention, expected_type=type_hints["auto_compaction_retention"])
        self._values: typing.Dict[builtins.str, typing.Any] = {}
        if auto_compaction_mode is not None:
            self._values["auto_compaction_mode"] = auto_compaction_mode
        if auto_compaction_retention is not None:
            self._values["auto_compaction_retention"] = auto_compaction_retention

    @builtins.property
    def auto_compaction_mode(
        self,
    ) -> typing.Optional["EtcdSpecSharedConfigAutoCompactionMode"]:
        '''AutoCompactionMode defines the auto-compaction-mode:'periodic' mode or 'revision' mode for etcd and embedded-etcd of backup-restore sidecar.

        :schema: EtcdSpecSharedConfig#autoCompactionMode
        '''
        result = self._values.get("auto_compaction_mode")
        return typing.cast(typing.Optional["EtcdSpecSharedConfigAutoCompactionMode"], result)

    @builtins.property
    def auto_compaction_retention(self) -> typing.Optional[builtins.str]:
        '''AutoCompactionRetention defines the auto-compaction-retention length for etcd as well as for embedded-etcd of backup-restore sidecar.

        :schema: EtcdSpecSharedConfig#autoCompactionRetention
        '''
        result = self._values.get("auto_compaction_retention")
        return typing.cast(typing.Optional[builtins.str], result)

    def __eq__(self, rhs: typing.Any) -> builtins.bool:
        return isinstance(rhs, self.__class__) and rhs._values == self._values

    def __ne__(self, rhs: typing.Any) -> builtins.bool:
        return not (rhs == self)

    def __repr__(self) -> str:
        return "EtcdSpecSharedConfig(%s)" % ", ".join(
            k + "=" + repr(v) for k, v in self._values.items()
        )


@jsii.enum(jsii_type="druid_cloudgardenerdruid.EtcdSpecSharedConfigAutoCompactionMode")
class EtcdSpecSharedConfigAutoCompactionMode(enum.Enum):
    '''AutoCompactionMode defines the auto-compaction-mode:'periodic' mode or 'revision' mode for etcd and embedded-etcd of backup-restore sidecar.

    :schema: EtcdSpecSharedConfigAutoCompactionMode
    '''

    PERIODIC = "PERIODIC"
    '''periodic.'''
    REVISION = "REVISION"
    '''revision.'''


class EtcdSpecStorageCapacity(
    metaclass=jsii.JSIIMeta,
    jsii_type="druid_cloudgardenerdruid.EtcdSpecStorageCapacity",
):
    '''StorageCapacity defines the size of persistent volume.

    :schema: EtcdSpecStorageCapacity
    '''

    @jsii.member(jsii_name="fromNumber")
    @builtins.classmethod
    def from_number(cls, value: jsii.Number) -> "EtcdSpecStorageCapacity":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__d552c59dac0363cc4e61db42b51947601242c04c5bc14dde963a9072a61d3ea3)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecStorageCapacity", jsii.sinvoke(cls, "fromNumber", [value]))

    @jsii.member(jsii_name="fromString")
    @builtins.classmethod
    def from_string(cls, value: builtins.str) -> "EtcdSpecStorageCapacity":
        '''
        :param value: -
        '''
        if __debug__:
            type_hints = cached_type_hints(_typecheckingstub__7217258a9bf566ba4c1bc53ece99ffbc8f9ef97315418e0eda9e097e0e030d97)
            check_type(argname="argument value", value=value, expected_type=type_hints["value"])
        return typing.cast("EtcdSpecStorageCapacity", jsii.sinvoke(cls, "fromString", [value]))

    @builtins.property
    @jsii.member(jsii_name="value")
    def value(self) -> typing.Union[builtins.str, jsii.Number]:
        return typing.cast(typing.Union[builtins.str, jsii.Number], jsii.get(self, "value"))


__all__ = [
    "Etcd",
    "EtcdProps",
    "EtcdSpec",
    "EtcdSpecBackup",
    "EtcdSpecBackupCompression",
    "EtcdSpecBackupCompressionPolicy",
    "EtcdSpecBackupDeltaSnapshotMemoryLimit",
    "EtcdSpecBackupGarbageCollectionPolicy",
    "EtcdSpecBackupLeaderElection",
    "EtcdSpecBackupResources",
    "EtcdSpecBackupResourcesClaims",
    "EtcdSpecBackupResourcesLimits",
    "EtcdSpecBackupResourcesRequests",
    "EtcdSpecBackupSnapshotCompaction",
    "EtcdSpecBackupSnapshotCompactionResources",
    "EtcdSpecBackupSnapshotCompactionResourcesClaims",
    "EtcdSpecBackupSnapshotCompactionResourcesLimits",
    "EtcdSpecBackupSnapshotCompactionResourcesRequests",
    "EtcdSpecBackupStore",
    "EtcdSpecBackupStoreSecretRef",
    "EtcdSpecBackupTls",
    "EtcdSpecBackupTlsClientTlsSecretRef",
    "EtcdSpecBackupTlsServerTlsSecretRef",
    "EtcdSpecBackupTlsTlsCaSecretRef",
    "EtcdSpecEtcd",
    "EtcdSpecEtcdAuthSecretRef",
    "EtcdSpecEtcdClientService",
    "EtcdSpecEtcdClientServiceTrafficDistribution",
    "EtcdSpecEtcdClientUrlTls",
    "EtcdSpecEtcdClientUrlTlsClientTlsSecretRef",
    "EtcdSpecEtcdClientUrlTlsServerTlsSecretRef",
    "EtcdSpecEtcdClientUrlTlsTlsCaSecretRef",
    "EtcdSpecEtcdMetrics",
    "EtcdSpecEtcdPeerUrlTls",
    "EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef",
    "EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef",
    "EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef",
    "EtcdSpecEtcdQuota",
    "EtcdSpecEtcdResources",
    "EtcdSpecEtcdResourcesClaims",
    "EtcdSpecEtcdResourcesLimits",
    "EtcdSpecEtcdResourcesRequests",
    "EtcdSpecSchedulingConstraints",
    "EtcdSpecSchedulingConstraintsAffinity",
    "EtcdSpecSchedulingConstraintsAffinityNodeAffinity",
    "EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution",
    "EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference",
    "EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions",
    "EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields",
    "EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution",
    "EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms",
    "EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions",
    "EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinity",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector",
    "EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector",
    "EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions",
    "EtcdSpecSchedulingConstraintsTopologySpreadConstraints",
    "EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector",
    "EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions",
    "EtcdSpecSelector",
    "EtcdSpecSelectorMatchExpressions",
    "EtcdSpecSharedConfig",
    "EtcdSpecSharedConfigAutoCompactionMode",
    "EtcdSpecStorageCapacity",
]

publication.publish()

def _typecheckingstub__246388c79647a3f505116bd2f4624713cdceec8800d8cd2a46649da421361dad(
    scope: _constructs_77d1e7e8.Construct,
    id: builtins.str,
    *,
    metadata: typing.Optional[typing.Union[_cdk8s_d3d9af27.ApiObjectMetadata, typing.Dict[builtins.str, typing.Any]]] = None,
    spec: typing.Optional[typing.Union[EtcdSpec, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__224fe4aa59201906426010c28b30b74b870e4af2a6051e5ed7e9d81d167507b8(
    *,
    metadata: typing.Optional[typing.Union[_cdk8s_d3d9af27.ApiObjectMetadata, typing.Dict[builtins.str, typing.Any]]] = None,
    spec: typing.Optional[typing.Union[EtcdSpec, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__66c265abcce03d480d9b4dea6fde5ea0ccf319c38d36ca23a8e1a07f2fc5aa7d(
    *,
    backup: typing.Union[EtcdSpecBackup, typing.Dict[builtins.str, typing.Any]],
    etcd: typing.Union[EtcdSpecEtcd, typing.Dict[builtins.str, typing.Any]],
    labels: typing.Mapping[builtins.str, builtins.str],
    replicas: jsii.Number,
    annotations: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    priority_class_name: typing.Optional[builtins.str] = None,
    run_as_root: typing.Optional[builtins.bool] = None,
    scheduling_constraints: typing.Optional[typing.Union[EtcdSpecSchedulingConstraints, typing.Dict[builtins.str, typing.Any]]] = None,
    selector: typing.Optional[typing.Union[EtcdSpecSelector, typing.Dict[builtins.str, typing.Any]]] = None,
    shared_config: typing.Optional[typing.Union[EtcdSpecSharedConfig, typing.Dict[builtins.str, typing.Any]]] = None,
    storage_capacity: typing.Optional[EtcdSpecStorageCapacity] = None,
    storage_class: typing.Optional[builtins.str] = None,
    volume_claim_template: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__35412450cc374fb34ba772b200e9f3da7b8ee3e52470b2b06e1024fe9e533daf(
    *,
    compression: typing.Optional[typing.Union[EtcdSpecBackupCompression, typing.Dict[builtins.str, typing.Any]]] = None,
    delta_snapshot_memory_limit: typing.Optional[EtcdSpecBackupDeltaSnapshotMemoryLimit] = None,
    delta_snapshot_period: typing.Optional[builtins.str] = None,
    delta_snapshot_retention_period: typing.Optional[builtins.str] = None,
    enable_profiling: typing.Optional[builtins.bool] = None,
    etcd_snapshot_timeout: typing.Optional[builtins.str] = None,
    full_snapshot_schedule: typing.Optional[builtins.str] = None,
    garbage_collection_period: typing.Optional[builtins.str] = None,
    garbage_collection_policy: typing.Optional[EtcdSpecBackupGarbageCollectionPolicy] = None,
    image: typing.Optional[builtins.str] = None,
    leader_election: typing.Optional[typing.Union[EtcdSpecBackupLeaderElection, typing.Dict[builtins.str, typing.Any]]] = None,
    max_backups_limit_based_gc: typing.Optional[jsii.Number] = None,
    port: typing.Optional[jsii.Number] = None,
    resources: typing.Optional[typing.Union[EtcdSpecBackupResources, typing.Dict[builtins.str, typing.Any]]] = None,
    snapshot_compaction: typing.Optional[typing.Union[EtcdSpecBackupSnapshotCompaction, typing.Dict[builtins.str, typing.Any]]] = None,
    store: typing.Optional[typing.Union[EtcdSpecBackupStore, typing.Dict[builtins.str, typing.Any]]] = None,
    tls: typing.Optional[typing.Union[EtcdSpecBackupTls, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__f77d85b49667a6ab3a92947788464428b3f9610e01abddebb8c35271b4475c0a(
    *,
    enabled: typing.Optional[builtins.bool] = None,
    policy: typing.Optional[EtcdSpecBackupCompressionPolicy] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__98439e7586da3b49e4eb476cc1190b65b1e2649d2bac0b0a4d8c9509b6c17fcf(
    value: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__9e31afa2b6dc92d939a2286566023bd081fd8fce1a5608dd60c9fda7c3392e40(
    value: builtins.str,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__99a76d4e081f27a0033994988cdc57b5b689d8b2c709ab16bca474be9e644524(
    *,
    etcd_connection_timeout: typing.Optional[builtins.str] = None,
    reelection_period: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__426afe00f7356fbe3875c85b54767f42bf997148c9398d8e282a804ffae84915(
    *,
    claims: typing.Optional[typing.Sequence[typing.Union[EtcdSpecBackupResourcesClaims, typing.Dict[builtins.str, typing.Any]]]] = None,
    limits: typing.Optional[typing.Mapping[builtins.str, EtcdSpecBackupResourcesLimits]] = None,
    requests: typing.Optional[typing.Mapping[builtins.str, EtcdSpecBackupResourcesRequests]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__03973159c5cec62d34cd92958f7025a4021e0b6e9f74d38f975def0baa6191d4(
    *,
    name: builtins.str,
    request: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__c7ce659058960cd670ba7fe4457e1c80a9af6203ddb6c4d93ea1f09ef9a8d368(
    value: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__e6560c57a19d41778c01aa83972d230ce3ad657a69cb7c5266f0355d39ac29e3(
    value: builtins.str,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__4da53fe3a8a5d6a692bcb9863dcf9c345a36aa58e6451093ecd5593843f15a7b(
    value: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__31549031c6ed55d752a2cc6773f4e370332265505d8bf296d1851f615d946b60(
    value: builtins.str,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__af8d9caf28dd27dc6d8283482a58707bf94b8c372241de1c8d56f3ef10f14906(
    *,
    events_threshold: typing.Optional[jsii.Number] = None,
    resources: typing.Optional[typing.Union[EtcdSpecBackupSnapshotCompactionResources, typing.Dict[builtins.str, typing.Any]]] = None,
    trigger_full_snapshot_threshold: typing.Optional[jsii.Number] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__5589ab84216dd8d981e57a104e2d81028d474ddff5d2370bfb70407a2131b0e4(
    *,
    claims: typing.Optional[typing.Sequence[typing.Union[EtcdSpecBackupSnapshotCompactionResourcesClaims, typing.Dict[builtins.str, typing.Any]]]] = None,
    limits: typing.Optional[typing.Mapping[builtins.str, EtcdSpecBackupSnapshotCompactionResourcesLimits]] = None,
    requests: typing.Optional[typing.Mapping[builtins.str, EtcdSpecBackupSnapshotCompactionResourcesRequests]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__03b153c78c21f2cd7ecb230f2ee560e210cc761b9e6f6d0f96de350e3134e05d(
    *,
    name: builtins.str,
    request: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__81ec465fe092102609ab3e3622d6183a06439964e84b48ba568aaf52f59cbe38(
    value: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__448fb3e312a6b5af91ed4bfbbcf117b18e77654b0507c7abb5d1e3d3cb61b6db(
    value: builtins.str,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__d0bd0f95fbcabc1f374f42b64c654a3d249253fa68a1e4d37c75648c2f6112ac(
    value: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__23a7d8b8e6b9e9e5c13d81fab6d7d26a776e587cfab39a7ba6862b217ffd559d(
    value: builtins.str,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__27fa0c27a7ab697b8bdffbd05eb6c75e315f3581f0b65c4900e2442baecded55(
    *,
    prefix: builtins.str,
    container: typing.Optional[builtins.str] = None,
    provider: typing.Optional[builtins.str] = None,
    secret_ref: typing.Optional[typing.Union[EtcdSpecBackupStoreSecretRef, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__0c507dc87b65f82cfd07723e51817d4b3399c2726afa38e856cee06b455f6dfe(
    *,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__76172a7e0f535f4f3de69866f929261e726918ab3366033ff77ef1963a7b73bf(
    *,
    server_tls_secret_ref: typing.Union[EtcdSpecBackupTlsServerTlsSecretRef, typing.Dict[builtins.str, typing.Any]],
    tls_ca_secret_ref: typing.Union[EtcdSpecBackupTlsTlsCaSecretRef, typing.Dict[builtins.str, typing.Any]],
    client_tls_secret_ref: typing.Optional[typing.Union[EtcdSpecBackupTlsClientTlsSecretRef, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__982f5f9944e61825a95695ecaad936f78f351af69c73cfac64c000366359379c(
    *,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__c9c617634dfc06fcc95e4dc56ed06f52d26450b272b16b6a2b1670a38b25eace(
    *,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__facdd3f0298c0efe26318ed49f16676c01c6bd4128520dfd2ada42b628824a0a(
    *,
    data_key: typing.Optional[builtins.str] = None,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__54d5fe6eee51573cc2f8246af72446d6c19e34643bbc4b6a64064983f7b0a84b(
    *,
    auth_secret_ref: typing.Optional[typing.Union[EtcdSpecEtcdAuthSecretRef, typing.Dict[builtins.str, typing.Any]]] = None,
    client_port: typing.Optional[jsii.Number] = None,
    client_service: typing.Optional[typing.Union[EtcdSpecEtcdClientService, typing.Dict[builtins.str, typing.Any]]] = None,
    client_url_tls: typing.Optional[typing.Union[EtcdSpecEtcdClientUrlTls, typing.Dict[builtins.str, typing.Any]]] = None,
    defragmentation_schedule: typing.Optional[builtins.str] = None,
    etcd_defrag_timeout: typing.Optional[builtins.str] = None,
    heartbeat_duration: typing.Optional[builtins.str] = None,
    image: typing.Optional[builtins.str] = None,
    metrics: typing.Optional[EtcdSpecEtcdMetrics] = None,
    peer_url_tls: typing.Optional[typing.Union[EtcdSpecEtcdPeerUrlTls, typing.Dict[builtins.str, typing.Any]]] = None,
    quota: typing.Optional[EtcdSpecEtcdQuota] = None,
    resources: typing.Optional[typing.Union[EtcdSpecEtcdResources, typing.Dict[builtins.str, typing.Any]]] = None,
    server_port: typing.Optional[jsii.Number] = None,
    snapshot_count: typing.Optional[jsii.Number] = None,
    wrapper_port: typing.Optional[jsii.Number] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__cb41bd92914f12970d3c88f3131fc412a663148708968f37e3a405a02e629234(
    *,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__028c06e26e2803c5a3a57a989a2328917abc3afc3e400beb66ae24f05a14de22(
    *,
    annotations: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
    traffic_distribution: typing.Optional[EtcdSpecEtcdClientServiceTrafficDistribution] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__b6584fe4e4a422c40ee79fc04234cbf0a8c2eb11627f101c14a9d586539dbec9(
    *,
    server_tls_secret_ref: typing.Union[EtcdSpecEtcdClientUrlTlsServerTlsSecretRef, typing.Dict[builtins.str, typing.Any]],
    tls_ca_secret_ref: typing.Union[EtcdSpecEtcdClientUrlTlsTlsCaSecretRef, typing.Dict[builtins.str, typing.Any]],
    client_tls_secret_ref: typing.Optional[typing.Union[EtcdSpecEtcdClientUrlTlsClientTlsSecretRef, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__020a2f1a09f9a43fe29908cfc3fa292f256b6deb2f29790a4a9ceca7c1b4b99c(
    *,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__cc6ea41b723e1aa40377ff8b6782cb155b508ce93f57a58fe17ee7e07f3e8210(
    *,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__5ef357732be310a9f8c98e62ab312963e5bef63f6586823eb9a822c850501c03(
    *,
    data_key: typing.Optional[builtins.str] = None,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__452206f928f4bb5467e2c181c6742ed1b7287e5b3dfcd35dbcf069161e172613(
    *,
    server_tls_secret_ref: typing.Union[EtcdSpecEtcdPeerUrlTlsServerTlsSecretRef, typing.Dict[builtins.str, typing.Any]],
    tls_ca_secret_ref: typing.Union[EtcdSpecEtcdPeerUrlTlsTlsCaSecretRef, typing.Dict[builtins.str, typing.Any]],
    client_tls_secret_ref: typing.Optional[typing.Union[EtcdSpecEtcdPeerUrlTlsClientTlsSecretRef, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__7b0ba3d335086e1fa75a93872753c657d5300b13a5b94bcbaa118e481b0ba152(
    *,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__e2cef86e070aaae505e6939beb5567ad0d01f1b7f07e56b29b82b7f9b2abefb8(
    *,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__dbb6cf06434901bf5a1161520bc0b821dfdb590d5f0dc9bca3dfe9f5127a7364(
    *,
    data_key: typing.Optional[builtins.str] = None,
    name: typing.Optional[builtins.str] = None,
    namespace: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__fe2d0481c60b9d759506d89885da1afab277f342ae403b81c2632ec6afd3e22b(
    value: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__7265873768daea05674efa001a1df35ea6baf61de664aa0c9b46f46f163ca089(
    value: builtins.str,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__b814823be32189e28c1f667a0bd227677e8bf747df6b693dd8ca10e63e0b29a7(
    *,
    claims: typing.Optional[typing.Sequence[typing.Union[EtcdSpecEtcdResourcesClaims, typing.Dict[builtins.str, typing.Any]]]] = None,
    limits: typing.Optional[typing.Mapping[builtins.str, EtcdSpecEtcdResourcesLimits]] = None,
    requests: typing.Optional[typing.Mapping[builtins.str, EtcdSpecEtcdResourcesRequests]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__ff02e84ee80532c1395f7d97459251e4beba69a48cdd338d4c01d6bbd0639440(
    *,
    name: builtins.str,
    request: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__d1353d64045c0c65863d4a3935d617a34413998083ce70c25f549ed85145f0fc(
    value: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__1a5eefc5cd0aea760c7d3132cdbcdf865335cbe0b376682a0d306f0798f2b94b(
    value: builtins.str,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__7889a7b4fb287165cf600b06727f90795a0d0ce8e2f0607f96e8e0707e2405dd(
    value: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__a2700dde745f88c86c26d103b17d6e4b2cedbad4794ed7969c412633ce6b130f(
    value: builtins.str,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__e38164a9c0ca2b8078ec1ef4e2c2d0f935b651dc5376032976e7de23a75b3fcf(
    *,
    affinity: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinity, typing.Dict[builtins.str, typing.Any]]] = None,
    topology_spread_constraints: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsTopologySpreadConstraints, typing.Dict[builtins.str, typing.Any]]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__9fd7a320c24695f7d12244dad634c12af069ef2814727afcd749491d8f1984fb(
    *,
    node_affinity: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityNodeAffinity, typing.Dict[builtins.str, typing.Any]]] = None,
    pod_affinity: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinity, typing.Dict[builtins.str, typing.Any]]] = None,
    pod_anti_affinity: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinity, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__2cfda6a6911e027ec3b560c541a0f9836ceaeac69533f8aff5a716ac207f7dc0(
    *,
    preferred_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecution, typing.Dict[builtins.str, typing.Any]]]] = None,
    required_during_scheduling_ignored_during_execution: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecution, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__f3567c4dc78fd24a1da5d9e6aaf7175fa5daac2b04a6557d692b02c3f30af598(
    *,
    preference: typing.Union[EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreference, typing.Dict[builtins.str, typing.Any]],
    weight: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__1fee5cf7b83c7d6eaefa0a7520e32b76a69d0bd82a474899bf193b4a2ec5955d(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_fields: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityNodeAffinityPreferredDuringSchedulingIgnoredDuringExecutionPreferenceMatchFields, typing.Dict[builtins.str, typing.Any]]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__99a9d1976a4ccb7a1f777a52be136224dd744c3cd3c983ab84978177fa9e76b5(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__0c3e7c6f159354cbc26bf1cb50b6227d5256170b79e73ac3c72e62413b7bb877(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__38805612dc0c5f3b505c796f7051410707a9f6bb56f17d8245654477c1155bd6(
    *,
    node_selector_terms: typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTerms, typing.Dict[builtins.str, typing.Any]]],
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__7a0ab4183aea2efc9bc8432323b89336e98e07e0df8cb23d43f38b3d1528dd20(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_fields: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityNodeAffinityRequiredDuringSchedulingIgnoredDuringExecutionNodeSelectorTermsMatchFields, typing.Dict[builtins.str, typing.Any]]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__4ddbaf49a42225f036c69e1982b990355f35aeb7902b2cc93347dadd67656371(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__0be232506db35f75abc198f528fe5db7cd24afb3b6de8012f4c528bfc967f90e(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__e5c5a57713129722cd1aa34b376086ccb6b2c4e87b5120398a55d4c58cbf2be6(
    *,
    preferred_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecution, typing.Dict[builtins.str, typing.Any]]]] = None,
    required_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecution, typing.Dict[builtins.str, typing.Any]]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__c7a91cf46c42e2ea321fec5decfabe75536db377cec7c7bca24bf95032de35ba(
    *,
    pod_affinity_term: typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm, typing.Dict[builtins.str, typing.Any]],
    weight: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__b8433d745a1d7d984af86c535d69870550f473b8d8cfeaa429acef67505c297f(
    *,
    topology_key: builtins.str,
    label_selector: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector, typing.Dict[builtins.str, typing.Any]]] = None,
    match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
    mismatch_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
    namespaces: typing.Optional[typing.Sequence[builtins.str]] = None,
    namespace_selector: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__ca31a1eb0b3d6c7fcb08b925562f65b2cf4039d3febf44a75ec1c55bcacdb191(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__8f19aedaca80fe9719d969fd35190f429a1a7a6fe7e9f257d273b439f1ff0fca(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__27ef2f6ccb1175d8f2f5a6ed78bee362e5a69f99822d408aa1719ee3ee6e49b7(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__096b352f84a0a650adf846e11bc2ff02553ecc7c441fcbafbe53b9ccec0ced8d(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__6c3cc53785c3caae43203a4490c87cc59a0fc723910ca40fc086462679fba5b9(
    *,
    topology_key: builtins.str,
    label_selector: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector, typing.Dict[builtins.str, typing.Any]]] = None,
    match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
    mismatch_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
    namespaces: typing.Optional[typing.Sequence[builtins.str]] = None,
    namespace_selector: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__7fe19af74754c37c845f2fdd87a42d1fc4040be2540bcdbb9be2e059f603a444(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__57567be7a10cbcb21b400638d999f85ceacf7d96c14f1d2b9e0c10c92731ad6b(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__c4216d6a77d5c927501bc4d4653f651321f6378b2ba2a411150e2749ba8ded6b(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__da03602bca6825f346959c9f5113987e3c9b06a1b57bc7c5ec39dd216e037be3(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__b6ae9a2ca0769bec42c031a146f24aa6773c352f912afb5a12e2df6e024da7a8(
    *,
    preferred_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecution, typing.Dict[builtins.str, typing.Any]]]] = None,
    required_during_scheduling_ignored_during_execution: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecution, typing.Dict[builtins.str, typing.Any]]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__eee300e7ec7e9e5738e7a0c9af127a20095fd76cb3fd9b87163494438d9a8710(
    *,
    pod_affinity_term: typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTerm, typing.Dict[builtins.str, typing.Any]],
    weight: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__4390d8a387d2490e804ec374a09459cdb66b84c43e32a73d87dffa47ec4a8023(
    *,
    topology_key: builtins.str,
    label_selector: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelector, typing.Dict[builtins.str, typing.Any]]] = None,
    match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
    mismatch_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
    namespaces: typing.Optional[typing.Sequence[builtins.str]] = None,
    namespace_selector: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelector, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__cb0758d2e186566b63d6ae67f36015c41dd0488795b80eae9fbabbfe3d9e489d(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermLabelSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__b9fae79f7ad830e24d03d96ed0bc026791e295011c9f0b362ec0b8205a298537(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__fc86ba25c96cdfd012a214eeffcee66fd5d056b94ae30ebee4637c0d88480c28(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityPreferredDuringSchedulingIgnoredDuringExecutionPodAffinityTermNamespaceSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__394af0942cb0e8f4aefff560e1bf1efc97609952499456310c173722ddbc0ee2(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__d937cd59e437310102a8d1b385f124fe6c2b17810169091a4e9ded5dafb3a7ce(
    *,
    topology_key: builtins.str,
    label_selector: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelector, typing.Dict[builtins.str, typing.Any]]] = None,
    match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
    mismatch_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
    namespaces: typing.Optional[typing.Sequence[builtins.str]] = None,
    namespace_selector: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelector, typing.Dict[builtins.str, typing.Any]]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__96f87a833618761054086fcf254f332f63d52c5ea1143e60adb4fbdfe0300d1f(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionLabelSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__2ad57a6768ce8ac4165f471065d0d26ceaff49d573bfc07ebccac27908777c3c(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__920583fc3f1b3e3e2fec97d857b7352a84e1081906c94e746de08bc3b2b244b1(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsAffinityPodAntiAffinityRequiredDuringSchedulingIgnoredDuringExecutionNamespaceSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__3cb2274326e02a49891a59633fa97d42596cc3779aa33d4bc4a3bbc1b639118c(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__b2a7447ced88746a06be08308a178c43e2b3ccf31a44f13ad8deaab5ad0f3019(
    *,
    max_skew: jsii.Number,
    topology_key: builtins.str,
    when_unsatisfiable: builtins.str,
    label_selector: typing.Optional[typing.Union[EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelector, typing.Dict[builtins.str, typing.Any]]] = None,
    match_label_keys: typing.Optional[typing.Sequence[builtins.str]] = None,
    min_domains: typing.Optional[jsii.Number] = None,
    node_affinity_policy: typing.Optional[builtins.str] = None,
    node_taints_policy: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__aca94358348a490496c24827e376b7fb60efdafa8198e6eda525674253245c8c(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSchedulingConstraintsTopologySpreadConstraintsLabelSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__3297a155f513a8ad137482b5fcd1225eea7ba8c0164bf18ce2fd326a82e524c3(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__af771326864e566074a56a25e236db39aea37530f579093a44ed372853b7f9a7(
    *,
    match_expressions: typing.Optional[typing.Sequence[typing.Union[EtcdSpecSelectorMatchExpressions, typing.Dict[builtins.str, typing.Any]]]] = None,
    match_labels: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__e9826d0137d41a30947b1be4255e939ad1e71d67a74321ebc722874ef3c1df19(
    *,
    key: builtins.str,
    operator: builtins.str,
    values: typing.Optional[typing.Sequence[builtins.str]] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__04b7dfbca29b8aeffc80397075e8b61ff4fe7c20778bdc7e3ccacc543fff9cd1(
    *,
    auto_compaction_mode: typing.Optional[EtcdSpecSharedConfigAutoCompactionMode] = None,
    auto_compaction_retention: typing.Optional[builtins.str] = None,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__d552c59dac0363cc4e61db42b51947601242c04c5bc14dde963a9072a61d3ea3(
    value: jsii.Number,
) -> None:
    """Type checking stubs"""
    pass

def _typecheckingstub__7217258a9bf566ba4c1bc53ece99ffbc8f9ef97315418e0eda9e097e0e030d97(
    value: builtins.str,
) -> None:
    """Type checking stubs"""
    pass
