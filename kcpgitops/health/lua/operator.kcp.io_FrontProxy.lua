-- Argo CD health check for operator.kcp.io/FrontProxy (kcp-operator v0.9.0).
-- status.phase: Provisioning | Running | Bundled | Deleting. Conditions (metav1.Condition, with observedGeneration):
-- Available (ReplicasUp / ReplicasUnavailable / DeploymentUnavailable), RootShard (Valid / InvalidReference /
-- RootShardNotFound) and Bundle (NoBundleRequired, BundleReady, BundleNotFound, BundleCheckFailed or the Bundle's
-- state). Bundled means the Deployment is scaled to 0 on purpose and exported through its Bundle: healthy here.
local config = {
  kind = "FrontProxy",
  phaseField = "phase",
  healthyPhases = {
    Running = "FrontProxy is running",
    Bundled = "FrontProxy is bundled: its Deployment is scaled to 0 and exported through its Bundle",
  },
  readyCondition = "Available",
  gateConditions = {},
  -- Not updated by v0.9.0 once the object is bundled (see the shared body).
  frozenWhenBundled = { "Available" },
}
