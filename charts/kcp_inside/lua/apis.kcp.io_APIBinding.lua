-- Argo CD health check for apis.kcp.io/APIBinding (kcp v0.32, v1alpha1 and v1alpha2).
-- status.phase: Binding | Bound. The condition APIExportValid turns False when the referenced export does not exist
-- (yet) or cannot be bound; it can resolve itself once the export is created, so it stays Progressing.
-- Argo CD runs custom health scripts without the string library, so this uses only base and table functions.

local function result(status, message)
  return { status = status, message = message }
end

if obj.metadata.deletionTimestamp ~= nil then
  return result("Progressing", "APIBinding is being deleted")
end
local status = obj.status
if status == nil then
  return result("Progressing", "Waiting for kcp to bind the export")
end

local notReady = nil
for _, condition in ipairs(status.conditions or {}) do
  if condition.status == "False" and notReady == nil then
    notReady = condition
  end
end

if status.phase == "Bound" then
  return result("Healthy", "APIBinding is Bound")
end
if notReady ~= nil then
  local message = notReady.message
  if message == nil or message == "" then
    message = tostring(notReady.type) .. " is False"
  end
  return result("Progressing", message)
end
return result("Progressing", "APIBinding is " .. tostring(status.phase or "Binding"))
