/**
 * Which `Host` a local emulator answers. A page on any site can point its own domain name at
 * 127.0.0.1 (DNS rebinding) and then read the emulator's answers as same-origin: signing in through
 * the emulator's cookie route and reading whoami would hand it tokens signed with the templates' keys.
 * The browser still sends the page's own name as `Host`, so a server that answers only the names it
 * is reached by (as Vite's and webpack's dev servers do) is out of that page's reach.
 *
 * @module
 */

/**
 * Whether a request's host is one the emulator answers: an IP address (a rebinding page has a name,
 * never an address), `localhost` and its subdomains (RFC 6761: they never leave the machine), or one
 * of `allowed` (case-insensitive host names, without port).
 *
 * @param url the request's URL: its host is the request's `Host` header in every runtime's server.
 * @param allowed further host names, such as the one the server was started on and its public base URL.
 * @example
 * ```ts
 * import { hostAllowed } from "./allowed_hosts.ts";
 * if (!hostAllowed(new URL("http://127.0.0.1:4433/"), [])) throw new Error();
 * if (hostAllowed(new URL("http://rebind.example:4433/"), ["127.0.0.1"])) throw new Error();
 * ```
 */
export function hostAllowed(url: URL, allowed: readonly string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return true;
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return allowed.some((name) => name.toLowerCase().replace(/\.$/, "") === host);
}
