import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import {
  type Annulation,
  canClose,
  MODALITE_RENDEZ_VOUS_LABELS,
  NATURE_MESSAGE_LABELS,
  type RendezVousDetailDto,
  type RendezVousDto,
  STATUT_MESSAGE_LABELS,
  STATUT_PRESENCE_LABELS,
  STATUTS_PRESENCE,
  type StatutPresence,
  TYPE_RENDEZ_VOUS_LABELS,
  TYPE_RENDEZ_VOUS_MILO,
} from '@imilo/domain';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { catchError, map, of, startWith } from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { CLOCK } from '../../evenements/evenement-sheet/local-time';
import { AgendaApi } from '../agenda-api';
import { heureFr, jourDans, libelleJour } from '../agenda-time';
import { AgendaWrites, libelleRendezVous, nomDe } from '../agenda-writes';
import { statutsRendezVous } from '../agenda.store';
import { MotifDialog } from './motif-dialog';

/** The rendez-vous as the agenda read it, and whether the user may change it. */
export interface RendezVousDetailData {
  readonly rendezVous: RendezVousDto;
  readonly timeZone: string;
  /** The user may move, cancel (agenda rights) and close (`rendezVousClose`) it. */
  readonly peutModifier: boolean;
  readonly peutCloturer: boolean;
}

/** What the detail asks the page to do next. */
export type RendezVousDetailResult = 'deplacer' | undefined;

export const NON_ENREGISTRE = "L'opération n'a pas pu être gardée sur cet appareil (stockage indisponible). Réessayez.";

const CANAUX: Readonly<Record<string, string>> = { push: 'Notification', sms: 'SMS', email: 'E-mail' };

type Detail = { readonly status: 'loading' } | { readonly status: 'loaded'; readonly detail: RendezVousDetailDto } | { readonly status: 'failed'; readonly message: string };

/**
 * A rendez-vous in detail (#5): when, with whom, how; the jeune's answer from C-Milo; the messages sent to the jeune
 * (delivery log); and what the conseiller does with it: close it once started (présent / absent / excusé), move it,
 * cancel it with a motif. The writes go through the outbox.
 */
@Component({
  selector: 'app-rendez-vous-detail',
  imports: [MatButton, MatDialogModule, UiErrorMessage, UiIcon],
  templateUrl: './rendez-vous-detail.html',
  styleUrl: './rendez-vous-detail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RendezVousDetail {
  protected readonly data = inject<RendezVousDetailData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RendezVousDetail, RendezVousDetailResult>>(MatDialogRef);
  private readonly dialog = inject(MatDialog);
  private readonly writes = inject(AgendaWrites);
  private readonly clock = inject(CLOCK);

  protected readonly rendezVous = this.data.rendezVous;
  protected readonly nom = nomDe(this.rendezVous);
  private readonly debut = new Date(this.rendezVous.debut);
  protected readonly quand = `${libelleJour(jourDans(this.debut, this.data.timeZone))}, ${heureFr(this.debut, this.data.timeZone)} – ${heureFr(new Date(this.rendezVous.fin), this.data.timeZone)}`;
  protected readonly type = TYPE_RENDEZ_VOUS_LABELS[this.rendezVous.type];
  protected readonly modalite = MODALITE_RENDEZ_VOUS_LABELS[this.rendezVous.modalite];
  protected readonly lieu = this.rendezVous.site?.nom ?? this.rendezVous.adresse;
  protected readonly statuts = statutsRendezVous(this.rendezVous);
  protected readonly presences = STATUTS_PRESENCE.map((code) => ({ code, libelle: STATUT_PRESENCE_LABELS[code] }));
  /** An i-milo mirror is read only (§c.4). */
  private readonly modifiable = this.rendezVous.statut === 'PLANIFIE' && this.rendezVous.type !== TYPE_RENDEZ_VOUS_MILO;
  protected readonly peutModifier = this.data.peutModifier && this.modifiable;
  protected readonly peutCloturer = this.data.peutCloturer && this.modifiable;
  /** Why it cannot be closed yet (not started), or null when it can. */
  protected readonly clotureImpossible = (() => {
    const decision = canClose(this.debut, this.clock(), { annule: this.rendezVous.statut === 'ANNULE', clos: this.rendezVous.statut === 'CLOS' });
    return decision.ok ? null : decision.error.message;
  })();
  protected readonly reponse = (() => {
    const reponse = this.rendezVous.reponseJeune;
    if (reponse === null) {
      return null;
    }
    return `${reponse.reponse === 'CONFIRME' ? 'Confirmé' : 'Annulé'} par le jeune le ${this.dateHeure(reponse.le)}`;
  })();
  protected readonly annulation = (() => {
    const annulation = this.rendezVous.annulation;
    return annulation === null ? null : `${annulation.parJeune ? 'Annulé par le jeune' : 'Annulé'} le ${this.dateHeure(annulation.le)} : ${annulation.motif}`;
  })();

  private readonly loaded = toSignal(
    inject(AgendaApi)
      .rendezVous(this.rendezVous.id)
      .pipe(
        map((detail): Detail => ({ status: 'loaded', detail })),
        catchError((error: unknown) => of<Detail>({ status: 'failed', message: toRequestFailure(error).message })),
        startWith<Detail>({ status: 'loading' }),
      ),
    { initialValue: { status: 'loading' } as Detail },
  );
  protected readonly detailStatus = computed(() => this.loaded().status);
  protected readonly detailError = computed(() => {
    const loaded = this.loaded();
    return loaded.status === 'failed' ? loaded.message : null;
  });
  /** The messages to the jeune, newest first, as lines. */
  protected readonly messages = computed(() => {
    const loaded = this.loaded();
    if (loaded.status !== 'loaded') {
      return [];
    }
    return [...loaded.detail.messages]
      .sort((a, b) => b.prevuLe.localeCompare(a.prevuLe))
      .map((message) => ({
        id: message.id,
        titre: `${NATURE_MESSAGE_LABELS[message.nature]}${message.rappel === null ? '' : ` (${message.rappel})`}`,
        statut: `${STATUT_MESSAGE_LABELS[message.statut]}${message.motif === null ? '' : ` : ${message.motif}`}`,
        tone: message.statut === 'ECHEC' ? 'alerte' : message.statut === 'ANNULE' ? 'neutre' : 'ok',
        quand: `${message.statut === 'PLANIFIE' ? 'Prévu le' : 'Le'} ${this.dateHeure(message.prevuLe)}`,
        envois: message.envois.map((envoi) => ({
          key: `${envoi.canal}:${envoi.le}`,
          texte: `${CANAUX[envoi.canal] ?? envoi.canal} : ${STATUT_MESSAGE_LABELS[envoi.statut]}${envoi.motif === null ? '' : ` (${envoi.motif})`}${envoi.segments === null ? '' : `, ${envoi.segments} SMS`} — ${this.dateHeure(envoi.acquitteLe ?? envoi.le)}`,
        })),
      }));
  });
  protected readonly historique = computed(() => {
    const loaded = this.loaded();
    return loaded.status !== 'loaded'
      ? []
      : loaded.detail.historique.map((ligne) => ({
          key: `${ligne.le}:${ligne.operation}`,
          texte: `${this.dateHeure(ligne.le)} — ${ligne.operation}${ligne.auteur === null ? '' : ` (${ligne.auteur.prenom} ${ligne.auteur.nom})`}`,
        }));
  });

  protected readonly choosingPresence = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected cloturer(): void {
    this.choosingPresence.set(true);
  }

  protected async enregistrerPresence(presence: StatutPresence): Promise<void> {
    await this.run(() => this.writes.cloturer(this.rendezVous, { presence }, this.data.timeZone));
  }

  protected deplacer(): void {
    this.dialogRef.close('deplacer');
  }

  protected annuler(): void {
    this.dialog
      .open<MotifDialog, string, Annulation>(MotifDialog, {
        data: `Rendez-vous avec ${libelleRendezVous(this.nom, this.debut, this.data.timeZone)}.`,
        width: '480px',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((annulation) => {
        if (annulation !== undefined) {
          void this.run(() => this.writes.annuler(this.rendezVous, annulation, this.data.timeZone));
        }
      });
  }

  private async run(write: () => Promise<unknown>): Promise<void> {
    if (this.saving()) {
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await write();
    } catch {
      // IndexedDB refused the write: the dialog stays open to try again.
      this.error.set(NON_ENREGISTRE);
      this.saving.set(false);
      return;
    }
    this.dialogRef.close();
  }

  private dateHeure(iso: string): string {
    const instant = new Date(iso);
    return `${libelleJour(jourDans(instant, this.data.timeZone))} à ${heureFr(instant, this.data.timeZone)}`;
  }
}
