local session = std.extVar('session');

{
  claims: {
    email: session.identity.trait.email,
    aal: session.authenticator_assurance_level,
  },
}
