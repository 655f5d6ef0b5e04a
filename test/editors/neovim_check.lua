-- Drives the language server from Neovim's built-in LSP client (0.7+), headless: attach to the buffer,
-- wait for the pushed diagnostics, ask for a hover and a completion, write what came back as JSON.
-- Run by test/lsp_editors_test.ts: nvim --headless -n -u NONE -i NONE -c "luafile neovim_check.lua" claims.jsonnet
local function finish(result)
  local file = io.open(vim.env.LSP_OUT, "w")
  file:write(vim.json.encode(result))
  file:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = "ory-tokenizer",
    cmd = vim.json.decode(vim.env.LSP_CMD),
    root_dir = vim.env.LSP_ROOT,
    settings = { oryTokenizer = { debounceMs = 0 } },
  })
  vim.lsp.buf_attach_client(0, client_id)
  vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(diagnostics, { line = d.lnum, column = d.col, message = d.message, severity = d.severity })
  end
  local uri = vim.uri_from_bufnr(0)
  local function request(method, line, character)
    local answers = vim.lsp.buf_request_sync(0, method, {
      textDocument = { uri = uri },
      position = { line = line, character = character },
    }, 10000) or {}
    local answer = answers[client_id]
    return answer and answer.result or vim.NIL
  end
  local hover = request("textDocument/hover", 1, 25)
  local completion = request("textDocument/completion", 2, 20)
  local labels = {}
  for _, item in ipairs((completion ~= vim.NIL and (completion.items or completion)) or {}) do
    table.insert(labels, item.label)
  end
  finish({
    diagnostics = diagnostics,
    hover = hover ~= vim.NIL and hover.contents.value or vim.NIL,
    completion = labels,
  })
end)
if not ok then finish({ error = tostring(err) }) end
