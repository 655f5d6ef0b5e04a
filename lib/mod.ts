/**
 * ory-tokenizer: Ory's session-to-JWT tokenizer, reproduced exactly, with the tools to author and check
 * tokenizer templates. Web APIs only; runs in Node, Deno, browsers, workers and VS Code.
 *
 * @module
 */

export { generateJwk, generateJwks, rotateJwks } from "./keys/generate_jwks.ts";
export { JWK_ALGS } from "./keys/algorithms.ts";
export type { GenerateJwksOptions } from "./keys/generate_jwks.ts";
export { publicJwks } from "./keys/public_jwks.ts";
export { parseJwks } from "./keys/parse_jwks.ts";
export { parseDuration } from "./encoding/parse_duration.ts";
export { DEFAULT_ISSUER, DEFAULT_TTL, Tokenizer, tokenizeSession } from "./tokenize/tokenizer.ts";
export type { TokenizeCallOptions, TokenizeOptions, TokenizerOptions } from "./tokenize/tokenizer.ts";
export { previewTemplate } from "./tokenize/preview_template.ts";
export type { PreviewError, PreviewInput, PreviewOptions, TemplatePreview } from "./tokenize/preview_template.ts";
export type { ClaimOrigin } from "./tokenize/evaluate_claims.ts";
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
export { compareClaims, formatClaimDifferences } from "./golden/compare_claims.ts";
export type { ClaimDifference, CompareClaimsOptions } from "./golden/compare_claims.ts";
export { checkGoldenCase, GOLDEN_JTI, GOLDEN_NOW, goldenCases } from "./golden/golden_case.ts";
export type { GoldenCase, GoldenCaseOptions, GoldenCheck } from "./golden/golden_case.ts";
export { goldenKeySetUrl, runGoldenCases } from "./golden/run_golden_cases.ts";
export type { GoldenRecording, GoldenResult, GoldenRunOptions } from "./golden/run_golden_cases.ts";
export { lintClaimsMapper } from "./lint/lint_claims_mapper.ts";
export type { LintOptions } from "./lint/lint_claims_mapper.ts";
export type { Diagnostic, DiagnosticCode, DiagnosticFix, DiagnosticSeverity } from "./lint/diagnostic.ts";
export { CLAIMS_SHAPE, HIDDEN_MEMBERS, SESSION_SHAPE } from "./lint/session_shape.ts";
export type { FieldShape, Shape } from "./lint/session_shape.ts";
export { ENGINE_STD, GO_JSONNET_STD } from "./lint/std_functions.ts";
export { JSONNET_KEYWORDS } from "./lint/jsonnet_keywords.ts";
export type { StdOrigin } from "./lint/std_functions.ts";
export { SAMPLE_IDENTITY_ID, SAMPLE_SESSION_ID, sampleSession } from "./session/session.ts";
export { parseSession } from "./session/parse_session.ts";
export type { AuthenticationMethod, Identity, Session, SessionDevice } from "./session/session.ts";
export { goJsonStringify } from "./encoding/go_json.ts";
export type { JsonValue } from "./encoding/go_json.ts";
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
export { createJsonnetEngine, defaultJsonnetEngine, OUTPUT_LIMIT_BYTES, TIMEOUT_MS } from "./jsonnet/engine.ts";
export { createSandboxedJsonnet, defaultJsonnetSandbox } from "./runtime/sandboxed_jsonnet.ts";
export { nodeWorkerSpawner, webWorkerSpawner } from "./runtime/spawn_worker.ts";
export type { JsonnetSandbox, SandboxedJsonnetOptions } from "./jsonnet/sandbox.ts";
export type { SandboxWorker, SandboxWorkerEvents, SpawnWorker } from "./jsonnet/sandbox_worker.ts";
export type {
  EvaluateOptions,
  JsonnetEngineOptions,
  JsonnetEvaluator,
  JsonnetRequest,
  JsonnetResult,
} from "./jsonnet/engine.ts";
export type { JsonnetFailure, JsonnetFailureKind, Position, Range } from "./jsonnet/engine_error.ts";
export { compileJsonnetWasm } from "./jsonnet/wasm_source.ts";
export type { JsonnetWasmSource } from "./jsonnet/wasm_source.ts";
export type {
  Claims,
  Fetch,
  Jwk,
  JwkAlg,
  JwkSet,
  ReadFile,
  ReadFileOptions,
  SubjectSource,
  TokenHeader,
  TokenizeResult,
  TokenizerTemplate,
} from "./types.ts";
export {
  createWhoamiHandler,
  JWKS_PATH,
  SIGN_IN_PATH,
  SIGN_OUT_PATH,
  WHOAMI_PATH,
} from "./whoami/create_whoami_handler.ts";
export type { WhoamiHandlerOptions, WhoamiRequestLog } from "./whoami/create_whoami_handler.ts";
export { createSessionStore } from "./whoami/session_store.ts";
export type { SessionStore } from "./whoami/session_store.ts";
export { parseSessions } from "./whoami/parse_sessions.ts";
export { templatePublicKeys } from "./whoami/template_public_keys.ts";
export type { TemplatePublicKeys } from "./whoami/template_public_keys.ts";
export type { CorsOptions } from "./whoami/cors.ts";
