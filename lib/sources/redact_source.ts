/**
 * How a source is shown in messages: by what it is, not by its prefix. Only a short URL of a scheme
 * Ory knows (`file://`, `http://`, `https://`) is shown, and an http(s) one without credentials,
 * query or fragment. Everything else (a `base64://` value, a mistyped scheme such as `Base64://` or
 * `data:…;base64,`, a pasted key set, a long blob after `file://`) is content, and content may be key
 * material, so it is replaced by `[redacted]` with at most its scheme name kept.
 *
 * @module
 */

/** Longer sources are content, not locations: a path or URL a person writes fits easily. */
const SHOWN_MAX_CHARS = 256;
/** Characters a URL or path may hold (RFC 3986 plus `%`); JSON's `{`, `"` and spaces are not among them. */
const URL_CHARS = /^[A-Za-z0-9._~/%:@!$&'()*+,;=?#[\]-]*$/;
/** A run of base64 without a separator is an encoded blob (a key set, a mapper), not a file name. */
const BLOB_RUN = /[A-Za-z0-9+=]{32,}/;

export const REDACTED = "[redacted]";

/**
 * The form of `source` that messages, reasons and Ory bodies show.
 *
 * @param source a template's `jwks_url` or `claims_mapper_url`, or a verifier's key set URL.
 * @returns the source itself when it is a short, plain location; otherwise a redacted form.
 */
export function redactSource(source: string): string {
  if (source === "") return "";
  const known = /^(https?|file):\/\//.exec(source);
  const rest = known === null ? "" : source.slice(known[0].length);
  if (known !== null && source.length <= SHOWN_MAX_CHARS && URL_CHARS.test(rest) && !BLOB_RUN.test(rest)) {
    return known[1] === "file" ? source : withoutSecrets(source);
  }
  if (known !== null) return `${known[0]}${REDACTED}`;
  if (source.startsWith("base64://")) return `base64://${REDACTED}`;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]{0,15}):/.exec(source)?.[1];
  return scheme === undefined ? REDACTED : `${scheme}:${REDACTED}`;
}

/** An http(s) URL without its user information, query and fragment (tokens live there). */
function withoutSecrets(source: string): string {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return `${/^https?:\/\//.exec(source)![0]}${REDACTED}`;
  }
  const hidden = url.username !== "" || url.password !== "" ? `${REDACTED}@` : "";
  const query = url.search === "" ? "" : `?${REDACTED}`;
  return `${url.protocol}//${hidden}${url.host}${url.pathname}${query}`;
}

/**
 * The parts of `source` that must never appear in a message: the whole source when it is redacted,
 * and an http(s) URL's credentials, query and fragment. Longest first, so replacing them in order
 * leaves no fragment behind.
 */
export function secretPartsOf(source: string): string[] {
  const shown = redactSource(source);
  const parts = new Set<string>();
  if (shown !== source) {
    parts.add(source);
    const rest = /^[A-Za-z][A-Za-z0-9+.-]*:(?:\/\/)?(.*)$/s.exec(source)?.[1];
    if (rest !== undefined) parts.add(rest);
  }
  if (/^https?:\/\//.test(source)) {
    try {
      const url = new URL(source);
      if (url.href !== shown) parts.add(url.href);
      for (const part of [url.username, url.password, url.search, url.search.slice(1), url.hash, url.hash.slice(1)]) {
        parts.add(part);
      }
    } catch {
      // an unparsable URL is redacted whole above
    }
  }
  // Fragments too short to be a secret would only garble the message ("?a" in every word).
  return [...parts].filter((part) => part.length >= 4).sort((a, b) => b.length - a.length);
}

/**
 * Removes every secret part of `source` from a foreign message (an HTTP client's, a file system's),
 * which may quote the source whole.
 *
 * @param text the foreign message.
 * @param source the source it is about.
 * @returns the message with each secret part replaced by `[redacted]`.
 */
export function scrubSource(text: string, source: string): string {
  let scrubbed = text;
  for (const part of secretPartsOf(source)) scrubbed = scrubbed.split(part).join(REDACTED);
  return scrubbed;
}
