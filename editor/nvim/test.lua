-- Drives gowell in headless Neovim; test.sh starts it with `-u gowell.lua`, the config users
-- copy. Four stages, in workspaces under $GOWELL_WS:
--   edit      the GO001 fixture: the diagnostic as its want line says, the quick fix applied
--             through Neovim's LSP client, the file written and compared with its golden;
--   names     in the same workspace, every name gowell diagnoses gets its one client;
--   progress  a 3000-module scan reports work-done progress that Neovim accepts;
--   tool      the GO008 fix that runs `go env -u GOFLAGS`, picked as a user picks it.
-- Prints one line per check and ends Neovim with :cquit at the first failure.

local function say(line)
  io.stdout:write('nvim: ' .. line .. '\n')
end

local function fail(what)
  say('FAIL ' .. what)
  vim.cmd('cquit 1')
end

local function check(cond, what, got)
  if cond then
    say('ok   ' .. what)
  else
    fail(what .. (got ~= nil and ('\n      got: ' .. vim.inspect(got)) or ''))
  end
end

local function wait(ms, what, cond)
  if not vim.wait(ms, cond, 20) then
    fail(what .. ': nothing after ' .. ms .. ' ms')
  end
end

local function read(path)
  local f = io.open(path, 'rb')
  if not f then
    return nil
  end
  local s = f:read('*a')
  f:close()
  return s
end

local function write(path, data)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
  local f = assert(io.open(path, 'wb'))
  f:write(data)
  f:close()
end

-- A fixture (diagnostics/testdata/<ID>/*.txtar): writes its workspace files to dir and returns
-- its want line, parsed, and the sections that describe a fix. goenv.json and host/* describe
-- the machine, which here is the real one.
local function fixture(path, dir)
  local files, name = {}, nil
  for line in io.lines(path) do
    local n = line:match('^%-%- (.+) %-%-$')
    if n then
      name = n
      files[name] = ''
    elseif name then
      files[name] = files[name] .. line .. '\n'
    end
  end
  local fx = {}
  for n, data in pairs(files) do
    local file, title = n:match('^fix (%S+): (.+)$')
    if n == 'want' then
      local p, l1, c1, l2, c2, severity, code, message =
        data:match('^(%S+):(%d+):(%d+)%-(%d+):(%d+) (%a+) (%S+) ([^\n]+)\n$')
      assert(p and severity == 'error', path .. ': want one error, not ' .. data)
      -- The fixture counts from 1; LSP and vim.diagnostic from 0.
      local range = { tonumber(l1) - 1, tonumber(c1) - 1, tonumber(l2) - 1, tonumber(c2) - 1 }
      fx.want = { path = p, range = range, code = code, message = message }
    elseif file then
      fx.fix = { path = file, title = title, golden = data }
    elseif n:match('^command ') then
      fx.command = n:match('^command (.+)$')
    elseif n ~= 'goenv.json' and not n:match('^host/') then
      write(dir .. '/' .. n, data)
    end
  end
  assert(fx.want, path .. ': no want section')
  return fx
end

local function clients(buf)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = buf }) -- 0.10+
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

-- Opens path and waits for gowell to attach; returns the buffer and its client.
local function open(path, root, root_why)
  vim.cmd('silent edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  wait(10000, 'gowell attached to ' .. path, function()
    return #clients(buf) > 0
  end)
  local client = clients(buf)[1]
  local what = 'one client, gowell, on ' .. vim.fn.fnamemodify(path, ':t')
  check(client.name == 'gowell' and #clients(buf) == 1, what, client.name)
  check(client.config.root_dir == root, 'its root is ' .. root_why, client.config.root_dir)
  return buf, client
end

-- Waits for the fixture's diagnostic and checks it field by field; returns it.
local function diagnostic(buf, want)
  local function mine()
    return vim.tbl_filter(function(d)
      return d.code == want.code
    end, vim.diagnostic.get(buf))
  end
  wait(20000, want.code .. ' on ' .. want.path, function()
    return #mine() > 0
  end)
  local ds = mine()
  check(#ds == 1, 'one ' .. want.code .. ' on ' .. want.path, ds)
  local d = ds[1]
  check(d.source == 'gowell' and d.severity == vim.diagnostic.severity.ERROR, 'an error, from gowell', d)
  check(d.message == want.message, 'message: ' .. want.message, d.message)
  check(
    vim.deep_equal({ d.lnum, d.col, d.end_lnum, d.end_col }, want.range),
    string.format('range %d:%d-%d:%d (0-based)', unpack(want.range)),
    { d.lnum, d.col, d.end_lnum, d.end_col }
  )
  return d
end

-- The diagnostics on a line as they go back to the server in a code action's context (with
-- `data`, where gowell keeps the fix), built as vim.lsp.buf.code_action() builds them.
local function lsp_diagnostics(buf, lnum)
  if vim.lsp.diagnostic.from then
    return vim.lsp.diagnostic.from(vim.diagnostic.get(buf, { lnum = lnum })) -- 0.10+
  end
  return vim.lsp.diagnostic.get_line_diagnostics(buf, lnum)
end

local function edit(ws, fixture_path)
  local fx = fixture(fixture_path, ws)
  assert(fx.fix and fx.fix.path == fx.want.path, fixture_path .. ': no fix of ' .. fx.want.path)
  local file = ws .. '/' .. fx.want.path
  local original = read(file)
  local buf, client = open(file, ws, 'the go.work directory')
  diagnostic(buf, fx.want)
  check(#vim.diagnostic.get(buf) == 1, 'nothing else on ' .. fx.want.path, vim.diagnostic.get(buf))

  local r = fx.want.range
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = r[1], character = r[2] },
      ['end'] = { line = r[3], character = r[4] },
    },
    context = { diagnostics = lsp_diagnostics(buf, r[1]) },
  }
  local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
  local response = (responses or {})[client.id] or {}
  check(type(response.result) == 'table', 'textDocument/codeAction answered', responses or err)
  local actions = response.result
  check(#actions == 1, 'one code action', actions)
  local action = actions[1]
  check(action.title == fx.fix.title, 'fix: ' .. fx.fix.title, action.title)
  check(action.kind == 'quickfix' and action.edit ~= nil, 'a quickfix with an edit', action)

  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n') .. '\n'
  check(text == fx.fix.golden, 'the buffer is the golden after the edit', text)
  check(read(file) == original, 'the file on disk is unchanged until :write', read(file))
  vim.cmd('silent write')
  wait(10000, 'the diagnostic gone after the fix', function()
    return #vim.diagnostic.get(buf) == 0
  end)
  say('ok   the diagnostic is gone')
  check(read(file) == fx.fix.golden, 'the file on disk is the golden', read(file))
  return client
end

-- gowell.lua attaches by file name: every name gowell diagnoses gets the workspace's one client
-- (its root is the go.work above), and other files get none.
local function names(ws, client)
  local attached, left = {}, {}
  for _, name in ipairs({
    'a/go.mod', '.gitignore', '.dockerignore', 'a/Dockerfile', 'Dockerfile.prod', 'build.Dockerfile',
    'Containerfile', 'a/Dockerfile.dockerignore', 'notes.txt', 'a/main.go',
  }) do
    if not read(ws .. '/' .. name) then
      write(ws .. '/' .. name, '\n')
    end
    vim.cmd('silent edit ' .. vim.fn.fnameescape(ws .. '/' .. name))
    local ids = vim.tbl_map(function(c)
      return c.id
    end, clients(0))
    if vim.deep_equal(ids, { client.id }) then
      table.insert(attached, name)
    elseif #ids > 0 then
      fail(name .. ' has clients ' .. vim.inspect(ids) .. ', not only ' .. client.id)
    else
      table.insert(left, name)
    end
  end
  local what = 'attached to ' .. table.concat(attached, ' ') .. '; not to ' .. table.concat(left, ' ')
  check(#attached == 8 and #left == 2, what, left)
end

-- A scan that runs past 200 ms sends work-done progress (docs/protocol.md); Neovim advertises
-- window.workDoneProgress. 3000 modules under a .git are a new root and a new client, whose
-- first scan takes about a second on a 2-CPU machine.
local function progress(dir)
  local seen = {}
  for _, method in ipairs({ 'window/workDoneProgress/create', '$/progress' }) do
    local handler = vim.lsp.handlers[method]
    vim.lsp.handlers[method] = function(err, result, ctx, config)
      local m = { client = ctx.client_id, method = method, token = result.token, value = result.value }
      table.insert(seen, m)
      return handler(err, result, ctx, config)
    end
  end
  vim.fn.mkdir(dir .. '/.git', 'p')
  for i = 1, 3000 do
    local mod = string.format('module example.com/m%d\n\ngo 1.25.0\n', i)
    write(string.format('%s/m%d/go.mod', dir, i), mod)
  end
  write(dir .. '/.gitignore', '*.exe\n')
  local buf, client = open(dir .. '/.gitignore', dir, 'the .git directory')
  wait(30000, 'the scan of ' .. dir, function()
    return #vim.diagnostic.get(buf) > 0
  end)
  local function mine()
    return vim.tbl_filter(function(m)
      return m.client == client.id
    end, seen)
  end
  -- A scan that ends near 200 ms may send a create and nothing else (docs/protocol.md).
  vim.wait(1000, function()
    return #mine() >= 3
  end, 20)
  local got = mine()
  if not (got[2] and got[2].value.kind == 'begin') then
    say('skip no progress began: the scan ended within about 200 ms')
    return
  end
  wait(10000, 'the end of the progress', function()
    return #mine() >= 3
  end)
  got = mine()
  local token, begin, done = got[1].token, got[2].value, (got[3] or {}).value or {}
  local what = string.format('progress %s: begin %q, end %q', token, tostring(begin.message),
    tostring(done.message))
  check(
    #got == 3 and got[1].method == 'window/workDoneProgress/create' and got[2].token == token
      and begin.title == 'gowell' and got[3].token == token and done.kind == 'end',
    what,
    got
  )
end

-- A fix that runs a tool changes the machine, not a file: GOFLAGS=-mod=mod in the (scratch) go
-- env file, fixed by `go env -u GOFLAGS`. Picked as a user picks it: vim.lsp.buf.code_action()
-- on the diagnostic, then its menu (vim.ui.select, answered here).
local function tool(dir, fixture_path)
  local fx = fixture(fixture_path, dir)
  local goenv = vim.fn.trim(vim.fn.system({ 'go', 'env', 'GOENV' }))
  vim.fn.system({ 'go', 'env', '-w', 'GOFLAGS=-mod=mod' })
  local set = vim.v.shell_error == 0 and (read(goenv) or ''):find('GOFLAGS=-mod=mod', 1, true)
  check(set, 'go env -w GOFLAGS=-mod=mod', read(goenv))
  local buf = open(dir .. '/' .. fx.want.path, dir, 'the go.work directory')
  local d = diagnostic(buf, fx.want)

  local offered
  local select = vim.ui.select
  vim.ui.select = function(items, _, on_choice)
    local actions = vim.tbl_map(function(item)
      return item.action or item[2] -- 0.10+ | 0.7
    end, items)
    offered = vim.tbl_map(function(a)
      return a.title
    end, actions)
    for i, a in ipairs(actions) do
      if a.title == fx.command then
        return on_choice(items[i])
      end
    end
    on_choice(nil)
  end
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  vim.lsp.buf.code_action()
  wait(5000, 'the code action menu', function()
    return offered ~= nil
  end)
  vim.ui.select = select
  check(vim.tbl_contains(offered, fx.command), 'offered: ' .. fx.command, offered)
  wait(20000, 'GOFLAGS gone from ' .. goenv, function()
    return not (read(goenv) or ''):find('GOFLAGS', 1, true)
  end)
  say('ok   the fix ran go env -u GOFLAGS')
  wait(20000, fx.want.code .. ' gone after the fix', function()
    return #vim.tbl_filter(function(x)
      return x.code == fx.want.code
    end, vim.diagnostic.get(buf)) == 0
  end)
  say('ok   ' .. fx.want.code .. ' is gone')
end

local function run()
  local ws = assert(os.getenv('GOWELL_WS'), 'GOWELL_WS')
  local fixtures = assert(os.getenv('GOWELL_FIXTURES'), 'GOWELL_FIXTURES')

  -- Errors and warnings Neovim shows the user (a failed request, a bad edit) fail the test.
  local shown = {}
  local notify = vim.notify
  vim.notify = function(msg, level, opts)
    if (level or 0) >= vim.log.levels.WARN then
      table.insert(shown, msg)
    end
    return notify(msg, level, opts)
  end
  vim.v.errmsg = ''

  say('-- edit: GO001, go_line_older.txtar')
  local client = edit(ws .. '/edit', fixtures .. '/GO001/go_line_older.txtar')
  say('-- names')
  names(ws .. '/edit', client)
  say('-- progress')
  progress(ws .. '/progress')
  say('-- tool: GO008, from_goenv_file.txtar')
  tool(ws .. '/tool', fixtures .. '/GO008/from_goenv_file.txtar')
  check(#shown == 0, 'no error or warning shown', shown)
  check(vim.v.errmsg == '', 'no error message', vim.v.errmsg)
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  fail('error in the driver: ' .. tostring(err))
end
vim.cmd('qall!')
