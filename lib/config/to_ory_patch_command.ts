/**
 * A template as the `ory patch identity-config` command of Ory's session-to-JWT guide, quoted so that
 * it pastes into bash (or any POSIX shell) and arrives in Ory byte for byte.
 *
 * @module
 */

import { templatePointer, templateValue } from "./template_value.ts";
import { checkTemplateName } from "./check_template_name.ts";
import type { TokenizerTemplate } from "../types.ts";

/** Options of {@linkcode toOryPatchCommand}. */
export interface OryPatchCommandOptions {
  /** `--project`: a project id or slug. Omitted: the Ory CLI's current project (`ory use project`). */
  project?: string | undefined;
  /** `--workspace`: a workspace id. Omitted: the Ory CLI's current workspace (`ory use workspace`). */
  workspace?: string | undefined;
}

/**
 * Quotes a word for a POSIX shell: bare when it is plainly safe, otherwise in single quotes, where
 * nothing is special except the quote itself (closed, escaped, reopened: `'\''`).
 */
function shellWord(word: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * Writes the command that adds (or replaces) one template in an Ory Network project.
 *
 * The value is compact JSON with Ory's members in the guide's order; the whole `path=value` argument
 * is one single-quoted shell word, so `$`, backticks, `!`, `"` and line breaks in it stay literal.
 *
 * @param name the template's name (what callers pass as `?tokenize_as=`); checked against Ory's pattern.
 * @param template the template, usually from `encodeTemplate`.
 * @param options `project` and `workspace` for `--project` and `--workspace`.
 * @returns the command, over several lines joined by ` \` continuations, without a final newline.
 * @throws {TokenizerError} `ERR_TEMPLATE_NAME` for a name outside `[a-zA-Z0-9-_.]+`.
 * @throws {TypeError} for a template without a string `jwks_url`.
 *
 * @example
 * ```ts
 * import { toOryPatchCommand } from "./to_ory_patch_command.ts";
 * const command = toOryPatchCommand("jwt", { jwks_url: "base64://e30=", ttl: "10m" }, { project: "p" });
 * if (!command.includes(`--add '/session/whoami/tokenizer/templates/jwt={"jwks_url":"base64://e30=","ttl":"10m"}'`)) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function toOryPatchCommand(
  name: string,
  template: TokenizerTemplate,
  options: OryPatchCommandOptions = {},
): string {
  const pointer = templatePointer(checkTemplateName(name));
  const value = JSON.stringify(templateValue(template, name));
  const first = ["ory patch identity-config"];
  if (options.project !== undefined) first.push(`--project ${shellWord(options.project)}`);
  if (options.workspace !== undefined) first.push(`--workspace ${shellWord(options.workspace)}`);
  return [
    first.join(" "),
    `  --add ${shellWord(`${pointer}=${value}`)}`,
    "  --format yaml",
  ].join(" \\\n");
}
