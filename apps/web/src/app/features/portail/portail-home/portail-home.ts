import { type CdkDragDrop, DragDropModule } from '@angular/cdk/drag-drop';
import { BreakpointObserver } from '@angular/cdk/layout';
import { afterNextRender, ChangeDetectionStrategy, Component, computed, inject, Injector, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { type DispositionItem, type PeriodePortail, WIDGETS, type WidgetId } from '@imilo/domain';
import { UiEmptyState, UiErrorMessage, UiIcon, UiIdentitySummary } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { map } from 'rxjs';
import { Connectivity } from '../../../core/connectivity';
import { TABLET_QUERY } from '../../../core/layout/navigation';
import { authFeature } from '../../auth/auth.feature';
import { PortailStore } from '../portail.store';
import { ACloturerWidget } from '../widgets/a-cloturer-widget';
import { AlertesWidget } from '../widgets/alertes-widget';
import { ComptesWidget } from '../widgets/comptes-widget';
import { DossiersACompleterWidget } from '../widgets/dossiers-a-completer-widget';
import { DossiersParCompletudeWidget } from '../widgets/dossiers-par-completude-widget';
import { IndicateurWidget } from '../widgets/indicateur-widget';
import { MemosWidget } from '../widgets/memos-widget';
import { MonActiviteWidget } from '../widgets/mon-activite-widget';
import { OffreDeServiceWidget } from '../widgets/offre-de-service-widget';
import { RendezVousDuJourWidget } from '../widgets/rendez-vous-du-jour-widget';

const PERIODES: readonly { readonly value: PeriodePortail; readonly label: string }[] = [
  { value: 'semaine', label: 'Semaine' },
  { value: 'mois', label: 'Mois' },
  { value: 'trimestre', label: 'Trimestre' },
];

/**
 * The home of the conseiller, direction and admin portals (#6): the user's widgets in a grid (one column on phones,
 * two from tablets, a wide widget spanning both), read in one call. « Personnaliser » adds, removes, resizes and
 * reorders them — by dragging on tablets and desktops, with « Monter » / « Descendre » everywhere (phones, keyboards,
 * screen readers), each move announced. Content projected below the title (the admin's tasks) shows above the grid.
 */
@Component({
  selector: 'app-portail-home',
  imports: [
    DragDropModule,
    MatButton,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatProgressBar,
    MatSelectModule,
    UiEmptyState,
    UiErrorMessage,
    UiIcon,
    UiIdentitySummary,
    ACloturerWidget,
    AlertesWidget,
    ComptesWidget,
    DossiersACompleterWidget,
    DossiersParCompletudeWidget,
    IndicateurWidget,
    MemosWidget,
    MonActiviteWidget,
    OffreDeServiceWidget,
    RendezVousDuJourWidget,
  ],
  templateUrl: './portail-home.html',
  styleUrl: './portail-home.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [PortailStore],
})
export class PortailHome {
  protected readonly store = inject(PortailStore);
  private readonly injector = inject(Injector);
  protected readonly identity = inject(Store).selectSignal(authFeature.selectIdentity);

  protected readonly periodes = PERIODES;
  protected readonly online = inject(Connectivity).online;
  /** Dragging on tablets and desktops; on phones a long press would fight the scroll. */
  protected readonly draggable = toSignal(
    inject(BreakpointObserver)
      .observe(TABLET_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly editing = signal(false);
  protected readonly titre = computed(() => {
    const prenom = this.identity()?.prenom;
    return prenom === undefined ? 'Accueil' : `Bonjour ${prenom}`;
  });
  protected readonly aujourdhui = computed(() => this.store.portail()?.aujourdhui ?? '');
  protected readonly ajoutables = computed(() => this.store.ajoutables().map((id) => ({ id, titre: WIDGETS[id].titre })));
  /** Whether the home may be changed now: imilo must be reachable to save it. */
  protected readonly personnalisable = computed(() => this.online() && this.store.offlineSince() === null && this.store.portail() !== null);

  constructor() {
    this.store.load();
  }

  protected titreDe(id: WidgetId): string {
    return WIDGETS[id].titre;
  }

  protected basculer(): void {
    this.editing.update((editing) => !editing);
  }

  protected choisirPeriode(periode: PeriodePortail): void {
    this.store.choisirPeriode(periode);
  }

  protected choisirSite(site: string): void {
    this.store.choisirSite(site === '' ? null : site);
  }

  protected deplacer(item: DispositionItem, index: number, sens: -1 | 1): void {
    const vers = index + sens;
    this.store.deplacer(item.id, vers);
    // The moved widget's button keeps the focus wherever the list put it; at either end, its other button takes it.
    const auBout = sens === -1 ? vers === 0 : vers === this.store.widgets().length - 1;
    const bouton = (sens === -1) === auBout ? 'descendre' : 'monter';
    afterNextRender(() => document.getElementById(`portail-${bouton}-${item.id}`)?.focus(), { injector: this.injector });
  }

  protected redimensionner(item: DispositionItem): void {
    this.store.redimensionner(item.id, item.taille === 2 ? 1 : 2);
  }

  protected retirer(item: DispositionItem): void {
    this.store.retirer(item.id);
  }

  protected ajouter(id: WidgetId): void {
    this.store.ajouter(id);
  }

  protected drop(event: CdkDragDrop<unknown, unknown, WidgetId>): void {
    if (event.previousIndex !== event.currentIndex) {
      this.store.deplacer(event.item.data, event.currentIndex);
    }
  }
}
