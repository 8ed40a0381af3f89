-- Fix on save (Neovim 0.9+): the server answers textDocument/willSaveWaitUntil with the safe
-- fixes, and Neovim applies them before it writes the file (it waits up to 1 s).
vim.lsp.config("devcreds_lint", { init_options = { fixOnSave = true } })
