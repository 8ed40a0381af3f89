-- devcreds-lint in Neovim 0.11+ (docs/editors.md; tests/lsp/test_neovim.py runs this file).
vim.lsp.config("devcreds_lint", {
  cmd = { "devcreds-lint", "server" },
  -- toml: saving pyproject.toml or .devcreds-lint.toml re-checks the open files
  filetypes = { "python", "json", "toml" },
  root_markers = { "pyproject.toml", ".devcreds-lint.toml", ".git" },
})
vim.lsp.enable("devcreds_lint")
