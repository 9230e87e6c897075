
-- Shared body of every operator.kcp.io script: health_customizations() appends it to each kind's `config` table.
-- Argo CD runs custom health scripts without the string library, so this uses only base and table functions.

-- Reasons kcp-operator v0.9.0 sets on a False condition when retrying cannot help without a spec change.
local fatalReasons = {
  InvalidReference = true,
  RootShardNotFound = true,
  ReferenceNotFound = true,
  BundleCheckFailed = true,
  TargetNotFound = true,
  CreationFailed = true,
  ClientCertificateSecretError = true,
  ServerCASecretError = true,
}

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

local function describe(condition, fallback)
  if condition ~= nil and condition.message ~= nil and condition.message ~= "" then
    return condition.message
  end
  return fallback
end

local status = obj.status
local conditions = {}
local phase = nil
if status ~= nil then
  conditions = status.conditions or {}
  phase = status[config.phaseField]
end
if phase == nil and #conditions == 0 then
  return result("Progressing", "Waiting for kcp-operator to report the " .. config.kind .. " status")
end
if obj.metadata.deletionTimestamp ~= nil or phase == "Deleting" then
  return result("Progressing", config.kind .. " is being deleted")
end

-- A bundled object (annotation operator.kcp.io/bundle, kcp-dev/kcp-operator@v0.9.0:internal/resources/resources.go
-- BundleAnnotation) runs elsewhere from its Bundle. Once its Bundle is ready, kcp-operator v0.9.0 stops updating the
-- conditions of its own workloads (kcp-dev/kcp-operator@v0.9.0:pkg/controller/shard/controller.go reconcileStatus(),
-- line 281 `if !isBundled {`: "Only check the rendered workloads if not bundled"; likewise rootshard/controller.go
-- line 295 and frontproxy/controller.go line 198), so Available
-- keeps the generation and status it had before. It is left out: the Bundle condition, which reconcileStatus() writes
-- for every generation (pkg/controller/bundle/helpers.go GetBundleReadyCondition()), decides instead.
local annotations = obj.metadata.annotations or {}
local bundled = config.frozenWhenBundled ~= nil and annotations["operator.kcp.io/bundle"] ~= nil
  and annotations["operator.kcp.io/bundle"] ~= ""
if bundled then
  local frozen = {}
  for _, conditionType in ipairs(config.frozenWhenBundled) do
    frozen[conditionType] = true
  end
  local current = {}
  for _, condition in ipairs(conditions) do
    if not frozen[condition.type] then
      table.insert(current, condition)
    end
  end
  conditions = current
end

-- Every condition carries the generation it was computed for: older ones describe a superseded spec.
local generation = obj.metadata.generation
if generation ~= nil then
  for _, condition in ipairs(conditions) do
    if condition.observedGeneration ~= nil and condition.observedGeneration < generation then
      return result("Progressing", "Waiting for kcp-operator to observe generation " .. generation)
    end
  end
end

for _, condition in ipairs(conditions) do
  if condition.status == "False" and fatalReasons[condition.reason] then
    return result("Degraded", describe(condition, tostring(condition.type) .. ": " .. condition.reason))
  end
end
if phase == "Failed" then
  return result("Degraded", config.kind .. " is in phase Failed")
end

-- A bundled object's workload runs on its own cluster, where the kcp-bridge Application waits for the delivered
-- Deployment; here only the export is judged. Its Bundle condition is no readiness signal either: reconcileStatus()
-- copies the Bundle's state when the owner is reconciled, but the owner's controller does not watch Bundles
-- (kcp-dev/kcp-operator@v0.9.0:pkg/controller/shard/controller.go SetupWithManager: For Shard, Owns CompiledShard,
-- Secret, Certificate), so a Bundle turning Ready later leaves the condition at its first state until an unrelated
-- event or the 10-hour resync. Present and not failed is all this check can require.
if bundled then
  local bundle = findCondition(conditions, "Bundle")
  if bundle == nil then
    return result("Progressing", "Waiting for kcp-operator to create the " .. config.kind .. "'s Bundle")
  end
  for _, condition in ipairs(conditions) do
    if condition.status ~= "True" and condition.type ~= "Bundle" then
      return result("Progressing", describe(condition, tostring(condition.type) .. " is " .. tostring(condition.status)))
    end
  end
  return result("Healthy", config.kind .. " is bundled (Bundle " .. tostring(bundle.reason) .. "): it runs on its own cluster "
    .. "from what the bridge delivers; its Deployment here is scaled to 0")
end

local healthyMessage = nil
if phase ~= nil then
  healthyMessage = config.healthyPhases[phase]
else
  local ready = findCondition(conditions, config.readyCondition)
  if ready ~= nil and ready.status == "True" then
    healthyMessage = describe(ready, config.kind .. " is ready")
  end
end
if healthyMessage ~= nil then
  for _, gate in ipairs(config.gateConditions) do
    local condition = findCondition(conditions, gate)
    if condition ~= nil and condition.status ~= "True" then
      return result("Progressing", describe(condition, gate .. " is " .. tostring(condition.status)))
    end
  end
  return result("Healthy", healthyMessage)
end

-- Not there yet: surface the first condition that is not True.
for _, condition in ipairs(conditions) do
  if condition.status ~= "True" then
    return result("Progressing", describe(condition, tostring(condition.type) .. " is " .. tostring(condition.status)))
  end
end
if phase ~= nil then
  return result("Progressing", config.kind .. " is in phase " .. phase)
end
return result("Progressing", "Waiting for " .. config.readyCondition .. " on " .. config.kind)
