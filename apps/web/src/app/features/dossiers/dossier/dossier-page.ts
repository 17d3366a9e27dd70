import { BreakpointObserver } from '@angular/cdk/layout';
import { Location, NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChildren,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule, MatExpansionPanel } from '@angular/material/expansion';
import { MatTabsModule } from '@angular/material/tabs';
import { Router } from '@angular/router';
import { SECTION_DOSSIER_LABELS, type SectionDossier } from '@imilo/domain';
import { type JeuneHeader, UiErrorMessage, UiIcon, UiJeuneHeader } from '@imilo/ui';
import { map } from 'rxjs';
import { TABLET_QUERY } from '../../../core/layout/navigation';
import { ActionsPanel } from '../../evenements/actions/actions-panel';
import { EvenementSheetLauncher } from '../../evenements/evenement-sheet/evenement-sheet-launcher';
import { PropositionsPanel } from '../../evenements/propositions/propositions-panel';
import { Timeline } from '../../evenements/timeline/timeline';
import { CompteCmiloCard } from './compte-cmilo/compte-cmilo-card';
import { DossierConflicts } from './conflicts/dossier-conflicts';
import { CoordonneesSection } from './coordonnees/coordonnees-section';
import { CursusSection } from './cursus/cursus-section';
import { formatInstant, libelleSituation, nomPersonne } from './dossier-format';
import { DossierStore } from './dossier.store';
import { FamilleSection } from './famille/famille-section';
import { FranceTravailSection } from './france-travail/france-travail-section';
import { IdentiteSection } from './identite/identite-section';
import { LogementSection } from './logement/logement-section';
import { MobiliteSection } from './mobilite/mobilite-section';
import { MotifAccesDialog, type MotifAccesDialogData } from './motif-acces/motif-acces-dialog';
import { NotificationsPanel } from './notifications/notifications-panel';
import { PiecesTab } from './pieces/pieces-tab';
import { RessourcesSection } from './ressources/ressources-section';
import { SanteSection } from './sante/sante-section';
import { SituationsSection } from './situations/situations-section';
import { type DossierDestination, Synthese } from './synthese/synthese';

/** One tab (tablet) or expandable section (phone) of the dossier. */
interface DossierOnglet {
  readonly key: 'synthese' | 'parcours' | DossierDestination;
  readonly label: string;
}

/**
 * A jeune's dossier: the sticky header, then the Synthèse, the parcours (for those who read the whole dossier), the
 * sections the user may read and the pièces — tabs on a tablet, stacked expandable sections on a phone. Opening a
 * dossier outside one's portfolio first asks why. Offline, the copy kept on the device is shown, and edits queued
 * offline that conflict with the stored dossier are resolved at the top.
 */
@Component({
  selector: 'app-dossier-page',
  imports: [
    NgTemplateOutlet,
    MatButton,
    MatExpansionModule,
    MatTabsModule,
    UiErrorMessage,
    UiIcon,
    UiJeuneHeader,
    ActionsPanel,
    DossierConflicts,
    PropositionsPanel,
    NotificationsPanel,
    CompteCmiloCard,
    Timeline,
    Synthese,
    IdentiteSection,
    CoordonneesSection,
    FamilleSection,
    CursusSection,
    SituationsSection,
    RessourcesSection,
    LogementSection,
    MobiliteSection,
    SanteSection,
    FranceTravailSection,
    PiecesTab,
  ],
  providers: [DossierStore],
  templateUrl: './dossier-page.html',
  styleUrl: './dossier-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DossierPage {
  /** The jeune's id, from the route (`/jeunes/:id`). */
  readonly id = input.required<string>();

  private readonly dialog = inject(MatDialog);
  private readonly location = inject(Location);
  private readonly router = inject(Router);
  private readonly breakpoints = inject(BreakpointObserver);
  private readonly panels = viewChildren(MatExpansionPanel);
  private readonly panelElements = viewChildren(MatExpansionPanel, { read: ElementRef });

  protected readonly store = inject(DossierStore);
  protected readonly launcher = inject(EvenementSheetLauncher);
  protected readonly dossier = this.store.dossier;
  protected readonly offlineMessage = computed(() => {
    const since = this.store.offlineSince();
    return since === null ? null : `Hors ligne : dossier tel qu'enregistré sur cet appareil le ${formatInstant(since)}.`;
  });
  protected readonly tablet = toSignal(this.breakpoints.observe(TABLET_QUERY).pipe(map(({ matches }) => matches)), {
    initialValue: this.breakpoints.isMatched(TABLET_QUERY),
  });
  protected readonly selectedIndex = signal(0);

  protected readonly header = computed<JeuneHeader | null>(() => {
    const dossier = this.dossier();
    if (dossier === null) {
      return null;
    }
    const { identite } = dossier;
    return {
      nomNaissance: identite.nomNaissance,
      nomUsage: identite.nomUsage,
      prenoms: identite.prenoms,
      sexe: identite.sexe,
      age: dossier.age,
      referent: dossier.referent === null ? null : nomPersonne(dossier.referent),
      niveau: dossier.completude.niveau,
      situation: dossier.situationCourante === null ? null : libelleSituation(dossier.situationCourante),
    };
  });

  protected readonly onglets = computed<DossierOnglet[]>(() => [
    { key: 'synthese', label: 'Synthèse' },
    ...(this.store.canReadParcours() ? [{ key: 'parcours' as const, label: 'Parcours' }] : []),
    ...(this.dossier()?.sections ?? []).map((section) => ({ key: section, label: SECTION_DOSSIER_LABELS[section] })),
    { key: 'pieces', label: 'Pièces' },
  ]);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });
    effect(() => {
      if (this.store.status() === 'motif-requis') {
        untracked(() => this.askMotif());
      }
    });
  }

  protected isEditable(section: SectionDossier): boolean {
    return this.dossier()?.editables.includes(section) ?? false;
  }

  protected retry(): void {
    this.store.reload();
  }

  /** From the Synthèse: opens the tab or the section where a missing item is filled in. */
  protected open(destination: DossierDestination): void {
    const index = this.onglets().findIndex(({ key }) => key === destination);
    if (index < 0) {
      return;
    }
    if (this.tablet()) {
      this.selectedIndex.set(index);
      return;
    }
    this.panels()[index]?.open();
    const element = this.panelElements()[index]?.nativeElement;
    if (element instanceof HTMLElement) {
      element.scrollIntoView({ block: 'start' });
      element.querySelector<HTMLElement>('.mat-expansion-panel-header')?.focus();
    }
  }

  private askMotif(): void {
    this.dialog
      .open<MotifAccesDialog, MotifAccesDialogData, boolean>(MotifAccesDialog, {
        data: { jeuneId: this.id() },
        disableClose: true,
        width: '32rem',
      })
      .afterClosed()
      .subscribe((declared) => {
        if (declared === true) {
          this.store.reload();
        } else {
          this.goBack();
        }
      });
  }

  private goBack(): void {
    // Opened from a link in a new tab there is nowhere to go back to: the home page then.
    if (this.router.lastSuccessfulNavigation()?.previousNavigation) {
      this.location.back();
    } else {
      void this.router.navigateByUrl('/');
    }
  }
}
