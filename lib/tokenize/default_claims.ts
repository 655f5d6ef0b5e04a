/**
 * The claims Kratos sets before the mapper runs, and the subject rule it applies before and after.
 *
 * @module
 */

import { TokenizerError } from "../errors.ts";
import type { Session } from "../session/session.ts";
import type { Claims, SubjectSource } from "../types.ts";

/**
 * What Kratos writes for an id the session lacks: its ids are Go `uuid.UUID` values, whose zero value
 * prints as the nil UUID. Sessions from callers (not files, which must have both ids) may lack them.
 */
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * Kratos's default claims: `jti`, `iss`, `exp`, `nbf`, `iat`, `sid` (no `aud`, no `typ`). Times are
 * whole seconds, truncated like Go's `Time.Unix()`.
 *
 * @param nowMs the current time in milliseconds.
 * @param ttlNanos the template's TTL in nanoseconds (Go's `time.Duration`).
 */
export function defaultClaims(session: Session, issuer: string, jti: string, nowMs: number, ttlNanos: bigint): Claims {
  const nowNanos = BigInt(Math.floor(nowMs)) * 1_000_000n;
  return {
    jti,
    iss: issuer,
    exp: unixSeconds(nowNanos + ttlNanos),
    nbf: unixSeconds(nowNanos),
    iat: unixSeconds(nowNanos),
    sid: String(session.id ?? NIL_UUID),
  };
}

function unixSeconds(nanos: bigint): number {
  const seconds = nanos / 1_000_000_000n;
  // BigInt division truncates toward zero; Unix() floors.
  return Number(nanos < 0n && nanos % 1_000_000_000n !== 0n ? seconds - 1n : seconds);
}

/**
 * Sets `sub` from the session, as Kratos's `SetSubjectClaim` does.
 *
 * @throws {TokenizerError} 400 when `external_id` is required but missing, or the source is unknown.
 */
export function setSubjectClaim(claims: Claims, session: Session, source: SubjectSource | "" | undefined): void {
  switch (source ?? "") {
    case "":
    case "id":
      claims["sub"] = String(session.identity?.id ?? NIL_UUID);
      return;
    case "external_id": {
      const externalId = session.identity?.external_id;
      if (typeof externalId !== "string" || externalId === "") {
        throw new TokenizerError("ERR_SUBJECT_EXTERNAL_ID", {
          detail: 'The template has subject_source "external_id", so every identity that tokenizes with it needs an ' +
            'external_id; set one on the identity or use subject_source "id".',
        });
      }
      claims["sub"] = externalId;
      return;
    }
    default:
      throw new TokenizerError("ERR_SUBJECT_SOURCE", {
        text: String(source),
        detail: 'subject_source must be "id" or "external_id".',
      });
  }
}
