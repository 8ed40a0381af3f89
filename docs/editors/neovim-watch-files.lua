-- Re-check when pyproject.toml, .devcreds-lint.toml, .gitignore or a file of an open
-- integration changes outside Neovim (git checkout, another editor). Neovim on Linux does not
-- offer file watching to servers by default; this turns it on for devcreds-lint only.
vim.lsp.config("devcreds_lint", {
  capabilities = { workspace = { didChangeWatchedFiles = { dynamicRegistration = true } } },
})
