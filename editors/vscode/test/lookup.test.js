// The server lookup of the extension (lookup.js), with node's test runner: real files in a
// temporary folder, and an object shaped like the Python extension's documented `environments`
// API (that extension cannot be installed in the end-to-end test's code-server).
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { test } = require("node:test");
const { findServer } = require("../lookup");

function tree() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "devcreds-lookup-"));
  process.on("exit", () => fs.rmSync(root, { recursive: true, force: true }));
  const make = (relative, mode = 0o755) => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "#!/bin/sh\n");
    fs.chmodSync(file, mode);
    return file;
  };
  return { root, make };
}

/** The Python extension's API with `interpreter` selected (undefined: none resolved). */
function python(interpreter, sysPrefix) {
  return {
    environments: {
      getActiveEnvironmentPath: () => ({ id: "active", path: interpreter || "" }),
      resolveEnvironment: async () =>
        interpreter ? { executable: { uri: { fsPath: interpreter }, sysPrefix } } : undefined,
    },
  };
}

test("the path setting comes first, with ${workspaceFolder} expanded", async () => {
  const { root, make } = tree();
  const venv = make("project/.venv/bin/devcreds-lint");
  make("env/bin/python");
  make("env/bin/devcreds-lint");
  const onPath = make("bin/devcreds-lint");
  const found = await findServer({
    paths: ["${workspaceFolder}/.venv/bin/devcreds-lint"],
    folder: path.join(root, "project"),
    api: python(path.join(root, "env/bin/python")),
    searchPath: path.dirname(onPath),
  });
  assert.deepEqual(found, { command: venv, how: "the devcreds-lint.path setting" });
});

test("a path setting where nothing exists is a problem, not a fall-back", async () => {
  const { root, make } = tree();
  const onPath = make("bin/devcreds-lint");
  const found = await findServer({
    paths: [path.join(root, "missing/devcreds-lint"), path.join(root, "bin")],
    searchPath: path.dirname(onPath),
  });
  assert.equal(found.command, undefined);
  assert.match(found.problem, /none of the executables in the devcreds-lint.path setting exists/);
  assert.match(found.problem, /missing\/devcreds-lint/);
});

test("a bare name in the path setting is looked up on PATH", async () => {
  const { make } = tree();
  const onPath = make("bin/devcreds-lint");
  const found = await findServer({ paths: ["devcreds-lint"], searchPath: path.dirname(onPath) });
  assert.equal(found.command, onPath);
});

test("then the selected interpreter's environment, beside the interpreter", async () => {
  const { root, make } = tree();
  const interpreter = make("env/bin/python");
  const beside = make("env/bin/devcreds-lint");
  const onPath = make("bin/devcreds-lint");
  const found = await findServer({ paths: [], api: python(interpreter), searchPath: path.dirname(onPath) });
  assert.equal(found.command, beside);
  assert.match(found.how, /Python interpreter .*env\/bin\/python/);
});

test("or in the environment's bin folder (sysPrefix) when the interpreter is a link elsewhere", async () => {
  const { root, make } = tree();
  const interpreter = make("pythons/3.12/bin/python3.12");
  const script = make("venv/bin/devcreds-lint");
  const found = await findServer({
    paths: [],
    api: python(interpreter, path.join(root, "venv")),
    searchPath: "",
  });
  assert.equal(found.command, script);
});

test("then PATH, skipping files that are not executable", async () => {
  const { make } = tree();
  const interpreter = make("env/bin/python");
  const notExecutable = make("first/devcreds-lint", 0o644);
  const onPath = make("second/devcreds-lint");
  const found = await findServer({
    paths: [],
    api: python(interpreter),
    searchPath: [path.dirname(notExecutable), path.dirname(onPath)].join(path.delimiter),
  });
  assert.deepEqual(found, { command: onPath, how: "PATH" });
});

test("nothing anywhere: the problem names where it looked", async () => {
  const { make } = tree();
  const interpreter = make("env/bin/python");
  const found = await findServer({ paths: [], api: python(interpreter), searchPath: "" });
  assert.equal(found.command, undefined);
  assert.match(found.problem, /not found in the environment of the selected Python interpreter \(.*env\/bin\/python\) or on PATH/);
  const without = await findServer({ paths: [], searchPath: "" });
  assert.equal(without.problem, "devcreds-lint was not found in PATH");
});

test("a Python extension that fails is passed over", async () => {
  const { make } = tree();
  const onPath = make("bin/devcreds-lint");
  const broken = {
    environments: {
      getActiveEnvironmentPath: () => {
        throw new Error("not ready");
      },
    },
  };
  const found = await findServer({ paths: [], api: broken, searchPath: path.dirname(onPath) });
  assert.equal(found.command, onPath);
});
