/**
 * Kratos's `serve.public.cors` settings: what `configWhoamiOptions` reads from a config and
 * `createWhoamiHandler` answers with. The config layer owns the shape, being the lower of the two.
 *
 * @module
 */

/** Kratos's `serve.public.cors` settings; every member defaults to Kratos's value. */
export interface CorsOptions {
  /** Origins such as `http://localhost:3000`, `*`, or `https://*.example.com`. Empty allows all (Ory's matcher). */
  allowedOrigins?: readonly string[] | undefined;
  /** Default GET, POST, PUT, PATCH, DELETE. */
  allowedMethods?: readonly string[] | undefined;
  /** Default Authorization, Content-Type, Cookie (rs/cors adds Origin). */
  allowedHeaders?: readonly string[] | undefined;
  /** Default Content-Type, Set-Cookie. */
  exposedHeaders?: readonly string[] | undefined;
  /** Default true. */
  allowCredentials?: boolean | undefined;
  /** Seconds a browser may cache a preflight; 0 (default) sends none. */
  maxAge?: number | undefined;
}
