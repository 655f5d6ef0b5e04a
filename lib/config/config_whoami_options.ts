/**
 * What a parsed Kratos config says about its whoami endpoint besides the templates: the base URL,
 * the session cookie's name, `session.whoami.required_aal` and `serve.public.cors`, in the shape
 * `createWhoamiHandler`'s options take them.
 *
 * @module
 */

import { isObject } from "../encoding/is_object.ts";
import { TokenizerError } from "../errors.ts";
import { configAt } from "./config_templates.ts";
import type { CorsOptions } from "./cors_options.ts";

/** What {@linkcode configWhoamiOptions} reads. */
export interface ConfigWhoamiOptions {
  /** `serve.public.base_url`, when a non-empty string. */
  baseUrl: string | undefined;
  /** `session.cookie.name`, when a non-empty string. */
  cookieName: string | undefined;
  /** `session.whoami.required_aal`; Kratos's default, `highest_available`, when absent. */
  requiredAal: "aal1" | "highest_available";
  /** `serve.public.cors` when enabled there or when `corsOrigins` are given; undefined (off) otherwise. */
  cors: CorsOptions | undefined;
}

const CORS_LISTS = ["allowed_origins", "allowed_methods", "allowed_headers", "exposed_headers"] as const;

/**
 * Reads the whoami endpoint's settings from a parsed Kratos config.
 *
 * @param config a parsed config, or undefined for none (every setting then takes Kratos's default).
 * @param options `corsOrigins`: origins to allow besides the config's (such as the CLI's
 *   `--cors-origin`); any of them turns CORS on even where the config leaves it off.
 * @returns the settings; members the config leaves out are undefined.
 * @throws {TokenizerError} `ERR_INVALID_INPUT` when `required_aal` is neither `aal1` nor
 *   `highest_available`, or a CORS list is not a list of strings.
 * @example
 * ```ts
 * import { configWhoamiOptions } from "./config_whoami_options.ts";
 * const config = { session: { whoami: { required_aal: "aal1" } }, serve: { public: { cors: { enabled: true } } } };
 * const options = configWhoamiOptions(config, { corsOrigins: ["http://localhost:3000"] });
 * if (options.requiredAal !== "aal1" || options.cors?.allowedOrigins?.[0] !== "http://localhost:3000") throw new Error();
 * ```
 */
export function configWhoamiOptions(
  config: unknown,
  options: { corsOrigins?: readonly string[] | undefined } = {},
): ConfigWhoamiOptions {
  return {
    baseUrl: nonEmptyString(configAt(config, "serve.public.base_url")),
    cookieName: nonEmptyString(configAt(config, "session.cookie.name")),
    requiredAal: requiredAal(configAt(config, "session.whoami.required_aal")),
    cors: cors(configAt(config, "serve.public.cors"), options.corsOrigins ?? []),
  };
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function requiredAal(value: unknown): "aal1" | "highest_available" {
  if (value === undefined) return "highest_available";
  if (value !== "aal1" && value !== "highest_available") {
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: `Cannot use session.whoami.required_aal ${
        typeof value === "string" ? JSON.stringify(value) : `of type ${value === null ? "null" : typeof value}`
      }: it must be aal1 or highest_available`,
      detail: "aal1 accepts every session; highest_available (Kratos's default) refuses a session that has not " +
        "used a second factor the identity has set up.",
    });
  }
  return value;
}

function cors(value: unknown, extraOrigins: readonly string[]): CorsOptions | undefined {
  const settings = isObject(value) ? value : {};
  if (extraOrigins.length === 0 && settings["enabled"] !== true) return undefined;
  const lists: Partial<Record<(typeof CORS_LISTS)[number], string[]>> = {};
  for (const name of CORS_LISTS) {
    const list = settings[name];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
      throw new TokenizerError("ERR_INVALID_INPUT", {
        text: `Cannot use serve.public.cors.${name}: it must be a list of strings`,
        detail: 'Each of its lists holds strings, such as ["http://localhost:3000"] or ["GET", "POST"].',
      });
    }
    lists[name] = list;
  }
  const allowCredentials = settings["allow_credentials"];
  const maxAge = settings["max_age"];
  return {
    allowedOrigins: [...lists.allowed_origins ?? [], ...extraOrigins],
    allowedMethods: lists.allowed_methods,
    allowedHeaders: lists.allowed_headers,
    exposedHeaders: lists.exposed_headers,
    allowCredentials: typeof allowCredentials === "boolean" ? allowCredentials : undefined,
    maxAge: typeof maxAge === "number" ? maxAge : undefined,
  };
}
