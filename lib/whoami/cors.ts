/**
 * CORS as Kratos's public port answers it (`serve.public.cors`: rs/cors v1.11 with Ory's origin
 * matcher), so an app on another origin can call the emulator with cookies.
 *
 * @module
 */

import type { CorsOptions } from "../config/cors_options.ts";

const PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

/** Whether an origin matches, as Ory's `corsx.CheckOrigin` decides (case-insensitive patterns). */
export function originAllowed(allowed: readonly string[], origin: string): boolean {
  if (allowed.length === 0) return true;
  for (const entry of allowed) {
    if (entry === "*") return true;
    const pattern = entry.toLowerCase();
    const star = pattern.indexOf("*");
    if (star < 0) {
      if (pattern === origin) return true;
      continue;
    }
    // Ory honours a wildcard only when it stands for whole subdomain labels of a registrable
    // domain ("https://*.example.com"); "https://*foo.com" or "https://*.com" would match hosts an
    // attacker can register. Without a public-suffix list we require a label and two more labels.
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (!/^\.[^.*]+\.[^.*]+/.test(suffix)) continue;
    if (origin.length >= prefix.length + suffix.length && origin.startsWith(prefix) && origin.endsWith(suffix)) {
      return true;
    }
  }
  return false;
}

/** The rs/cors answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`): 204 always. */
export function preflightResponse(request: Request, options: CorsOptions): Response {
  const headers = new Headers({ Vary: PREFLIGHT_VARY });
  const origin = request.headers.get("Origin") ?? "";
  const method = request.headers.get("Access-Control-Request-Method") ?? "";
  const requested = request.headers.get("Access-Control-Request-Headers");
  const allowedHeaders = ["Origin", ...(options.allowedHeaders ?? ["Authorization", "Content-Type", "Cookie"])]
    .map((name) => name.toLowerCase());
  const headersOk = requested === null ||
    requested.split(",").map((name) => name.trim().toLowerCase()).filter((name) => name !== "")
      .every((name) => allowedHeaders.includes(name));
  if (
    origin !== "" && originAllowed(options.allowedOrigins ?? [], origin) && methodAllowed(method, options) && headersOk
  ) {
    headers.set("Access-Control-Allow-Origin", origin);
    headers.set("Access-Control-Allow-Methods", method);
    if (requested !== null && requested !== "") headers.set("Access-Control-Allow-Headers", requested);
    if (options.allowCredentials ?? true) headers.set("Access-Control-Allow-Credentials", "true");
    if ((options.maxAge ?? 0) > 0) headers.set("Access-Control-Max-Age", String(options.maxAge));
  }
  return new Response(null, { status: 204, headers });
}

/** Adds rs/cors's headers for an actual (non-preflight) request to a response's headers. */
export function addCorsHeaders(request: Request, headers: Headers, options: CorsOptions): void {
  headers.append("Vary", "Origin");
  const origin = request.headers.get("Origin") ?? "";
  if (origin === "" || !originAllowed(options.allowedOrigins ?? [], origin)) return;
  if (!methodAllowed(request.method, options)) return;
  headers.set("Access-Control-Allow-Origin", origin);
  const exposed = options.exposedHeaders ?? ["Content-Type", "Set-Cookie"];
  if (exposed.length > 0) headers.set("Access-Control-Expose-Headers", exposed.map(canonicalHeader).join(", "));
  if (options.allowCredentials ?? true) headers.set("Access-Control-Allow-Credentials", "true");
}

/** Whether a request is a CORS preflight, as rs/cors recognises one. */
export function isPreflight(request: Request): boolean {
  return request.method === "OPTIONS" && (request.headers.get("Access-Control-Request-Method") ?? "") !== "";
}

function methodAllowed(method: string, options: CorsOptions): boolean {
  if (method === "OPTIONS") return true; // rs/cors always allows the preflight's own method
  const allowed = options.allowedMethods ?? ["GET", "POST", "PUT", "PATCH", "DELETE"];
  return allowed.some((entry) => entry.toUpperCase() === method.toUpperCase());
}

/** Go's `http.CanonicalHeaderKey`: `set-cookie` → `Set-Cookie`. */
function canonicalHeader(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
