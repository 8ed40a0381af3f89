// The extension in a real VS Code: code-server on 127.0.0.1, driven through the DOM by
// playwright-core and Debian's Chromium. Run by run.sh, which installs everything and passes:
//   CODE_SERVER_ENTRY  code-server's out/node/entry.js
//   VSIX               the packaged extension
//   SERVER_BIN         the folder holding the `devcreds-lint` under test
//   SERVER_PYTHON      the Python it runs with
//   FIXTURE            tests/fixtures/vscode_workspace (copied, never changed)
//   ARTIFACTS          where screenshots and logs of a failed step go
//   DOCS_SCREENSHOT    where to write the docs' screenshot (optional)
// Each step waits on what the page shows (with a deadline), never on a fixed delay; the steps
// that VS Code can race (quick open before its file index, a light bulb before its code actions)
// are retried.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set (run editors/vscode/e2e/run.sh)`);
  }
  return value;
};
const CODE_SERVER_ENTRY = env("CODE_SERVER_ENTRY");
const VSIX = env("VSIX");
const SERVER_BIN = env("SERVER_BIN");
const SERVER_PYTHON = env("SERVER_PYTHON");
const FIXTURE = env("FIXTURE");
const ARTIFACTS = env("ARTIFACTS");
const DOCS_SCREENSHOT = process.env.DOCS_SCREENSHOT || "";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT_MS = Number(process.env.DEVCREDS_E2E_TIMEOUT_MS || 30000);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "devcreds-vscode-e2e-"));
const extensionsDir = path.join(work, "extensions");
const started = Date.now();
const log = (message) => console.log(`e2e: ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

// ---------------------------------------------------------------- code-server and Chromium

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function codeServerArgs(userData) {
  return [
    CODE_SERVER_ENTRY,
    "--user-data-dir", userData,
    "--extensions-dir", extensionsDir,
  ];
}

function installExtension() {
  const userData = path.join(work, "install-profile");
  const result = spawnSync(
    process.execPath,
    [...codeServerArgs(userData), "--install-extension", VSIX, "--force"],
    { encoding: "utf8", env: { ...process.env, XDG_CONFIG_HOME: path.join(work, "xdg") } },
  );
  if (result.status !== 0 || !/was successfully installed/.test(result.stdout)) {
    throw new Error(`installing ${VSIX} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

const USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false,
  "files.autoSave": "off",
  "files.hotExit": "off",
  "window.restoreWindows": "none",
  "editor.lightbulb.enabled": "on",
  "editor.minimap.enabled": false,
  "problems.autoReveal": false,
};

/** A workspace (a copy of the fixture), a profile and a code-server serving them. */
async function startVSCode(name, pathDirs) {
  const root = path.join(work, name);
  const workspace = path.join(root, "workspace");
  const userData = path.join(root, "profile");
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  fs.mkdirSync(path.join(userData, "User"), { recursive: true });
  fs.writeFileSync(
    path.join(userData, "User", "settings.json"),
    JSON.stringify(USER_SETTINGS, null, 2),
  );
  const port = await freePort();
  const output = fs.openSync(path.join(root, "code-server.log"), "w");
  const child = spawn(
    process.execPath,
    [
      ...codeServerArgs(userData),
      "--auth", "none",
      "--bind-addr", `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      workspace,
    ],
    {
      env: {
        ...process.env,
        PATH: pathDirs.join(path.delimiter),
        XDG_CONFIG_HOME: path.join(root, "xdg"),
        XDG_DATA_HOME: path.join(root, "xdg-data"),
        // The extension host gets exactly this PATH: VS Code would otherwise merge in the
        // environment of a login shell (whose PATH may or may not hold a devcreds-lint), unless
        // it was started from a shell (VSCODE_CLI=1: "resolveShellEnv(): skipped").
        VSCODE_CLI: "1",
        // Loopback only: no extension gallery look-ups (open-vsx) from code-server.
        EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: "http://127.0.0.1:9/gallery" }),
      },
      stdio: ["ignore", output, output],
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited (${child.exitCode}); see ${root}/code-server.log`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`code-server did not answer on ${url}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { root, workspace, userData, url, child };
}

function stopVSCode(vscode) {
  if (vscode && vscode.child.exitCode === null) {
    try {
      process.kill(-vscode.child.pid, "SIGTERM"); // code-server and its extension host
    } catch {
      // already gone
    }
  }
}

// ---------------------------------------------------------------- steps and waiting

let browser;
let page;
let current;

const tally = { passed: 0, failed: 0 };

/** Run one step; on failure keep a screenshot and the logs, then fail the run. */
async function step(name, body) {
  log(name);
  try {
    await body();
    tally.passed += 1;
  } catch (error) {
    tally.failed += 1;
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const slug = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    if (page) {
      await page.screenshot({ path: path.join(ARTIFACTS, `${slug}.png`) }).catch(() => {});
    }
    if (current) {
      for (const [from, to] of [
        [path.join(current.root, "code-server.log"), `${slug}-code-server.log`],
        [path.join(current.userData, "logs"), `${slug}-logs`],
      ]) {
        if (fs.existsSync(from)) {
          fs.cpSync(from, path.join(ARTIFACTS, to), { recursive: true });
        }
      }
    }
    error.message = `step "${name}" failed: ${error.message}\n(screenshot and logs in ${ARTIFACTS})`;
    throw error;
  }
}

/** Wait until `probe()` returns a truthy value; `what` says what was awaited. */
async function until(what, probe, timeout = TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) {
        return last;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Try `attempt` up to `times` times (VS Code UI races), failing with the last error. */
async function retry(what, times, attempt) {
  let lastError;
  for (let i = 0; i < times; i++) {
    try {
      return await attempt(i);
    } catch (error) {
      lastError = error;
      log(`retrying ${what}: ${error.message.split("\n")[0]}`);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const slug = `retry-${what}-${i}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
      await page.screenshot({ path: path.join(ARTIFACTS, `${slug}.png`) }).catch(() => {});
      await page.keyboard.press("Escape");
    }
  }
  throw lastError;
}

const squash = (text) => text.replace(/\u00a0/g, " ");

async function openWorkbench(vscode) {
  current = vscode;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Loopback only: whatever the page would fetch from elsewhere (the install docs) is answered
  // here, never sent.
  await context.route(
    (url) => !["127.0.0.1", "localhost"].includes(url.hostname),
    (route) => route.fulfill({ contentType: "text/plain", body: "not fetched by the e2e test" }),
  );
  page = await context.newPage();
  await page.goto(`${vscode.url}/?folder=${encodeURIComponent(vscode.workspace)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60000 });
  await page.locator(".explorer-folders-view, .explorer-viewlet").first().waitFor({ timeout: 60000 });
}

/** Open a workspace file with quick open (Ctrl+P), and wait for its tab. */
async function openFile(relative) {
  const name = path.basename(relative);
  await retry(`opening ${relative}`, 4, async () => {
    await page.keyboard.press("Control+P");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ timeout: 5000 });
    await input.fill(relative);
    // The first search of a workspace waits for its file index.
    const row = page
      .locator(".quick-input-list .monaco-list-row", { hasText: name })
      .filter({ hasText: path.dirname(relative) })
      .first();
    await row.waitFor({ timeout: 10000 });
    await row.click();
    await until(`${relative} in the active editor's breadcrumbs`, async () => {
      const crumbs = await page
        .locator(".editor-group-container.active .breadcrumbs-control")
        .first()
        .innerText();
      return crumbs.split(/\s*\n\s*|\s*›\s*/).filter(Boolean).join("/") === relative;
    }, 5000);
  });
  await page.locator(".editor-instance .monaco-editor .view-lines").first().waitFor();
}

/** Run a command from the command palette. */
async function runCommand(title) {
  await retry(`running ${title}`, 3, async () => {
    await page.keyboard.press("Control+Shift+P");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ timeout: 5000 });
    await input.fill(`>${title}`);
    await page
      .locator(".quick-input-list .monaco-list-row", { hasText: title })
      .first()
      .waitFor({ timeout: 5000 });
    await input.press("Enter");
    await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 5000 });
  });
}

/** The status bar item of the extension: its accessible label. */
async function statusLabel() {
  const item = page.locator('.statusbar-item[id*="devcreds-lint.status"]');
  if ((await item.count()) === 0) {
    return "";
  }
  const labelled = item.locator("[aria-label]").first();
  return (
    (await item.first().getAttribute("aria-label")) ||
    ((await labelled.count()) ? await labelled.getAttribute("aria-label") : "") ||
    ""
  );
}

async function showProblems() {
  const panel = page.locator(".markers-panel");
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press("Control+Shift+M");
  }
  await panel.waitFor({ state: "visible" });
}

/** The Problems panel's markers for the workspace file `relative`: [{ code, line, column, text }]. */
async function problems(relative) {
  const rows = await page.locator(".markers-panel .monaco-list-row").evaluateAll((elements) =>
    elements.map((row) => ({
      label: row.getAttribute("aria-label") || "",
      text: row.innerText,
      level: row.getAttribute("aria-level"),
    })),
  );
  const found = [];
  let file = "";
  for (const row of rows) {
    // "3 problems in file application_credentials.py of folder custom_components/sparrow"
    const heading = /problems? in file (.+) of folder (.+)$/.exec(row.label);
    if (row.level === "1" && heading) {
      file = `${heading[2]}/${heading[1]}`;
      continue;
    }
    // "Error: MESSAGE at line 7 and character 5. generated by devcreds-lint"; the code is a link.
    const at = /at line (\d+) and character (\d+)\. generated by (\S+)/.exec(row.label);
    const code = /\b(DC\d{3})\b/.exec(row.text);
    if (file === relative && at && code) {
      found.push({
        code: code[1],
        line: Number(at[1]),
        column: Number(at[2]),
        source: at[3],
        text: squash(row.text),
      });
    }
  }
  return found;
}

const codesAt = (markers) =>
  markers.map((m) => `${m.code}@${m.line}`).sort().join(" ");

/** Wait until the Problems panel shows exactly `expected` ("DC203@7 DC305@11") for `relative`. */
async function expectProblems(relative, expected) {
  const want = expected.split(" ").filter(Boolean).sort().join(" ");
  await showProblems();
  let seen = "";
  await until(`Problems for ${relative} to be "${want}"`, async () => {
    seen = codesAt(await problems(relative));
    return seen === want;
  }).catch(async (error) => {
    const rows = await page
      .locator(".markers-panel .monaco-list-row")
      .evaluateAll((elements) => elements.map((row) => row.outerHTML.slice(0, 600)));
    throw new Error(`${error.message}; last seen "${seen}"; rows:\n${rows.join("\n")}`);
  });
}

/** The text of the active editor's lines as shown (top to bottom). */
async function editorText() {
  const lines = await page
    .locator(".editor-group-container.active .monaco-editor .view-lines .view-line")
    .evaluateAll((elements) =>
      elements
        .map((line) => ({ top: Number.parseFloat(line.style.top || "0"), text: line.innerText }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text),
    );
  return squash(lines.join("\n"));
}

async function goTo(line, column) {
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ timeout: 5000 });
  await input.fill(`:${line}:${column}`);
  await input.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 5000 });
}

/** Put the cursor on `marker`, click the light bulb, choose the action titled `…(CODE)`. */
async function quickFixFromLightBulb(marker, screenshot) {
  const title = `(${marker.code})`;
  await retry(`the light bulb's "${title}"`, 4, async () => {
    await goTo(marker.line + 1, 1); // the light bulb is updated when the cursor moves
    await goTo(marker.line, marker.column);
    // The light bulb: the widget takes its icon's codicon class when it is shown.
    const bulb = page.locator(".editor-group-container.active .lightBulbWidget.codicon").first();
    await bulb.waitFor({ state: "visible", timeout: 8000 });
    await bulb.click();
    const action = page.locator(".action-widget .monaco-list-row", { hasText: title }).first();
    await action.waitFor({ state: "visible", timeout: 5000 });
    if (screenshot) {
      await screenshot();
    }
    await action.click();
    await action.waitFor({ state: "hidden", timeout: 5000 });
  });
}

const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");

/** Make the active editor dirty (a comment line at its end) and save it with Ctrl+S. */
async function editAndSave(marker) {
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(`# ${marker}`);
  await page.locator(".tabs-container .tab.active.dirty").waitFor({ timeout: 5000 });
  await page.keyboard.press("Control+S");
  await page.locator(".tabs-container .tab.active.dirty").waitFor({ state: "hidden" });
}

/** The devcreds-lint output channel's text, as VS Code writes it to its logs folder. */
function outputChannelLog(vscode) {
  const logs = path.join(vscode.userData, "logs");
  const found = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (/^(\d+-)?devcreds-lint\.log$/.test(entry.name)) {
        found.push(full);
      }
    }
  };
  if (fs.existsSync(logs)) {
    walk(logs);
  }
  return found.map((file) => fs.readFileSync(file, "utf8")).join("\n");
}

function writeSettings(vscode, settings) {
  const folder = path.join(vscode.workspace, ".vscode");
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "settings.json"), JSON.stringify(settings, null, 2));
}

// ---------------------------------------------------------------- the scenarios

/** Without a devcreds-lint anywhere: one clear message with the way to the install docs. */
async function withoutServer() {
  const dirs = (process.env.PATH || "")
    .split(path.delimiter)
    .filter((dir) => dir && !fs.existsSync(path.join(dir, "devcreds-lint")));
  const vscode = await startVSCode("no-server", dirs);
  try {
    await step("no server: open the workbench", () => openWorkbench(vscode));
    await step("no server: a clear message with a button to the install docs", async () => {
      await openFile("custom_components/sparrow/application_credentials.py");
      const toast = page.locator(".notifications-toasts .notification-toast", {
        hasText: "no language server found",
      });
      await toast.first().waitFor({ timeout: TIMEOUT_MS });
      await toast.first().locator(".monaco-button", { hasText: "Open install docs" }).waitFor();
      await until("the status bar to say no server was found", async () =>
        (await statusLabel()).includes("no server found"),
      );
    });
    await step("no server: nothing is retried on its own (no crash loop)", async () => {
      // A restart asked for by hand is the only new attempt: the output channel (as VS Code
      // logs it to disk) then holds exactly two "No language server" lines and no start.
      await runCommand("devcreds-lint: Restart server");
      let text = "";
      await until("two 'No language server' lines in the output", async () => {
        text = outputChannelLog(vscode);
        return (text.match(/No language server/g) || []).length >= 2;
      });
      await runCommand("devcreds-lint: Show output");
      await page.locator(".panel .output-view, .panel .output").first().waitFor();
      await until("the devcreds-lint output in the Output panel", async () =>
        squash(await page.locator(".panel .view-lines").first().innerText()).includes(
          "restart the server",
        ) || squash(await page.locator(".panel .view-lines").first().innerText()).includes(
          "No language server",
        ),
      );
      text = outputChannelLog(vscode);
      const attempts = (text.match(/No language server/g) || []).length;
      if (attempts !== 2 || /Starting /.test(text)) {
        throw new Error(`expected 2 attempts and no server start, the output says:\n${text}`);
      }
    });
    await step("no server: the button opens the install docs", async () => {
      const toast = page
        .locator(".notifications-toasts .notification-toast", { hasText: "no language server found" })
        .first();
      const opened = page.context().waitForEvent("page", { timeout: TIMEOUT_MS });
      await toast.locator(".monaco-button", { hasText: "Open install docs" }).click();
      // VS Code asks before it opens an external site.
      const dialog = page.locator(".monaco-dialog-box");
      await Promise.race([
        opened,
        dialog.waitFor({ timeout: TIMEOUT_MS }).then(() =>
          dialog.locator(".monaco-button", { hasText: /^Open$/ }).click(),
        ),
      ]);
      const docs = await opened;
      if (!docs.url().includes("docs/editors.md")) {
        throw new Error(`the button opened ${docs.url()}`);
      }
      await docs.close();
    });
    await step("a server without its lsp extra: one clear message, no restart loop", async () => {
      // The real entry point, run by devcreds-lint.path (a Python) with devcreds-lint.args,
      // in a Python where pygls cannot be imported: the server exits with code 2 and says why.
      const python = SERVER_PYTHON;
      const probe =
        "import sys; sys.modules['pygls'] = None; sys.argv[0] = 'devcreds-lint'; " +
        "from devcreds_lint.launch import main; main()";
      writeSettings(vscode, { "devcreds-lint.path": [python], "devcreds-lint.args": ["-c", probe] });
      const toast = page.locator(".notifications-toasts .notification-toast", {
        hasText: "did not start",
      });
      await toast.first().waitFor({ timeout: TIMEOUT_MS });
      await toast.first().locator(".monaco-button", { hasText: "Show output" }).waitFor();
      await until("the status bar to say the server did not start", async () =>
        (await statusLabel()).includes("did not start"),
      );
      const text = outputChannelLog(vscode);
      if (!text.includes("the language server needs its extra")) {
        throw new Error(`the server's own message is not in the output:\n${text}`);
      }
      const starts = (text.match(/Starting /g) || []).length;
      if (starts !== 1) {
        throw new Error(`the server was started ${starts} times:\n${text}`);
      }
    });
  } finally {
    await page?.context().close();
    page = undefined;
    stopVSCode(vscode);
  }
}

/** The server found on PATH: diagnostics, quick fixes, fix on save, configuration changes. */
async function withServer() {
  const vscode = await startVSCode("server", [SERVER_BIN, ...process.env.PATH.split(path.delimiter)]);
  const components = path.join(vscode.workspace, "custom_components");
  writeSettings(vscode, { "editor.codeActionsOnSave": { "source.fixAll.devcreds-lint": "explicit" } });
  const sparrow = "custom_components/sparrow/application_credentials.py";
  try {
    await step("open the workbench", () => openWorkbench(vscode));

    await step("diagnostics in the Problems panel, with codes and lines", async () => {
      await openFile(sparrow);
      await until("the server to run", async () => (await statusLabel()).includes("running"));
      await expectProblems(sparrow, "DC203@7 DC305@11 DC209@15");
      const markers = await problems(sparrow);
      for (const marker of markers) {
        if (marker.source !== "devcreds-lint") {
          throw new Error(`a marker without the source devcreds-lint: ${marker.text}`);
        }
      }
      await until("squiggles in the editor", async () =>
        (await page.locator(".editor-group-container.active .squiggly-error").count()) >= 2,
      );
    });

    await step("the async quick fix from the light bulb", async () => {
      const screenshot = DOCS_SCREENSHOT
        ? // The editor and the Problems panel, with the light bulb's menu open.
          () => page.screenshot({ path: DOCS_SCREENSHOT, clip: { x: 352, y: 36, width: 928, height: 620 } })
        : undefined;
      const marker = (await problems(sparrow)).find((m) => m.code === "DC203");
      await quickFixFromLightBulb(marker, screenshot);
      await until("`async def` in the editor", async () =>
        (await editorText()).includes("async def async_get_authorization_server("),
      );
      await expectProblems(sparrow, "DC305@11 DC209@15");
    });

    await step("a change to pyproject.toml re-checks", async () => {
      const pyproject = path.join(vscode.workspace, "pyproject.toml");
      const original = read(pyproject);
      fs.writeFileSync(pyproject, `${original}ignore = ["DC305"]\n`);
      await expectProblems(sparrow, "DC209@15");
      fs.writeFileSync(pyproject, original);
      await expectProblems(sparrow, "DC305@11 DC209@15");
    });

    await step("the DC101 quick fix renames the file on disk", async () => {
      const wrong = path.join(components, "wren", "application_credential.py");
      const right = path.join(components, "wren", "application_credentials.py");
      await openFile("custom_components/wren/application_credential.py");
      await expectProblems("custom_components/wren/application_credential.py", "DC101@1");
      const [marker] = await problems("custom_components/wren/application_credential.py");
      await quickFixFromLightBulb(marker);
      await until("the file renamed on disk", () => fs.existsSync(right) && !fs.existsSync(wrong));
      await page
        .locator(".tabs-container .tab.active", { hasText: "application_credentials.py" })
        .waitFor();
    });

    await step("fix on save through editor.codeActionsOnSave", async () => {
      const file = path.join(components, "finch", "application_credentials.py");
      await openFile("custom_components/finch/application_credentials.py");
      await expectProblems("custom_components/finch/application_credentials.py", "DC203@7");
      await editAndSave("saved with codeActionsOnSave");
      const text = read(file);
      if (!text.includes("# saved with codeActionsOnSave")) {
        throw new Error(`the edit was not saved:\n${text}`);
      }
      if (!text.includes("\nasync def async_get_authorization_server(")) {
        throw new Error(`saved without the fix:\n${text}`);
      }
    });

    await step('the "devcreds-lint: Fix all" command', async () => {
      const lark = "custom_components/lark/application_credentials.py";
      await openFile(lark);
      await expectProblems(lark, "DC203@7");
      await runCommand("devcreds-lint: Fix all");
      await until("`async def` in the editor", async () =>
        (await editorText()).includes("async def async_get_authorization_server("),
      );
      await expectProblems(lark, "");
    });

    await step("fix on save through the devcreds-lint.fixOnSave setting", async () => {
      // The setting alone: codeActionsOnSave is gone. The server restarts with the option,
      // and this time from the devcreds-lint.path setting (a link of its own, to tell).
      const link = path.join(work, "by-setting", "devcreds-lint");
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(SERVER_BIN, "devcreds-lint"), link);
      writeSettings(vscode, { "devcreds-lint.fixOnSave": true, "devcreds-lint.path": [link] });
      await until("the server from devcreds-lint.path to run with fix on save on", async () =>
        (await statusLabel()).includes(`running ${link}, fix on save on`),
      );
      const file = path.join(components, "robin", "application_credentials.py");
      await openFile("custom_components/robin/application_credentials.py");
      await expectProblems("custom_components/robin/application_credentials.py", "DC203@7");
      await editAndSave("saved with fixOnSave");
      const text = read(file);
      if (!text.includes("# saved with fixOnSave")) {
        throw new Error(`the edit was not saved:\n${text}`);
      }
      if (!text.includes("\nasync def async_get_authorization_server(")) {
        throw new Error(`saved without the fix:\n${text}`);
      }
    });
  } finally {
    await page?.context().close();
    page = undefined;
    stopVSCode(vscode);
  }
}

async function main() {
  let failed = false;
  try {
    await step("install the .vsix into code-server", async () => installExtension());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    await withoutServer();
    await withServer();
  } catch (error) {
    failed = true;
    console.error(`e2e: FAILED: ${error.stack || error.message}`);
  } finally {
    await browser?.close();
    if (!failed && !process.env.DEVCREDS_E2E_KEEP) {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  log(failed ? "failed" : "all checks passed");
  const setup = Number(process.env.SETUP_SECONDS || 0);
  console.log(`e2e: ${setup} s of set-up and ${((Date.now() - started) / 1000).toFixed(0)} s of test`);
  // The closing line CI reads: "N passed, N failed".
  console.log(`e2e: ${tally.passed} passed, ${tally.failed || (failed ? 1 : 0)} failed`);
  process.exit(failed ? 1 : 0);
}

main();
