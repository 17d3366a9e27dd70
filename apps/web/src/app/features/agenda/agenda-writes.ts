import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Annulation, Cloture, RendezVousCreation, RendezVousDto, RendezVousEcritDto, RendezVousPatch } from '@imilo/domain';
import { STATUT_PRESENCE_LABELS } from '@imilo/domain';
import { filter, ReplaySubject } from 'rxjs';
import { Outbox } from '../../core/offline/outbox';
import type { OutboxDelivery } from '../../core/offline/outbox.model';
import { OutboxSaver, type SavedWrite } from '../evenements/evenement-sheet/outbox-saver';
import { rendezVousUrl } from './agenda-api';
import { heureFr, libelleJourCourt, jourDans } from './agenda-time';

/** A creation as queued, under the id the client chose (the pending card and the BFF's record share it). */
export type RendezVousCreationEnvoi = RendezVousCreation & { readonly id: string };

const isEcrit = (body: unknown): body is RendezVousEcritDto =>
  typeof body === 'object' && body !== null && Array.isArray((body as Partial<RendezVousEcritDto>).conflits);

/** "Attention : chevauche 10 h 00 – 10 h 30 (Bilan)." */
export const conflitsMessage = (conflits: RendezVousEcritDto['conflits'], timeZone: string): string => {
  const liste = conflits.map(({ debut, fin, objet }) => `${heureFr(new Date(debut), timeZone)} – ${heureFr(new Date(fin), timeZone)} (${objet})`);
  return `Enregistré. Attention, il chevauche ${conflits.length > 1 ? 'vos rendez-vous' : 'votre rendez-vous'} de ${liste.join(', ')}.`;
};

/** "Léa Martin, lun. 7 déc. à 9 h 00": how a rendez-vous is named in the pending list. */
export const libelleRendezVous = (jeune: string, debut: Date, timeZone: string): string =>
  `${jeune}, ${libelleJourCourt(jourDans(debut, timeZone))} à ${heureFr(debut, timeZone)}`;

/**
 * The rendez-vous writes (#5): queued in the outbox first (a rendez-vous typed offline is not lost), each with its
 * idempotency key; when the BFF answers that the rendez-vous overlaps others of the conseiller, a snackbar says so.
 */
@Injectable({ providedIn: 'root' })
export class AgendaWrites {
  private readonly saver = inject(OutboxSaver);
  private readonly outbox = inject(Outbox);
  private readonly snackBar = inject(MatSnackBar);

  creer(body: RendezVousCreationEnvoi, jeune: string, timeZone: string): Promise<SavedWrite> {
    return this.save(
      { method: 'POST', url: rendezVousUrl(), body, jeuneId: body.jeuneId, kind: 'rendez-vous', label: `Rendez-vous : ${libelleRendezVous(jeune, new Date(body.debut), timeZone)}` },
      timeZone,
    );
  }

  modifier(rendezVous: RendezVousDto, body: RendezVousPatch, timeZone: string): Promise<SavedWrite> {
    return this.save(
      {
        method: 'PATCH',
        url: rendezVousUrl(rendezVous.id),
        body,
        base: rendezVous,
        jeuneId: rendezVous.jeune.id,
        kind: 'rendez-vous',
        label: `Rendez-vous modifié : ${libelleRendezVous(nomDe(rendezVous), new Date(body.debut), timeZone)}`,
      },
      timeZone,
    );
  }

  annuler(rendezVous: RendezVousDto, annulation: Annulation, timeZone: string): Promise<SavedWrite> {
    return this.save(
      {
        method: 'DELETE',
        url: rendezVousUrl(rendezVous.id),
        body: annulation,
        jeuneId: rendezVous.jeune.id,
        kind: 'rendez-vous',
        label: `Rendez-vous annulé : ${libelleRendezVous(nomDe(rendezVous), new Date(rendezVous.debut), timeZone)}`,
      },
      timeZone,
    );
  }

  cloturer(rendezVous: RendezVousDto, cloture: Cloture, timeZone: string): Promise<SavedWrite> {
    return this.save(
      {
        method: 'POST',
        url: `${rendezVousUrl(rendezVous.id)}/cloture`,
        body: cloture,
        jeuneId: rendezVous.jeune.id,
        kind: 'rendez-vous',
        label: `Rendez-vous clôturé (${STATUT_PRESENCE_LABELS[cloture.presence]}) : ${libelleRendezVous(nomDe(rendezVous), new Date(rendezVous.debut), timeZone)}`,
      },
      timeZone,
    );
  }

  private async save(request: Parameters<OutboxSaver['save']>[0], timeZone: string): Promise<SavedWrite> {
    // Listening before queueing: online, the BFF may answer before `save` resolves.
    const answers = new ReplaySubject<OutboxDelivery>(1);
    const subscription = this.outbox.deliveries.subscribe(answers);
    let saved: SavedWrite;
    try {
      saved = await this.saver.save(request);
    } catch (error: unknown) {
      subscription.unsubscribe();
      throw error;
    }
    let conflits: RendezVousEcritDto['conflits'] = [];
    const watch = answers.pipe(filter(({ entry }) => entry.id === saved.entry.id)).subscribe(({ body }) => {
      conflits = isEcrit(body) ? body.conflits : [];
    });
    const outcome = saved.outcome.then((settled) => {
      watch.unsubscribe();
      subscription.unsubscribe();
      // After the saver's "Enregistré", which it replaces: the overlap matters more.
      if (settled === 'enregistre' && conflits.length > 0) {
        this.snackBar.open(conflitsMessage(conflits, timeZone), 'OK', { duration: 10_000, politeness: 'assertive' });
      }
      return settled;
    });
    return { entry: saved.entry, outcome };
  }
}

/** "Léa Martin". */
export const nomDe = (rendezVous: Pick<RendezVousDto, 'jeune'>): string => `${rendezVous.jeune.prenom} ${rendezVous.jeune.nom}`;
