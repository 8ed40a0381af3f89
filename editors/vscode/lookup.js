// Where the devcreds-lint server is. No `vscode` import here, so that node's own test runner
// checks this module (editors/vscode/test/lookup.test.js); extension.js passes in the settings,
// the workspace folder and the Python extension's API.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const EXECUTABLE = process.platform === "win32" ? "devcreds-lint.exe" : "devcreds-lint";

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `~`, `${userHome}` and `${workspaceFolder}` in a path setting. */
function expand(setting, folder) {
  let value = setting.replace(/\$\{userHome\}/g, os.homedir());
  if (folder) {
    value = value.replace(/\$\{workspaceFolder\}/g, folder);
  }
  if (value === "~" || value.startsWith("~/")) {
    value = path.join(os.homedir(), value.slice(1));
  }
  return value;
}

/** The first `name` in the folders of `searchPath` (with PATHEXT on Windows), or undefined. */
function onPath(name, searchPath) {
  const extensions =
    process.platform === "win32" && !path.extname(name)
      ? (process.env.PATHEXT || ".EXE;.CMD;.BAT").split(";")
      : [""];
  for (const folder of (searchPath || "").split(path.delimiter)) {
    if (!folder) {
      continue;
    }
    for (const extension of extensions) {
      const candidate = path.join(folder, name + extension);
      if (isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/**
 * `devcreds-lint` in the environment of the interpreter the Python extension has selected for
 * `resource` (its documented `environments` API): `{ interpreter, command }`, either undefined.
 */
async function fromInterpreter(api, resource) {
  const environments = api.environments;
  const active = environments.getActiveEnvironmentPath(resource);
  const environment = active && (await environments.resolveEnvironment(active));
  const executable = environment && environment.executable;
  if (!executable || !executable.uri) {
    return { interpreter: undefined, command: undefined };
  }
  const interpreter = executable.uri.fsPath;
  const folders = [path.dirname(interpreter)];
  if (executable.sysPrefix) {
    folders.push(path.join(executable.sysPrefix, process.platform === "win32" ? "Scripts" : "bin"));
  }
  for (const where of folders) {
    const candidate = path.join(where, EXECUTABLE);
    if (isExecutableFile(candidate)) {
      return { interpreter, command: candidate };
    }
  }
  return { interpreter, command: undefined };
}

/**
 * Where the server is: the `devcreds-lint.path` setting (`paths`), else the selected Python
 * interpreter's environment (`api`, the Python extension's API, when it is installed), else
 * `searchPath` (PATH). Returns `{ command, how }`, or `{ problem }` saying what was looked at.
 * `folder` is the workspace folder's path, `resource` its URI (for the Python extension).
 */
async function findServer({ paths, folder, resource, api, searchPath }) {
  const settings = (Array.isArray(paths) ? paths : [paths]).filter(Boolean);
  if (settings.length > 0) {
    for (const entry of settings) {
      const expanded = expand(entry, folder);
      const found =
        expanded.includes("/") || expanded.includes(path.sep)
          ? isExecutableFile(expanded) && expanded
          : onPath(expanded, searchPath);
      if (found) {
        return { command: found, how: "the devcreds-lint.path setting" };
      }
    }
    return {
      problem: `none of the executables in the devcreds-lint.path setting exists: ${settings.join(", ")}`,
    };
  }
  const looked = [];
  if (api) {
    try {
      const { interpreter, command } = await fromInterpreter(api, resource);
      if (command) {
        return { command, how: `the environment of the Python interpreter ${interpreter}` };
      }
      if (interpreter) {
        looked.push(`the environment of the selected Python interpreter (${interpreter})`);
      }
    } catch (error) {
      looked.push(`the selected Python interpreter's environment (the Python extension failed: ${error})`);
    }
  }
  const found = onPath(EXECUTABLE, searchPath);
  if (found) {
    return { command: found, how: "PATH" };
  }
  looked.push("PATH");
  return { problem: `${EXECUTABLE} was not found in ${looked.join(" or on ")}` };
}

module.exports = { EXECUTABLE, expand, findServer, fromInterpreter, isExecutableFile, onPath };
