import { LiveAnnouncer } from '@angular/cdk/a11y';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { MeRendezVousDto, MeRendezVousListDto, ReponseJeuneBody } from '@imilo/domain';
import { toRequestFailure } from '../../../core/http/problem';
import { CmiloApi } from '../cmilo-api';

/** What the jeune is told once their answer is recorded. */
export const REPONSE_ANNONCES: Readonly<Record<ReponseJeuneBody['reponse'], string>> = {
  CONFIRME: 'Vous avez confirmé ce rendez-vous.',
  ANNULE: 'Vous avez annulé ce rendez-vous. Votre conseiller est prévenu.',
};

const parDebut = (a: MeRendezVousDto, b: MeRendezVousDto): number => Date.parse(a.debut) - Date.parse(b.debut);

type Etat =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'loaded'; readonly list: MeRendezVousListDto }
  | { readonly status: 'failed'; readonly error: string };

/**
 * The jeune's rendez-vous and sessions, shared by C-Milo's home, list and detail (provided by cmilo.routes.ts): read
 * once, then patched with the jeune's answers so that a confirmation shows at once on every page.
 */
@Injectable()
export class MesRendezVousStore {
  private readonly api = inject(CmiloApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly etat = signal<Etat>({ status: 'idle' });
  private readonly envois = signal<ReadonlySet<string>>(new Set());

  readonly status = computed(() => this.etat().status);
  readonly error = computed(() => {
    const etat = this.etat();
    return etat.status === 'failed' ? etat.error : null;
  });
  readonly list = computed(() => {
    const etat = this.etat();
    return etat.status === 'loaded' ? etat.list : null;
  });
  readonly timeZone = computed(() => this.list()?.timezone ?? 'Europe/Paris');
  /** The next rendez-vous or session not cancelled. */
  readonly prochain = computed(() => this.list()?.aVenir.find((item) => item.statut !== 'ANNULE') ?? null);
  /** The error of the last answer, per rendez-vous. */
  readonly reponseErrors = signal<Readonly<Record<string, string>>>({});

  /** Reads the list, unless it is already read (`force` reads it again). */
  load(force = false): void {
    const status = this.etat().status;
    if (!force && (status === 'loaded' || status === 'loading')) {
      return;
    }
    this.etat.set({ status: 'loading' });
    this.api.rendezVous().subscribe({
      // Sorted here too: the soonest first is what the jeune relies on, whatever order a replica answers in.
      next: (list) =>
        this.etat.set({
          status: 'loaded',
          list: { ...list, aVenir: [...list.aVenir].sort(parDebut), passes: [...list.passes].sort(parDebut).reverse() },
        }),
      error: (error: unknown) => this.etat.set({ status: 'failed', error: toRequestFailure(error).message }),
    });
  }

  find(id: string): MeRendezVousDto | null {
    const list = this.list();
    return list?.aVenir.find((item) => item.id === id) ?? list?.passes.find((item) => item.id === id) ?? null;
  }

  /** Whether an answer about this rendez-vous is on its way. */
  isSending(id: string): boolean {
    return this.envois().has(id);
  }

  /** Sends the jeune's answer; on success the rendez-vous shows it (a cancelled one leaves the list of answers), and it is announced. */
  repondre(id: string, body: ReponseJeuneBody): void {
    if (this.isSending(id)) {
      return;
    }
    this.envois.update((ids) => new Set([...ids, id]));
    this.reponseErrors.update((errors) => Object.fromEntries(Object.entries(errors).filter(([other]) => other !== id)));
    const sent = () => this.envois.update((ids) => new Set([...ids].filter((other) => other !== id)));
    this.api.repondre(id, body).subscribe({
      next: () => {
        sent();
        this.patch(id, (item) => ({ ...item, reponse: body.reponse, statut: body.reponse === 'ANNULE' ? 'ANNULE' : item.statut }));
        void this.announcer.announce(REPONSE_ANNONCES[body.reponse]);
      },
      error: (error: unknown) => {
        sent();
        this.reponseErrors.update((errors) => ({ ...errors, [id]: toRequestFailure(error).message }));
      },
    });
  }

  private patch(id: string, change: (item: MeRendezVousDto) => MeRendezVousDto): void {
    this.etat.update((etat) =>
      etat.status !== 'loaded'
        ? etat
        : {
            status: 'loaded',
            list: {
              ...etat.list,
              aVenir: etat.list.aVenir.map((item) => (item.id === id ? change(item) : item)),
              passes: etat.list.passes.map((item) => (item.id === id ? change(item) : item)),
            },
          },
    );
  }
}
