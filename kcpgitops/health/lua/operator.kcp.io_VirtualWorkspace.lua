-- Argo CD health check for operator.kcp.io/VirtualWorkspace (kcp-operator v0.9.0).
-- No phase; conditions ReferenceValid (Valid / ReferenceNotFound) and Available (from its compiled workloads).
local config = {
  kind = "VirtualWorkspace",
  phaseField = "phase",
  healthyPhases = {},
  readyCondition = "Available",
  gateConditions = { "ReferenceValid" },
}
