-- gowell in Neovim 0.7 or later: diagnostics and quick fixes on go.work, go.mod, .gitignore,
-- .dockerignore and Dockerfiles. Needs `gowell` on PATH (or an absolute path in `cmd`).
-- Copy this file to ~/.config/nvim/plugin/gowell.lua, or paste it into init.lua.
-- Quick fixes: `:lua vim.lsp.buf.code_action()` on the line (`gra` in 0.11).

-- gowell logs warnings and errors only, to stderr, which Neovim keeps in its LSP log as
-- errors (:lua vim.cmd.edit(vim.lsp.get_log_path())); add '--log-level', 'debug' to see more.
local cmd = { 'gowell', 'serve' }

-- The workspace is the directory of the nearest go.work above the file (the go command uses
-- it from anywhere below), else of the nearest go.mod, else of the nearest .git.
local root_markers = { 'go.work', 'go.mod', '.git' }

-- gowell picks its files by name, so names decide here too, as in the VS Code extension:
-- Neovim has no filetype for .dockerignore, and 0.7 none for .gitignore.
local patterns = {
  'go.mod', 'go.work', '.gitignore', '*.dockerignore',
  'Dockerfile', 'dockerfile', 'Containerfile', 'containerfile',
  'Dockerfile.*', 'dockerfile.*', '*.Dockerfile', '*.dockerfile',
}

local function root_dir(buf)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h')
  for _, marker in ipairs(root_markers) do
    local d = dir
    while true do
      if (vim.uv or vim.loop).fs_stat(d .. '/' .. marker) then
        return d
      end
      local parent = vim.fn.fnamemodify(d, ':h')
      if parent == d then
        break
      end
      d = parent
    end
  end
  return dir
end

local clients = {} -- 0.7 only: root directory -> client id
local function attach(buf)
  local config = { name = 'gowell', cmd = cmd, root_dir = root_dir(buf) }
  if vim.lsp.start then
    -- 0.8+: reuses the client already running for this root.
    vim.lsp.start(config, { bufnr = buf })
    return
  end
  local id = clients[config.root_dir]
  if not (id and vim.lsp.get_client_by_id(id)) then
    id = vim.lsp.start_client(config)
    clients[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
end

-- By name, on every version. (Not vim.lsp.enable on 0.11+: it finds the root as the nearest
-- of any marker, so a module inside a go.work would get a second server of its own.)
vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  group = vim.api.nvim_create_augroup('gowell', { clear = true }),
  pattern = patterns,
  callback = function(ev)
    attach(ev.buf)
  end,
})
