/**
 * The session presets: lib's sample whoami answer varied along what mappers branch on (the factor and
 * AAL, `external_id`, an organization, Unicode traits, `metadata_public` null or set), and the guide's
 * mapper as the starting template.
 */
import { sampleSession, type Session } from "ory-tokenizer";

/** The mapper of Ory's tokenizer guide: the default claims plus the schema and the whole session. */
export const GUIDE_MAPPER = `local claims = std.extVar('claims');
local session = std.extVar('session');

{
  claims: {
    iss: claims.iss + '/additional-component',
    schema_id: session.identity.schema_id,
    session: session,
  },
}
`;

const TOTP_METHODS = [
  { method: "password", aal: "aal1", completed_at: "2023-02-01T00:00:00.51234Z" },
  { method: "totp", aal: "aal2", completed_at: "2023-02-01T00:00:30.51234Z" },
];

export interface SessionPreset {
  label: string;
  session: () => Session;
}

export const SESSION_PRESETS: readonly SessionPreset[] = [
  { label: "Password, aal1 (metadata_public null)", session: () => sampleSession() },
  {
    label: "Password + TOTP, aal2",
    session: () => sampleSession({ authenticator_assurance_level: "aal2", authentication_methods: TOTP_METHODS }),
  },
  { label: "Without external_id", session: () => sampleSession({ identity: { external_id: undefined } }) },
  {
    label: "With an organization (SSO)",
    session: () =>
      sampleSession({
        authentication_methods: [{
          method: "oidc",
          aal: "aal1",
          completed_at: "2023-02-01T00:00:00.51234Z",
          provider: "acme-sso",
          organization: "5d2f0c1e-3a4b-4c5d-8e9f-0a1b2c3d4e5f",
        }],
        identity: { organization_id: "5d2f0c1e-3a4b-4c5d-8e9f-0a1b2c3d4e5f" },
      }),
  },
  {
    label: "Traits with Unicode",
    session: () =>
      sampleSession({
        identity: { traits: { email: "zoë@example.com", name: { first: "Zoë", last: "Ångström" }, city: "東京 🗼" } },
      }),
  },
  {
    label: "metadata_public set",
    session: () => sampleSession({ identity: { metadata_public: { plan: "pro", roles: ["admin"] } } }),
  },
];
