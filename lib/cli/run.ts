#!/usr/bin/env node
/**
 * The CLI's process entry: Node (`bin/ory-tokenizer`, built to dist/cli.js) or Deno
 * (`deno run -A lib/cli/run.ts`).
 *
 * @module
 */

import process from "node:process";
import { main } from "./main.ts";

const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exitCode = code;
