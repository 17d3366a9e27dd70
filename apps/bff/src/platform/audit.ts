import type { Request } from 'express';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Clock } from './clock';
import type { SessionUser } from './session-user';
import { principalOf } from './tenancy';

/** One audit row (décret 2015-59 art. 10): who did what to which object, when, from where. */
export interface AuditEntry {
  readonly action: string;
  readonly outcome: 'success' | 'failure';
  readonly actorId: string | null;
  readonly missionLocaleId: string | null;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** Non-personal context (reason codes, changed field names); never passwords, codes or dossier content. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Writes audit rows. */
export class AuditLog {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry, transaction?: Transaction): Promise<void> {
    await this.sequelize.query(
      `INSERT INTO audit_log (at, actor_id, mission_locale_id, action, outcome, target_type, target_id, ip, user_agent, details)
       VALUES (:at, :actorId, :missionLocaleId, :action, :outcome, :targetType, :targetId, :ip, :userAgent, :details)`,
      {
        type: QueryTypes.INSERT,
        transaction,
        replacements: {
          at: this.clock.now(),
          actorId: entry.actorId,
          missionLocaleId: entry.missionLocaleId,
          action: entry.action,
          outcome: entry.outcome,
          targetType: entry.targetType ?? null,
          targetId: entry.targetId ?? null,
          ip: entry.ip,
          userAgent: entry.userAgent,
          details: JSON.stringify(entry.details ?? {}),
        },
      },
    );
  }

  /** Deletes rows older than the retention (7 months); returns how many went. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const [, result] = await this.sequelize.query('DELETE FROM audit_log WHERE at < :cutoff', { replacements: { cutoff } });
    return (result as { rowCount?: number }).rowCount ?? 0;
  }
}

/** Where a request comes from, for the audit row. */
export const requestOrigin = (req: Request) => ({
  ip: req.ip ?? null,
  userAgent: req.get('user-agent')?.slice(0, 500) ?? null,
});

/** Where a request comes from, as services receive it. */
export type RequestOrigin = ReturnType<typeof requestOrigin>;

/**
 * The audit fields of a successful act filed under a jeune's dossier: in the jeune's Mission Locale (whose audit log
 * and the dossier's access report list it), whoever acted (`actedBy`, or a job's or the jeune's own actor).
 */
export const onJeuneDossier = (
  actor: { readonly actorId: string | null } & RequestOrigin,
  jeune: { readonly id: string; readonly missionLocaleId: string },
  details: Readonly<Record<string, unknown>>,
) => ({
  outcome: 'success' as const,
  ...actor,
  missionLocaleId: jeune.missionLocaleId,
  targetType: 'jeune',
  targetId: jeune.id,
  details,
});

/** The audit fields of an act by a known user: the user, their principal Mission Locale, where it came from. */
export const actedBy = (user: Pick<SessionUser, 'id' | 'missionsLocales'>, origin: RequestOrigin) => ({
  actorId: user.id,
  missionLocaleId: principalOf(user.missionsLocales),
  ...origin,
});
