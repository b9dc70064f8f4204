/**
 * Sessions: a short-lived access token (JWT, HS256) plus a long-lived refresh token that renews it
 * without the user noticing.
 *
 * - The access token's claims (roles, applicant, open unit) are hints for the client; the server
 *   reloads the user on every request and authorises on that, so a revocation applies at once.
 * - A refresh token is 256 random bits, stored only as its SHA-256, and rotated on every use. Every
 *   token descends from one sign-in (its family); presenting an already-rotated token means it was
 *   copied, so the whole family is revoked and the user must sign in again.
 * - Only HS256 is accepted: `none`, HS512, RS256… are refused before the signature is even considered.
 */
import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { newId } from './ids';
import { ROLES } from './users';
import type { CollectionSpec, Store } from '../store';

const ISSUER = 'kcq-bff';

export const accessClaimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)),
  /** Applicant id, or null. */
  aid: z.string().nullable(),
  /** Open unit id (staff), or null. */
  ouid: z.string().nullable(),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

export interface RefreshTokenDoc {
  _id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set when rotated; presenting it again revokes the family. */
  usedAt: Date | null;
}

export const REFRESH_TOKENS: CollectionSpec = {
  name: 'refresh_tokens',
  indexes: [{ fields: ['tokenHash'], unique: true }, { fields: ['familyId'] }, { fields: ['userId'] }],
};

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export interface SessionOptions {
  secret: string;
  /** Seconds. */
  accessTtl: number;
  /** Seconds. */
  refreshTtl: number;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const invalid = (reason: string) => new DomainError('TOKEN_INVALID', undefined, { reason });

/** Bounds the verified-token memo; a clear only costs re-verification. */
const VERIFIED_TOKENS = 50_000;

export class Sessions {
  /**
   * The HMAC key, built once: given a string, jsonwebtoken re-derives a key object (createPublicKey,
   * then createSecretKey) on every call, which was the largest cost of an authenticated request.
   */
  private readonly key: KeyObject;
  /** Access tokens already verified, with their claims and expiry (see verifyAccess). */
  private readonly verified = new Map<string, { claims: AccessClaims; exp: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly opts: SessionOptions,
  ) {
    this.key = createSecretKey(Buffer.from(opts.secret, 'utf8'));
  }

  private get col() {
    return this.store.collection<RefreshTokenDoc>(REFRESH_TOKENS);
  }

  signAccess(claims: AccessClaims): { token: string; expiresAt: Date } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const token = jwt.sign({ ...claims, iat }, this.key, {
      algorithm: 'HS256',
      expiresIn: this.opts.accessTtl,
      issuer: ISSUER,
    });
    return { token, expiresAt: new Date((iat + this.opts.accessTtl) * 1000) };
  }

  /**
   * Throws TOKEN_EXPIRED or TOKEN_INVALID (bad signature, algorithm, issuer or claims). A token is
   * verified once per process: the key never changes while it runs, so the signature and claims of
   * the same string cannot change either; the expiry is still compared with the clock on every use.
   */
  verifyAccess(token: string): AccessClaims {
    const hit = this.verified.get(token);
    if (hit) {
      // Expired as jsonwebtoken says it: from the second `exp` names on.
      if (Math.floor(this.clock.now().getTime() / 1000) >= hit.exp) throw new DomainError('TOKEN_EXPIRED');
      return hit.claims;
    }
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch (err) {
      // jsonwebtoken checks the signature before the expiry, so only a genuine token can be "expired".
      if (err instanceof jwt.TokenExpiredError) throw new DomainError('TOKEN_EXPIRED');
      throw invalid('jwt');
    }
    const claims = accessClaimsSchema.safeParse(payload);
    if (!claims.success) throw invalid('claims');
    const { exp, nbf } = payload as { exp?: unknown; nbf?: unknown };
    if (typeof exp === 'number' && nbf === undefined) {
      if (this.verified.size >= VERIFIED_TOKENS) this.verified.clear();
      this.verified.set(token, { claims: Object.freeze(claims.data), exp });
    }
    return claims.data;
  }

  /**
   * Who an access token names, if its signature verifies — expired or not (rate limits key on it: the
   * signature proves the identity, the expiry is the route's concern). Null for anything else.
   */
  subjectOf(token: string): string | null {
    const hit = this.verified.get(token);
    if (hit) return hit.claims.sub;
    try {
      return this.verifyAccess(token).sub;
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'TOKEN_EXPIRED') return null;
    }
    try {
      const payload = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, ignoreExpiration: true });
      const claims = accessClaimsSchema.safeParse(payload);
      return claims.success ? claims.data.sub : null;
    } catch {
      return null;
    }
  }

  /** A new pair; `familyId` continues a family (rotation), otherwise a sign-in starts one. */
  async issue(claims: AccessClaims, familyId: string = newId('sf')): Promise<TokenPair> {
    const now = this.clock.now();
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(now.getTime() + this.opts.refreshTtl * 1000);
    await this.col.insert({
      _id: newId('rt'),
      userId: claims.sub,
      familyId,
      tokenHash: hash(refreshToken),
      createdAt: now,
      expiresAt: refreshTokenExpiresAt,
      usedAt: null,
    });
    // Housekeeping: this user's dead tokens go when they get a new one.
    await this.col.deleteMany({ userId: claims.sub, expiresAt: { $lt: now } });
    const access = this.signAccess(claims);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt };
  }

  /**
   * Spends a refresh token: returns whose it is and its family, to issue the next pair in.
   * An unknown token is TOKEN_INVALID, an expired one TOKEN_EXPIRED; a rotated one revokes the family.
   */
  async consume(refreshToken: string): Promise<{ userId: string; familyId: string }> {
    const doc = await this.col.findOne({ tokenHash: hash(refreshToken) });
    if (!doc) throw invalid('unknown');
    const now = this.clock.now();
    if (doc.expiresAt.getTime() <= now.getTime()) throw new DomainError('TOKEN_EXPIRED');
    // The conditional update makes two concurrent uses of one token count as a reuse.
    const spent = await this.col.updateOne({ _id: doc._id, usedAt: null }, { $set: { usedAt: now } });
    if (!spent) {
      await this.col.deleteMany({ familyId: doc.familyId });
      throw invalid('reused');
    }
    return { userId: doc.userId, familyId: doc.familyId };
  }

  /** Sign-out: the token's whole family stops working. Unknown tokens are ignored. */
  async revokeFamilyOf(refreshToken: string): Promise<void> {
    const doc = await this.col.findOne({ tokenHash: hash(refreshToken) });
    if (doc) await this.col.deleteMany({ familyId: doc.familyId });
  }

  /** Every session of a user (e.g. after their enterprise was moved to someone else). */
  async revokeUser(userId: string): Promise<void> {
    await this.col.deleteMany({ userId });
  }
}
