import { LiveAnnouncer } from '@angular/cdk/a11y';
import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, type OnInit, signal, untracked } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CAPABILITIES, can, type MemoDto, type RendezVousDto, rendezVousPatchSchema } from '@imilo/domain';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { firstValueFrom } from 'rxjs';
import { ConfirmationDialog, type ConfirmationDialogData } from '../../../core/confirmation-dialog';
import { toRequestFailure } from '../../../core/http/problem';
import { TABLET_QUERY } from '../../../core/layout/navigation';
import { authFeature } from '../../auth/auth.feature';
import { syncTime } from '../../../core/offline/sync-indicator';
import { AgendaApi, type AgendaScope } from '../agenda-api';
import { AgendaDialogs } from '../agenda-dialogs';
import { AgendaGrid, type CardMove, type SlotChoice } from '../agenda-grid/agenda-grid';
import { AgendaList } from '../agenda-list/agenda-list';
import { heureDeMinutes, instantDans, isoAvecOffset, libelleDate, libelleJour } from '../agenda-time';
import { AgendaWrites } from '../agenda-writes';
import { type AgendaCard, AgendaStore, type AgendaView, LISTE_JOURS, scopeGroups, scopeValue } from '../agenda.store';
import { FluxCalendrier } from '../flux-calendrier/flux-calendrier';
import { MemoForm, type MemoFormData } from '../memo-form/memo-form';
import { RendezVousDetail, type RendezVousDetailData, type RendezVousDetailResult } from '../rendez-vous-detail/rendez-vous-detail';
import { RendezVousForm, type RendezVousFormData } from '../rendez-vous-form/rendez-vous-form';
import { SessionForm, type SessionFormData } from '../session-form/session-form';
import { SessionPanel, type SessionPanelData } from '../session-panel/session-panel';

/** Dragging needs a precise pointer, or a screen wide enough for a long press not to fight the scroll. */
const DRAG_QUERY = '(pointer: fine), (min-width: 840px)';
const JOUR = /^\d{4}-\d{2}-\d{2}$/;

const VIEWS: readonly { readonly value: AgendaView; readonly label: string }[] = [
  { value: 'jour', label: 'Jour' },
  { value: 'semaine', label: 'Semaine' },
  { value: 'liste', label: 'Liste' },
];

const STEP_LABELS: Readonly<Record<AgendaView, readonly [string, string]>> = {
  jour: ['Jour précédent', 'Jour suivant'],
  semaine: ['Semaine précédente', 'Semaine suivante'],
  liste: ['Période précédente', 'Période suivante'],
};

const EMPTY: Readonly<Record<AgendaView, string>> = {
  jour: 'Aucun rendez-vous ce jour',
  semaine: 'Aucun rendez-vous cette semaine',
  liste: `Aucun rendez-vous dans les ${LISTE_JOURS} jours`,
};

/** The patch of a move: the rendez-vous as read, at another start. */
const moved = (rendezVous: RendezVousDto, debut: string) =>
  rendezVousPatchSchema.safeParse({
    version: rendezVous.version,
    jeuneId: rendezVous.jeune.id,
    type: rendezVous.type,
    modalite: rendezVous.modalite,
    debut,
    dureeMinutes: rendezVous.dureeMinutes,
    objet: rendezVous.objet,
    commentaire: rendezVous.commentaire,
    aApporter: rendezVous.aApporter,
    presenceConseiller: rendezVous.presenceConseiller,
    siteId: rendezVous.site?.id ?? null,
    adresse: rendezVous.adresse,
  });

/**
 * The agenda (#5): day (the tablet's default), week and list (the phone's default) views of mine, a colleague's or
 * the site's rendez-vous and collective sessions, with the mémos due. Tap a slot to plan, drag a card to move it (a
 * form on phones), open a card for its detail.
 */
@Component({
  selector: 'app-agenda-page',
  imports: [
    MatButton,
    MatIconButton,
    MatButtonToggleModule,
    MatCheckbox,
    MatFormFieldModule,
    MatProgressBar,
    MatSelectModule,
    UiEmptyState,
    UiErrorMessage,
    UiIcon,
    AgendaGrid,
    AgendaList,
  ],
  templateUrl: './agenda-page.html',
  styleUrl: './agenda-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [AgendaStore],
})
export class AgendaPage implements OnInit {
  protected readonly store = inject(AgendaStore);
  private readonly dialogs = inject(AgendaDialogs);
  private readonly writes = inject(AgendaWrites);
  private readonly api = inject(AgendaApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly breakpoints = inject(BreakpointObserver);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);

  protected readonly views = VIEWS;
  protected readonly draggable = this.breakpoints.isMatched(DRAG_QUERY);
  private readonly roles = computed(() => this.me()?.roles ?? []);
  /** Whether I have an agenda of my own: rendez-vous planned there, collective sessions animated. */
  protected readonly mine = computed(() => can(this.roles(), CAPABILITIES.agendaMine));
  private readonly monSite = computed(() => {
    const missionsLocales = this.me()?.missionsLocales ?? [];
    return (missionsLocales.find(({ principale }) => principale) ?? missionsLocales[0])?.site ?? null;
  });
  protected readonly scopeValue = computed(() => scopeValue(this.store.scope()));
  protected readonly scopeGroups = computed(() => scopeGroups({ mine: this.mine(), monSite: this.monSite(), collegues: this.store.collegues() }));
  protected readonly scopes = computed(() => this.scopeGroups().flatMap(({ choices }) => choices));
  /** Whether a rendez-vous may be planned in the agenda shown (mine, a colleague's, or mine from the site's). */
  protected readonly creatable = computed(() => {
    const scope = this.store.scope();
    return scope.kind === 'conseiller' ? can(this.roles(), CAPABILITIES.agendaBookForColleague) : this.mine();
  });
  protected readonly stepLabels = computed(() => STEP_LABELS[this.store.view()]);
  protected readonly emptyMessage = computed(() => EMPTY[this.store.view()]);
  protected readonly isEmpty = computed(() => this.store.status() === 'loaded' && this.store.cards().length === 0);
  protected readonly titre = computed(() => {
    const { from } = this.store.range();
    switch (this.store.view()) {
      case 'jour':
        return libelleJour(from);
      case 'semaine':
        return `Semaine du ${libelleDate(from)}`;
      case 'liste':
        return `À partir du ${libelleJour(from)}`;
    }
  });
  protected readonly offline = computed(() => {
    const since = this.store.offlineSince();
    return since === null ? null : `Hors connexion : agenda enregistré sur cet appareil ${syncTime(since)}.`;
  });
  protected readonly memos = computed(() =>
    this.store.view() === 'jour'
      ? this.store.memosDus().map((memo) => ({
          memo,
          label: `${memo.texte}${memo.jeune === null ? '' : ` — ${memo.jeune.prenom} ${memo.jeune.nom}`}${memo.portee === 'EQUIPE' ? ' (équipe)' : ''}`,
          echeance: memo.echeance === null ? '' : `${memo.enRetard ? 'En retard, échéance' : 'Échéance'} le ${libelleDate(memo.echeance)}`,
        }))
      : [],
  );
  protected readonly memoBusy = signal<string | null>(null);

  /** `?jour=AAAA-MM-JJ`: the day the agenda opens on (the home's « À clôturer » links here). */
  readonly jour = input<string>();
  /** `?ouvrir=<id>`: the rendez-vous or session whose detail opens once that day is read. */
  readonly ouvrir = input<string>();
  private aOuvrir: string | null = null;

  constructor() {
    this.store.loadCollegues();
    // The item a link asked for opens once, when the agenda that holds it is read.
    effect(() => {
      const cards = this.store.cards();
      const card = this.aOuvrir === null ? undefined : cards.find((item) => item.id === this.aOuvrir);
      if (card !== undefined) {
        this.aOuvrir = null;
        untracked(() => this.openCard(card));
      }
    });
    // Announced politely once each range is read: the screen reader user knows the page changed.
    effect(() => {
      if (this.store.status() === 'loaded') {
        const count = this.store.cards().length;
        void this.announcer.announce(count === 0 ? this.emptyMessage() : `${count} élément${count > 1 ? 's' : ''} à l'agenda`, 'polite');
      }
    });
  }

  ngOnInit(): void {
    // Inputs bound from the URL are set by now. A chargé d'accueil has no agenda of their own: their site's opens.
    const jour = this.jour();
    this.aOuvrir = this.ouvrir() ?? null;
    this.store.start(
      this.breakpoints.isMatched(TABLET_QUERY) ? 'jour' : 'liste',
      this.mine() ? { kind: 'moi' } : (this.siteScope() ?? { kind: 'moi' }),
      ...(jour !== undefined && JOUR.test(jour) ? [jour] : []),
    );
  }

  private siteScope(): AgendaScope | null {
    const site = this.monSite();
    return site === null ? null : { kind: 'site', id: site.id, nom: site.nom };
  }

  protected chooseView(view: AgendaView): void {
    this.store.setView(view);
  }

  protected chooseScope(value: string): void {
    const choice = this.scopes().find((scope) => scope.value === value);
    if (choice !== undefined) {
      this.store.setScope(choice.scope);
    }
  }

  /** Arrow keys change day (week, period) when the focus is in the views, not in a field. */
  protected navigate(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, mat-select') || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) {
      return;
    }
    event.preventDefault();
    this.store.step(event.key === 'ArrowLeft' ? -1 : 1);
  }

  protected newRendezVous(debut?: Date): void {
    const scope = this.store.scope();
    const data: RendezVousFormData = {
      timeZone: this.store.timeZone(),
      mesCreneaux: this.store.mesCreneaux(),
      ...(debut === undefined ? {} : { debut }),
      ...(scope.kind === 'conseiller' ? { pour: { id: scope.id, nom: scope.nom } } : {}),
    };
    this.dialogs.sheet<RendezVousForm, RendezVousFormData, boolean>(RendezVousForm, data, { disableClose: true }).subscribe();
  }

  protected createAt(slot: SlotChoice): void {
    this.newRendezVous(instantDans(slot.jour, slot.minutes, this.store.timeZone()));
  }

  protected openCard(card: AgendaCard): void {
    if (card.session !== null) {
      const data: SessionPanelData = { sessionId: card.session.id, timeZone: this.store.timeZone(), peutEmarger: can(this.roles(), CAPABILITIES.rendezVousClose) };
      this.dialogs.sheet<SessionPanel, SessionPanelData, boolean>(SessionPanel, data).subscribe((changed) => {
        if (changed === true) {
          this.store.load();
        }
      });
      return;
    }
    const rendezVous = card.rendezVous;
    if (rendezVous === null) {
      this.snackBar.open("Ce rendez-vous attend la connexion pour être envoyé à imilo : il s'ouvrira ensuite.", undefined, { duration: 4000 });
      return;
    }
    const data: RendezVousDetailData = {
      rendezVous,
      timeZone: this.store.timeZone(),
      peutModifier: card.sync === null && (this.mine() || can(this.roles(), CAPABILITIES.agendaBookForColleague)),
      peutCloturer: card.sync === null && can(this.roles(), CAPABILITIES.rendezVousClose),
    };
    this.dialogs.sheet<RendezVousDetail, RendezVousDetailData, RendezVousDetailResult>(RendezVousDetail, data).subscribe((result) => {
      if (result === 'deplacer') {
        this.editRendezVous(rendezVous);
      }
    });
  }

  private editRendezVous(rendezVous: RendezVousDto): void {
    const data: RendezVousFormData = { timeZone: this.store.timeZone(), mesCreneaux: this.store.mesCreneaux(), rendezVous };
    this.dialogs.sheet<RendezVousForm, RendezVousFormData, boolean>(RendezVousForm, data, { disableClose: true }).subscribe();
  }

  protected move(move: CardMove): void {
    const rendezVous = move.card.rendezVous;
    if (rendezVous === null) {
      return;
    }
    const timeZone = this.store.timeZone();
    const debut = isoAvecOffset(instantDans(move.jour, move.minutes, timeZone), timeZone);
    const question: ConfirmationDialogData = {
      title: 'Déplacer le rendez-vous ?',
      message: `Déplacer le rendez-vous avec ${rendezVous.jeune.prenom} ${rendezVous.jeune.nom} au ${libelleJour(move.jour)} à ${heureDeMinutes(move.minutes)} ? Le jeune en sera informé.`,
      confirm: 'Déplacer',
    };
    this.dialogs.small<ConfirmationDialog, ConfirmationDialogData, boolean>(ConfirmationDialog, question).subscribe((confirmed) => {
      if (confirmed !== true) {
        return;
      }
      const patch = moved(rendezVous, debut);
      if (!patch.success) {
        this.snackBar.open(patch.error.issues[0]?.message ?? 'Déplacement impossible.', 'OK', { duration: 6000 });
        return;
      }
      this.writes.modifier(rendezVous, patch.data, timeZone).catch(() => {
        this.snackBar.open("Le déplacement n'a pas pu être gardé sur cet appareil (stockage indisponible). Réessayez.", 'OK', { duration: 6000 });
      });
    });
  }

  protected newMemo(): void {
    this.dialogs.small<MemoForm, MemoFormData, boolean>(MemoForm, { echeance: this.store.jour() }).subscribe((saved) => {
      if (saved === true) {
        this.snackBar.open('Mémo enregistré', undefined, { duration: 3000 });
        this.store.load();
      }
    });
  }

  protected newSession(): void {
    const data: SessionFormData = { timeZone: this.store.timeZone(), jour: this.store.jour() };
    this.dialogs.sheet<SessionForm, SessionFormData, boolean>(SessionForm, data).subscribe((saved) => {
      if (saved === true) {
        this.snackBar.open('Session enregistrée', undefined, { duration: 3000 });
        this.store.load();
      }
    });
  }

  protected async markDone(memo: MemoDto): Promise<void> {
    this.memoBusy.set(memo.id);
    try {
      await firstValueFrom(
        this.api.modifierMemo(memo.id, { version: memo.version, texte: memo.texte, portee: memo.portee, jeuneId: memo.jeune?.id ?? null, echeance: memo.echeance, fait: true }),
      );
      this.announcer.announce('Mémo marqué comme fait.');
      this.store.load();
    } catch (error: unknown) {
      this.snackBar.open(toRequestFailure(error).message, 'OK', { duration: 6000 });
    } finally {
      this.memoBusy.set(null);
    }
  }

  protected openFlux(): void {
    this.dialogs.small<FluxCalendrier, null, void>(FluxCalendrier, null).subscribe();
  }
}
