/**
 * Which documents are claims mappers: those whose path matches the configured patterns
 * (`**\/claims*.jsonnet` by default) and any Jsonnet file that reads Ory's `session` or `claims`
 * variables. Other Jsonnet files (Grafana dashboards, libraries) are left to other extensions.
 *
 * @module
 */

/** The patterns setting's default. */
export const DEFAULT_MAPPER_PATTERNS: readonly string[] = [
  "**/claims*.jsonnet",
];

/** `std.extVar('session')` or `std.extVar("claims")`, however spaced. */
const READS_ORY_VARIABLE = /\bstd\s*\.\s*extVar\s*\(\s*(["'])(session|claims)\1\s*\)/;

/**
 * A glob as a regular expression over `/`-separated paths: `**` crosses folders, `*` and `?` do not,
 * `{a,b}` is a choice. Enough for file patterns in settings; VS Code's own glob syntax is a superset.
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
    else if (
      char === "," && glob.lastIndexOf("{", i) > glob.lastIndexOf("}", i)
    ) pattern += "|";
    else pattern += char.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${pattern}$`);
}

/**
 * Whether a document is a claims mapper.
 *
 * @param path the document's path relative to its workspace folder (or its full path), `/`-separated.
 * @param text the document's text.
 * @param patterns the configured globs; a pattern without a folder part matches the file name anywhere.
 */
export function isClaimsMapper(
  path: string,
  text: string,
  patterns: readonly string[],
): boolean {
  if (!path.endsWith(".jsonnet") && !path.endsWith(".libsonnet")) {
    // An untitled or unusual name still counts when its text reads Ory's variables.
    return READS_ORY_VARIABLE.test(text);
  }
  const normalized = path.replace(/\\/g, "/").replace(/^\/+/, "");
  const matches = patterns.some((glob) => {
    const anywhere = glob.includes("/") ? glob : `**/${glob}`;
    return globToRegExp(anywhere).test(normalized);
  });
  return matches || READS_ORY_VARIABLE.test(text);
}
