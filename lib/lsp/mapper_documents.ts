/**
 * Which open documents are claims mappers, so an editor that sends every Jsonnet file (Grafana
 * dashboards, libraries) gets findings only on mappers: those whose path matches the `mapperPatterns`
 * setting (`**\/claims*.jsonnet` by default) and any file that reads Ory's `session` or `claims`.
 *
 * @module
 */

/** The `mapperPatterns` setting's default. */
export const DEFAULT_MAPPER_PATTERNS: readonly string[] = ["**/claims*.jsonnet"];

/** `std.extVar('session')` or `std.extVar("claims")`, however spaced: a test of the text, not a parse. */
const READS_ORY_VARIABLE = /\bstd\s*\.\s*extVar\s*\(\s*(["'])(session|claims)\1\s*\)/;

/**
 * A glob as a regular expression over `/`-separated paths: `**` crosses folders, `*` and `?` do not,
 * `{a,b}` is a choice. Enough for file patterns in settings.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === "*" && glob[i + 1] === "*") {
      // `**/` matches zero or more folders; a trailing `**` anything.
      if (glob[i + 2] === "/") {
        pattern += "(?:.*/)?";
        i += 2;
      } else {
        pattern += ".*";
        i += 1;
      }
    } else if (char === "*") pattern += "[^/]*";
    else if (char === "?") pattern += "[^/]";
    else if (char === "{") pattern += "(?:";
    else if (char === "}") pattern += ")";
    else if (char === "," && glob.lastIndexOf("{", i) > glob.lastIndexOf("}", i)) pattern += "|";
    else pattern += char.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${pattern}$`);
}

/**
 * Whether a document is a claims mapper.
 *
 * @param path the document's path relative to its workspace folder (or its whole path), `/`-separated.
 * @param text the document's text.
 * @param patterns globs; one without a folder part matches the file name anywhere.
 */
export function isClaimsMapper(path: string, text: string, patterns: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, "/").replace(/^\/+/, "");
  const matches = patterns.some((glob) => globToRegExp(glob.includes("/") ? glob : `**/${glob}`).test(normalized));
  return matches || READS_ORY_VARIABLE.test(text);
}
