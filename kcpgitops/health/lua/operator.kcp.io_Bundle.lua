-- Argo CD health check for operator.kcp.io/Bundle (kcp-operator v0.9.0, ConfigurationBundle feature gate).
-- status.state: Provisioning | Ready | Deleting (it stays Ready once reached, so the conditions decide). Conditions:
-- Ready (BundleReady / ObjectsNotReady / TargetNotFound) and ObjectsCreated (ObjectsCreated / WaitingForObjects /
-- CreationFailed); the bundle Secret exists once ObjectsCreated is True.
local config = {
  kind = "Bundle",
  phaseField = "state",
  healthyPhases = {
    Ready = "Bundle Secret is ready",
  },
  readyCondition = "Ready",
  gateConditions = { "Ready", "ObjectsCreated" },
}
