"""Run an argocd-cm health script the way Argo CD v3.5.1 does, in lupa's Lua 5.1.

argoproj/argo-cd@v3.5.1:util/lua/lua.go `runLuaWithResourceActionParameters()`: every script gets a fresh gopher-lua
(Lua 5.1) state with only the base, package and table libraries plus a safe subset of `os`; the live object is the
global `obj` (JSON-decoded: maps are hash tables, lists 1-based sequences, null is absent, `decodeValue()`); the
script returns a table that `ExecuteHealthLua()` reads as `{status, message}`, mapping an unknown status to
Unknown ("Lua returned an invalid health status").

Building a lupa runtime costs milliseconds, so one sanitized runtime is kept and each call runs its script in a fresh
global environment (`setfenv`), which gives the same isolation as Argo CD's state per call: globals a script sets do
not leak into the next one.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import lupa.lua51

__all__ = ["VALID_HEALTH_STATUSES", "run_health_lua"]

VALID_HEALTH_STATUSES = frozenset({"Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"})
"""gitops-engine `pkg/health/health.go` HealthStatusCode values; anything else becomes Unknown."""

# Executed once per runtime. Without the string library strings have no methods either, so the shared string
# metatable goes; `sandbox()` builds one call's globals from the whitelisted base functions only.
_SETUP = """
local safe_os = { clock = os.clock, date = os.date, difftime = os.difftime, time = os.time }
local base = {}
for _, name in ipairs({
  "assert", "collectgarbage", "dofile", "error", "getfenv", "getmetatable", "ipairs", "load", "loadfile",
  "loadstring", "module", "next", "newproxy", "pairs", "pcall", "print", "rawequal", "rawget", "rawset", "require",
  "select", "setfenv", "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall", "_VERSION",
}) do
  base[name] = _G[name]
end
local tablelib = table
local packagelib = package
packagelib.loaded.string, packagelib.loaded.math, packagelib.loaded.io = nil, nil, nil
packagelib.loaded.debug, packagelib.loaded.coroutine, packagelib.loaded.os = nil, nil, safe_os
debug.setmetatable("", nil)
local setfenv, loadstring, error = setfenv, loadstring, error

-- One call: compile the script, give it fresh globals (copies of the libraries, so a script cannot change them for
-- the next one) and run it; returns whatever the script returns.
return function(script, object)
  local env = {}
  for name, value in pairs(base) do env[name] = value end
  local t = {}
  for name, value in pairs(tablelib) do t[name] = value end
  local o = {}
  for name, value in pairs(safe_os) do o[name] = value end
  env.table, env.os, env.package, env._G, env.obj = t, o, packagelib, env, object
  local chunk, message = loadstring(script, "health.lua")
  if chunk == nil then error(message, 0) end
  setfenv(chunk, env)
  return chunk()
end
"""


@functools.cache
def _runtime() -> tuple[Any, Any]:
    lua = lupa.lua51.LuaRuntime(register_eval=False, register_builtins=False)
    run = lua.execute(_SETUP)
    # Nothing but the sandbox runner may reach these from a script's globals (they are not in its environment).
    lua.execute("string, math, io, debug, coroutine, python = nil, nil, nil, nil, nil, nil")
    return lua, run


def _to_lua(lua: Any, value: Any) -> Any:
    # util/lua/lua.go decodeValue(): maps become hash tables, lists 1-based sequences, null is absent.
    if isinstance(value, dict):
        return lua.table_from({k: _to_lua(lua, v) for k, v in value.items() if v is not None})
    if isinstance(value, list):
        return lua.table_from([_to_lua(lua, v) for v in value])
    return value


def run_health_lua(script: str, obj: dict[str, Any]) -> dict[str, Any]:
    """Evaluate an argocd-cm health `script` on `obj` like Argo CD's ExecuteHealthLua; return its table as a dict.

    Raises `lupa.lua51.LuaError` when the script fails and `TypeError` when it returns no table or an empty or
    non-object table (Argo CD fails to unmarshal those into a health status); an unknown status becomes Unknown.
    """
    lua, run = _runtime()
    returned = run(script, _to_lua(lua, json.loads(json.dumps(obj))))
    if lupa.lua51.lua_type(returned) != "table":
        raise TypeError(f"expect table output from Lua script, not {lupa.lua51.lua_type(returned)}")
    health = dict(returned.items())
    if any(not isinstance(key, str) for key in health) or not health:
        raise TypeError(f"health table must be a JSON object, got {health!r}")
    if health.get("status") not in VALID_HEALTH_STATUSES:
        # util/lua/lua.go ExecuteHealthLua(): invalidHealthStatus
        return {"status": "Unknown", "message": "Lua returned an invalid health status"}
    return health
