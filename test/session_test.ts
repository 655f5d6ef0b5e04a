// sampleSession(): Kratos's whoami JSON, member for member and in Go's struct order.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sampleSession } from "../lib/mod.ts";
import { sessionForMapper } from "../lib/session/session.ts";

describe("sampleSession()", () => {
  it("has Kratos's members in struct order", () => {
    const session = sampleSession();
    assert.deepEqual(Object.keys(session), [
      "id",
      "active",
      "expires_at",
      "authenticated_at",
      "authenticator_assurance_level",
      "authentication_methods",
      "issued_at",
      "identity",
      "devices",
    ]);
    assert.deepEqual(Object.keys(session.identity), [
      "id",
      "external_id",
      "schema_id",
      "schema_url",
      "state",
      "traits",
      "verifiable_addresses",
      "recovery_addresses",
      "metadata_public",
      "created_at",
      "updated_at",
      "organization_id",
    ]);
  });

  it("keeps Kratos's nulls and leaves out what Kratos never shows", () => {
    const { identity } = sampleSession();
    assert.equal(identity.metadata_public, null);
    assert.equal(identity.organization_id, null);
    for (const hidden of ["credentials", "metadata_admin", "state_changed_at"]) assert.ok(!(hidden in identity));
    assert.ok(!("tokenized" in sampleSession()));
  });

  it("merges overrides deeply and removes members set to undefined", () => {
    const session = sampleSession({
      identity: { traits: { email: "b@example.com" }, external_id: undefined },
      authenticator_assurance_level: "aal2",
    });
    assert.deepEqual(session.identity.traits, { email: "b@example.com" });
    assert.ok(!("external_id" in session.identity));
    assert.equal(session.authenticator_assurance_level, "aal2");
    assert.equal(session.identity.schema_id, "default");
  });

  it("returns a fresh object each time", () => {
    const a = sampleSession();
    (a.identity.traits as Record<string, unknown>)["email"] = "changed";
    assert.equal((sampleSession().identity.traits as Record<string, unknown>)["email"], "alice@example.com");
  });
});

describe("sessionForMapper()", () => {
  it("drops credentials, metadata_admin and tokenized like Kratos's marshaller", () => {
    const session = { ...sampleSession(), tokenized: "t" };
    Object.assign(session.identity, { credentials: {}, metadata_admin: {} });
    const seen = sessionForMapper(session);
    assert.ok(!("tokenized" in seen));
    assert.ok(!("credentials" in seen.identity) && !("metadata_admin" in seen.identity));
  });
});
