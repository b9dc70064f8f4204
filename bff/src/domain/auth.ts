/** Sign-in, renewal and sign-out: WeChat identifies the person, sessions keep them signed in. */
import { DomainError } from './errors';
import type { Identity, Principal } from './identity';
import type { Sessions, TokenPair } from './sessions';
import type { Users } from './users';
import type { WeChatPort } from '../wechat/port';

export interface SignInResult extends TokenPair {
  principal: Principal;
  /** True on the very first sign-in (the mini-program shows its registration choice). */
  isNewUser: boolean;
}

export class Auth {
  constructor(
    private readonly wechat: WeChatPort,
    private readonly users: Users,
    private readonly identity: Identity,
    private readonly sessions: Sessions,
  ) {}

  async signIn(code: string): Promise<SignInResult> {
    const { openid } = await this.wechat.code2Session(code);
    const { user, created } = await this.users.signIn(openid);
    const principal = await this.identity.principalOf(user);
    const pair = await this.sessions.issue(this.identity.claimsOf(principal));
    return { ...pair, principal, isNewUser: created };
  }

  /** Rotates the refresh token; the new access token carries the user's current roles. */
  async refresh(refreshToken: string): Promise<SignInResult> {
    const { userId, familyId } = await this.sessions.consume(refreshToken);
    const principal = await this.identity.load(userId);
    if (!principal) throw new DomainError('TOKEN_INVALID', undefined, { reason: 'user' });
    const pair = await this.sessions.issue(this.identity.claimsOf(principal), familyId);
    return { ...pair, principal, isNewUser: false };
  }

  signOut(refreshToken: string): Promise<void> {
    return this.sessions.revokeFamilyOf(refreshToken);
  }

  /** Access token → live principal. Throws TOKEN_EXPIRED / TOKEN_INVALID. */
  async authenticate(accessToken: string): Promise<Principal> {
    const claims = this.sessions.verifyAccess(accessToken);
    const principal = await this.identity.load(claims.sub);
    if (!principal) throw new DomainError('TOKEN_INVALID', undefined, { reason: 'user' });
    return principal;
  }
}
