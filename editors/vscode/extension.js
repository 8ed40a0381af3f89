// devcreds-lint for VS Code: starts the `devcreds-lint server` language server with
// vscode-languageclient and keeps it running. Plain JavaScript, so there is no build step: the
// .vsix holds this file and its node_modules as they are.
"use strict";

const vscode = require("vscode");
const {
  CloseAction,
  LanguageClient,
  State,
  TransportKind,
} = require("vscode-languageclient/node");
const { findServer } = require("./lookup");

const NAME = "devcreds-lint";
const FIX_ALL_KIND = "source.fixAll.devcreds-lint";
const INSTALL_DOCS =
  "https://github.com/devcreds-lint/devcreds-lint/blob/main/docs/editors.md#vs-code";
const PYTHON_EXTENSION = "ms-python.python";
// Settings whose change needs a new server process (trace.server is read by the client).
const RESTART_SETTINGS = ["path", "args", "fixOnSave"].map((key) => `${NAME}.${key}`);

// The files the server checks: Python modules, and the integration's JSON files.
const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "python" },
  { scheme: "file", pattern: "**/manifest.json" },
  { scheme: "file", pattern: "**/strings.json" },
  { scheme: "file", pattern: "**/translations/*.json" },
];

/** The Python extension's API, when it is installed (undefined otherwise). */
async function pythonApi() {
  const extension = vscode.extensions.getExtension(PYTHON_EXTENSION);
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    return api && api.environments ? api : undefined;
  } catch {
    return undefined;
  }
}

class Extension {
  constructor(context) {
    this.context = context;
    this.output = vscode.window.createOutputChannel(NAME, { log: true });
    this.status = vscode.window.createStatusBarItem(
      "devcreds-lint.status",
      vscode.StatusBarAlignment.Right,
      100,
    );
    this.status.name = NAME;
    this.status.command = "devcreds-lint.showOutput";
    this.client = undefined;
    this.python = undefined;
    // Starts and stops run one after the other, never two at once.
    this.queue = Promise.resolve();
    context.subscriptions.push(this.output, this.status);
  }

  showStatus(state, detail) {
    const icons = { starting: "$(loading~spin)", running: "$(check)", failed: "$(error)" };
    this.status.text = `${icons[state] || "$(circle-slash)"} ${NAME}`;
    this.status.tooltip = `${NAME}: ${detail}\nClick to show the output.`;
    this.status.accessibilityInformation = { label: `${NAME}: ${detail}` };
    this.status.backgroundColor =
      state === "failed" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    this.status.show();
  }

  restart() {
    this.queue = this.queue.then(
      () => this.start(),
      () => this.start(),
    );
    return this.queue;
  }

  async stop() {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(2000);
      } catch (error) {
        this.output.warn(`Stopping the server: ${error}`);
      }
    }
  }

  async start() {
    await this.stop();
    const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    const config = vscode.workspace.getConfiguration(NAME, folder && folder.uri);
    if (this.python === undefined) {
      this.python = (await pythonApi()) || null;
      if (this.python && this.python.environments.onDidChangeActiveEnvironmentPath) {
        this.context.subscriptions.push(
          this.python.environments.onDidChangeActiveEnvironmentPath(() => {
            // The interpreter matters only while no path is set.
            const current = vscode.workspace.getConfiguration(NAME, folder && folder.uri);
            if (!current.get("path", []).length) {
              this.restart();
            }
          }),
        );
      }
    }
    const found = await findServer({
      paths: config.get("path"),
      folder: folder && folder.uri.fsPath,
      resource: folder && folder.uri,
      api: this.python,
      searchPath: process.env.PATH,
    });
    if (!found.command) {
      this.notFound(found.problem);
      return;
    }
    const fixOnSave = config.get("fixOnSave", false);
    const args = [...config.get("args", []), "server"];
    this.output.info(
      `Starting ${found.command} ${args.join(" ")} (found through ${found.how}; fix on save ${fixOnSave ? "on" : "off"})`,
    );
    this.showStatus("starting", "starting");
    // A server that exits before it ever ran (e.g. without its lsp extra) is not restarted:
    // the "did not start" message below says what to do. One that crashes later is restarted
    // by vscode-languageclient's own handler (at most 4 times in 3 minutes).
    let ran = false;
    let fallback;
    const errorHandler = {
      error: (error, message, count) => fallback.error(error, message, count),
      closed: () => (ran ? fallback.closed() : { action: CloseAction.DoNotRestart, handled: true }),
    };
    const client = new LanguageClient(
      NAME,
      NAME,
      {
        command: found.command,
        args,
        transport: TransportKind.stdio, // appends --stdio
        options: folder ? { cwd: folder.uri.fsPath } : {},
      },
      {
        documentSelector: DOCUMENT_SELECTOR,
        outputChannel: this.output,
        initializationOptions: { fixOnSave },
        errorHandler,
        // No retry, and no message of the client's own: ours follows from start()'s failure.
        initializationFailedHandler: () => false,
      },
    );
    fallback = client.createDefaultErrorHandler();
    this.client = client;
    const running = `running ${found.command}, fix on save ${fixOnSave ? "on" : "off"}`;
    client.onDidChangeState((event) => {
      if (this.client !== client) {
        return;
      }
      if (event.newState === State.Running) {
        ran = true;
        this.showStatus("running", running);
      } else if (event.newState === State.Starting) {
        this.showStatus("starting", "starting");
      } else {
        this.showStatus("failed", "the server stopped; run \"devcreds-lint: Restart server\"");
      }
    });
    try {
      await client.start();
    } catch (error) {
      this.output.error(`The server did not start: ${error}`);
      this.showStatus("failed", "the server did not start; see the output");
      // Not awaited: the message stays until answered, and starts and stops go on meanwhile.
      vscode.window
        .showErrorMessage(
          `devcreds-lint: the language server (${found.command}) did not start; the output shows why. Is it installed with its lsp extra?`,
          "Show output",
          "Open install docs",
        )
        .then((choice) => this.answer(choice));
    }
  }

  /** No server anywhere: say so once, with a way to the install docs; nothing is retried. */
  notFound(problem) {
    this.output.error(
      `No language server: ${problem}. Install devcreds-lint with its lsp extra in the project's environment (${INSTALL_DOCS}), or set devcreds-lint.path; then run "devcreds-lint: Restart server".`,
    );
    this.output.info(`(PATH of VS Code's extension host: ${process.env.PATH || ""})`);
    this.showStatus("failed", "no server found");
    vscode.window
      .showErrorMessage(
        `devcreds-lint: no language server found (${problem}). Install devcreds-lint with its lsp extra in your project's environment, or set devcreds-lint.path, then restart the server.`,
        "Open install docs",
        "Open settings",
      )
      .then((choice) => this.answer(choice));
  }

  answer(choice) {
    if (choice === "Open install docs") {
      vscode.env.openExternal(vscode.Uri.parse(INSTALL_DOCS));
    } else if (choice === "Open settings") {
      vscode.commands.executeCommand("workbench.action.openSettings", NAME);
    } else if (choice === "Show output") {
      this.output.show(true);
    }
  }

  /** "devcreds-lint: Fix all": the server's source.fixAll.devcreds-lint action, applied. */
  async fixAll() {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      return;
    }
    const document = editor.document;
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions =
      (await vscode.commands.executeCommand(
        "vscode.executeCodeActionProvider",
        document.uri,
        whole,
        FIX_ALL_KIND,
      )) || [];
    const fixes = actions.filter((action) => action.kind && action.kind.value === FIX_ALL_KIND);
    if (fixes.length === 0) {
      vscode.window.setStatusBarMessage(`${NAME}: nothing to fix`, 3000);
      return;
    }
    for (const action of fixes) {
      if (action.edit) {
        await vscode.workspace.applyEdit(action.edit);
      }
      if (action.command) {
        await vscode.commands.executeCommand(
          action.command.command,
          ...(action.command.arguments || []),
        );
      }
    }
  }
}

let extension;

function activate(context) {
  extension = new Extension(context);
  context.subscriptions.push(
    vscode.commands.registerCommand("devcreds-lint.restart", () => extension.restart()),
    vscode.commands.registerCommand("devcreds-lint.showOutput", () => extension.output.show()),
    vscode.commands.registerCommand("devcreds-lint.fixAll", () => extension.fixAll()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(key))) {
        extension.restart();
      }
    }),
  );
  extension.restart(); // not awaited: activation does not wait for the server
}

function deactivate() {
  return extension ? extension.stop() : undefined;
}

module.exports = { activate, deactivate };
