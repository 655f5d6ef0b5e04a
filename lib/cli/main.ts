/**
 * The `ory-tokenizer` command line: dispatch, help, and error reporting.
 *
 * @module
 */

import { TokenError, TokenizerError } from "../errors.ts";
import type { Output } from "./command.ts";
import { type CommandEntry, COMMANDS } from "./command_list.ts";
import { UsageError } from "./usage_error.ts";

const VERSION = "0.1.0";

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `ory-tokenizer ${VERSION}: author, run and check Ory session-to-JWT tokenizer templates offline.

Usage: ory-tokenizer <command> [flags]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run \`ory-tokenizer <command> --help\` for a command's flags and examples.
Errors go to stderr (exit 1; 2 for usage mistakes); --json prints them as JSON: Ory's error body for
failures Ory has too, {"error": {"code": "ERR_TOKEN_…", "message", "claim", "detail"}} for tokens.
`;
}

function find(args: string[]): [CommandEntry | undefined, string[]] {
  for (const command of COMMANDS) {
    const words = command.name.split(" ");
    if (words.every((word, i) => args[i] === word)) return [command, args.slice(words.length)];
  }
  return [undefined, args];
}

/** Describes a failure without secrets: reason, then detail. Internal errors get no stack trace. */
function report(error: unknown, json: boolean, output: Output): void {
  if (error instanceof TokenizerError) {
    if (json) {
      const body = error.toOryBody();
      output.err(`${JSON.stringify({ error: { ...body.error, ...(error.detail ? { debug: error.detail } : {}) } })}\n`);
    } else {
      output.err(
        `error: ${error.reason}\n${
          error.detail ? `  ${error.detail}\n` : ""
        }  (status ${error.status}, ${error.code})\n`,
      );
    }
    return;
  }
  if (error instanceof TokenError) {
    // Not an Ory error (Ory never verifies): our own shape, without an Ory status.
    output.err(
      json
        ? `${JSON.stringify({ error: error.toJSON() })}\n`
        : `error: ${error.message}\n${error.detail ? `  ${error.detail}\n` : ""}  (${error.code})\n`,
    );
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  output.err(
    json
      ? `${JSON.stringify({ error: { code: 500, status: "Internal Server Error", message } })}\n`
      : `error: ${message}\n`,
  );
}

/** Levenshtein distance, for "did you mean" on a mistyped command. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Runs the CLI with arguments (without the program name).
 *
 * @returns the exit code: 0, 1 for failures, 2 for usage mistakes.
 */
export async function main(args: string[], output: Output): Promise<number> {
  const json = args.includes("--json");
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    output.out(overview());
    return 0;
  }
  if (args[0] === "--version") {
    output.out(`${VERSION}\n`);
    return 0;
  }
  const [command, rest] = find(args);
  if (command === undefined) {
    // A group word alone (`jwk`, `jwk nope`) names its sub-commands rather than every command.
    const group = COMMANDS.filter((c) => c.name.startsWith(`${args[0]} `));
    const known = (group.length > 0 ? group : COMMANDS).map((c) => c.name).join(", ");
    const what = group.length > 0 && args[1] === undefined
      ? `"${args[0]}" needs a sub-command`
      : `unknown command "${args.slice(0, group.length > 0 ? 2 : 1).join(" ")}"`;
    const near = COMMANDS.map((c) => c.name).find((name) => distance(name.split(" ")[0]!, args[0]!) <= 2);
    const hint = group.length === 0 && near !== undefined ? `Did you mean \`ory-tokenizer ${near}\`? ` : "";
    output.err(`error: ${what} (${known})\n${hint}Run \`ory-tokenizer --help\`.\n`);
    return 2;
  }
  const implementation = await command.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    output.out(`${implementation.help}\n`);
    return 0;
  }
  try {
    return await implementation.run(rest, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`error: ${error.message}\nRun \`ory-tokenizer ${command.name} --help\` for usage.\n`);
      return 2;
    }
    report(error, json, output);
    return 1;
  }
}
