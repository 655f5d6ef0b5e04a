/**
 * Every CLI command by name and summary, with its module loaded only when it is run (or asked for its
 * `--help`): a one-shot process then loads and compiles one command's code, not all of them, and the
 * overview needs none of them.
 *
 * @module
 */

import type { Command } from "./command.ts";

/** A command as the dispatcher and the overview know it, before its module is loaded. */
export interface CommandEntry {
  /** As typed, such as `jwk create`. */
  name: string;
  /** The overview's one line. */
  summary: string;
  load(): Promise<Command>;
}

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "jwk create",
    summary: "create a signing key set, like `ory create jwk`",
    load: async () => (await import("./commands/jwk_create.ts")).jwkCreate,
  },
  {
    name: "jwk public",
    summary: "print the public half of a key set, for verifiers",
    load: async () => (await import("./commands/jwk_public.ts")).jwkPublic,
  },
  {
    name: "tokenize",
    summary: "issue the JWT Ory would issue for a session and a template",
    load: async () => (await import("./commands/tokenize.ts")).tokenize,
  },
  {
    name: "verify",
    summary: "verify a token's signature, times, issuer and audience against a key set",
    load: async () => (await import("./commands/verify.ts")).verify,
  },
  {
    name: "decode",
    summary: "show a token's header, claims, sizes and times (without verifying it)",
    load: async () => (await import("./commands/decode.ts")).decode,
  },
  {
    name: "encode",
    summary: "encode a key set and mapper into Ory config; --decode shows what a template holds",
    load: async () => (await import("./commands/encode.ts")).encode,
  },
  {
    name: "lint",
    summary: "check a claims mapper the way Ory will run it",
    load: async () => (await import("./commands/lint.ts")).lint,
  },
  {
    name: "test",
    summary: "run golden tests: a mapper, session fixtures, expected claims",
    load: async () => (await import("./commands/test.ts")).test,
  },
  {
    name: "targets",
    summary: "list the services a token is for and what each accepts (--target NAME elsewhere)",
    load: async () => (await import("./commands/targets.ts")).targets,
  },
  {
    name: "init",
    summary: "write a target's starter: mapper, key set, Kratos config, a golden test",
    load: async () => (await import("./commands/init.ts")).init,
  },
  {
    name: "serve",
    summary: "emulate Ory's whoami endpoint (tokenize_as) and serve the playground",
    load: async () => (await import("./commands/serve.ts")).serve,
  },
  {
    name: "issuer",
    summary: "write the discovery document and public key set to host at the tokens' iss",
    load: async () => (await import("./commands/issuer.ts")).issuer,
  },
  {
    name: "diff",
    summary: "compare a real Ory's token for a template with this emulation of it",
    load: async () => (await import("./commands/diff.ts")).diff,
  },
  {
    name: "lsp",
    summary: "the language server for claims mappers, which editors start (--stdio)",
    load: async () => (await import("./commands/lsp.ts")).lsp,
  },
];
