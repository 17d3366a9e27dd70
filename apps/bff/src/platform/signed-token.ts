import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';

// Signed, expiring tokens for links that act without a session or a CSRF header: the "Je confirme" action of a
// push notification (the service worker's request is a plain GET). HMAC-SHA256 under a key derived from the session
// secret for this purpose only; the id (`jti`) lets the caller make a token single-use (table jeton_utilise).

/** What a token says: for whom, about what, until when. */
export interface TokenClaims {
  /** A purpose, so that a token of one kind never passes for another. */
  readonly purpose: string;
  /** The subject (a jeune's id). */
  readonly sub: string;
  /** The object acted on (a rendez-vous' id). */
  readonly obj: string;
  /** Expiry, epoch seconds. */
  readonly exp: number;
  readonly jti: string;
}

export class SignedTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'imilo', 'signed-token/v1', 32));
  }

  /** A token for `purpose` about `obj` for `sub`, valid until `expiresAt`. */
  sign(purpose: string, sub: string, obj: string, expiresAt: Date): string {
    const claims: TokenClaims = { purpose, sub, obj, exp: Math.floor(expiresAt.getTime() / 1000), jti: randomUUID() };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The claims of a genuine, unexpired token of this purpose; `null` for anything else (forged, altered, expired). */
  verify(token: string, purpose: string, now: Date): TokenClaims | null {
    const [body, mac, extra] = token.split('.');
    if (body === undefined || mac === undefined || extra !== undefined) {
      return null;
    }
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return null;
    }
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      // A valid MAC over a body that is not JSON cannot come from sign(): treated as forged.
      return null;
    }
    if (claims.purpose !== purpose || typeof claims.exp !== 'number' || claims.exp * 1000 <= now.getTime()) {
      return null;
    }
    return claims;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
