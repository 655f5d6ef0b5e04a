// templateSource(): the --config or --jwks choice `tokenize` and `diff` share.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { templateSource } from "../lib/cli/template_flags.ts";
import { UsageError } from "../lib/cli/usage_error.ts";

const USAGE = "--config <file>";

function usageError(pattern: RegExp) {
  return (error: unknown) => error instanceof UsageError && pattern.test(error.message);
}

describe("templateSource()", () => {
  it("reads the template from --config", () => {
    assert.deepEqual(templateSource({ config: "kratos.yml", template: "jwt" }, USAGE), { config: "kratos.yml" });
  });

  it("builds the template from --jwks and its parts, file:// paths as Kratos takes them", () => {
    assert.deepEqual(templateSource({ jwks: "k.json" }, USAGE), {
      template: { jwks_url: "file://k.json", ttl: "10m" },
    });
    const source = templateSource(
      { jwks: "k.json", claims: "c.jsonnet", ttl: "1h", "subject-source": "external_id" },
      USAGE,
    );
    assert.deepEqual(source, {
      template: {
        jwks_url: "file://k.json",
        claims_mapper_url: "file://c.jsonnet",
        ttl: "1h",
        subject_source: "external_id",
      },
    });
  });

  it("asks for exactly one of --config and --jwks, in the command's words", () => {
    assert.throws(() => templateSource({}, USAGE), usageError(/^Give either --config <file>, or --jwks <file>/));
    assert.throws(() => templateSource({ config: "a", jwks: "b" }, "--config <file> --template <name>"), {
      message: "Give either --config <file> --template <name>, or --jwks <file> (with --claims, --ttl)",
    });
  });

  it("refuses a template's part beside --config, and an unknown subject source", () => {
    for (const flag of ["claims", "ttl", "subject-source"] as const) {
      assert.throws(
        () => templateSource({ config: "kratos.yml", [flag]: "x" }, USAGE),
        usageError(new RegExp(`^--${flag} belongs with --jwks`)),
      );
    }
    assert.throws(
      () => templateSource({ jwks: "k.json", "subject-source": "email" }, USAGE),
      usageError(/^--subject-source must be one of id, external_id/),
    );
  });
});
