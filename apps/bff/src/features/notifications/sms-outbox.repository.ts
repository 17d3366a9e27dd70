import { QueryTypes, type Sequelize } from 'sequelize';
import { smsSegments } from '@imilo/domain';

/** The development outbox shows this many SMS, the latest first. */
export const SMS_OUTBOX_LIMIT = 100;

/** One SMS of the development outbox, as the Admin portal shows it. */
export interface SmsOutboxEntry {
  readonly id: string;
  readonly missionLocaleId: string;
  /** `+33 6 •• •• •• 78`: enough to tell two jeunes apart, not to call one. */
  readonly destinataire: string;
  readonly texte: string;
  readonly segments: number;
  readonly envoyeLe: string;
}

// The French numbering plan (metropolitan France and the overseas departments): a country code and 9 digits.
const FRENCH_NUMBER = /^\+(33|262|269|508|590|594|596|681|687|689)(\d)(\d{6})(\d{2})$/;

/** A phone number masked but for its first and last digits: `+33612345678` → `+33 6 •• •• •• 78`. */
export const maskPhoneNumber = (e164: string): string => {
  const french = FRENCH_NUMBER.exec(e164);
  if (french) {
    return `+${french[1]} ${french[2]} •• •• •• ${french[4]}`;
  }
  return `${e164.slice(0, 3)} •• •• ${e164.slice(-2)}`;
};

/** The latest SMS of the outbox in the scope (`null`: every Mission Locale, for a national administrator). */
export const latestOutboxSms = async (sequelize: Sequelize, scope: readonly string[] | null): Promise<SmsOutboxEntry[]> => {
  const rows = await sequelize.query<{ id: string; mission_locale_id: string; destinataire: string; texte: string; created_at: Date }>(
    `SELECT id, mission_locale_id, destinataire, texte, created_at FROM sms_boite_dev
     WHERE $1::uuid[] IS NULL OR mission_locale_id = ANY($1::uuid[])
     ORDER BY created_at DESC, id LIMIT ${SMS_OUTBOX_LIMIT}`,
    { bind: [scope === null ? null : [...scope]], type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    id: row.id,
    missionLocaleId: row.mission_locale_id,
    destinataire: maskPhoneNumber(row.destinataire),
    texte: row.texte,
    segments: smsSegments(row.texte).segments,
    envoyeLe: row.created_at.toISOString(),
  }));
};
