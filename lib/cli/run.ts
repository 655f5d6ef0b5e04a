#!/usr/bin/env node
/**
 * The CLI's process entry: Node (`bin/ory-tokenizer`, built to dist/cli.js) or Deno
 * (`deno run -A lib/cli/run.ts`).
 *
 * @module
 */

import process from "node:process";
import { main } from "./main.ts";

// A reader that stops early (`ory-tokenizer encode … | head`) closes the pipe: the rest of the output
// has nobody to read it, so the CLI stops quietly, as Unix tools do, rather than crash on EPIPE.
process.stdout.on("error", (error: { code?: string }) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exitCode = code;
