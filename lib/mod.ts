/**
 * ory-tokenizer: Ory's session-to-JWT tokenizer, reproduced exactly, with the tools to author and check
 * tokenizer templates. Web APIs only; runs in Node, Deno, browsers, workers and VS Code.
 *
 * This root entry holds what issuing and verifying tokens needs: key sets, the tokenizer, templates in
 * Ory's config, verifying and decoding, sessions and the errors. Authoring (`ory-tokenizer/lint`), golden
 * tests (`ory-tokenizer/golden`), the whoami emulator (`ory-tokenizer/whoami`), the Jsonnet engine
 * (`ory-tokenizer/jsonnet`) and the editor tables (`ory-tokenizer/editor`) have entries of their own.
 *
 * @module
 */

export { generateJwk, generateJwks, rotateJwks } from "./keys/generate_jwks.ts";
export { JWK_ALGS } from "./keys/algorithms.ts";
export type { GenerateJwksOptions } from "./keys/generate_jwks.ts";
export { publicJwks } from "./keys/public_jwks.ts";
export { parseJwks } from "./keys/parse_jwks.ts";
export { parseDuration } from "./encoding/parse_duration.ts";
export { DEFAULT_ISSUER, DEFAULT_TTL } from "./tokenize/tokenizer.ts";
export { Tokenizer, tokenizeSession } from "./wired/tokenizer.ts";
export type { TokenizeCallOptions, TokenizeOptions, TokenizerOptions } from "./tokenize/tokenizer.ts";
export type { JsonnetEvaluator } from "./jsonnet/engine.ts";
export { SOURCE_MAX_BYTES, SOURCE_TIMEOUT_MS } from "./sources/source_limits.ts";
export type { SourceLimits } from "./sources/source_limits.ts";
export { encodeTemplate } from "./config/encode_template.ts";
export type { EncodeTemplateInput } from "./config/encode_template.ts";
export { decodeTemplate } from "./config/decode_template.ts";
export type { DecodedTemplate, DecodeTemplateOptions } from "./config/decode_template.ts";
export { checkTemplateName, TEMPLATE_NAME_PATTERN } from "./config/check_template_name.ts";
export { toOryPatchCommand } from "./config/to_ory_patch_command.ts";
export type { OryPatchCommandOptions } from "./config/to_ory_patch_command.ts";
export { toKratosConfig } from "./config/to_kratos_config.ts";
export { toJsonPatch } from "./config/to_json_patch.ts";
export { configFormat, configTemplates, TEMPLATES_PATH } from "./config/config_templates.ts";
export type { JsonPatchOperation, JsonPatchOptions } from "./config/to_json_patch.ts";
export { verifyToken } from "./token/verify_token.ts";
export type { VerifiedToken, VerifyOptions } from "./token/verify_token.ts";
export { decodeToken, REGISTERED_CLAIMS } from "./token/decode_token.ts";
export type {
  DecodedToken,
  DecodeTokenOptions,
  RegisteredClaim,
  TimeClaim,
  TokenKind,
  TokenSegment,
} from "./token/decode_token.ts";
export { SAMPLE_IDENTITY_ID, SAMPLE_SESSION_ID, sampleSession } from "./session/session.ts";
export { parseSession } from "./session/parse_session.ts";
export type { AuthenticationMethod, Identity, Session, SessionDevice } from "./session/session.ts";
export { goJsonStringify } from "./encoding/go_json.ts";
export type { JsonValue } from "./encoding/go_json.ts";
export { checkTarget } from "./targets/check_target.ts";
export { TARGET_NAMES, TARGET_PROFILES, targetProfile } from "./targets/registry.ts";
export type {
  CheckTargetOptions,
  ClaimFormat,
  ClaimRule,
  ClaimType,
  KeyForm,
  TargetAbout,
  TargetContext,
  TargetFinding,
  TargetName,
  TargetProblem,
  TargetProfile,
  TargetRule,
  TargetSetting,
  TargetSeverity,
  TargetStarter,
  TargetVerdict,
} from "./targets/target_types.ts";
export { TokenError, TokenizerError } from "./errors.ts";
export type {
  ErrorDetails,
  OryErrorBody,
  TokenErrorCode,
  TokenErrorJson,
  TokenErrorOptions,
  TokenizerErrorCode,
  TokenizerErrorOptions,
} from "./errors.ts";
export type {
  Claims,
  Fetch,
  Jwk,
  JwkAlg,
  JwkSet,
  Position,
  Range,
  ReadFile,
  ReadFileOptions,
  SubjectSource,
  TokenHeader,
  TokenizeResult,
  TokenizerTemplate,
} from "./types.ts";
