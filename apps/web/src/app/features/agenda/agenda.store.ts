import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AgendaDto,
  type CreneauRendezVous,
  type MemoDto,
  MODALITE_RENDEZ_VOUS_LABELS,
  type ModaliteRendezVous,
  type RendezVousCreation,
  type RendezVousDto,
  type RendezVousPatch,
  type SessionDto,
  STATUT_PRESENCE_LABELS,
  type StatutPresence,
  TYPE_RENDEZ_VOUS_LABELS,
  TYPE_RENDEZ_VOUS_MILO,
  type TypeRendezVous,
} from '@imilo/domain';
import type { IconName } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { filter, skip, type Subscription } from 'rxjs';
import { Connectivity } from '../../core/connectivity';
import { isUnreachable, toRequestFailure } from '../../core/http/problem';
import { OfflineCache } from '../../core/offline/offline-cache';
import { Outbox } from '../../core/offline/outbox';
import type { OutboxEntry, OutboxStatus } from '../../core/offline/outbox.model';
import { authFeature } from '../auth/auth.feature';
import { CLOCK } from '../evenements/evenement-sheet/local-time';
import { AgendaApi, type AgendaRange, type AgendaScope, type ConseillerAgendaDto, rendezVousUrl } from './agenda-api';
import { layoutDay, type Placeable, type Placed } from './agenda-layout';
import { heureFr, jourDans, lundiDe, plusJours } from './agenda-time';
import { nomDe } from './agenda-writes';

/** The three views of the agenda. */
export type AgendaView = 'jour' | 'semaine' | 'liste';

/** How long the list view looks ahead. */
export const LISTE_JOURS = 14;

/** A status as a card shows it: always a word, the tone only adds colour. */
export interface CardStatut {
  readonly label: string;
  readonly tone: 'ok' | 'alerte' | 'neutre' | 'info';
}

/** One rendez-vous or session as the views show it, computed once per agenda. */
export interface AgendaCard extends Placeable {
  readonly kind: 'rendez-vous' | 'session';
  readonly id: string;
  readonly jour: string;
  /** "9 h 00 – 9 h 30". */
  readonly horaire: string;
  /** The jeune's name, or the session's title. */
  readonly titre: string;
  /** The type, or the session's offre and seats. */
  readonly detail: string;
  readonly icon: IconName;
  readonly modalite: string;
  readonly statuts: readonly CardStatut[];
  /** Where its last write stands while it waits in this device's outbox. */
  readonly sync: OutboxStatus | null;
  /** Whether it can be dragged to another slot (a planned rendez-vous not mirrored from i-milo, already on the BFF). */
  readonly deplacable: boolean;
  readonly rendezVous: RendezVousDto | null;
  readonly session: SessionDto | null;
  /** Everything above in one sentence, for screen readers. */
  readonly ariaLabel: string;
}

export const MODALITE_ICONS: Readonly<Record<ModaliteRendezVous, IconName>> = {
  PRESENTIEL_SITE: 'apartment',
  TELEPHONE: 'call',
  VISIO: 'videocam',
  AUTRE_LIEU: 'location_on',
};

const SYNC_LABELS: Readonly<Record<OutboxStatus, CardStatut>> = {
  pending: { label: 'En attente de synchronisation', tone: 'info' },
  conflict: { label: 'Conflit à résoudre', tone: 'alerte' },
  failed: { label: 'Refusé par imilo', tone: 'alerte' },
};

/** What the card says of a rendez-vous' life and the jeune's answer. */
export const statutsRendezVous = (rendezVous: RendezVousDto): CardStatut[] => {
  if (rendezVous.statut === 'ANNULE') {
    return [{ label: rendezVous.annulation?.parJeune ? 'Annulé par le jeune' : 'Annulé', tone: 'alerte' }];
  }
  if (rendezVous.statut === 'CLOS' && rendezVous.presence !== null) {
    return [{ label: STATUT_PRESENCE_LABELS[rendezVous.presence], tone: rendezVous.presence === 'PRESENT' ? 'ok' : 'neutre' }];
  }
  const statuts: CardStatut[] = [];
  if (rendezVous.reponseJeune?.reponse === 'CONFIRME') {
    statuts.push({ label: 'Confirmé par le jeune ✓', tone: 'ok' });
  }
  if (rendezVous.aCloturer) {
    statuts.push({ label: 'À clôturer', tone: 'alerte' });
  }
  return statuts;
};

const horaire = (debut: Date, fin: Date, timeZone: string): string => `${heureFr(debut, timeZone)} – ${heureFr(fin, timeZone)}`;

const rendezVousCard = (rendezVous: RendezVousDto, timeZone: string, write: OutboxEntry | undefined): AgendaCard => {
  // A move or a closing typed on this device shows as typed until imilo has it.
  const patch = write?.method === 'PATCH' ? (write.body as RendezVousPatch) : null;
  const debut = new Date(patch?.debut ?? rendezVous.debut);
  const fin = patch === null ? new Date(rendezVous.fin) : new Date(debut.getTime() + patch.dureeMinutes * 60_000);
  const modalite = patch?.modalite ?? rendezVous.modalite;
  const type: TypeRendezVous = patch?.type ?? rendezVous.type;
  const statuts = statutsRendezVous(rendezVous);
  if (write?.method === 'DELETE') {
    statuts.splice(0, statuts.length, { label: 'Annulé', tone: 'alerte' });
  } else if (write?.url.endsWith('/cloture')) {
    statuts.splice(0, statuts.length, { label: STATUT_PRESENCE_LABELS[(write.body as { presence: StatutPresence }).presence], tone: 'neutre' });
  }
  if (write !== undefined) {
    statuts.push(SYNC_LABELS[write.status]);
  }
  const titre = nomDe(rendezVous);
  const card = {
    kind: 'rendez-vous' as const,
    key: `rendez-vous:${rendezVous.id}`,
    id: rendezVous.id,
    debut,
    fin,
    jour: jourDans(debut, timeZone),
    horaire: horaire(debut, fin, timeZone),
    titre,
    detail: TYPE_RENDEZ_VOUS_LABELS[type],
    icon: MODALITE_ICONS[modalite],
    modalite: MODALITE_RENDEZ_VOUS_LABELS[modalite],
    statuts,
    sync: write?.status ?? null,
    deplacable: rendezVous.statut === 'PLANIFIE' && rendezVous.type !== TYPE_RENDEZ_VOUS_MILO && write === undefined,
    rendezVous,
    session: null,
  };
  return { ...card, ariaLabel: ariaLabelOf(card) };
};

const ariaLabelOf = (card: Pick<AgendaCard, 'horaire' | 'titre' | 'detail' | 'modalite' | 'statuts'>): string =>
  [card.horaire, card.titre, card.detail, card.modalite, ...card.statuts.map(({ label }) => label)].filter((part) => part !== '').join(', ');

/** A creation typed on this device, shown as typed until imilo has it (the rendez-vous the BFF answers replaces it). */
const pendingCard = (entry: OutboxEntry, timeZone: string): AgendaCard => {
  const body = entry.body as RendezVousCreation & { id: string };
  const debut = new Date(body.debut);
  const fin = new Date(debut.getTime() + body.dureeMinutes * 60_000);
  const card = {
    kind: 'rendez-vous' as const,
    key: `rendez-vous:${body.id}`,
    id: body.id,
    debut,
    fin,
    jour: jourDans(debut, timeZone),
    horaire: horaire(debut, fin, timeZone),
    // The label names the jeune ("Rendez-vous : Léa Martin, lun. 7 déc. à 9 h 00"): the body carries only their id.
    titre: entry.label.replace(/^Rendez-vous : /, '').replace(/, [^,]*$/, ''),
    detail: TYPE_RENDEZ_VOUS_LABELS[body.type],
    icon: MODALITE_ICONS[body.modalite],
    modalite: MODALITE_RENDEZ_VOUS_LABELS[body.modalite],
    statuts: [SYNC_LABELS[entry.status]],
    sync: entry.status,
    deplacable: false,
    rendezVous: null,
    session: null,
  };
  return { ...card, ariaLabel: ariaLabelOf(card) };
};

const sessionCard = (session: SessionDto, timeZone: string): AgendaCard => {
  const debut = new Date(session.debut);
  const fin = new Date(session.fin);
  const card = {
    kind: 'session' as const,
    key: `session:${session.id}`,
    id: session.id,
    debut,
    fin,
    jour: jourDans(debut, timeZone),
    horaire: horaire(debut, fin, timeZone),
    titre: session.titre,
    detail: `${session.offre.libelle} · ${session.inscrits}/${session.places} places`,
    icon: 'groups' as const,
    modalite: session.site?.nom ?? session.adresse ?? '',
    statuts: session.statut === 'ANNULEE' ? [{ label: 'Annulée', tone: 'alerte' as const }] : session.statut === 'A_CLOTURER' ? [{ label: 'À émarger', tone: 'alerte' as const }] : [],
    sync: null,
    deplacable: false,
    rendezVous: null,
    session,
  };
  return { ...card, ariaLabel: ariaLabelOf({ ...card, detail: `Session collective, ${session.offre.libelle}, ${session.inscrits} inscrits sur ${session.places} places` }) };
};

/** The days a view shows around the chosen one. */
export const rangeOf = (view: AgendaView, jour: string): AgendaRange => {
  switch (view) {
    case 'jour':
      return { from: jour, to: jour };
    case 'semaine': {
      const lundi = lundiDe(jour);
      return { from: lundi, to: plusJours(lundi, 6) };
    }
    case 'liste':
      return { from: jour, to: plusJours(jour, LISTE_JOURS - 1) };
  }
};

/** The key of an agenda in the offline cache. */
export const agendaCacheKey = (scope: AgendaScope, range: AgendaRange): string => `agenda:${scopeValue(scope)}:${range.from}:${range.to}`;

/** The key of the colleagues' list in the offline cache. */
export const COLLEGUES_CACHE_KEY = 'agenda:conseillers';

/** One choice of the « Agenda de » select. */
export interface ScopeChoice {
  readonly value: string;
  readonly label: string;
  readonly scope: AgendaScope;
}

/** A group of choices of the « Agenda de » select (no label: mine and my site's, first). */
export interface ScopeGroup {
  readonly label: string | null;
  readonly choices: readonly ScopeChoice[];
}

/** The value of a scope in the « Agenda de » select. */
export const scopeValue = (scope: AgendaScope): string => (scope.kind === 'moi' ? 'moi' : `${scope.kind}:${scope.id}`);

const choiceOf = (scope: AgendaScope, label: string): ScopeChoice => ({ value: scopeValue(scope), label, scope });

/**
 * Whose agenda may be opened: mine (with an agenda of my own), my site's, then my colleagues — those of my site first,
 * then the others of my Missions Locales with their site (the BFF lists them by name).
 */
export const scopeGroups = (input: {
  readonly mine: boolean;
  readonly monSite: { readonly id: string; readonly nom: string } | null;
  readonly collegues: readonly ConseillerAgendaDto[];
}): ScopeGroup[] => {
  const { monSite } = input;
  const colleague = (collegue: ConseillerAgendaDto, withSite: boolean): ScopeChoice => {
    const nom = `${collegue.prenom} ${collegue.nom}`;
    return choiceOf({ kind: 'conseiller', id: collegue.id, nom }, withSite && collegue.siteNom !== null ? `${nom} (${collegue.siteNom})` : nom);
  };
  const ofMySite = input.collegues.filter(({ siteId }) => monSite !== null && siteId === monSite.id);
  const others = input.collegues.filter(({ siteId }) => monSite === null || siteId !== monSite.id);
  const groups: ScopeGroup[] = [
    {
      label: null,
      choices: [
        ...(input.mine ? [choiceOf({ kind: 'moi' }, 'Mon agenda')] : []),
        ...(monSite === null ? [] : [choiceOf({ kind: 'site', id: monSite.id, nom: monSite.nom }, `Site : ${monSite.nom}`)]),
      ],
    },
    { label: monSite === null ? 'Collègues' : `Collègues du site ${monSite.nom}`, choices: ofMySite.map((collegue) => colleague(collegue, false)) },
    { label: monSite === null ? 'Collègues' : 'Collègues des autres sites', choices: others.map((collegue) => colleague(collegue, true)) },
  ];
  return groups.filter(({ choices }) => choices.length > 0);
};

/** The cards and mémos of one day. */
export interface AgendaDay {
  readonly jour: string;
  readonly cards: readonly AgendaCard[];
  readonly placed: readonly Placed<AgendaCard>[];
}

export type AgendaStatus = 'idle' | 'loading' | 'loaded' | 'failed';

interface AgendaState {
  readonly view: AgendaView;
  readonly jour: string;
  readonly scope: AgendaScope;
  readonly status: AgendaStatus;
  readonly agenda: AgendaDto | null;
  readonly error: string | null;
  readonly offlineSince: string | null;
}

const OFFLINE_NOTHING_CACHED =
  "Impossible de joindre imilo, et cet agenda n'a pas encore été affiché sur cet appareil. Réessayez une fois la connexion revenue.";

/**
 * The agenda page's state (#5): the range the view shows, whose agenda, the BFF's answer (or the last one cached on
 * this device when offline), and the rendez-vous writes still waiting in the outbox laid over it. Provided by the page.
 */
@Injectable()
export class AgendaStore {
  private readonly api = inject(AgendaApi);
  private readonly cache = inject(OfflineCache);
  private readonly outbox = inject(Outbox);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);
  private readonly clock = inject(CLOCK);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;
  private generation = 0;

  /** Until the agenda answers, the principal Mission Locale's zone. */
  private readonly defaultTimeZone = computed(() => {
    const missionsLocales = this.me()?.missionsLocales ?? [];
    return (missionsLocales.find(({ principale }) => principale) ?? missionsLocales[0])?.timezone ?? 'Europe/Paris';
  });
  private readonly state = signal<AgendaState>({
    view: 'jour',
    jour: jourDans(this.clock(), this.defaultTimeZone()),
    scope: { kind: 'moi' },
    status: 'idle',
    agenda: null,
    error: null,
    offlineSince: null,
  });

  readonly view = computed(() => this.state().view);
  readonly jour = computed(() => this.state().jour);
  readonly scope = computed(() => this.state().scope);
  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly offlineSince = computed(() => this.state().offlineSince);
  readonly range = computed(() => rangeOf(this.state().view, this.state().jour));
  readonly timeZone = computed(() => this.state().agenda?.timezone ?? this.defaultTimeZone());
  /** Today in the Mission Locale's zone. */
  readonly aujourdhui = computed(() => jourDans(this.clock(), this.timeZone()));

  private readonly writes = computed(() => {
    const byUrl = new Map<string, OutboxEntry>();
    const creations: OutboxEntry[] = [];
    for (const entry of this.outbox.entries()) {
      if (entry.kind !== 'rendez-vous') {
        continue;
      }
      if (entry.method === 'POST' && entry.url === rendezVousUrl()) {
        creations.push(entry);
      } else {
        // In queue order: the last write of a rendez-vous is the one it shows.
        byUrl.set(entry.url.replace(/\/cloture$/, ''), entry);
      }
    }
    return { byUrl, creations };
  });

  /** Every card of the range, in start order. */
  readonly cards = computed<readonly AgendaCard[]>(() => {
    const agenda = this.state().agenda;
    const timeZone = this.timeZone();
    const { byUrl, creations } = this.writes();
    const rendezVous = (agenda?.rendezVous ?? []).map((item) => rendezVousCard(item, timeZone, byUrl.get(rendezVousUrl(item.id))));
    const known = new Set(rendezVous.map(({ id }) => id));
    const { from, to } = this.range();
    const pending = this.state().scope.kind === 'site' ? [] : creations.map((entry) => pendingCard(entry, timeZone));
    return [
      ...rendezVous,
      ...pending.filter(({ id, jour }) => !known.has(id) && jour >= from && jour <= to),
      ...(agenda?.sessions ?? []).map((session) => sessionCard(session, timeZone)),
    ].sort((a, b) => a.debut.getTime() - b.debut.getTime() || a.key.localeCompare(b.key));
  });

  /** The days of the range, each with its cards and their places on the grid. */
  readonly days = computed<readonly AgendaDay[]>(() => {
    const { from, to } = this.range();
    const timeZone = this.timeZone();
    const byDay = new Map<string, AgendaCard[]>();
    for (const card of this.cards()) {
      byDay.set(card.jour, [...(byDay.get(card.jour) ?? []), card]);
    }
    const days: AgendaDay[] = [];
    for (let jour = from; jour <= to; jour = plusJours(jour, 1)) {
      const cards = byDay.get(jour) ?? [];
      days.push({ jour, cards, placed: layoutDay(cards, jour, timeZone) });
    }
    return days;
  });

  /** Mémos due on the chosen day (overdue ones included), not done. */
  readonly memosDus = computed<readonly MemoDto[]>(() => {
    const jour = this.state().jour;
    return (this.state().agenda?.memos ?? []).filter((memo) => !memo.fait && memo.echeance !== null && memo.echeance <= jour);
  });

  /** My planned rendez-vous in the range, for the conflict check of the form (a warning before sending). */
  readonly mesCreneaux = computed<readonly CreneauRendezVous[]>(() => {
    const me = this.me()?.id;
    return this.cards()
      .filter((card) => card.kind === 'rendez-vous' && (card.rendezVous === null || card.rendezVous.conseiller.id === me))
      .map((card) => ({ id: card.id, debut: card.debut, dureeMinutes: (card.fin.getTime() - card.debut.getTime()) / 60_000, annule: card.rendezVous?.statut === 'ANNULE' || card.statuts.some(({ label }) => label === 'Annulé') }));
  });

  /** The colleagues of my Missions Locales whose agenda may be opened (empty until read, or if never read offline). */
  private readonly colleguesLus = signal<readonly ConseillerAgendaDto[]>([]);
  readonly collegues = this.colleguesLus.asReadonly();

  constructor() {
    this.destroyRef.onDestroy(() => this.request?.unsubscribe());
    // A rendez-vous write reached the BFF: the agenda now has it as imilo recorded it.
    this.outbox.deliveries
      .pipe(
        filter(({ entry }) => entry.kind === 'rendez-vous'),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.load());
    inject(Connectivity)
      .online$.pipe(
        skip(1),
        filter((online) => online && (this.state().offlineSince !== null || this.state().status === 'failed')),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.load());
  }

  /** Opens the page: a view on today (or the day given), in someone's agenda. */
  start(view: AgendaView, scope: AgendaScope, jour: string = this.state().jour): void {
    this.state.update((state) => ({ ...state, view, scope, jour }));
    this.load();
  }

  /** Opens the agenda on a view and a day; whose agenda stays. */
  open(view: AgendaView, jour: string = this.state().jour): void {
    this.state.update((state) => ({ ...state, view, jour }));
    this.load();
  }

  setView(view: AgendaView): void {
    this.open(view);
  }

  goTo(jour: string): void {
    this.open(this.state().view, jour);
  }

  /** The next (1) or previous (-1) day, week or fortnight. */
  step(direction: 1 | -1): void {
    const { view, jour } = this.state();
    const days = view === 'jour' ? 1 : view === 'semaine' ? 7 : LISTE_JOURS;
    this.goTo(plusJours(jour, direction * days));
  }

  today(): void {
    this.goTo(this.aujourdhui());
  }

  setScope(scope: AgendaScope): void {
    this.state.update((state) => ({ ...state, scope, agenda: null }));
    this.load();
  }

  /** Reads the range again (after a failure, a write outside the outbox, or to refresh). */
  load(): void {
    const { scope } = this.state();
    const range = this.range();
    const generation = ++this.generation;
    this.request?.unsubscribe();
    this.state.update((state) => ({ ...state, status: 'loading', error: null }));
    this.request = this.api.agenda(range, scope).subscribe({
      next: (agenda) => {
        if (generation !== this.generation) {
          return;
        }
        this.state.update((state) => ({ ...state, status: 'loaded', agenda, offlineSince: null }));
        void this.cache.put(agendaCacheKey(scope, range), agenda);
      },
      error: (error: unknown) => void this.fail(error, generation, agendaCacheKey(scope, range)),
    });
  }

  /** Reads the colleagues whose agenda may be opened; offline, the list last read on this device. */
  loadCollegues(): void {
    this.api
      .conseillers()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (collegues) => {
          this.colleguesLus.set(collegues);
          void this.cache.put(COLLEGUES_CACHE_KEY, collegues);
        },
        // Without the list, mine and my site's agendas are still offered: the agenda's own state says what failed.
        error: () => void this.collegueCache(),
      });
  }

  private async collegueCache(): Promise<void> {
    const cached = await this.cache.get<ConseillerAgendaDto[]>(COLLEGUES_CACHE_KEY);
    if (cached !== null) {
      this.colleguesLus.set(cached.value);
    }
  }

  private async fail(error: unknown, generation: number, key: string): Promise<void> {
    if (isUnreachable(error)) {
      const cached = await this.cache.get<AgendaDto>(key);
      if (generation !== this.generation) {
        return;
      }
      if (cached !== null) {
        this.state.update((state) => ({ ...state, status: 'loaded', agenda: cached.value, offlineSince: cached.savedAt, error: null }));
        return;
      }
      this.state.update((state) => ({ ...state, status: 'failed', agenda: null, error: OFFLINE_NOTHING_CACHED }));
      return;
    }
    if (generation === this.generation) {
      this.state.update((state) => ({ ...state, status: 'failed', agenda: null, error: toRequestFailure(error).message }));
    }
  }
}
