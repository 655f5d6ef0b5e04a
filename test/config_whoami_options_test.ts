// configWhoamiOptions(): what a parsed Kratos config says about the whoami endpoint (base URL, cookie
// name, required AAL, CORS), with Kratos's defaults where it says nothing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ConfigWhoamiOptions, configWhoamiOptions } from "../lib/config/config_whoami_options.ts";
import { TokenizerError } from "../lib/errors.ts";
import type { WhoamiHandlerOptions } from "../lib/entries/whoami.ts";

/** True only when the two types are the same type (the type checks of Deno and tsc enforce it). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
// One shape of CORS settings, owned by the config layer: what a config yields is what the handler takes.
const ONE_CORS_SHAPE: Same<NonNullable<ConfigWhoamiOptions["cors"]>, NonNullable<WhoamiHandlerOptions["cors"]>> = true;

const DEFAULTS: ConfigWhoamiOptions = {
  baseUrl: undefined,
  cookieName: undefined,
  requiredAal: "highest_available",
  cors: undefined,
};
const NO_LISTS = {
  allowedMethods: undefined,
  allowedHeaders: undefined,
  exposedHeaders: undefined,
  allowCredentials: undefined,
  maxAge: undefined,
};

function config(session: unknown, serve: unknown): unknown {
  return { session, serve };
}

describe("configWhoamiOptions()", () => {
  it("yields CORS settings of the very type createWhoamiHandler takes", () => {
    assert.equal(ONE_CORS_SHAPE, true);
  });

  const read: [string, unknown, readonly string[], ConfigWhoamiOptions][] = [
    ["no config", undefined, [], DEFAULTS],
    ["a config without these settings", config({}, {}), [], DEFAULTS],
    ["a config that is not an object", ["session"], [], DEFAULTS],
    [
      "every setting",
      config(
        { cookie: { name: "app_session" }, whoami: { required_aal: "aal1" } },
        {
          public: {
            base_url: "https://auth.example.test/",
            cors: {
              enabled: true,
              allowed_origins: ["https://app.example.test"],
              allowed_methods: ["GET"],
              allowed_headers: ["Authorization"],
              exposed_headers: ["Set-Cookie"],
              allow_credentials: false,
              max_age: 600,
            },
          },
        },
      ),
      ["http://localhost:3000"],
      {
        baseUrl: "https://auth.example.test/",
        cookieName: "app_session",
        requiredAal: "aal1",
        cors: {
          allowedOrigins: ["https://app.example.test", "http://localhost:3000"],
          allowedMethods: ["GET"],
          allowedHeaders: ["Authorization"],
          exposedHeaders: ["Set-Cookie"],
          allowCredentials: false,
          maxAge: 600,
        },
      },
    ],
    [
      "empty strings and mistyped members as absent",
      config(
        { cookie: { name: "" }, whoami: { required_aal: "highest_available" } },
        { public: { base_url: 42, cors: { enabled: true, allow_credentials: "yes", max_age: "600" } } },
      ),
      [],
      { ...DEFAULTS, cors: { allowedOrigins: [], ...NO_LISTS } },
    ],
    [
      "CORS turned on by extra origins where the config leaves it off",
      config({}, { public: { cors: { enabled: false, allowed_methods: ["GET"] } } }),
      ["http://localhost:3000"],
      { ...DEFAULTS, cors: { ...NO_LISTS, allowedOrigins: ["http://localhost:3000"], allowedMethods: ["GET"] } },
    ],
    [
      "CORS left off, its lists unread, when the config does not enable it",
      config({}, { public: { cors: { enabled: "true", allowed_origins: "*" } } }),
      [],
      DEFAULTS,
    ],
  ];
  for (const [what, parsed, corsOrigins, expected] of read) {
    it(`reads ${what}`, () => {
      assert.deepEqual(configWhoamiOptions(parsed, { corsOrigins }), expected);
    });
  }

  it("takes no options", () => {
    assert.deepEqual(configWhoamiOptions(undefined), DEFAULTS);
  });

  const refused: [string, unknown, RegExp][] = [
    [
      "a required_aal Kratos does not know",
      config({ whoami: { required_aal: "aal2" } }, {}),
      /^Cannot use session\.whoami\.required_aal "aal2": it must be aal1 or highest_available$/,
    ],
    [
      "a required_aal that is not a string, without echoing it",
      config({ whoami: { required_aal: { secret: "x" } } }, {}),
      /^Cannot use session\.whoami\.required_aal of type object: it must be aal1 or highest_available$/,
    ],
    [
      "a CORS list that is a string",
      config({}, { public: { cors: { enabled: true, allowed_origins: "*" } } }),
      /^Cannot use serve\.public\.cors\.allowed_origins: it must be a list of strings$/,
    ],
    [
      "a CORS list that holds a number",
      config({}, { public: { cors: { enabled: true, exposed_headers: ["X-A", 1] } } }),
      /^Cannot use serve\.public\.cors\.exposed_headers: it must be a list of strings$/,
    ],
  ];
  for (const [what, parsed, reason] of refused) {
    it(`refuses ${what} with ERR_INVALID_INPUT`, () => {
      assert.throws(() => configWhoamiOptions(parsed), (error: unknown) => {
        assert.ok(error instanceof TokenizerError);
        assert.equal(error.code, "ERR_INVALID_INPUT");
        assert.match(error.reason, reason);
        assert.ok(error.detail !== undefined && error.detail !== "");
        return true;
      });
    });
  }
});
