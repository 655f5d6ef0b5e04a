/**
 * What each member of Kratos's session and of Ory's default claims means, in a line, for hovers and
 * completion details. Paths use `[]` for an array's elements, as `authentication_methods[].method`.
 * The shapes themselves (types, when a member may be missing) are `SESSION_SHAPE`'s.
 *
 * @module
 */

/** Meanings of the session's members (Kratos's `session.Session` as whoami writes it). */
export const SESSION_FIELD_DOCS: Readonly<Record<string, string>> = {
  id: "The session's ID; Ory also puts it in the `sid` claim.",
  active: "Whether the session is active; whoami only answers for active sessions.",
  expires_at: "When the session expires (RFC 3339); not the token's `exp`, which the template's ttl sets.",
  authenticated_at: "When the user last authenticated in this session.",
  authenticator_assurance_level: "The session's assurance level: `aal1` (one factor) or `aal2` (second factor done).",
  authentication_methods: "How the user authenticated, one entry per completed method, oldest first.",
  "authentication_methods[].method": "The method: `password`, `oidc`, `totp`, `webauthn`, `code`, `passkey`, …",
  "authentication_methods[].aal": "The assurance level this method gave.",
  "authentication_methods[].completed_at": "When this method was completed.",
  "authentication_methods[].provider": "The OIDC or SAML provider's ID, for social and enterprise logins.",
  "authentication_methods[].organization": "The organization's ID, for organization (B2B) logins.",
  "authentication_methods[].upstream_acr": "The upstream identity provider's `acr`, when it sent one.",
  "authentication_methods[].upstream_amr": "The upstream identity provider's `amr`, when it sent one.",
  issued_at: "When the session was issued.",
  identity: "The signed-in identity (credentials and admin metadata are removed before the mapper runs).",
  "identity.id": "The identity's ID: the `sub` claim unless the template's subject_source is external_id.",
  "identity.external_id": "The ID your own system knows the identity by; `sub` with subject_source: external_id.",
  "identity.schema_id": "The ID of the identity schema the traits follow.",
  "identity.schema_url": "Where the identity schema is served.",
  "identity.state": "`active` or `inactive`.",
  "identity.state_changed_at": "When the state last changed.",
  "identity.traits": "The identity's traits, shaped by your identity schema (email, name, …).",
  "identity.verifiable_addresses": "Addresses (email, phone) that can be verified, with their status.",
  "identity.verifiable_addresses[].id": "The address's ID.",
  "identity.verifiable_addresses[].value": "The address itself.",
  "identity.verifiable_addresses[].verified": "Whether the user proved they own the address.",
  "identity.verifiable_addresses[].via": "`email` or `sms`.",
  "identity.verifiable_addresses[].status": "`pending`, `sent` or `completed`.",
  "identity.verifiable_addresses[].verified_at": "When the address was verified.",
  "identity.verifiable_addresses[].created_at": "When the address was added.",
  "identity.verifiable_addresses[].updated_at": "When the address last changed.",
  "identity.recovery_addresses": "Addresses account recovery can use.",
  "identity.recovery_addresses[].id": "The address's ID.",
  "identity.recovery_addresses[].value": "The address itself.",
  "identity.recovery_addresses[].via": "`email` or `sms`.",
  "identity.recovery_addresses[].break_glass_for_organization": "Set for an organization's break-glass address.",
  "identity.recovery_addresses[].created_at": "When the address was added.",
  "identity.recovery_addresses[].updated_at": "When the address last changed.",
  "identity.metadata_public": "Metadata your backend set that the user may read; null when never set.",
  "identity.created_at": "When the identity was created.",
  "identity.updated_at": "When the identity last changed.",
  "identity.organization_id": "The organization the identity belongs to, or null.",
  "identity.region": "The identity's region, in multi-region Ory Network projects.",
  devices: "The devices (browsers, apps) the session was used from.",
  "devices[].id": "The device record's ID.",
  "devices[].ip_address": "The IP address the device was seen at.",
  "devices[].user_agent": "The device's User-Agent header.",
  "devices[].location": "Where the device was seen (Ory Network's geolocation), often empty.",
};

/** Meanings of Ory's default claims (`std.extVar('claims')`). */
export const CLAIMS_FIELD_DOCS: Readonly<Record<string, string>> = {
  jti: "A random UUID per token.",
  iss: "Kratos's public base URL (`serve.public.base_url`), or the Ory Network project's URL.",
  exp: "When the token expires: now plus the template's ttl, in seconds since 1970.",
  nbf: "Not before: when the token was issued, in seconds since 1970.",
  iat: "Issued at, in seconds since 1970.",
  sid: "The session's ID.",
  sub: "The identity's ID (or external ID); Ory sets it again after the mapper, so changing it has no effect.",
};
