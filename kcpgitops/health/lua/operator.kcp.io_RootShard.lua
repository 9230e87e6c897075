-- Argo CD health check for operator.kcp.io/RootShard (kcp-operator v0.9.0).
-- status.phase: Provisioning | Running | Bundled | Deleting. Conditions (metav1.Condition, with observedGeneration):
-- Available (ReplicasUp / ReplicasUnavailable / DeploymentUnavailable) and Bundle (NoBundleRequired, BundleReady,
-- BundleNotFound, BundleCheckFailed or the Bundle's state). Bundled means the Deployment is scaled to 0 on purpose
-- because the root shard runs elsewhere from its Bundle, so it counts as healthy here.
local config = {
  kind = "RootShard",
  phaseField = "phase",
  healthyPhases = {
    Running = "RootShard is running",
    Bundled = "RootShard is bundled: its Deployment is scaled to 0 and exported through its Bundle",
  },
  readyCondition = "Available",
  gateConditions = {},
  -- Not updated by v0.9.0 once the object is bundled (see the shared body).
  frozenWhenBundled = { "Available" },
}
