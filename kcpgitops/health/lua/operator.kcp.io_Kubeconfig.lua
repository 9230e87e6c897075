-- Argo CD health check for operator.kcp.io/Kubeconfig (kcp-operator v0.9.0).
-- status.phase: Provisioning | Ready | Failed; Ready only says the target reference resolved (condition
-- ReferenceValid), so a present Available condition (SecretsReady once the kubeconfig Secret is written) must be
-- True as well. ReferenceValid False (ReferenceNotFound) puts the object in phase Failed.
local config = {
  kind = "Kubeconfig",
  phaseField = "phase",
  healthyPhases = {
    Ready = "Kubeconfig Secret is ready",
  },
  readyCondition = "Available",
  gateConditions = { "ReferenceValid", "Available" },
}
