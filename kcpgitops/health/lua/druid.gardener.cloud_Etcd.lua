-- Argo CD health check for druid.gardener.cloud/Etcd (etcd-druid v0.33.0).
-- Status: observedGeneration, ready, readyReplicas/replicas, conditions Ready (quorate), AllMembersReady,
-- BackupReady, DataVolumesReady, and lastOperation {type: Create | Reconcile | Delete,
-- state: Processing | Succeeded | Error | Requeue} with lastErrors[] when state is Error.
-- Nothing here is Degraded: etcd-druid retries every failed step (gardener/etcd-druid@v0.33.0:
-- api/core/v1alpha1/etcd.go LastOperationStateError "completed with errors and will be retried"), and its error
-- codes (ERR_GET_*, ERR_SYNC_*, ERR_DELETE_* of each component, internal/component/*) name the step, not a permanent
-- cause. A Degraded Etcd would fail the kcp Application's sync wave over a hiccup that heals itself.
-- Argo CD runs custom health scripts without the string library, so this uses only base and table functions.

local function result(status, message)
  return { status = status, message = message }
end

local function findCondition(conditions, conditionType)
  for _, condition in ipairs(conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function isTrueOrAbsent(condition)
  return condition == nil or condition.status == "True"
end

local status = obj.status
if status == nil then
  return result("Progressing", "Waiting for etcd-druid to report the Etcd status")
end
if obj.metadata.deletionTimestamp ~= nil then
  return result("Progressing", "Etcd is being deleted")
end
local generation = obj.metadata.generation
if status.observedGeneration == nil or (generation ~= nil and status.observedGeneration < generation) then
  -- gardener/etcd-druid@v0.33.0:internal/controller/etcd/reconcile_spec.go shouldReconcileSpec(): this annotation
  -- stops spec reconciliation until someone removes it, so the new generation is paused, not on its way.
  local annotations = obj.metadata.annotations or {}
  if status.observedGeneration ~= nil and annotations["druid.gardener.cloud/suspend-etcd-spec-reconcile"] ~= nil then
    return result("Suspended", "Generation " .. tostring(generation) ..
      " waits: spec reconciliation is suspended by the annotation druid.gardener.cloud/suspend-etcd-spec-reconcile")
  end
  return result("Progressing", "Waiting for etcd-druid to observe generation " .. tostring(generation))
end

local operation = status.lastOperation
if operation ~= nil and operation.state == "Error" then
  local lastErrors = status.lastErrors or {}
  local cause = operation.description or ("Etcd " .. tostring(operation.type) .. " failed")
  if #lastErrors > 0 and lastErrors[1].description ~= nil then
    cause = tostring(lastErrors[1].code) .. ": " .. lastErrors[1].description
  end
  return result("Progressing", "etcd-druid retries " .. tostring(operation.type) .. " after an error: " .. cause)
end
if operation ~= nil and (operation.state == "Processing" or operation.state == "Requeue") then
  return result("Progressing", operation.description or ("Etcd " .. tostring(operation.type) .. " in progress"))
end

local conditions = status.conditions or {}
local quorate = findCondition(conditions, "Ready")
local allMembers = findCondition(conditions, "AllMembersReady")
local replicas = 0
if obj.spec ~= nil and obj.spec.replicas ~= nil then
  replicas = obj.spec.replicas
end
if replicas == 0 and operation ~= nil and operation.state == "Succeeded" then
  return result("Healthy", "Etcd is scaled to 0 replicas")
end
if status.ready == true and isTrueOrAbsent(quorate) and isTrueOrAbsent(allMembers) then
  local message = tostring(status.readyReplicas or replicas) .. "/" .. tostring(replicas) .. " etcd members ready"
  local backup = findCondition(conditions, "BackupReady")
  if backup ~= nil and backup.status == "False" then
    -- Backups failing do not stop kcp from using etcd; say so without failing the rollout.
    message = message .. "; backup not ready: " .. tostring(backup.message or backup.reason)
  end
  return result("Healthy", message)
end
for _, condition in ipairs(conditions) do
  if (condition.type == "Ready" or condition.type == "AllMembersReady") and condition.status ~= "True" then
    return result("Progressing", condition.message or (condition.type .. " is " .. tostring(condition.status)))
  end
end
return result(
  "Progressing",
  tostring(status.readyReplicas or 0) .. "/" .. tostring(replicas) .. " etcd members ready"
)
