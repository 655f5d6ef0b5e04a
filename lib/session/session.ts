/**
 * Kratos's session JSON (`GET /sessions/whoami`) as the tokenizer and its mapper see it.
 *
 * @module
 */

import { isObject } from "../encoding/is_object.ts";

/** An authentication method of the session. */
export interface AuthenticationMethod {
  method: string;
  aal: string;
  completed_at: string;
  provider?: string;
  organization?: string;
  [member: string]: unknown;
}

/** A device the session was used from. */
export interface SessionDevice {
  id: string;
  ip_address: string | null;
  user_agent: string | null;
  location: string | null;
}

/** Kratos's identity JSON (never with `credentials` or `metadata_admin` in a session). */
export interface Identity {
  id: string;
  external_id?: string;
  schema_id: string;
  schema_url: string;
  state?: "active" | "inactive";
  state_changed_at?: string;
  traits: unknown;
  verifiable_addresses?: unknown[];
  recovery_addresses?: unknown[];
  metadata_public: unknown;
  created_at: string;
  updated_at: string;
  organization_id: string | null;
  [member: string]: unknown;
}

/** Kratos's session JSON. */
export interface Session {
  id: string;
  active: boolean;
  expires_at: string;
  authenticated_at: string;
  authenticator_assurance_level: string;
  authentication_methods: AuthenticationMethod[] | null;
  issued_at: string;
  identity: Identity;
  devices?: SessionDevice[] | null;
  tokenized?: string;
  [member: string]: unknown;
}

/** Makes every member optional, at every level (arrays are replaced whole). */
export type DeepPartial<T> = T extends unknown[] ? T
  : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
  : T;

/** The identity and session ids of Kratos's own tokenizer tests. */
export const SAMPLE_IDENTITY_ID = "7458af86-c1d8-401c-978a-8da89133f78b";
export const SAMPLE_SESSION_ID = "432caf86-c1d8-401c-978a-8da89133f78b";

function baseSession(): Session {
  // A whoami answer after a password login, in Kratos's field order (Go struct order).
  return {
    id: SAMPLE_SESSION_ID,
    active: true,
    expires_at: "2023-02-02T00:00:00.512345Z",
    authenticated_at: "2023-02-01T00:00:00.512345Z",
    authenticator_assurance_level: "aal1",
    authentication_methods: [{ method: "password", aal: "aal1", completed_at: "2023-02-01T00:00:00.51234Z" }],
    issued_at: "2023-02-01T00:00:00.512345Z",
    identity: {
      id: SAMPLE_IDENTITY_ID,
      external_id: "external-id",
      schema_id: "default",
      schema_url: "http://localhost:4433/schemas/ZGVmYXVsdA",
      state: "active",
      traits: { email: "alice@example.com" },
      verifiable_addresses: [{
        id: "45e867e9-2745-4f16-8dd4-84334a252b61",
        value: "alice@example.com",
        verified: false,
        via: "email",
        status: "sent",
        created_at: "2023-01-31T12:00:00Z",
        updated_at: "2023-01-31T12:00:00Z",
      }],
      recovery_addresses: [{
        id: "b6c3a1f2-6f3e-4a53-9a55-2f1e4b2d9c10",
        value: "alice@example.com",
        via: "email",
        created_at: "2023-01-31T12:00:00Z",
        updated_at: "2023-01-31T12:00:00Z",
      }],
      metadata_public: null,
      created_at: "2023-01-31T12:00:00Z",
      updated_at: "2023-01-31T12:00:00Z",
      organization_id: null,
    },
    devices: [{
      id: "0d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6",
      ip_address: "192.0.2.10",
      user_agent: "Mozilla/5.0",
      location: "",
    }],
  };
}

function merge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete base[key]; // lets a test drop a member, such as identity.external_id
    } else if (isObject(value) && isObject(base[key])) {
      merge(base[key] as Record<string, unknown>, value);
    } else {
      Object.defineProperty(base, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return base;
}

/**
 * A realistic session shaped exactly like Kratos's JSON, with the ids of Kratos's tokenizer tests.
 * Overrides merge deeply; an override of `undefined` removes the member.
 *
 * @example
 * ```ts
 * import { sampleSession } from "./session.ts";
 * const session = sampleSession({ identity: { traits: { email: "bob@example.com" } } });
 * if ((session.identity.traits as { email: string }).email !== "bob@example.com") throw new Error();
 * ```
 */
export function sampleSession(overrides: DeepPartial<Session> = {}): Session {
  return merge(
    baseSession() as unknown as Record<string, unknown>,
    overrides as Record<string, unknown>,
  ) as unknown as Session;
}

/**
 * The session as Kratos serialises it for the mapper: `identity.credentials` and
 * `identity.metadata_admin` are blanked by Kratos's marshaller, and `tokenized` is not yet set.
 */
export function sessionForMapper(session: Session): Session {
  const identity = session.identity as Record<string, unknown> | null | undefined;
  const hides = "tokenized" in session ||
    (isObject(identity) && ("credentials" in identity || "metadata_admin" in identity));
  if (!hides) return session; // the common case: nothing to drop, nothing to copy
  return withoutHidden(session);
}

function withoutHidden(session: Session): Session {
  const { tokenized: _tokenized, identity, ...rest } = session;
  if (!isObject(identity)) return rest as Session;
  const { credentials: _credentials, metadata_admin: _metadataAdmin, ...visible } = identity;
  return { ...rest, identity: visible } as Session;
}
