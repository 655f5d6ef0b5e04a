/**
 * Throughput side by side: raw jose signing, raw engine evaluation, and our whole tokenize path.
 */
import { createRequire } from "node:module";
import { CompactSign, importJWK, type JWK } from "jose";
import { goJsonStringify, type JsonValue, Tokenizer } from "../lib/mod.ts";
import { DOCS_MAPPER, jwks, session, template } from "./fixtures.ts";
import { type Measurement, rate } from "./measure.ts";

const tokenizer = new Tokenizer({ templates: { bench: template } });
const { claims, header } = await tokenizer.tokenize(session, "bench");
const payload = new TextEncoder().encode(goJsonStringify(claims as JsonValue));
const privateKey = await importJWK(jwks.keys[0] as JWK, "ES256");

// The stock engine package, as anyone would call it: ext strings parsed in Jsonnet, one reused VM.
const Jsonnet = createRequire(import.meta.url)("@arakoodev/jsonnet") as new () => {
  extString(key: string, value: string): unknown;
  evaluateSnippet(source: string): string;
};
const rawMapper = DOCS_MAPPER.replace("std.extVar('claims')", "std.parseJson(std.extVar('claims'))")
  .replace("std.extVar('session')", "std.parseJson(std.extVar('session'))");
const vm = new Jsonnet();
const sessionJson = JSON.stringify(session);
const claimsJson = goJsonStringify(claims as JsonValue);

export const throughput: Measurement[] = [
  {
    name: "sign_per_s",
    unit: "ops/s",
    description: "raw jose ES256 compact signing of the same payload",
    run: ({ seconds }) =>
      rate(() => new CompactSign(payload).setProtectedHeader({ ...header }).sign(privateKey), seconds),
  },
  {
    name: "eval_per_s",
    unit: "ops/s",
    description: "raw engine evaluation of the guide's mapper with the same session (stock package, one VM)",
    run: ({ seconds }) =>
      rate(() => {
        vm.extString("session", sessionJson);
        vm.extString("claims", claimsJson);
        return Promise.resolve(vm.evaluateSnippet(rawMapper));
      }, seconds),
  },
  {
    name: "tokenize_per_s",
    unit: "ops/s",
    description: "Tokenizer.tokenize, cached template, ES256 + the guide's mapper, sequential",
    run: ({ seconds }) => rate(() => tokenizer.tokenize(session, "bench"), seconds),
  },
  {
    name: "tokenize_concurrent_per_s",
    unit: "ops/s",
    description: "the same with 2 concurrent callers",
    run: ({ seconds }) => rate(() => tokenizer.tokenize(session, "bench"), seconds, 2),
  },
  {
    name: "ratio",
    unit: "×",
    description: "tokenize_per_s / min(sign_per_s, eval_per_s): the share of the bound the glue keeps",
    target: { min: 0.8 },
    run: ({ results }) =>
      Promise.resolve(results["tokenize_per_s"]! / Math.min(results["sign_per_s"]!, results["eval_per_s"]!)),
  },
  {
    name: "sequential_bound_ratio",
    unit: "×",
    description:
      "tokenize_per_s / (1 / (1/sign_per_s + 1/eval_per_s)): against one caller's real bound, signing after evaluating",
    run: ({ results }) =>
      Promise.resolve(results["tokenize_per_s"]! * (1 / results["sign_per_s"]! + 1 / results["eval_per_s"]!)),
  },
  {
    name: "concurrent_ratio",
    unit: "×",
    description: "tokenize_concurrent_per_s / (min(sign, eval) × 2 cores): how close overlap gets to the 2-core bound",
    run: ({ results }) =>
      Promise.resolve(
        results["tokenize_concurrent_per_s"]! / (Math.min(results["sign_per_s"]!, results["eval_per_s"]!) * 2),
      ),
  },
];
