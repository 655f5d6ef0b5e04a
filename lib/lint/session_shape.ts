/**
 * The shape of what a mapper can read: Kratos's session JSON (as `json.Marshal(*Session)` writes it,
 * with the identity's credentials and admin metadata blanked) and the default claims.
 *
 * @module
 */

/** A value's shape. `open` means any JSON the project defines (traits, public metadata). */
export type Shape =
  | { kind: "object"; fields: Readonly<Record<string, FieldShape>> }
  | { kind: "array"; element: Shape }
  | { kind: "open" }
  | { kind: "scalar"; type: string };

/** A member of an object shape; `absent` and `nullable` say when reading it needs a guard. */
export interface FieldShape {
  shape: Shape;
  /** Why the member may be missing (Kratos omits it when empty). */
  absent?: string;
  /** Why the member may be `null`. */
  nullable?: string;
}

const string: FieldShape = { shape: { kind: "scalar", type: "a string" } };
const time: FieldShape = { shape: { kind: "scalar", type: "a time string" } };
const boolean: FieldShape = { shape: { kind: "scalar", type: "a boolean" } };

function object(fields: Record<string, FieldShape>): Shape {
  return { kind: "object", fields };
}

function optional(shape: FieldShape, absent: string): FieldShape {
  return { ...shape, absent };
}

const authenticationMethod = object({
  method: string,
  aal: string,
  completed_at: time,
  provider: optional(string, "only OIDC and SAML methods have it"),
  organization: optional(string, "only organization logins have it"),
  upstream_acr: optional(string, "only some OIDC logins have it"),
  upstream_amr: optional(
    { shape: { kind: "array", element: { kind: "scalar", type: "a string" } } },
    "only some OIDC logins have it",
  ),
});

const verifiableAddress = object({
  id: string,
  value: string,
  verified: boolean,
  via: string,
  status: string,
  verified_at: optional(time, "Kratos omits it until the address is verified"),
  created_at: time,
  updated_at: time,
});

const recoveryAddress = object({
  id: string,
  value: string,
  via: string,
  break_glass_for_organization: optional(boolean, "Kratos omits it unless it is set"),
  created_at: time,
  updated_at: time,
});

const identity = object({
  id: string,
  external_id: optional(string, "Kratos omits it when the identity has no external ID"),
  schema_id: string,
  schema_url: string,
  state: string,
  state_changed_at: optional(time, "Kratos omits it when the state never changed"),
  traits: { shape: { kind: "open" } },
  verifiable_addresses: optional(
    { shape: { kind: "array", element: verifiableAddress } },
    "Kratos omits it when the identity has no verifiable address",
  ),
  recovery_addresses: optional(
    { shape: { kind: "array", element: recoveryAddress } },
    "Kratos omits it when the identity has no recovery address",
  ),
  metadata_public: { shape: { kind: "open" }, nullable: "it is null unless the identity's public metadata is set" },
  created_at: time,
  updated_at: time,
  organization_id: { shape: { kind: "scalar", type: "a string or null" } },
  region: optional(string, "only multi-region Ory Network projects set it"),
});

/** Kratos's session as the mapper reads it through `std.extVar('session')`. */
export const SESSION_SHAPE: Shape = object({
  id: string,
  active: boolean,
  expires_at: time,
  authenticated_at: time,
  authenticator_assurance_level: string,
  authentication_methods: { shape: { kind: "array", element: authenticationMethod } },
  issued_at: time,
  identity: { shape: identity },
  devices: {
    shape: { kind: "array", element: object({ id: string, ip_address: string, user_agent: string, location: string }) },
  },
});

/** The default claims Ory passes as `std.extVar('claims')` (with `sub` already set). */
export const CLAIMS_SHAPE: Shape = object({
  jti: string,
  iss: string,
  exp: { shape: { kind: "scalar", type: "a number" } },
  nbf: { shape: { kind: "scalar", type: "a number" } },
  iat: { shape: { kind: "scalar", type: "a number" } },
  sid: string,
  sub: string,
});

/** Members a mapper can never read, and why. */
export const HIDDEN_MEMBERS: Readonly<Record<string, string>> = {
  "identity.credentials": "Kratos removes the identity's credentials before the mapper runs",
  "identity.metadata_admin": "Kratos removes the identity's admin metadata before the mapper runs",
  tokenized: "Kratos sets tokenized after the mapper runs",
};
