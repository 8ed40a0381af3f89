-- Fix on save without the server option (Neovim 0.11; on 0.10 write `client.request_sync(...)`
-- with a dot): ask for the fix-all action synchronously before the write.
-- (vim.lsp.buf.code_action is asynchronous: its edit would land after the write.)
vim.api.nvim_create_autocmd("BufWritePre", {
  pattern = { "*.py", "manifest.json" },
  callback = function(args)
    for _, client in ipairs(vim.lsp.get_clients({ bufnr = args.buf, name = "devcreds_lint" })) do
      local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
      params.context = { only = { "source.fixAll.devcreds-lint" }, diagnostics = {} }
      local response = client:request_sync("textDocument/codeAction", params, 2000, args.buf)
      for _, action in ipairs(response and response.result or {}) do
        if action.edit then
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        end
      end
    end
  end,
})
