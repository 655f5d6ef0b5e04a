/**
 * Where Kratos looks for a session token in a request, in its order (`session/manager_http.go`
 * `extractToken`): `X-Session-Token`, then the session cookie, then `Authorization: Bearer`.
 *
 * @module
 */

/** Kratos's default `session.cookie.name`. */
export const KRATOS_SESSION_COOKIE = "ory_kratos_session";
/** Ory Network names its session cookie after the project: `ory_session_<slug>`. */
const NETWORK_SESSION_COOKIE = /^ory_session_[A-Za-z0-9_-]+$/;

/**
 * The session token a request carries, or `""` when it carries none.
 *
 * Kratos's cookie holds an encrypted record with the token inside; the emulator's cookie holds the
 * token itself (there is no cookie secret to share), which is what the sign-in route sets.
 *
 * @param cookieName the configured `session.cookie.name`; `ory_session_<slug>` is always accepted too.
 */
export function findSessionToken(request: Request, cookieName = KRATOS_SESSION_COOKIE): string {
  const header = request.headers.get("X-Session-Token") ?? "";
  if (header !== "") return header;
  const cookie = sessionCookie(request.headers.get("Cookie") ?? "", cookieName);
  if (cookie !== undefined && cookie !== "") return cookie;
  return bearerToken(request.headers.get("Authorization") ?? "");
}

/** Go's `bearerTokenFromRequest`: exactly two space-separated parts, the first `bearer` in any case. */
function bearerToken(authorization: string): string {
  const parts = authorization.split(" ");
  return parts.length === 2 && parts[0]!.toLowerCase() === "bearer" ? parts[1]! : "";
}

/** The value of the session cookie, `ory_session_<slug>` counting when the configured name is absent. */
function sessionCookie(header: string, cookieName: string): string | undefined {
  let network: string | undefined;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name === cookieName) return value;
    if (network === undefined && NETWORK_SESSION_COOKIE.test(name)) network = value;
  }
  return network;
}
