/**
 * `ory-tokenizer encode`: a key set and a mapper as Ory config (a patch command, a kratos.yml block,
 * JSON, or a JSON Patch), checked first; and `encode --decode`, what a deployed template contains.
 *
 * @module
 */

import { checkTemplateName } from "../../config/check_template_name.ts";
import { decodeTemplate } from "../../config/decode_template.ts";
import { encodeTemplate } from "../../config/encode_template.ts";
import { findConfigTemplates } from "../../config/find_config_templates.ts";
import { TTL_PATTERN } from "../../encoding/parse_duration.ts";
import { fetchSource } from "../../sources/fetch_source.ts";
import { TokenizerError } from "../../errors.ts";
import { parseJwks } from "../../keys/parse_jwks.ts";
import { PRIVATE_MEMBERS } from "../../keys/public_jwks.ts";
import { createSigner, signingAlgorithm } from "../../keys/signing_key.ts";
import { toJsonPatch } from "../../config/to_json_patch.ts";
import { toKratosConfig } from "../../config/to_kratos_config.ts";
import { toOryPatchCommand } from "../../config/to_ory_patch_command.ts";
import type { Jwk, JwkSet, TokenizerTemplate } from "../../types.ts";
import { type Command, oneOf, type Output, parseFlags } from "../command.ts";
import { readFileLikeGo, readSourceFile, readText } from "../io.ts";
import { parseConfigYaml } from "../parse_config_yaml.ts";
import { UsageError } from "../usage_error.ts";

const FORMATS = ["ory-patch", "yaml", "json", "json-patch"] as const;

/** The `encode` command. */
export const encode: Command = {
  help: `Usage:
  ory-tokenizer encode --jwks <file> [--claims <file>] --name <template> [--ttl 10m]
                       [--subject-source id|external_id] [--format ory-patch|yaml|json|json-patch]
                       [--project <id>] [--workspace <id>]
  ory-tokenizer encode --decode <config file | base64://…> [--name <template>] [--show-private]
                       [--format text|json]

Encoding turns the files into the template Ory's config holds, with every source as base64:// in
standard base64 with padding on one line (what \`base64 -w0\` gives and Ory's fetcher reads). It
checks first what Ory would only find at run time: the key set parses, its first key (the one Ory
signs with) is a private key whose "alg" fits it, the ttl matches Ory's schema, the name matches
Ory's pattern [a-zA-Z0-9-_.]+.

Formats (--format, default ory-patch):
  ory-patch    the \`ory patch identity-config\` command from Ory's guide, quoted to paste into bash
               (without --project/--workspace it uses the projects picked by \`ory use\`)
  yaml         the session.whoami.tokenizer.templates block for a self-hosted kratos.yml
  json         the same block as JSON
  json-patch   RFC 6902 operations: [{"op":"add","path":"/session/whoami/tokenizer/templates/<name>",…}]

Flags:
  --jwks <file>              the PRIVATE key set (\`ory create jwk\` or \`ory-tokenizer jwk create\`)
  --claims <file>            the Jsonnet claims mapper, encoded byte for byte
  --name <template>          the template name, what callers pass as ?tokenize_as=<name>
  --ttl <duration>           token lifetime (default 10m; written out, since Ory's code treats an
                             omitted ttl as 0 and its tokens would expire at once)
  --subject-source <s>       id (default: not written) or external_id
  --project, --workspace     for --format ory-patch

Decoding (--decode) reads a kratos.yml or JSON config, the output of \`ory get identity-config\`, a
JSON Patch, a saved \`ory patch\` command, a single template object, or one base64:// value, and shows
each template: ttl, subject source, every key (kid, alg, type, private or public; which one signs,
and whether Ory can sign with it) and the mapper's source. Key sets are shown as their PUBLIC half
unless --show-private is given (an HMAC secret is hidden). file:// sources are read relative to the
working directory, as Kratos does. --format json prints the same as JSON.

Examples:
  ory-tokenizer jwk create some-example-set --alg ES256 --out es256.jwks.json
  ory-tokenizer encode --jwks es256.jwks.json --claims claims.jsonnet --name jwt_example_template1 \\
    --ttl 10m --project "$PROJECT_ID" --workspace "$WORKSPACE_ID" > patch.sh
  sh patch.sh                           # runs the ory patch identity-config command
  ory-tokenizer encode --jwks es256.jwks.json --name jwt_example_template1 --format yaml >> kratos.yml
  ory get identity-config --project "$PROJECT_ID" --format yaml > identity-config.yaml
  ory-tokenizer encode --decode identity-config.yaml --name jwt_example_template1
  ory-tokenizer encode --decode 'base64://eyJrZXlzIjpbXX0='`,
  async run(args, output) {
    const { values } = parseFlags(args, {
      jwks: { type: "string" },
      claims: { type: "string" },
      name: { type: "string" },
      ttl: { type: "string" },
      "subject-source": { type: "string" },
      format: { type: "string" },
      project: { type: "string" },
      workspace: { type: "string" },
      decode: { type: "string" },
      "show-private": { type: "boolean" },
    });
    if (values.decode !== undefined) {
      for (const flag of ["jwks", "claims", "ttl", "subject-source", "project", "workspace"] as const) {
        if (values[flag] !== undefined) throw new UsageError(`--${flag} is for encoding; --decode reads a config`);
      }
      const format = oneOf("format", values.format, ["text", "json"] as const) ?? "text";
      return await decodeCommand(values.decode, values.name, format, values["show-private"] ?? false, output);
    }
    if (values["show-private"]) throw new UsageError("--show-private belongs with --decode");
    return await encodeCommand(values, output);
  },
};

type Values = Record<string, string | boolean | undefined>;

function nameFlag(name: string | undefined): string {
  if (name === undefined) {
    throw new UsageError("Missing --name <template>: the name callers pass as ?tokenize_as=<name>");
  }
  try {
    return checkTemplateName(name);
  } catch (error) {
    throw new UsageError(`--name: ${(error as TokenizerError).reason}`);
  }
}

/** A file's exact text: a BOM stays (Ory would see it too), and bytes that are not UTF-8 are refused. */
async function exactText(path: string, flag: string): Promise<string> {
  const bytes = path === "-" ? new TextEncoder().encode(await readText("-")) : await readFileLikeGo(path);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // What a file holds is data: exit 1, like every other file-content error (2 is for the command line).
    throw new TokenizerError("ERR_INVALID_INPUT", {
      text: `--${flag} ${path} is not UTF-8 text`,
      detail: "Ory reads key sets and mappers as UTF-8; save the file as UTF-8 (a BOM is kept, as Ory would see it).",
    });
  }
}

async function encodeCommand(values: Values, output: Output): Promise<number> {
  const format = oneOf("format", values["format"] as string | undefined, FORMATS) ?? "ory-patch";
  const jwksPath = values["jwks"] as string | undefined;
  if (jwksPath === undefined) throw new UsageError("Missing --jwks <file>: the private key set Ory signs with");
  const name = nameFlag(values["name"] as string | undefined);
  const ttl = (values["ttl"] as string | undefined) ?? "10m";
  if (!TTL_PATTERN.test(ttl)) {
    throw new UsageError(
      `--ttl must be a Go duration such as 10m, 1h30m or 1500ms (Ory's schema allows digits with ns, us, ms, s, m, h), not "${ttl}"`,
    );
  }
  const subjectSource = oneOf(
    "subject-source",
    values["subject-source"] as string | undefined,
    ["id", "external_id"] as const,
  );
  if (format !== "ory-patch" && (values["project"] !== undefined || values["workspace"] !== undefined)) {
    throw new UsageError("--project and --workspace belong with --format ory-patch");
  }
  const jwksText = await exactText(jwksPath, "jwks");
  await checkSigningKey(parseJwks(jwksText));
  const claimsPath = values["claims"] as string | undefined;
  const claimsMapper = claimsPath === undefined ? undefined : await exactText(claimsPath, "claims");
  const template = encodeTemplate({ jwks: jwksText, claimsMapper, ttl, subjectSource });
  const templates = { [name]: template };
  switch (format) {
    case "ory-patch":
      output.out(
        `${
          toOryPatchCommand(name, template, {
            project: values["project"] as string | undefined,
            workspace: values["workspace"] as string | undefined,
          })
        }\n`,
      );
      break;
    case "yaml":
    case "json":
      output.out(toKratosConfig(templates, format));
      break;
    case "json-patch":
      output.out(`${JSON.stringify(toJsonPatch(templates), null, 2)}\n`);
      break;
  }
  return 0;
}

/** Ory signs with the first key: the checks Kratos makes at run time, made now (Ory's errors). */
async function checkSigningKey(set: JwkSet): Promise<void> {
  const first = set.keys[0];
  if (first === undefined) {
    throw new TokenizerError("ERR_JWKS_EMPTY", {
      detail: "The key set has no keys; Ory signs with the first one. Create one with `ory-tokenizer jwk create`.",
    });
  }
  await createSigner(first, signingAlgorithm(first));
}

// ---------------------------------------------------------------------------------------------------
// --decode

/** The templates in a base64:// value given on the command line, or in a file (lib finds them). */
async function templatesIn(source: string): Promise<Record<string, TokenizerTemplate>> {
  if (source.startsWith("base64://")) return { value: { jwks_url: source } };
  return findConfigTemplates(await readText(source), { parse: parseConfigYaml, label: source });
}

/** What the reader may see of a key: without --show-private, no private member and no HMAC secret. */
function shownKey(key: Jwk, showPrivate: boolean): Jwk {
  if (showPrivate) return key;
  const shown = {} as Jwk;
  for (const [member, value] of Object.entries(key)) {
    if (!PRIVATE_MEMBERS.includes(member)) shown[member] = value;
    else if (key.kty === "oct" && member === "k") shown[member] = "[hidden: an HMAC secret; --show-private shows it]";
  }
  return shown;
}

function describeKey(key: Jwk, index: number): string {
  const parts = [
    typeof key.kid === "string" && key.kid !== "" ? `kid "${key.kid}"` : "no kid",
    typeof key.alg === "string" ? key.alg : 'no "alg"',
    [key.kty, key.crv].filter((p) => typeof p === "string").join(" "),
    ...(typeof key.use === "string" ? [`use ${key.use}`] : []),
    key.kty === "oct" ? "shared secret" : typeof key["d"] === "string" ? "private" : "public only",
  ];
  return `key ${index + 1}${index === 0 ? " (signs)" : ""}: ${parts.join(", ")}`;
}

/** Whether Ory could sign with this set, in Ory's words. */
async function signingProblem(set: JwkSet): Promise<string | undefined> {
  try {
    await checkSigningKey(set);
    return undefined;
  } catch (error) {
    if (!(error instanceof TokenizerError)) throw error;
    return `Ory cannot sign with this template: ${error.reason}${error.detail ? ` (${error.detail})` : ""}`;
  }
}

function sourceKind(url: string): string {
  const scheme = /^([a-z0-9]+):\/\//i.exec(url)?.[1];
  return scheme === "base64" ? `base64, ${url.length - 9} characters` : url;
}

interface Shown {
  name: string;
  ttl?: string;
  subject_source?: string;
  jwks?: JwkSet;
  claims_mapper?: string;
  problems: string[];
}

async function showTemplate(
  name: string,
  template: TokenizerTemplate,
  showPrivate: boolean,
  single: boolean,
): Promise<{ shown: Shown; text: string }> {
  const problems: string[] = [];
  const lines = [`template "${name}"`];
  if (!single) {
    lines.push(`  ttl: ${template.ttl ?? "(not set: Ory's code uses 0, so tokens expire at once; set ttl: 10m)"}`);
    lines.push(`  subject_source: ${template.subject_source || "(not set: id, the identity id)"}`);
  }
  let jwks: JwkSet | undefined;
  let claimsMapper: string | undefined;
  if (single) {
    // A lone base64:// value may hold a key set or a mapper: a key set if it parses as one.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await fetchSource(template.jwks_url, ["base64"], {}),
    );
    try {
      jwks = parseJwks(text);
    } catch {
      claimsMapper = text;
    }
  } else {
    ({ jwks, claimsMapper } = await decodeTemplate(template, { readFile: readSourceFile }));
  }
  if (jwks !== undefined) {
    lines.push(
      `  jwks_url: ${sourceKind(template.jwks_url)}: ${jwks.keys.length} key${jwks.keys.length === 1 ? "" : "s"}`,
    );
    jwks.keys.forEach((key, i) => lines.push(`    ${describeKey(key, i)}`));
    const problem = await signingProblem(jwks);
    if (problem !== undefined) {
      problems.push(problem);
      lines.push(`  warning: ${problem}`);
    }
    const shown = { ...jwks, keys: jwks.keys.map((key) => shownKey(key, showPrivate)) };
    const hidden = !showPrivate && jwks.keys.some((key) => Object.keys(key).some((m) => PRIVATE_MEMBERS.includes(m)));
    lines.push(
      `  key set${hidden ? " (public half; --show-private shows the private members)" : ""}:`,
      indent(JSON.stringify(shown, null, 2), "    "),
    );
    jwks = shown;
  }
  if (claimsMapper !== undefined) {
    const source = single ? template.jwks_url : template.claims_mapper_url!;
    const lineCount = claimsMapper.split("\n").length - (claimsMapper.endsWith("\n") ? 1 : 0);
    lines.push(
      `  claims_mapper_url: ${sourceKind(source)}: ${
        new TextEncoder().encode(claimsMapper).length
      } bytes, ${lineCount} line${lineCount === 1 ? "" : "s"}${
        claimsMapper.includes("\r\n") ? ", CRLF line ends" : ""
      }`,
      indent(claimsMapper.replace(/\r?\n$/, ""), "    | "),
    );
  } else if (!single) {
    lines.push("  claims_mapper_url: (none: the token carries the default claims only)");
  }
  const shown: Shown = {
    name,
    ...(template.ttl === undefined ? {} : { ttl: template.ttl }),
    ...(template.subject_source === undefined ? {} : { subject_source: template.subject_source }),
    ...(jwks === undefined ? {} : { jwks }),
    ...(claimsMapper === undefined ? {} : { claims_mapper: claimsMapper }),
    problems,
  };
  return { shown, text: lines.join("\n") };
}

function indent(text: string, prefix: string): string {
  return text.split("\n").map((line) => `${prefix}${line}`.trimEnd()).join("\n");
}

async function decodeCommand(
  source: string,
  name: string | undefined,
  format: "text" | "json",
  showPrivate: boolean,
  output: Output,
): Promise<number> {
  const single = source.startsWith("base64://");
  let templates = await templatesIn(source);
  if (name !== undefined) {
    // Own members only: "toString" is no template.
    const template = Object.hasOwn(templates, name) ? templates[name] : undefined;
    if (template === undefined) {
      throw new UsageError(
        `No template "${name}" in ${source} (it has ${Object.keys(templates).join(", ") || "none"})`,
      );
    }
    templates = { [name]: template };
  }
  const results = [];
  for (const [templateName, template] of Object.entries(templates)) {
    results.push(await showTemplate(templateName, template, showPrivate, single));
  }
  if (format === "json") {
    output.out(
      `${JSON.stringify(Object.fromEntries(results.map(({ shown: { name: n, ...rest } }) => [n, rest])), null, 2)}\n`,
    );
  } else {
    output.out(`${results.map((r) => r.text).join("\n\n")}\n`);
  }
  return 0;
}
