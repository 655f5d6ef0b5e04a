/**
 * `ory-tokenizer lsp`: the language server for claims mappers, which editors start.
 *
 * @module
 */

import { type Command, parseFlags } from "../command.ts";
import { UsageError } from "../usage_error.ts";

export const lsp: Command = {
  help: `Usage: ory-tokenizer lsp --stdio

Runs the language server for claims mappers, speaking the Language Server Protocol on stdin and
stdout. Editors start it themselves; you do not run it by hand. It gives:
  diagnostics    everything \`ory-tokenizer lint\` finds, at its exact ranges, linked to each rule's page
  quick fixes    the linter's edits: a misspelt session path or std function, sub removed, std.slice
  completion     after std.extVar('session') or a local bound to it: Kratos's session members (and
                 your identity schema's traits); after std.extVar('claims'): the default claims;
                 after std.: go-jsonnet v0.21.0's functions
  hover          a member's type, meaning and when Kratos omits it; a std function's signature and
                 what differs in this project's engine
  targets        each service's findings on the token (the targets setting), as diagnostics
  preview        the custom request oryTokenizer/preview (claims, token, Ory's error, verdicts)

Settings (workspace/configuration, section "oryTokenizer"; or initializationOptions.settings):
  sampleSession, keySet, identitySchema   files, relative to the workspace folder
  issuer, ttl, templateName, debounceMs
  mapperPatterns                          globs of mappers (default **/claims*.jsonnet); files reading
                                          std.extVar('session') or ('claims') are mappers too
  workspaceTrusted: false                 reads none of those files (also as an initialization option)
  targets                                 services the token is for: ["hasura", { "name": "supabase",
                                          "settings": { … } }] (ory-tokenizer targets lists them)

Editors (see the README, "Use it from your editor"):
  Neovim   vim.lsp.start({ name = "ory-tokenizer", cmd = { "npx", "ory-tokenizer", "lsp", "--stdio" } })
  Helix    [language-server.ory-tokenizer] command = "npx", args = ["ory-tokenizer", "lsp", "--stdio"]
  Zed      "lsp": { "jsonnet-language-server": { "binary": { "path": "npx",
             "arguments": ["ory-tokenizer", "lsp", "--stdio"] } } }   (with the Jsonnet extension)
  Emacs    (add-to-list 'eglot-server-programs '(jsonnet-mode "npx" "ory-tokenizer" "lsp" "--stdio"))

Options:
  --stdio   speak the protocol on stdin and stdout (the only transport)`,
  async run(args) {
    const { values } = parseFlags(args, { stdio: { type: "boolean" } });
    if (values.stdio !== true) throw new UsageError("Give the transport: ory-tokenizer lsp --stdio");
    const { startStdioLanguageServer } = await import("../lsp_stdio.ts");
    await startStdioLanguageServer();
    return 0;
  },
};
