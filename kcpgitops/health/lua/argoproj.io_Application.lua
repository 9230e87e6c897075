-- Argo CD health check for argoproj.io/Application (Argo CD dropped its built-in one in 1.8).
-- App of apps: a child Application is healthy only once it is Synced and its own health is Healthy, so sync waves
-- in the parent wait for the child's rollout rather than for the Application object to exist.
-- Argo CD runs custom health scripts without the string library, so this uses only base and table functions.

-- Condition types Argo CD v3.5.1 reports when it cannot compare, sync or delete the Application.
local errorConditions = {
  InvalidSpecError = true,
  ComparisonError = true,
  SyncError = true,
  DeletionError = true,
  UnknownError = true,
}

local function result(status, message)
  return { status = status, message = message }
end

local status = obj.status
if status == nil or status.health == nil or status.health.status == nil then
  return result("Progressing", "Waiting for the application controller to assess the Application")
end
if obj.metadata.deletionTimestamp ~= nil then
  return result("Progressing", "Application is being deleted")
end
for _, condition in ipairs(status.conditions or {}) do
  if errorConditions[condition.type] then
    return result("Degraded", condition.message or condition.type)
  end
end

local operation = status.operationState
if operation ~= nil and (operation.phase == "Running" or operation.phase == "Terminating") then
  return result("Progressing", operation.message or "Sync operation is running")
end

local health = status.health.status
local sync = "Unknown"
if status.sync ~= nil and status.sync.status ~= nil then
  sync = status.sync.status
end
if health == "Degraded" then
  return result("Degraded", status.health.message or "Application is Degraded")
end
if health == "Suspended" then
  return result("Suspended", status.health.message or "Application is Suspended")
end
-- A failed last sync only matters while the Application is still out of sync; a later fix may have synced it.
if operation ~= nil and (operation.phase == "Failed" or operation.phase == "Error") and sync ~= "Synced" then
  return result("Degraded", operation.message or ("Sync " .. operation.phase))
end
if health == "Healthy" and sync == "Synced" then
  return result("Healthy", "Application is Synced and Healthy")
end
if health == "Healthy" then
  return result("Progressing", "Application is Healthy but " .. sync)
end
-- Progressing, Missing (resources not created yet) and Unknown all mean: not rolled out yet.
return result("Progressing", "Application health is " .. health .. ", sync is " .. sync)
