-- Argo CD health check for argoproj.io/Application (Argo CD dropped its built-in one in 1.8).
-- App of apps: a child Application is healthy only once it is Synced and its own health is Healthy, so sync waves
-- in the parent wait for the child's rollout rather than for the Application object to exist.
-- Only what cannot heal by itself is Degraded: a Degraded child fails the parent's sync operation, and automated
-- sync never retries a revision whose operation failed (argoproj/argo-cd@v3.5.1:controller/appcontroller.go
-- autoSync(), alreadyAttemptedSync()).
-- Argo CD runs custom health scripts without the string library, so this uses only base and table functions.

-- Conditions Argo CD keeps until a person or a new commit acts (argoproj/argo-cd@v3.5.1:controller/appcontroller.go
-- autoSync() sets SyncError "Failed last sync attempt to <revision>" once it gives up on a revision;
-- processAppOperationQueueItem() sets DeletionError when deleting the Application's resources fails).
local failingConditions = {
  SyncError = true,
  DeletionError = true,
}

-- Conditions the controller recomputes on every refresh and drops as soon as the cause is gone, without a sync
-- (argoproj/argo-cd@v3.5.1:controller/appcontroller.go refreshAppConditions(), projectErrorToCondition();
-- util/argo/argo.go ValidatePermissions(): InvalidSpecError for a destination cluster Secret a job writes later, and
-- for a project applied in the same wave; controller/state.go CompareAppState(): ComparisonError for a repository, chart
-- registry or path not reachable yet, UnknownError for a destination API that does not answer yet).
local transientConditions = {
  InvalidSpecError = true,
  ComparisonError = true,
  UnknownError = true,
}

local function result(status, message)
  return { status = status, message = message }
end

-- argoproj/argo-cd@v3.5.1:common/common.go AnnotationIgnoreHealthCheck: controller/health.go setApplicationHealth()
-- leaves such a resource out of its Application's health. A multi-wave sync still waits for the health of everything
-- it applied (gitops-engine/pkg/sync/sync_context.go Sync(), "update status of any tasks that are running"), and an
-- Application that syncs itself (the app-of-apps) would wait there for its own running operation forever, so an
-- Application carrying the annotation is reported Healthy.
local annotations = obj.metadata.annotations or {}
if annotations["argocd.argoproj.io/ignore-healthcheck"] == "true" then
  return result("Healthy", "Health check ignored (argocd.argoproj.io/ignore-healthcheck)")
end

local status = obj.status
if status == nil or status.health == nil or status.health.status == nil then
  return result("Progressing", "Waiting for the application controller to assess the Application")
end
if obj.metadata.deletionTimestamp ~= nil then
  return result("Progressing", "Application is being deleted")
end
local transient = nil
for _, condition in ipairs(status.conditions or {}) do
  if failingConditions[condition.type] then
    return result("Degraded", condition.message or condition.type)
  end
  if transientConditions[condition.type] and transient == nil then
    transient = condition
  end
end
if transient ~= nil then
  return result("Progressing", tostring(transient.type) .. " (retried on every refresh): " .. tostring(transient.message))
end

-- argoproj/argo-cd@v3.5.1:controller/appcontroller.go processRequestedAppOperation(): a failed sync with retries left
-- is written back as phase Running with finishedAt set and retryCount raised; Failed and Error are final (retries
-- exhausted, no retry policy, or terminated).
local operation = status.operationState
if operation ~= nil and (operation.phase == "Running" or operation.phase == "Terminating") then
  if operation.finishedAt ~= nil and operation.retryCount ~= nil then
    local limit = "unlimited"
    if operation.operation ~= nil and operation.operation.retry ~= nil and operation.operation.retry.limit ~= nil
        and operation.operation.retry.limit >= 0 then
      limit = tostring(operation.operation.retry.limit)
    end
    return result("Progressing", "Sync failed, retry " .. tostring(operation.retryCount) .. " of " .. limit ..
      " scheduled: " .. tostring(operation.message))
  end
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
