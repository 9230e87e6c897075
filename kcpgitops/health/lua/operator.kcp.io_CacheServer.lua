-- Argo CD health check for operator.kcp.io/CacheServer.
-- CAUTION: kcp-operator v0.9.0 declares CacheServer.status with no fields and never writes it, so the API server
-- keeps it empty and a v0.9.0 CacheServer stays Progressing here forever. Later operator versions report
-- status.phase (Provisioning | Running | Deleting) and an Available condition, which this script reads.
local config = {
  kind = "CacheServer",
  phaseField = "phase",
  healthyPhases = {
    Running = "CacheServer is running",
  },
  readyCondition = "Available",
  gateConditions = {},
}
