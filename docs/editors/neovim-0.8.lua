-- devcreds-lint in Neovim 0.8-0.10 (works on 0.11 too). `vim.fs.root` needs 0.10; on 0.8 and
-- 0.9 use vim.fs.dirname(vim.fs.find({ "pyproject.toml", ".git" }, { upward = true })[1]).
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "python", "json", "toml" },
  callback = function(args)
    vim.lsp.start({
      name = "devcreds_lint",
      cmd = { "devcreds-lint", "server" },
      root_dir = vim.fs.root(args.buf, { "pyproject.toml", ".devcreds-lint.toml", ".git" })
        or vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)),
      -- init_options = { fixOnSave = true },  -- fix on save (Neovim 0.9+), see below
    })
  end,
})
