/**
 * `ory-tokenizer diff`: asks a real Ory (Ory Network or a Kratos) for a template's token with Ory's own
 * client, runs the same template here on the session Ory returned, at Ory's `iat` and with Ory's `iss`,
 * and compares the two tokens' headers and claims one by one.
 *
 * @module
 */

// Bundled, this becomes the two modules of the package these come from (scripts/build.ts).
import { Configuration, FetchError, FrontendApi, ResponseError } from "@ory/client-fetch";
import { templateKeySet } from "../../config/template_key_set.ts";
import { TokenError, TokenizerError } from "../../errors.ts";
import { type ClaimDifference, compareClaims, formatClaimDifferences } from "../../golden/compare_claims.ts";
import type { Session } from "../../session/session.ts";
import { decodeToken } from "../../token/decode_token.ts";
import { verifyToken } from "../../token/verify_token.ts";
import type { JwkSet, TokenizerTemplate } from "../../types.ts";
import { Tokenizer } from "../../wired/tokenizer.ts";
import { type Command, oneOf, parseFlags } from "../command.ts";
import { readFileLikeGo, readSourceFile, readStdin } from "../io.ts";
import { loadTemplates } from "../load_config.ts";
import { oneShotJsonnet } from "../one_shot_jsonnet.ts";
import { parseSession } from "../../session/parse_session.ts";
import { TEMPLATE_FLAGS, type TemplateSource, templateSource } from "../template_flags.ts";
import { UsageError } from "../usage_error.ts";

/** One difference, in the report's shape: where, and each side's value. */
interface Difference {
  /** `header.kid`, `claims.role`, `signature`, `token`. */
  path: string;
  kind: ClaimDifference["kind"];
  ory?: unknown;
  emulation?: unknown;
  requirement?: string;
  /** For `token` and `signature`: what went wrong, in words. */
  message?: string;
}

export const diff: Command = {
  help: `Usage:
  ory-tokenizer diff --url <Ory URL> --session-token <token|-> --template <name> --config <kratos.yml|json>
  ory-tokenizer diff --url <Ory URL> --session-token <token|-> --template <name> --jwks <file>
                     [--claims <file>] [--ttl 10m] [--subject-source id|external_id]

Asks the real Ory for GET /sessions/whoami?tokenize_as=<name> with Ory's own client
(@ory/client-fetch), then emulates the same template here on the session Ory returned, with the
issuer Ory used (its token's iss) and Ory's clock (its token's iat), and compares the two tokens:
each header member and each claim, nested values by path. jti is compared as "a UUID v4" and
exp as exp - iat (the ttl); the signature is checked against the local key set. Exit 0 when they
agree, 1 when they differ (or on an error).

Inputs:
  --url <url>              the Ory project (https://<slug>.projects.oryapis.com) or Kratos's public URL
  --session-token <t|->    a session token for a signed-in user; - reads it from standard input
                           (preferred: a token on the command line stays in shell history). It is
                           sent to --url only and never printed
  --template <name>        the template to ask Ory for, and to emulate
  --config <file>          the local Kratos config holding that template (what you deploy)
  --jwks <file>, --claims <file>, --ttl <d>, --subject-source <s>
                           or the template's parts, as \`tokenize\` takes them
  --issuer <url>           emulate with this iss instead of the one in Ory's token
  --format <f>             text (default) or json: {equal, differences: [{path, kind, ory, emulation}]}

The emulation sees the session as whoami returns it: a mapper reading what whoami leaves out
(identity.credentials, metadata_admin) differs from Ory by design.

Examples:
  ory auth   # then, with a session token of a test user:
  echo "$ORY_SESSION_TOKEN" | ory-tokenizer diff --url https://$SLUG.projects.oryapis.com \\
    --session-token - --template jwt_example_template1 --config kratos.yml
  ory-tokenizer diff --url http://127.0.0.1:4433 --session-token - --template jwt \\
    --jwks jwks.json --claims claims.jsonnet --ttl 10m --format json`,
  async run(args, output) {
    const { values } = parseFlags(args, {
      url: { type: "string" },
      "session-token": { type: "string" },
      ...TEMPLATE_FLAGS,
      issuer: { type: "string" },
      format: { type: "string" },
    });
    const format = oneOf("format", values.format, ["text", "json"] as const) ?? (values.json ? "json" : "text");
    if (values.url === undefined) throw new UsageError("Missing --url: the Ory project or Kratos public URL");
    if (values.template === undefined) throw new UsageError("Missing --template <name>");
    if (values["session-token"] === undefined) {
      throw new UsageError("Missing --session-token <token> (or - to read it from standard input)");
    }
    const base = baseUrl(values.url);
    const templates = await localTemplates(values.template, templateSource(values, "--config <file>"));
    const sessionToken = values["session-token"] === "-" ? (await readStdin()).trim() : values["session-token"];
    if (sessionToken === "") throw new UsageError("The session token is empty");

    const ory = await askOry(base, sessionToken, values.template);
    const decoded = decodeToken(ory.token);
    if (decoded.header === undefined || decoded.claims === undefined) {
      throw new Error(`Ory's token does not decode: ${decoded.problems.join("; ")}`);
    }
    const oryClaims = decoded.claims;
    const iat = oryClaims["iat"];
    const issuer = values.issuer ?? (typeof oryClaims["iss"] === "string" ? oryClaims["iss"] : undefined);
    const tokenizer = new Tokenizer({
      templates: templates.all,
      issuer,
      ...(Number.isInteger(iat) ? { now: () => (iat as number) * 1000 } : {}),
      readFile: readSourceFile,
      jsonnet: oneShotJsonnet({ warm: Boolean(templates.all[templates.name]?.claims_mapper_url) }),
    });

    const differences: Difference[] = [];
    let emulated;
    try {
      emulated = await tokenizer.tokenize(ory.session, templates.name);
    } catch (error) {
      if (!(error instanceof TokenizerError)) throw error;
      differences.push({
        path: "token",
        kind: "changed",
        ory: "issued",
        emulation: "failed",
        message: `Ory issued a token; the emulation failed: ${error.reason}${error.detail ? ` ${error.detail}` : ""}`,
      });
    }
    if (emulated !== undefined) {
      const header = compareClaims(decoded.header, { ...emulated.header });
      const lifetime = Number.isInteger(oryClaims["exp"]) && Number.isInteger(iat)
        ? (oryClaims["exp"] as number) - (iat as number)
        : undefined;
      const claims = compareClaims(oryClaims, emulated.claims, { expSeconds: lifetime });
      for (const [part, list] of [["header", header], ["claims", claims]] as const) {
        for (const d of list) differences.push(fromClaimDifference(part, d));
      }
      // The key set the emulation signed with, to check Ory's signature against.
      const keys = await templateKeySet(templates.all[templates.name]!, { readFile: readFileLikeGo });
      const signature = await signatureCheck(ory.token, keys, iat);
      if (signature !== undefined) {
        differences.push({
          path: "signature",
          kind: "changed",
          ory: "signed",
          emulation: "does not verify",
          message: `Ory's token does not verify with the local key set: ${signature}`,
        });
      }
    }
    const equal = differences.length === 0;
    if (format === "json") {
      output.out(
        `${JSON.stringify({ equal, url: base, template: values.template, issuer, differences }, null, 2)}\n`,
      );
    } else {
      output.out(report(equal, base, values.template, differences, decoded.header, oryClaims));
    }
    return equal ? 0 : 1;
  },
};

/** The Ory URL without a trailing slash, as Ory's client joins paths to it. */
function baseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be an http(s) URL, not "${text}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UsageError(`--url must be an http(s) URL, not "${text}"`);
  }
  if (url.search !== "" || url.hash !== "") throw new UsageError("--url takes no query or fragment");
  return url.href.replace(/\/+$/, "");
}

interface LocalTemplates {
  name: string;
  all: Record<string, TokenizerTemplate>;
}

/** The templates to emulate `name` with; `--template` names the one in a config or the one the flags build. */
async function localTemplates(name: string, source: TemplateSource): Promise<LocalTemplates> {
  if ("template" in source) return { name, all: { [name]: source.template } };
  const all = await loadTemplates(source.config);
  // Before asking Ory: a name missing here is a local mistake, not a difference.
  if (!Object.hasOwn(all, name)) {
    throw new TokenizerError("ERR_TEMPLATE_NOT_FOUND", {
      text: name,
      detail: `${source.config} has the templates ${Object.keys(all).join(", ") || "(none)"}.`,
    });
  }
  return { name, all };
}

/** The session and token Ory answers with; the session token goes in a header and nowhere else. */
async function askOry(
  base: string,
  sessionToken: string,
  template: string,
): Promise<{ session: Session; token: string }> {
  const frontend = new FrontendApi(new Configuration({ basePath: base }));
  let text: string;
  try {
    const answer = await frontend.toSessionRaw({ xSessionToken: sessionToken, tokenizeAs: template });
    text = await answer.raw.text();
  } catch (error) {
    if (error instanceof ResponseError) throw await oryFailure(error.response);
    if (error instanceof FetchError) {
      const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
      throw new Error(`Cannot reach Ory at ${base}: ${cause}`);
    }
    throw error;
  }
  // The raw text, not the client's model: the mapper must see Ory's JSON as Ory wrote it (its times
  // with their nanoseconds, members the client's model does not know).
  const parsed = parseSession(text, "Ory's whoami answer");
  const { tokenized, ...session } = parsed as Session & { tokenized?: unknown };
  if (typeof tokenized !== "string" || tokenized === "") {
    throw new Error(`Ory answered without a token for template "${template}" (no "tokenized" in the session)`);
  }
  return { session: session as Session, token: tokenized };
}

/** Ory's error answer, in words: its status, reason and message (never the request's headers). */
async function oryFailure(response: Response): Promise<Error> {
  let error: { reason?: string; message?: string; id?: string } = {};
  try {
    error = ((await response.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON: the status says enough
  }
  const words = [error.reason, error.message].filter((text) => typeof text === "string" && text !== "");
  const hint = response.status === 401
    ? " (the session token is unknown, expired or for another project)"
    : response.status === 400 && /tokenizer template/.test(error.reason ?? "")
    ? " (is the template deployed under this name?)"
    : "";
  return new Error(`Ory answered ${response.status}${words.length > 0 ? `: ${words.join(" ")}` : ""}${hint}`);
}

function fromClaimDifference(part: "header" | "claims", d: ClaimDifference): Difference {
  return {
    path: `${part}.${d.path}`,
    kind: d.kind,
    ...("expected" in d ? { ory: d.expected } : {}),
    ...("actual" in d ? { emulation: d.actual } : {}),
    ...(d.requirement === undefined ? {} : { requirement: d.requirement }),
  };
}

/** Why Ory's token does not verify with the local key set, or undefined when it does. */
async function signatureCheck(token: string, keys: JwkSet, iat: unknown): Promise<string | undefined> {
  try {
    await verifyToken(token, keys, { ...(Number.isInteger(iat) ? { now: (iat as number) * 1000 } : {}) });
    return undefined;
  } catch (error) {
    if (error instanceof TokenError || error instanceof TokenizerError) {
      return error.message;
    }
    throw error;
  }
}

function report(
  equal: boolean,
  base: string,
  template: string,
  differences: readonly Difference[],
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): string {
  const compared = `${Object.keys(header).length} header members and ${Object.keys(claims).length} claims`;
  if (equal) {
    return `Ory (${base}) and the emulation agree on template "${template}": ${compared}, and the signature.\n`;
  }
  const lines = [`Ory (${base}) and the emulation differ on template "${template}" (- Ory, + emulation):`];
  for (const d of differences) {
    if (d.message !== undefined) {
      lines.push(`  ${d.path}: ${d.message}`);
      continue;
    }
    const asClaim: ClaimDifference = {
      path: d.path,
      kind: d.kind,
      ...("ory" in d ? { expected: d.ory } : {}),
      ...("emulation" in d ? { actual: d.emulation } : {}),
      ...(d.requirement === undefined ? {} : { requirement: d.requirement }),
    };
    for (const line of formatClaimDifferences([asClaim])) lines.push(`  ${line}`);
  }
  lines.push(`${differences.length} difference${differences.length === 1 ? "" : "s"} (compared ${compared}).`);
  return `${lines.join("\n")}\n`;
}
