/**
 * The flags that choose a template, shared by `tokenize` and `diff`: `--config` (the template comes from
 * a Kratos config), or `--jwks` with `--claims`, `--ttl` and `--subject-source`, made into the template a
 * Kratos config would hold. `--template` names it in the config; each command decides what it means
 * with `--jwks`.
 *
 * @module
 */

import type { TokenizerTemplate } from "../types.ts";
import { oneOf } from "./command.ts";
import { UsageError } from "./usage_error.ts";

/** The flags, as {@linkcode parseFlags} takes them. */
export const TEMPLATE_FLAGS = {
  config: { type: "string" },
  template: { type: "string" },
  jwks: { type: "string" },
  claims: { type: "string" },
  ttl: { type: "string" },
  "subject-source": { type: "string" },
} as const;

type TemplateFlagValues = { [K in keyof typeof TEMPLATE_FLAGS]?: string | undefined };

/** A Kratos config to read the template from, or the template the flags describe. */
export type TemplateSource = { config: string } | { template: TokenizerTemplate };

/**
 * Where the template comes from: exactly one of `--config` and `--jwks`, and the template's parts only
 * with `--jwks`.
 *
 * @param configUsage the config form as the command's usage writes it, for the error when neither
 *   or both are given.
 * @throws {UsageError} for neither or both forms, a part given with `--config`, or an unknown subject source.
 */
export function templateSource(values: TemplateFlagValues, configUsage: string): TemplateSource {
  const { config, jwks, claims } = values;
  if ((config === undefined) === (jwks === undefined)) {
    throw new UsageError(`Give either ${configUsage}, or --jwks <file> (with --claims, --ttl)`);
  }
  if (config !== undefined) {
    for (const flag of ["claims", "ttl", "subject-source"] as const) {
      if (values[flag] !== undefined) {
        throw new UsageError(`--${flag} belongs with --jwks; with --config the template sets it`);
      }
    }
    return { config };
  }
  const subjectSource = oneOf("subject-source", values["subject-source"], ["id", "external_id"] as const);
  // file:// keeps the author's file name in Jsonnet diagnostics, as in Kratos.
  return {
    template: {
      jwks_url: `file://${jwks}`,
      ...(claims === undefined ? {} : { claims_mapper_url: `file://${claims}` }),
      ttl: values.ttl ?? "10m",
      ...(subjectSource === undefined ? {} : { subject_source: subjectSource }),
    },
  };
}
