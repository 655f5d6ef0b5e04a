/**
 * Rules many services share, built from a few words of their contract: an audience list, an exact issuer,
 * and keys found through the issuer's discovery document.
 *
 * @module
 */

import { audienceList, describeValue, settingList } from "./claim_values.ts";
import type { TargetContext, TargetProblem, TargetRule } from "./target_types.ts";

/** How a service matches `aud` against the audiences configured in its setting. */
export interface AudienceRuleOptions {
  /** The profile's setting holding the configured audience(s). */
  setting: string;
  /** The service's name for that setting, for messages. */
  serviceSetting: string;
  /** Without a configured audience: `any` aud passes, the token `needs-aud`, or an aud is `refused` (Vault). */
  whenUnset: "any" | "needs-aud" | "refused";
  /** With a configured audience, a token without `aud` is `refused` or `accepted` (PostgREST). */
  missingAud: "refused" | "accepted";
  /** `client_id` stands in for an absent `aud` (AWS). */
  clientIdFallback?: boolean;
  /** The service's own words: for a missing `aud`, an unexpected one, and one that matches nothing. */
  messages?: { missing?: string; unexpected?: string; mismatch?: string };
  source: string;
}

function audiencesOf(context: TargetContext, clientIdFallback: boolean): string[] | undefined {
  const aud = context.claims["aud"];
  if (aud === undefined && clientIdFallback && typeof context.claims["client_id"] === "string") {
    return [context.claims["client_id"] as string];
  }
  return audienceList(aud);
}

/** `aud` against the service's configured audiences. */
export function audienceRule(options: AudienceRuleOptions): TargetRule {
  const check = (context: TargetContext): TargetProblem | undefined => {
    const configured = settingList(context.settings[options.setting]);
    const audiences = audiencesOf(context, options.clientIdFallback === true);
    if (audiences === undefined) {
      return {
        code: "aud-invalid",
        message: `"aud" is ${describeValue(context.claims["aud"])}: a string or a list of strings is expected`,
        fix: 'Make "aud" a string (or a list of strings) in the mapper',
      };
    }
    const wanted = configured.length === 0 ? "the audience you configure" : describeValue(configured[0]);
    if (audiences.length === 0) {
      if (configured.length === 0 ? options.whenUnset !== "needs-aud" : options.missingAud === "accepted") return;
      return {
        code: "aud-missing",
        message: options.messages?.missing ?? 'The token has no "aud" claim, and the service requires one',
        fix: `Add "aud": ${wanted} to the claims mapper's claims`,
      };
    }
    if (configured.length === 0) {
      if (options.whenUnset !== "refused") return;
      return {
        code: "aud-unexpected",
        message: options.messages?.unexpected ??
          `The token has "aud" but the service has no ${options.serviceSetting} to match`,
        fix: `Set ${options.serviceSetting} to ${
          describeValue(audiences[0])
        } on the service, or drop "aud" from the mapper`,
      };
    }
    if (audiences.some((audience) => configured.includes(audience))) return;
    return {
      code: "aud-mismatch",
      message: (options.messages?.mismatch === undefined ? "" : `${options.messages.mismatch}: `) +
        `"aud" is ${describeValue(context.claims["aud"])}, which matches none of ${options.serviceSetting} (${
          configured.map((c) => JSON.stringify(c)).join(", ")
        })`,
      fix: `Make the mapper's "aud" ${wanted}, or add the token's audience to ${options.serviceSetting}`,
    };
  };
  return {
    code: "aud-mismatch",
    severity: "error",
    about: { kind: "claim", name: "aud" },
    rule: `"aud" must match ${options.serviceSetting}` +
      (options.whenUnset === "refused" ? "; a token with aud and none configured is refused" : ""),
    source: options.source,
    check,
  };
}

/** How a service matches `iss` against its configured issuer. */
export interface IssuerRuleOptions {
  setting: string;
  serviceSetting: string;
  /** With an issuer configured, a token without `iss` is `refused` or `accepted` (Hasura). */
  missingIss: "refused" | "accepted";
  /** The service's own words for a mismatch. */
  message?: string;
  source: string;
}

/** `iss` equal to the service's configured issuer, character for character. */
export function issuerRule(options: IssuerRuleOptions): TargetRule {
  const check = (context: TargetContext): TargetProblem | undefined => {
    const configured = settingList(context.settings[options.setting]);
    if (configured.length === 0) return;
    const iss = context.claims["iss"];
    if (iss === undefined) {
      if (options.missingIss === "accepted") return;
      return {
        code: "iss-missing",
        message: options.message ?? `The token has no "iss" claim, and ${options.serviceSetting} is set`,
        fix: `Ory always writes "iss": check that the mapper's output reaches the token`,
      };
    }
    if (typeof iss === "string" && configured.includes(iss)) return;
    const slash = typeof iss === "string" && configured.some((c) => c.replace(/\/$/, "") === iss.replace(/\/$/, ""));
    return {
      code: "iss-mismatch",
      message: (options.message === undefined ? "" : `${options.message}: `) +
        `"iss" is ${describeValue(iss)} but ${options.serviceSetting} is ${describeValue(configured[0])}`,
      fix: slash
        ? `They differ only in the trailing slash, which counts: set ${options.serviceSetting} to ${
          describeValue(iss)
        } exactly`
        : `Set ${options.serviceSetting} to the token's "iss" (Kratos's serve.public.base_url, or the project URL)`,
    };
  };
  return {
    code: "iss-mismatch",
    severity: "error",
    about: { kind: "claim", name: "iss" },
    rule: `"iss" must equal ${options.serviceSetting} exactly, when set`,
    source: options.source,
    check,
  };
}

/** Where Ory's own issuer is: it publishes no tokenizer keys, so discovery at it finds nothing. */
function isOryIssuer(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname.endsWith(".oryapis.com");
}

/**
 * Keys found through `<iss>/.well-known/openid-configuration`: `iss` must be an https URL that serves the
 * discovery document and the public key set, which Ory does not publish for tokenizer keys.
 */
export function discoveryRule(options: { httpsRequired: boolean; source: string; message?: string }): TargetRule {
  const check = (context: TargetContext): TargetProblem | undefined => {
    const iss = context.claims["iss"];
    if (typeof iss !== "string") return;
    let url: URL | undefined;
    try {
      url = new URL(iss);
    } catch {
      url = undefined;
    }
    if (url === undefined || url.protocol !== "https:") {
      return {
        code: "iss-not-https",
        severity: options.httpsRequired ? "error" : "warning",
        message: options.message ??
          `"iss" is ${describeValue(iss)}: the service fetches ${
            url === undefined ? "<iss>" : iss.replace(/\/$/, "")
          }/.well-known/openid-configuration over https`,
        fix: "Set Kratos's serve.public.base_url (or the issuer) to an https URL you host, and serve the discovery " +
          "document and the public key set there (ory-tokenizer issuer)",
      };
    }
    return {
      code: "iss-discovery",
      severity: "warning",
      message: `The service reads ${iss.replace(/\/$/, "")}/.well-known/openid-configuration and its jwks_uri` +
        (isOryIssuer(url) ? "; Ory's own issuer publishes no tokenizer keys there" : ""),
      fix: "Host the discovery document and the public key set at the issuer (ory-tokenizer issuer writes both)",
    };
  };
  return {
    code: "iss-discovery",
    severity: "warning",
    about: { kind: "claim", name: "iss" },
    rule: "keys are found through <iss>/.well-known/openid-configuration, over https",
    source: options.source,
    check,
  };
}
