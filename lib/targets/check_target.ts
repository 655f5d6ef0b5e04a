/**
 * "Will the service the token is for accept it?": a token (or a tokenization's result) checked against a
 * target's documented contract. Errors are what the service refuses; warnings are what it accepts but
 * will bite later.
 *
 * @module
 */

import { isObject } from "../encoding/is_object.ts";
import { TokenError } from "../errors.ts";
import { decodeToken } from "../token/decode_token.ts";
import type { TokenizeResult } from "../types.ts";
import { describeValue, jsonType } from "./claim_values.ts";
import { targetProfile } from "./registry.ts";
import { resolveSettings } from "./resolve_settings.ts";
import type {
  CheckTargetOptions,
  ClaimFormat,
  ClaimRule,
  ClaimType,
  TargetContext,
  TargetFinding,
  TargetName,
  TargetProfile,
  TargetRule,
  TargetVerdict,
} from "./target_types.ts";

const FORMATS: Record<ClaimFormat, { test: (value: string) => boolean; words: string }> = {
  uuid: { test: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), words: "a UUID" },
  email: { test: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), words: "an email address" },
  e164: { test: (v) => /^\+[1-9]\d{1,14}$/.test(v), words: "an E.164 phone number (+15551234567)" },
  url: { test: (v) => urlProtocol(v) !== undefined, words: "a URL" },
  "https-url": { test: (v) => urlProtocol(v) === "https:", words: "an https URL" },
};

function urlProtocol(text: string): string | undefined {
  try {
    return new URL(text).protocol;
  } catch {
    return undefined;
  }
}

const TYPES: Record<ClaimType, { test: (value: unknown) => boolean; words: string }> = {
  string: { test: (v) => typeof v === "string", words: "a string" },
  number: { test: (v) => typeof v === "number" && Number.isFinite(v), words: "a number" },
  boolean: { test: (v) => typeof v === "boolean", words: "true or false" },
  object: { test: isObject, words: "an object" },
  array: { test: Array.isArray, words: "an array" },
  "string-array": {
    test: (v) => Array.isArray(v) && v.every((item) => typeof item === "string"),
    words: "an array of strings",
  },
  "string-or-array": {
    test: (v) => typeof v === "string" || (Array.isArray(v) && v.every((item) => typeof item === "string")),
    words: "a string or an array of strings",
  },
};

/** The claim's name once its renaming setting is applied. */
function claimName(rule: ClaimRule, context: TargetContext): string {
  const renamed = rule.nameSetting === undefined ? undefined : context.settings[rule.nameSetting];
  return typeof renamed === "string" && renamed !== "" ? renamed : rule.name;
}

function claimFindings(profile: TargetProfile, context: TargetContext): TargetFinding[] {
  const findings: TargetFinding[] = [];
  for (const rule of profile.claims) {
    const name = claimName(rule, context);
    const value = Object.hasOwn(context.claims, name) ? context.claims[name] : undefined;
    const finding = (code: string, message: string, fix: string): TargetFinding => ({
      code,
      severity: rule.severity ?? "error",
      about: { kind: "claim", name },
      message: rule.message === undefined ? message : `${rule.message}: ${message}`,
      fix,
      source: rule.source,
    });
    if (value === undefined || value === null) {
      if (rule.required) {
        findings.push(finding(
          "claim-missing",
          `The token has no "${name}" claim (${rule.purpose})`,
          `Add "${name}" to the claims mapper's claims`,
        ));
      }
      continue;
    }
    const type = rule.type === undefined ? undefined : TYPES[rule.type];
    if (type !== undefined && !type.test(value)) {
      findings.push(finding(
        "claim-type",
        `"${name}" is ${jsonType(value)} (${describeValue(value)}); the service expects ${type.words}`,
        `Make "${name}" ${type.words} in the mapper`,
      ));
      continue;
    }
    if (rule.equals !== undefined && value !== rule.equals) {
      findings.push(finding(
        "claim-value",
        `"${name}" is ${describeValue(value)}; the service accepts only ${describeValue(rule.equals)}`,
        `Set "${name}": ${JSON.stringify(rule.equals)} in the mapper`,
      ));
      continue;
    }
    const format = rule.format === undefined ? undefined : FORMATS[rule.format];
    if (format !== undefined && typeof value === "string" && !format.test(value)) {
      findings.push(finding(
        "claim-format",
        `"${name}" is ${describeValue(value)}, not ${format.words} (${rule.purpose})`,
        `Make "${name}" ${format.words}`,
      ));
      continue;
    }
    if (rule.maxLength !== undefined && typeof value === "string" && value.length > rule.maxLength) {
      findings.push(finding(
        "claim-too-long",
        `"${name}" is ${value.length} characters; the service accepts at most ${rule.maxLength}`,
        `Shorten "${name}" in the mapper`,
      ));
    }
  }
  return findings;
}

function headerFindings(profile: TargetProfile, context: TargetContext): TargetFinding[] {
  const findings: TargetFinding[] = [];
  const alg = context.header["alg"];
  const accepted = profile.algorithms.accepted;
  if (typeof alg !== "string" || !(accepted as readonly string[]).includes(alg)) {
    findings.push({
      code: "alg-refused",
      severity: "error",
      about: { kind: "header", name: "alg" },
      message: `${profile.algorithms.message ?? `${profile.title} accepts ${accepted.join(", ")}`}; the token is ` +
        `signed with ${describeValue(alg)}`,
      fix: `Sign with a key whose "alg" is ${accepted[0]} (ory create jwk … --alg ${accepted[0]})`,
      source: profile.algorithms.source,
    });
  }
  const key = context.key;
  const forms = profile.keyForms.accepted;
  // The key's own form, when the header's alg passed: a key of another kind than the token says is a mix-up.
  if (findings.length === 0 && key !== undefined) {
    const secret = key.kty === "oct";
    if (secret ? !forms.includes("shared-secret") : forms.length === 1 && forms[0] === "shared-secret") {
      findings.push({
        code: "key-form",
        severity: "error",
        about: { kind: "key", name: "kty" },
        message: secret
          ? `${profile.title} verifies with public keys (${forms.join(", ")}); a shared secret cannot be registered`
          : `${profile.title} verifies with a shared secret; this key is ${describeValue(key.kty)}`,
        fix: `Sign with a key of the form the service takes (${forms.join(", ")})`,
        source: profile.keyForms.source,
      });
    }
  }
  const kid = context.header["kid"];
  const kidRule = profile.kid;
  const hasKid = typeof kid === "string" && kid !== "";
  const expected = kidRule.setting === undefined ? undefined : context.settings[kidRule.setting];
  const kidFinding = (code: string, message: string, fix: string): TargetFinding => ({
    code,
    severity: "error",
    about: { kind: "header", name: "kid" },
    message: kidRule.message === undefined ? message : `${kidRule.message}: ${message}`,
    fix,
    source: kidRule.source,
  });
  if (kidRule.rule === "required" && !hasKid) {
    findings.push(kidFinding(
      "kid-missing",
      `The header's "kid" is ${describeValue(kid)}; the service needs the id of the key that signed`,
      'Give the signing key a "kid" (Ory copies it into the header), the id the service knows the key by',
    ));
  } else if (typeof expected === "string" && expected !== "" && kid !== expected) {
    findings.push(kidFinding(
      "kid-mismatch",
      `The header's "kid" is ${describeValue(kid)}, not the service's key id ${describeValue(expected)}`,
      `Set the signing key's "kid" to ${describeValue(expected)}`,
    ));
  } else if (
    (kidRule.rule === "required" || kidRule.rule === "match") && hasKid && context.key !== undefined &&
    context.key.kid !== kid
  ) {
    findings.push(kidFinding(
      "kid-mismatch",
      `The header's "kid" is ${describeValue(kid)} but the key's is ${describeValue(context.key.kid)}`,
      "Publish the key with the same kid the token names (the public set comes from the signing set)",
    ));
  }
  return findings;
}

function timeFindings(profile: TargetProfile, context: TargetContext): TargetFinding[] {
  const times = profile.times;
  const findings: TargetFinding[] = [];
  const configuredSkew = times.skewSetting === undefined ? undefined : context.settings[times.skewSetting];
  const skew = typeof configuredSkew === "number" ? configuredSkew : times.skewSeconds ?? 0;
  const leeway = skew + (times.expLeewaySeconds ?? 0);
  const number = (name: string): number | undefined => {
    const value = context.claims[name];
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  };
  const [exp, nbf, iat] = [number("exp"), number("nbf"), number("iat")];
  const now = context.now;
  const finding = (code: string, claim: string, message: string, fix: string, own?: string): TargetFinding => ({
    code,
    severity: "error",
    about: { kind: "claim", name: claim },
    message: own === undefined ? message : `${own}: ${message}`,
    fix,
    source: times.source,
  });
  const skewWords = `${skew} s of clock skew`;
  if (times.checks.includes("exp") && exp !== undefined && exp <= now - leeway) {
    findings.push(finding(
      "token-expired",
      "exp",
      `The token expired ${now - exp} s ago (the service allows ${leeway} s)`,
      "Tokenize again just before the call; a longer ttl only if the service's limits allow it",
      times.message?.exp,
    ));
  }
  if (times.checks.includes("nbf") && nbf !== undefined && nbf > now + leeway) {
    findings.push(finding(
      "token-not-yet-valid",
      "nbf",
      `"nbf" is ${nbf - now} s in the future (the service allows ${skewWords})`,
      "Check the clocks: Ory sets nbf to the moment it signs",
      times.message?.nbf,
    ));
  }
  if (times.checks.includes("iat") && iat !== undefined && iat > now + skew) {
    findings.push(finding(
      "issued-in-future",
      "iat",
      `"iat" is ${iat - now} s in the future (the service allows ${skewWords})`,
      times.skewSetting === undefined
        ? "Check the clocks: Ory sets iat to the moment it signs"
        : `Raise the service's ${profile.settings[times.skewSetting]?.serviceName ?? "skew"}, and check the clocks`,
      times.message?.iat,
    ));
  }
  if (times.maxLifetimeSeconds !== undefined && exp !== undefined && iat !== undefined) {
    if (exp - iat > times.maxLifetimeSeconds) {
      findings.push(finding(
        "lifetime-too-long",
        "exp",
        `The token lives ${exp - iat} s; the service accepts at most ${times.maxLifetimeSeconds} s`,
        `Set the template's ttl to ${times.maxLifetimeSeconds} s or less`,
        times.message?.lifetime,
      ));
    }
  }
  if (times.maxAgeSeconds !== undefined && iat !== undefined && now - iat > times.maxAgeSeconds) {
    findings.push(finding(
      "token-too-old",
      "iat",
      `The token was issued ${now - iat} s ago; the service accepts it for about ${times.maxAgeSeconds} s`,
      "Tokenize just before sending the token",
      times.message?.age,
    ));
  }
  return findings;
}

function ruleFindings(rule: TargetRule, context: TargetContext): TargetFinding[] {
  const problems = rule.check(context);
  if (problems === undefined) return [];
  return (Array.isArray(problems) ? problems : [problems]).map((problem) => ({
    code: problem.code ?? rule.code,
    severity: problem.severity ?? rule.severity,
    about: problem.about ?? rule.about,
    message: problem.message,
    fix: problem.fix,
    source: rule.source,
  }));
}

/** The header and claims of the input; a finding instead when a token string cannot be read. */
function readInput(input: TokenizeResult | string, now: number): {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  problem?: string;
} {
  if (typeof input === "string") {
    try {
      const decoded = decodeToken(input, { now: now * 1000 });
      if (decoded.kind !== "jws" || decoded.header === undefined || decoded.claims === undefined) {
        return { problem: decoded.problems.join("; ") || "the token is not a signed JWT" };
      }
      return { header: decoded.header, claims: decoded.claims };
    } catch (error) {
      if (error instanceof TokenError) return { problem: error.message };
      throw error;
    }
  }
  if (!isObject(input) || !isObject(input.header) || !isObject(input.claims)) {
    throw new TypeError("Cannot check a target: give a token string or a tokenization's { token, header, claims }");
  }
  return { header: input.header as unknown as Record<string, unknown>, claims: input.claims };
}

function nowSeconds(now: CheckTargetOptions["now"]): number {
  const millis = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now;
  if (typeof millis !== "number" || !Number.isFinite(millis)) {
    throw new TypeError("Cannot check a target: `now` must be milliseconds or a Date");
  }
  return Math.floor(millis / 1000);
}

/**
 * Checks a token against what a service documents it accepts: the algorithm, the `kid`, the claims with
 * their types and formats, `aud` and `iss`, the times with the service's clock skew, and the service's own
 * rules, under its settings.
 *
 * @param input a token, or what `tokenizeSession` returned (its `token` is not read).
 * @param target a target's name (`TARGET_NAMES`) or a profile of your own.
 * @param options the clock, the signing key (for the `kid` checks; never echoed), and the profile's settings.
 * @returns the verdict: accepted when no finding is an error; findings never hold a secret or the token.
 * @throws {TokenizerError} `ERR_INVALID_INPUT` for an unknown target (with a did-you-mean) or a setting
 *   that is unknown or of the wrong type (naming it).
 * @throws {TypeError} when the input is neither a string nor a tokenization's result.
 * @example
 * ```ts
 * import { checkTarget } from "./check_target.ts";
 * const header = { alg: "ES256", kid: "k1", typ: "JWT" as const };
 * const verdict = checkTarget({ token: "", header, claims: { sub: "u1" } }, "zendesk-sso");
 * if (verdict.accepted || verdict.findings[0]?.code !== "alg-refused") throw new Error("unexpected");
 * ```
 */
export function checkTarget(
  input: TokenizeResult | string,
  target: TargetName | TargetProfile,
  options: CheckTargetOptions = {},
): TargetVerdict {
  const profile = typeof target === "string" ? targetProfile(target) : target;
  const settings = resolveSettings(profile, options.settings);
  const now = nowSeconds(options.now);
  const read = readInput(input, now);
  if (read.header === undefined || read.claims === undefined) {
    const finding: TargetFinding = {
      code: "token-malformed",
      severity: "error",
      about: { kind: "token", name: "token" },
      message: `The token cannot be read: ${read.problem}`,
      fix: "Pass the compact JWS Ory put in session.tokenized, whole",
      source: "https://www.rfc-editor.org/rfc/rfc7519",
    };
    return { target: profile.name, accepted: false, findings: [finding] };
  }
  const context: TargetContext = { header: read.header, claims: read.claims, key: options.key, settings, now };
  const findings = [
    ...headerFindings(profile, context),
    ...claimFindings(profile, context),
    ...timeFindings(profile, context),
    ...profile.rules.flatMap((rule) => ruleFindings(rule, context)),
  ];
  return { target: profile.name, accepted: !findings.some((f) => f.severity === "error"), findings };
}
