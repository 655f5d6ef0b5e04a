/**
 * The shape every CLI command has, and the flag parsing they share.
 *
 * @module
 */

import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage_error.ts";

/** Where a command writes. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** One CLI command's module: what `<command> --help` prints and what running it does. */
export interface Command {
  /** The full `--help` text: usage line, flags, examples. */
  help: string;
  run(args: string[], output: Output): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses flags strictly; mistakes become {@linkcode UsageError}s that name the flag. */
export function parseFlags<T extends Options>(args: string[], options: T, positionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, "") : String(error),
    );
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[positionals]}"`);
  }
  return parsed as unknown as {
    values: { [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : string } & { json?: boolean };
    positionals: string[];
  };
}

/** Reads a flag that must be one of a few words. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, not "${value}"`);
  }
  return value as T;
}

/** Parses an RFC 3339 time flag. */
export function timeFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(value) || Number.isNaN(ms)) {
    throw new UsageError(`--${flag} must be an RFC 3339 time such as 2023-02-01T00:00:00Z, not "${value}"`);
  }
  return ms;
}
