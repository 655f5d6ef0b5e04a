/**
 * `serve --target`: the emulator's tokenizer, checking each token it issues against the targets and
 * reporting a refused one in one line (never the token, never the key).
 *
 * @module
 */

import { templateKeySet } from "../config/template_key_set.ts";
import type { Session } from "../session/session.ts";
import type { TargetVerdict } from "../targets/target_types.ts";
import type { TokenizeCallOptions, TokenizerOptions } from "../tokenize/tokenizer.ts";
import type { Jwk, ReadFile, TokenizeResult } from "../types.ts";
import { Tokenizer } from "../wired/tokenizer.ts";
import { aboutWords } from "../targets/about_words.ts";
import { checkTargets, type ChosenTarget } from "./target_flags.ts";

/** `target hasura refuses template "jwt": x-hasura-default-role: … [default-role] (+1 more)`. */
export function refusalLine(template: string, verdict: TargetVerdict): string {
  const errors = verdict.findings.filter((finding) => finding.severity === "error");
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (+${errors.length - 1} more; tokenize --target ${verdict.target} lists them)` : "";
  return `target ${verdict.target} refuses template "${template}": ${aboutWords(first)}: ${first.message} ` +
    `[${first.code}]${more}`;
}

/** A {@linkcode Tokenizer} whose every token is checked against the targets after it is issued. */
export class TargetCheckedTokenizer extends Tokenizer {
  readonly #targets: readonly ChosenTarget[];
  readonly #report: (line: string) => void;
  readonly #templates: TokenizerOptions["templates"];
  readonly #readFile: ReadFile | undefined;
  readonly #keys = new Map<string, Promise<Jwk | undefined>>();

  /**
   * @param options as {@linkcode Tokenizer}'s.
   * @param targets the targets to check each token against.
   * @param report gets one line per refused token.
   */
  constructor(options: TokenizerOptions, targets: readonly ChosenTarget[], report: (line: string) => void) {
    super(options);
    this.#targets = targets;
    this.#report = report;
    this.#templates = options.templates;
    this.#readFile = options.readFile;
  }

  override async tokenize(session: Session, templateName: string, call?: TokenizeCallOptions): Promise<TokenizeResult> {
    const result = await super.tokenize(session, templateName, call);
    const verdicts = checkTargets(this.#targets, result, { key: await this.#signingKey(templateName) });
    for (const verdict of Object.values(verdicts)) {
      if (!verdict.accepted) this.#report(refusalLine(templateName, verdict));
    }
    return result;
  }

  /** The template's signing key, for the key checks; none when it cannot be read again (then not checked). */
  #signingKey(name: string): Promise<Jwk | undefined> {
    let key = this.#keys.get(name);
    if (key === undefined) {
      key = templateKeySet(this.#templates[name] ?? { jwks_url: "" }, { readFile: this.#readFile })
        .then((jwks) => jwks.keys[0], () => undefined);
      this.#keys.set(name, key);
    }
    return key;
  }
}
