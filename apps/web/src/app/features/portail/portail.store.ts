import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DOCUMENT } from '@angular/common';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  type DispositionItem,
  type PeriodePortail,
  type PortailDto,
  type TailleWidget,
  WIDGETS,
  type WidgetData,
  type WidgetEtat,
  type WidgetId,
} from '@imilo/domain';
import { Store } from '@ngrx/store';
import { catchError, concatMap, EMPTY, filter, fromEvent, interval, map, of, skip, Subject, type Subscription, switchMap } from 'rxjs';
import { Connectivity } from '../../core/connectivity';
import { isUnreachable, toRequestFailure } from '../../core/http/problem';
import { OfflineCache, selectUserId } from '../../core/offline/offline-cache';
import { PortailApi, type PortailFiltre } from './portail-api';

/** The direction's figures open on the month so far, all sites. */
export const FILTRE_PAR_DEFAUT: PortailFiltre = { periode: 'mois', site: null };

/** The key of a user's home in the offline cache: the last answer, whichever filter it was read with. */
export const portailCacheKey = (userId: string | null): string => `portail:${userId ?? 'anonyme'}`;

const pad = (value: number): string => String(value).padStart(2, '0');

/** "Données du 29/11 à 14 h 32, hors connexion": when the home shown offline was computed, in the Mission Locale's time. */
export const donneesHorsConnexion = (genereLe: string, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone, day: '2-digit', month: '2-digit', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(genereLe));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((item) => item.type === type)?.value ?? '';
  return `Données du ${part('day')}/${part('month')} à ${Number(part('hour'))} h ${pad(Number(part('minute')))}, hors connexion`;
};

/** Moves the widget at `from` to `to` (indexes in the list shown). */
export const deplace = (widgets: readonly DispositionItem[], from: number, to: number): DispositionItem[] => {
  const copie = [...widgets];
  const [item] = copie.splice(from, 1);
  if (item !== undefined) {
    copie.splice(Math.max(0, Math.min(to, copie.length)), 0, item);
  }
  return copie;
};

const OFFLINE_NOTHING_CACHED =
  "Impossible de joindre imilo, et votre accueil n'a pas encore été affiché sur cet appareil. Réessayez une fois la connexion revenue.";

type Status = 'idle' | 'loading' | 'loaded' | 'failed';

interface PortailState {
  readonly status: Status;
  readonly portail: PortailDto | null;
  readonly error: string | null;
  /** When the home shown offline was computed (null: it is live). */
  readonly offlineSince: string | null;
  readonly filtre: PortailFiltre;
}

/**
 * A home of the Portail (#6): the widgets of the user's layout fed by one `GET /api/v1/portail`, kept on this device
 * for offline reading, read again at the shortest refresh interval of the widgets shown while the page is visible, and
 * the layout changed optimistically (`PUT`, in order, rolled back when imilo refuses it). Provided by the home page.
 */
@Injectable()
export class PortailStore {
  private readonly api = inject(PortailApi);
  private readonly cache = inject(OfflineCache);
  private readonly connectivity = inject(Connectivity);
  private readonly snackBar = inject(MatSnackBar);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  private readonly userId = inject(Store).selectSignal(selectUserId);
  private request: Subscription | null = null;
  /** Bumped by each read and each write: an answer read before a layout change never overwrites it. */
  private generation = 0;
  /** The layout imilo last acknowledged: what a refused change rolls back to. */
  private confirmee: readonly DispositionItem[] = [];
  private readonly ecritures = new Subject<{ readonly widgets: readonly DispositionItem[]; readonly filtre: PortailFiltre }>();
  private ecrituresEnCours = 0;
  private lu = 0;
  private notificationsEnvoyees = false;

  private readonly state = signal<PortailState>({ status: 'idle', portail: null, error: null, offlineSince: null, filtre: FILTRE_PAR_DEFAUT });
  private readonly alertesEnvoi = signal<ReadonlySet<string>>(new Set());

  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly portail = computed(() => this.state().portail);
  readonly offlineSince = computed(() => this.state().offlineSince);
  readonly filtre = computed(() => this.state().filtre);
  readonly home = computed(() => this.state().portail?.home ?? null);
  readonly timeZone = computed(() => this.state().portail?.timezone ?? 'Europe/Paris');
  readonly widgets = computed<readonly DispositionItem[]>(() => this.state().portail?.disposition.widgets ?? []);
  readonly parDefaut = computed(() => this.state().portail?.disposition.parDefaut ?? true);
  readonly sites = computed(() => this.state().portail?.sites ?? []);
  /** The widgets of the catalogue not on the home. */
  readonly ajoutables = computed<readonly WidgetId[]>(() => {
    const shown = new Set(this.widgets().map(({ id }) => id));
    return (this.state().portail?.catalogue ?? []).filter((id) => !shown.has(id));
  });
  /** "Données du 29/11 à 14 h 32, hors connexion" while the home shown is the one kept on this device. */
  readonly horsConnexion = computed(() => {
    const { portail, offlineSince } = this.state();
    return portail === null || offlineSince === null ? null : donneesHorsConnexion(portail.genereLe, portail.timezone);
  });
  /** The shortest refresh interval of the widgets shown, in ms (null: nothing to refresh). */
  readonly rafraichissementMs = computed(() => {
    const secondes = this.widgets().map(({ id }) => WIDGETS[id].rafraichissementSecondes);
    return secondes.length === 0 ? null : Math.min(...secondes) * 1000;
  });

  constructor() {
    this.destroyRef.onDestroy(() => this.request?.unsubscribe());
    // Layout writes reach imilo one after the other, in the order they were made: the last one wins there as here.
    this.ecritures
      .pipe(
        concatMap(({ widgets, filtre }) =>
          this.api.enregistrerDisposition(widgets, filtre).pipe(
            map((portail) => ({ portail, filtre, error: null })),
            catchError((error: unknown) => of({ portail: null, filtre, error })),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(({ portail, filtre, error }) => (portail === null ? this.refuse(error) : this.accepte(portail, filtre)));
    // Data no older than its widget's interval, while someone looks at it.
    toObservable(this.rafraichissementMs)
      .pipe(
        switchMap((ms) => (ms === null ? EMPTY : interval(ms))),
        filter(() => this.document.visibilityState === 'visible' && this.connectivity.online()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.refresh());
    fromEvent(this.document, 'visibilitychange')
      .pipe(
        filter(() => this.document.visibilityState === 'visible' && this.isStale()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.refresh());
    this.connectivity.online$
      .pipe(
        skip(1),
        filter((online) => online && (this.state().offlineSince !== null || this.state().status === 'failed')),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.load());
  }

  /** The state of one widget as the BFF answered it; undefined while it is being computed (just added). */
  etat<K extends WidgetId>(id: K): WidgetEtat<K> | undefined {
    return this.state().portail?.widgets[id] as WidgetEtat<K> | undefined;
  }

  /** Reads the home (the direction's figures for the filter chosen). */
  load(): void {
    const generation = ++this.generation;
    const filtre = this.state().filtre;
    this.request?.unsubscribe();
    this.state.update((state) => ({ ...state, status: state.portail === null ? 'loading' : state.status, error: null }));
    this.request = this.api.portail(filtre).subscribe({
      next: (portail) => {
        if (generation !== this.generation) {
          return;
        }
        this.lu = Date.now();
        this.confirmee = portail.disposition.widgets;
        this.state.update((state) => ({ ...state, status: 'loaded', portail, offlineSince: null, error: null }));
        void this.cache.put(portailCacheKey(this.userId()), portail);
      },
      error: (error: unknown) => void this.fail(error, generation),
    });
  }

  /** The direction's period: the figures are read again. */
  choisirPeriode(periode: PeriodePortail): void {
    this.state.update((state) => ({ ...state, filtre: { ...state.filtre, periode } }));
    this.load();
  }

  /** One site, or all of them (null). */
  choisirSite(site: string | null): void {
    this.state.update((state) => ({ ...state, filtre: { ...state.filtre, site } }));
    this.load();
  }

  /** Moves a widget to another place of the list; said to screen readers. */
  deplacer(id: WidgetId, vers: number): void {
    const widgets = this.widgets();
    const from = widgets.findIndex((item) => item.id === id);
    if (from === -1 || vers < 0 || vers >= widgets.length || vers === from) {
      return;
    }
    this.enregistrer(deplace(widgets, from, vers));
    void this.announcer.announce(`${WIDGETS[id].titre} : position ${vers + 1} sur ${widgets.length}.`, 'polite');
  }

  ajouter(id: WidgetId): void {
    if (this.widgets().some((item) => item.id === id)) {
      return;
    }
    this.enregistrer([...this.widgets(), { id, taille: WIDGETS[id].taille }]);
    void this.announcer.announce(`${WIDGETS[id].titre} ajouté à la fin de l'accueil.`, 'polite');
  }

  retirer(id: WidgetId): void {
    this.enregistrer(this.widgets().filter((item) => item.id !== id));
    void this.announcer.announce(`${WIDGETS[id].titre} retiré de l'accueil.`, 'polite');
  }

  /** One column or two. */
  redimensionner(id: WidgetId, taille: TailleWidget): void {
    this.enregistrer(this.widgets().map((item) => (item.id === id ? { ...item, taille } : item)));
    void this.announcer.announce(`${WIDGETS[id].titre} : ${taille === 2 ? 'pleine largeur' : 'une colonne'}.`, 'polite');
  }

  /** « Rétablir la disposition par défaut »: forgotten on imilo, then the home is read again. */
  retablir(): void {
    this.generation++;
    this.api.retablir().subscribe({
      next: () => {
        this.load();
        void this.announcer.announce('Disposition par défaut rétablie.', 'polite');
      },
      error: (error: unknown) => this.tell(`La disposition par défaut n'a pas pu être rétablie. ${this.reason(error)}`),
    });
  }

  /** Whether « Marquer traitée » was sent for this alert and not answered yet. */
  isTraitementEnCours(cle: string): boolean {
    return this.alertesEnvoi().has(cle);
  }

  /** Records an alert as « traitée »; once imilo has it, it leaves the list. */
  traiterAlerte(cle: string): void {
    if (this.isTraitementEnCours(cle)) {
      return;
    }
    this.alertesEnvoi.update((cles) => new Set([...cles, cle]));
    const done = () => this.alertesEnvoi.update((cles) => new Set([...cles].filter((other) => other !== cle)));
    this.api.traiterAlerte(cle).subscribe({
      next: () => {
        done();
        this.patchAlertes((donnees) => {
          const items = donnees.items.filter((alerte) => alerte.cle !== cle);
          return { total: Math.max(0, donnees.total - (donnees.items.length - items.length)), items };
        });
        void this.announcer.announce('Alerte marquée traitée.', 'polite');
      },
      error: (error: unknown) => {
        done();
        this.tell(`L'alerte n'a pas pu être marquée traitée. ${this.reason(error)}`);
      },
    });
  }

  /**
   * The jeune has seen their notifications: told to imilo once per home read live. What is shown stays as read (the
   * « nouvelle » marks tell what arrived), the next read counts from now.
   */
  marquerNotificationsLues(): void {
    const etat = this.etat('notifications');
    if (this.notificationsEnvoyees || this.state().offlineSince !== null || etat?.statut !== 'ok' || etat.donnees.nonLues === 0) {
      return;
    }
    this.notificationsEnvoyees = true;
    this.api.marquerNotificationsLues().subscribe({
      // Not worth a message: the count comes back on the next read, and is sent again then.
      error: () => (this.notificationsEnvoyees = false),
    });
  }

  private enregistrer(widgets: readonly DispositionItem[]): void {
    this.generation++;
    this.request?.unsubscribe();
    this.ecrituresEnCours++;
    this.state.update((state) =>
      state.portail === null ? state : { ...state, portail: { ...state.portail, disposition: { widgets: [...widgets], parDefaut: false } } },
    );
    this.ecritures.next({ widgets, filtre: this.state().filtre });
  }

  private accepte(reponse: PortailDto, filtre: PortailFiltre): void {
    this.ecrituresEnCours--;
    this.confirmee = reponse.disposition.widgets;
    if (this.ecrituresEnCours > 0) {
      return;
    }
    const courant = this.state().filtre;
    if (courant.periode !== filtre.periode || courant.site !== filtre.site) {
      // Another period or site was chosen while the layout was being saved: the answer is for the previous one.
      this.load();
      return;
    }
    this.state.update((state) => ({ ...state, portail: reponse }));
    this.lu = Date.now();
    void this.cache.put(portailCacheKey(this.userId()), reponse);
  }

  private refuse(error: unknown): void {
    this.ecrituresEnCours--;
    const confirmee = this.confirmee;
    this.state.update((state) =>
      state.portail === null
        ? state
        : { ...state, portail: { ...state.portail, disposition: { ...state.portail.disposition, widgets: [...confirmee] } } },
    );
    this.tell(`La disposition n'a pas pu être enregistrée. ${this.reason(error)}`);
  }

  private patchAlertes(change: (donnees: WidgetData<'alertes'>) => WidgetData<'alertes'>): void {
    this.state.update((state) => {
      const etat = state.portail?.widgets.alertes;
      if (state.portail === null || etat?.statut !== 'ok') {
        return state;
      }
      return { ...state, portail: { ...state.portail, widgets: { ...state.portail.widgets, alertes: { statut: 'ok', donnees: change(etat.donnees) } } } };
    });
    void this.cache.put(portailCacheKey(this.userId()), this.state().portail);
  }

  private refresh(): void {
    if (this.ecrituresEnCours === 0) {
      this.load();
    }
  }

  private isStale(): boolean {
    const ms = this.rafraichissementMs();
    return ms !== null && Date.now() - this.lu >= ms;
  }

  private reason(error: unknown): string {
    return isUnreachable(error) ? 'Vous êtes hors connexion : réessayez une fois la connexion revenue.' : toRequestFailure(error).message;
  }

  private tell(message: string): void {
    this.snackBar.open(message, 'Fermer', { duration: 8000 });
  }

  private async fail(error: unknown, generation: number): Promise<void> {
    if (isUnreachable(error)) {
      const cached = await this.cache.get<PortailDto>(portailCacheKey(this.userId()));
      if (generation !== this.generation) {
        return;
      }
      if (cached !== null) {
        this.confirmee = cached.value.disposition.widgets;
        this.state.update((state) => ({ ...state, status: 'loaded', portail: cached.value, offlineSince: cached.savedAt, error: null }));
        return;
      }
      this.state.update((state) => ({ ...state, status: 'failed', error: OFFLINE_NOTHING_CACHED }));
      return;
    }
    if (generation === this.generation) {
      // A refresh that fails keeps what is shown; a first read says why nothing is.
      this.state.update((state) =>
        state.portail === null ? { ...state, status: 'failed', error: toRequestFailure(error).message } : state,
      );
    }
  }
}
