import type { Transaction } from 'sequelize';

// What the agenda's writes tell the notifications: called inside the write's own transaction, so that the messages
// planned (and the obsolete ones cancelled) commit or roll back with the change that caused them.

/** A change of a rendez-vous the jeune (or, for the jeune's answers, the conseiller) must hear about. */
export type RendezVousChange =
  | { readonly kind: 'creation' | 'modification' | 'annulation'; readonly rendezVousId: string }
  /** The jeune answered in C-Milo: the conseiller is told by push; a cancellation also cancels the reminders. */
  | { readonly kind: 'confirmation-jeune' | 'annulation-jeune'; readonly rendezVousId: string }
  /** Closed: whatever is still planned is cancelled. */
  | { readonly kind: 'cloture'; readonly rendezVousId: string };

/** A change of a registration to a collective session. */
export interface SessionChange {
  readonly kind: 'inscription' | 'desinscription' | 'annulation-session' | 'modification-session';
  readonly sessionId: string;
  /** The jeune concerned; for a session-wide change, every registered jeune is (jeuneId null). */
  readonly jeuneId: string | null;
}

/** Plans, reschedules and cancels the messages to jeunes; the jobs send them. */
export interface Notifier {
  /**
   * Within `transaction`: records the message of this change and (re)plans the reminders of the rendez-vous from its
   * row as it now is (moved: new keys, the old reminders cancelled "déplacé"; cancelled or closed: all cancelled).
   */
  rendezVousChanged(transaction: Transaction, change: RendezVousChange): Promise<void>;
  sessionChanged(transaction: Transaction, change: SessionChange): Promise<void>;
  /**
   * After the transaction committed: hands the planned messages to the job queue at once (a periodic sweep would
   * find them anyway; this only saves the wait).
   */
  flush(): Promise<void>;
}
