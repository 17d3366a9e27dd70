import type { BiProfil, Role } from '@imilo/domain';

/** A Mission Locale a user belongs to. */
export interface UserMissionLocale {
  readonly id: string;
  readonly nom: string;
  readonly timezone: string;
  readonly principale: boolean;
  readonly site: { readonly id: string; readonly nom: string } | null;
}

/** The signed-in user as every route sees it (`req.user`). */
export interface SessionUser {
  readonly id: string;
  readonly login: string;
  readonly prenom: string;
  readonly nom: string;
  readonly roles: readonly Role[];
  readonly biProfils: readonly BiProfil[];
  readonly missionsLocales: readonly UserMissionLocale[];
  readonly passwordChangedAt: Date | null;
  readonly mustAcceptCgu: boolean;
}

declare global {
  // Passport types req.user as Express.User; ours is the SessionUser.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}

declare module 'express-session' {
  interface SessionData {
    csrfToken: string;
    createdAt: number;
    lastSeenAt: number;
  }
}
