-- Headless Neovim, driven as a user would drive it, against `devcreds-lint server`.
--
--   nvim --headless --clean -u NONE -l driver.lua <scenario> <workdir> <docs/editors folder>
--
-- The driver writes a small integration (custom_components/demo/) into <workdir> (a scratch
-- folder), sources the Lua set-up files that docs/editors.md shows (verbatim: the docs include
-- these files), opens files, applies code actions, writes buffers, and checks the result in
-- the editor and on disk. tests/lsp/test_neovim.py runs one scenario per process.
--
-- Exit status: 0 pass, 1 fail, 2 usage. Every line printed starts with INFO, TIMING, PASS or
-- FAIL. Environment: DEVCREDS_TIMEOUT_MS (one expected event, default 8000).

local uv = vim.uv or vim.loop
local scenario, workdir, docs = arg[1], arg[2], arg[3]
local TIMEOUT = tonumber(os.getenv("DEVCREDS_TIMEOUT_MS") or "") or 8000
local NAME = "devcreds_lint"

local function out(tag, msg)
  io.stdout:write(("%s [%s] %s\n"):format(tag, scenario or "?", msg))
  io.stdout:flush()
end

local function stop_clients()
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop()
  end
  vim.wait(2000, function()
    return #vim.lsp.get_clients() == 0
  end, 20)
end

local function finish(code, tag, msg)
  out(tag, msg)
  stop_clients()
  os.exit(code)
end
local function fail(msg)
  finish(1, "FAIL", msg)
end
local function check(cond, msg)
  if not cond then
    fail(msg)
  end
end

-- --- the integration ---------------------------------------------------------------------------

local MANIFEST = [[
{
  "domain": "demo",
  "name": "Demo",
  "codeowners": ["@demo"],
  "config_flow": true,
  "dependencies": ["application_credentials"],
  "documentation": "https://github.com/demo/demo",
  "iot_class": "cloud_polling",
  "requirements": [],
  "version": "1.0.0"
}
]]

local CONFIG_FLOW = [[
"""Config flow for Demo."""

import logging

from homeassistant.helpers import config_entry_oauth2_flow

DOMAIN = "demo"


class DemoFlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    """Demo OAuth2 flow."""

    DOMAIN = DOMAIN

    @property
    def logger(self) -> logging.Logger:
        """Logger."""
        return logging.getLogger(__name__)
]]

-- line 7 (1-based), column 5: DC203 at the function name; nothing else to report
local PLATFORM = [[
"""Demo application credentials."""

from homeassistant.components.application_credentials import AuthorizationServer
from homeassistant.core import HomeAssistant


def async_get_authorization_server(hass: HomeAssistant) -> AuthorizationServer:
    """Return the authorization server."""
    return AuthorizationServer(
        authorize_url="https://login.demo-cloud.net/authorize",
        token_url="https://login.demo-cloud.net/token",
    )
]]
local FUNC = "async_get_authorization_server"
local FIXED_LINE = "async def " .. FUNC
local IGNORE_DC203 = '[tool.devcreds-lint]\nignore = ["DC203"]\n'

local function write(path, text)
  vim.fn.mkdir(vim.fs.dirname(path), "p")
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end
local function read(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local text = f:read("*a")
  f:close()
  return text
end
local function exists(path)
  return uv.fs_stat(path) ~= nil
end

local integration
local function make_tree(platform_name)
  integration = workdir .. "/custom_components/demo"
  vim.fn.mkdir(workdir .. "/.git", "p") -- a root marker, as in a checkout
  write(integration .. "/manifest.json", MANIFEST)
  write(integration .. "/config_flow.py", CONFIG_FLOW)
  write(integration .. "/" .. platform_name, PLATFORM)
  return integration .. "/" .. platform_name
end

-- --- instrumentation ----------------------------------------------------------------------------

local t = {}
local function ms(a, b)
  return (b - a) / 1e6
end

do -- when the server process is spawned
  local rpc_start = vim.lsp.rpc.start
  vim.lsp.rpc.start = function(...)
    t.spawn = t.spawn or uv.hrtime()
    return rpc_start(...)
  end
end
do -- when the first non-empty publishDiagnostics arrives
  local method = "textDocument/publishDiagnostics"
  local orig = vim.lsp.handlers[method]
  vim.lsp.handlers[method] = function(err, result, ctx, config)
    if result and result.diagnostics and #result.diagnostics > 0 then
      t.first_diag = t.first_diag or uv.hrtime()
    end
    return orig(err, result, ctx, config)
  end
end
vim.api.nvim_create_autocmd("LspAttach", {
  callback = function()
    t.attach = t.attach or uv.hrtime()
  end,
})
-- a headless editor has no menu: pick the first item, as a user picking the only match would
vim.ui.select = function(items, _, on_choice)
  on_choice(items[1], 1)
end
-- what the user would see in the message area (window/showMessage ends up here)
local notified = {}
vim.notify = function(msg, level)
  notified[#notified + 1] = { msg = msg, level = level }
  out("INFO", ("notify(level=%s): %s"):format(tostring(level), msg))
end

-- --- set-up: the files docs/editors.md includes -------------------------------------------------

local function load_setup(...)
  vim.o.swapfile = false
  -- ftplugin/python.vim probes for a Python host (pynvim) by running Python: ~1.6 s that a
  -- test editor does not need.
  vim.g.loaded_python3_provider = 0
  vim.cmd("filetype on") -- -u NONE skips filetype detection; the set-ups work through FileType
  for _, name in ipairs({ ... }) do
    dofile(docs .. "/" .. name)
  end
end

local function client_for(buf)
  return vim.lsp.get_clients({ bufnr = buf })[1]
end

local function open(path)
  t.start = t.start or uv.hrtime()
  vim.cmd.edit(vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local ok = vim.wait(TIMEOUT, function()
    local c = client_for(buf)
    return c ~= nil and c.initialized
  end, 10)
  check(ok, ("no devcreds-lint client attached to %s within %d ms (filetype=%q)"):format(
    path, TIMEOUT, vim.bo[buf].filetype))
  return buf
end

local function diags(buf, code)
  local result = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "devcreds-lint" and (code == nil or d.code == code) then
      result[#result + 1] = d
    end
  end
  return result
end

local function wait_for(what, cond)
  if not vim.wait(TIMEOUT, cond, 10) then
    fail(("timed out after %d ms waiting for %s"):format(TIMEOUT, what))
  end
end

local function wait_diag(buf, code)
  wait_for(code .. " diagnostic", function()
    return #diags(buf, code) > 0
  end)
  return diags(buf, code)[1]
end

local function wait_gone(buf, code, what)
  local t0 = uv.hrtime()
  wait_for(code .. " to disappear after " .. what, function()
    return #diags(buf, code) == 0
  end)
  out("TIMING", ("%s -> %s cleared: %.0f ms"):format(what, code, ms(t0, uv.hrtime())))
end

local function text_of(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
end

--- The code actions at the cursor, asked for as vim.lsp.buf.code_action asks for them.
local function actions_at(buf, client, row, col)
  vim.api.nvim_win_set_cursor(0, { row, col })
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = {
    diagnostics = vim.lsp.diagnostic.from(vim.diagnostic.get(buf, { lnum = row - 1 })),
    triggerKind = 1,
  }
  local response = client:request_sync("textDocument/codeAction", params, TIMEOUT, buf)
  check(response ~= nil and response.err == nil, "codeAction failed: " .. vim.inspect(response))
  return response.result or {}
end

local function titles(actions)
  return table.concat(vim.tbl_map(function(a)
    return ("%q [%s]"):format(a.title, a.kind or "")
  end, actions), ", ")
end

local function apply_action(pattern)
  vim.lsp.buf.code_action({
    filter = function(a)
      return a.title:find(pattern, 1, true) ~= nil
    end,
    apply = true,
  })
end

-- --- scenarios ----------------------------------------------------------------------------------

local S = {}

-- DC203 at the function name, as an error; start-up timings.
local function diagnostics(...)
  local path = make_tree("application_credentials.py")
  load_setup(...)
  local buf = open(path)
  local d = wait_diag(buf, "DC203")
  out("TIMING", ("spawn -> initialized %.0f ms; spawn -> first publishDiagnostics %.0f ms")
    :format(ms(t.spawn, t.attach), ms(t.spawn, t.first_diag)))
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  out("INFO", ("DC203 at %d:%d-%d:%d severity=%s: %s")
    :format(d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.message))
  check(d.lnum == 6 and d.col == 4 and d.end_lnum == 6 and d.end_col == 4 + #FUNC,
    ("DC203 expected at 0-based 6:4-6:%d, got %d:%d-%d:%d"):format(4 + #FUNC, d.lnum, d.col,
      d.end_lnum, d.end_col))
  check(line:sub(d.col + 1, d.end_col) == FUNC, "DC203 does not cover the function name: " .. line)
  check(d.severity == vim.diagnostic.severity.ERROR, "DC203 should be an error")
  check(#diags(buf) == 1, "expected only DC203, got " .. vim.inspect(diags(buf)))
  finish(0, "PASS", "DC203 (error) at the function name, 0-based 6:4-6:34")
end
S.diagnostics = function()
  diagnostics("neovim.lua")
end
S["diagnostics-0.8"] = function()
  diagnostics("neovim-0.8.lua")
end

-- The `async` quick fix: offered, preferred, applied from the menu; DC203 then clears.
S.quickfix = function()
  local path = make_tree("application_credentials.py")
  load_setup("neovim.lua")
  local buf = open(path)
  local d = wait_diag(buf, "DC203")
  local actions = actions_at(buf, client_for(buf), d.lnum + 1, d.col)
  out("INFO", "code actions at DC203: " .. titles(actions))
  local fix = vim.iter(actions):find(function(a)
    return a.kind == "quickfix" and a.title:find("(DC203)", 1, true) ~= nil
  end)
  check(fix ~= nil, "no DC203 quick fix offered")
  check(fix.isPreferred == true, "the safe DC203 fix should be preferred")
  apply_action("(DC203)")
  wait_for("line 7 to become `async def`", function()
    return vim.api.nvim_buf_get_lines(buf, 6, 7, false)[1]:find(FIXED_LINE, 1, true) == 1
  end)
  wait_gone(buf, "DC203", "the quick fix")
  finish(0, "PASS", ("applied %q: line 7 is `async def ...`, DC203 gone"):format(fix.title))
end

-- DC101: the rename quick fix with Neovim's own capabilities, asked for with the cursor in the
-- middle of the file (a file-level fix is offered anywhere); the file is renamed on disk.
S.rename = function()
  local path = make_tree("application_credentails.py")
  local new_path = integration .. "/application_credentials.py"
  load_setup("neovim.lua")
  local buf = open(path)
  local client = client_for(buf)
  out("INFO", "client workspaceEdit capabilities: " .. vim.inspect(
    vim.tbl_get(client.capabilities, "workspace", "workspaceEdit"), { newline = " ", indent = "" }))
  local d = wait_diag(buf, "DC101")
  local first = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1]
  check(d.lnum == 0 and d.col == 0 and d.end_lnum == 0 and d.end_col == #first,
    ("DC101 should cover line 1 (0:0-0:%d), got %d:%d-%d:%d")
      :format(#first, d.lnum, d.col, d.end_lnum, d.end_col))
  local middle = math.floor(vim.api.nvim_buf_line_count(buf) / 2) + 1
  local actions = actions_at(buf, client, middle, 4)
  out("INFO", ("code actions at %d:4, away from DC101: %s"):format(middle, titles(actions)))
  local fix = vim.iter(actions):find(function(a)
    return a.title:find("(DC101)", 1, true) ~= nil
  end)
  check(fix ~= nil, "no DC101 rename offered")
  apply_action("(DC101)")
  wait_for("the file to be renamed on disk", function()
    return exists(new_path) and not exists(path)
  end)
  check(read(new_path) == PLATFORM, "the renamed file has other content")
  local nbuf = vim.api.nvim_get_current_buf()
  check(vim.fs.normalize(vim.api.nvim_buf_get_name(nbuf)) == vim.fs.normalize(new_path),
    "the buffer should now have the new name, has " .. vim.api.nvim_buf_get_name(nbuf))
  wait_for("DC203 on the renamed file (and no DC101)", function()
    return #diags(nbuf, "DC101") == 0 and #diags(nbuf, "DC203") > 0
  end)
  finish(0, "PASS", ("applied %q: %s renamed on disk, buffer follows, DC101 gone")
    :format(fix.title, vim.fs.basename(path)))
end

-- Fix on save: `:write` writes the fixed text; the buffer is left unmodified.
local function fix_on_save(...)
  local path = make_tree("application_credentials.py")
  load_setup(...)
  local buf = open(path)
  wait_diag(buf, "DC203")
  local t0 = uv.hrtime()
  vim.cmd("silent write")
  out("TIMING", (":write (with the fixes) took %.0f ms"):format(ms(t0, uv.hrtime())))
  local disk = read(path)
  check(disk:find(FIXED_LINE, 1, true) ~= nil, "the text written to disk is not fixed:\n" .. disk)
  check(disk == text_of(buf), "the buffer differs from what was written")
  check(not vim.bo[buf].modified, "the buffer should be unmodified after :write")
  wait_gone(buf, "DC203", ":write")
  finish(0, "PASS", ":write wrote the fixed text (`async def ...`), buffer unmodified, DC203 gone")
end
S["fix-on-save"] = function()
  fix_on_save("neovim.lua", "neovim-fix-on-save.lua")
end
S["fix-on-save-sync"] = function()
  fix_on_save("neovim.lua", "neovim-fix-on-save-sync.lua")
end
-- without either recipe nothing is rewritten on save (fix-on-save is opt-in)
S["no-fix-on-save"] = function()
  local path = make_tree("application_credentials.py")
  load_setup("neovim.lua")
  local buf = open(path)
  wait_diag(buf, "DC203")
  vim.cmd("silent write")
  check(read(path) == PLATFORM, "the file was changed on save without fix-on-save")
  finish(0, "PASS", ":write without fix-on-save writes the text as it is")
end

-- Configuration: edit pyproject.toml in Neovim and :write it (toml buffers are attached).
S["config-save"] = function()
  local path = make_tree("application_credentials.py")
  load_setup("neovim.lua")
  local buf = open(path)
  wait_diag(buf, "DC203")
  vim.cmd.split(vim.fn.fnameescape(workdir .. "/pyproject.toml"))
  local tbuf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(tbuf, 0, -1, false, vim.split(vim.trim(IGNORE_DC203), "\n"))
  vim.cmd("silent write")
  check(client_for(tbuf) ~= nil, "the pyproject.toml buffer is not attached to devcreds-lint")
  wait_gone(buf, "DC203", ":write pyproject.toml")
  -- a bad configuration is reported at once
  vim.api.nvim_buf_set_lines(tbuf, 0, -1, false, { "[tool.devcreds-lint]", 'no-such-key = "x"' })
  vim.cmd("silent write")
  wait_for("an error message about the bad configuration", function()
    return vim.iter(notified):any(function(n)
      return n.msg:find("no-such-key", 1, true) ~= nil and n.level == vim.log.levels.ERROR
    end)
  end)
  finish(0, "PASS", "saving pyproject.toml re-checked the open file (DC203 gone); a bad key is shown as an error")
end

-- Configuration changed outside Neovim, with file watching turned on for the server.
-- The flow handler config_flow.py imports from a sub-package of the integration.
local HANDLER = [[
from homeassistant.helpers import config_entry_oauth2_flow

from ..const import DOMAIN


class Registered(config_entry_oauth2_flow.AbstractOAuth2FlowHandler, domain=DOMAIN):
    """The registered flow, kept in a sub-package."""
]]
local FLOW_USING_IT = [[
from homeassistant.helpers import config_entry_oauth2_flow

from .flows.handler import Registered


class DemoFlowHandler(config_entry_oauth2_flow.AbstractOAuth2FlowHandler):
    """Registered through the imported handler."""

    REGISTERED = Registered
]]

S["config-external-watched"] = function()
  local path = make_tree("application_credentials.py")
  write(integration .. "/const.py", 'DOMAIN = "demo"\n')
  write(integration .. "/flows/__init__.py", "")
  write(integration .. "/flows/handler.py", HANDLER)
  write(integration .. "/config_flow.py", FLOW_USING_IT)
  load_setup("neovim.lua", "neovim-watch-files.lua")
  local buf = open(path)
  wait_diag(buf, "DC203")
  local client = client_for(buf)
  wait_for("the server to register its file watchers", function()
    return #((client.registrations or {})["workspace/didChangeWatchedFiles"] or {}) > 0
  end)
  write(workdir .. "/pyproject.toml", IGNORE_DC203)
  wait_gone(buf, "DC203", "pyproject.toml written outside Neovim")
  -- a sibling file: manifest.json loses its dependency outside Neovim -> DC601 on it
  local manifest = integration .. "/manifest.json"
  write(manifest, (MANIFEST:gsub('"application_credentials"', "")))
  local mbuf = vim.uri_to_bufnr(vim.uri_from_fname(manifest))
  wait_for("DC601 on manifest.json after it changed on disk", function()
    return #diags(mbuf, "DC601") > 0
  end)
  -- a module of a sub-package: the handler config_flow.py imports stops registering -> DC608
  write(integration .. "/flows/handler.py", (HANDLER:gsub(", domain=DOMAIN", "")))
  local fbuf = vim.uri_to_bufnr(vim.uri_from_fname(integration .. "/config_flow.py"))
  wait_for("DC608 on config_flow.py after flows/handler.py changed on disk", function()
    return #diags(fbuf, "DC608") > 0
  end)
  finish(0, "PASS", "with file watching on, an outside change of pyproject.toml, manifest.json and a sub-package's module re-checked the open file")
end

-- Without file watching (Neovim's default on Linux): the change takes effect at the next edit.
S["config-external-default"] = function()
  local path = make_tree("application_credentials.py")
  load_setup("neovim.lua")
  local buf = open(path)
  wait_diag(buf, "DC203")
  local client = client_for(buf)
  check(#((client.registrations or {})["workspace/didChangeWatchedFiles"] or {}) == 0,
    "the server registered watchers although the client cannot watch")
  write(workdir .. "/pyproject.toml", IGNORE_DC203)
  vim.api.nvim_buf_set_lines(buf, 0, 1, false, { '"""Demo application credentials (edited)."""' })
  wait_gone(buf, "DC203", "an edit after pyproject.toml changed outside Neovim")
  finish(0, "PASS", "without file watching, an outside configuration change took effect at the next edit")
end

-- --- main ---------------------------------------------------------------------------------------

if scenario == nil or S[scenario] == nil or workdir == nil or docs == nil then
  local names = vim.tbl_keys(S)
  table.sort(names)
  io.stderr:write("usage: nvim --headless --clean -u NONE -l driver.lua <scenario> <workdir> <docs>\n"
    .. "scenarios: " .. table.concat(names, ", ") .. "\n")
  os.exit(2)
end
workdir = vim.fs.normalize(vim.fn.fnamemodify(workdir, ":p")):gsub("/$", "")
docs = vim.fs.normalize(vim.fn.fnamemodify(docs, ":p")):gsub("/$", "")
vim.fn.mkdir(workdir, "p")
vim.fn.chdir(workdir)
local ok, err = xpcall(S[scenario], debug.traceback)
if not ok then
  fail("driver error: " .. tostring(err))
end
