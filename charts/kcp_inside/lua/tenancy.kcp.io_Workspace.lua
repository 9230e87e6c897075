-- Argo CD health check for tenancy.kcp.io/Workspace (kcp v0.32).
-- status.phase: Scheduling | Initializing | Ready | Unavailable (| Deleting). Only a Ready workspace serves its
-- URL, so sync waves (and the child workspace's Application) must wait for it.
-- Argo CD runs custom health scripts without the string library, so this uses only base and table functions.

local function result(status, message)
  return { status = status, message = message }
end

if obj.metadata.deletionTimestamp ~= nil then
  return result("Progressing", "Workspace is being deleted")
end
local status = obj.status
if status == nil or status.phase == nil then
  return result("Progressing", "Waiting for kcp to schedule the workspace")
end

local function firstFalse(conditions)
  for _, condition in ipairs(conditions or {}) do
    if condition.status == "False" then
      return condition
    end
  end
  return nil
end

local phase = status.phase
if phase == "Ready" then
  return result("Healthy", "Workspace is Ready")
end
if phase == "Unavailable" then
  local condition = firstFalse(status.conditions)
  -- kcp marks any workspace with a False Workspace* condition Unavailable, a Scheduling one included
  -- (kcp-dev/kcp@v0.32.3:pkg/reconciler/tenancy/workspace/workspace_reconcile_phase.go updateTerminalConditionPhase).
  -- Unschedulable only means no ready shard matches the location selector yet; kcp schedules it once one does
  -- (workspace_reconcile_scheduling.go: "retry is automatic when new shards show up"), so that is not a failure.
  if condition ~= nil and condition.type == "WorkspaceScheduled" then
    return result("Progressing", "Waiting for a shard matching the location selector: " .. tostring(condition.message))
  end
  if condition ~= nil and condition.message ~= nil then
    return result("Degraded", condition.message)
  end
  return result("Degraded", "Workspace is Unavailable")
end
-- Scheduling (e.g. no shard matches the location selector yet) and Initializing (initializers running).
local condition = firstFalse(status.conditions)
if condition ~= nil and condition.message ~= nil then
  return result("Progressing", "Workspace is " .. phase .. ": " .. condition.message)
end
return result("Progressing", "Workspace is " .. phase)
