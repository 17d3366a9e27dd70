import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  conflictsWith,
  type CreneauRendezVous,
  type JeuneResume,
  MODALITE_RENDEZ_VOUS_LABELS,
  MODALITES_RENDEZ_VOUS,
  type ModaliteRendezVous,
  OBJET_RENDEZ_VOUS_PAR_DEFAUT,
  rendezVousCreationSchema,
  rendezVousDateError,
  type RendezVousDto,
  rendezVousPatchSchema,
  TYPE_RENDEZ_VOUS_LABELS,
  TYPE_RENDEZ_VOUS_PAR_DEFAUT,
  TYPES_RENDEZ_VOUS_INDIVIDUELS,
  type TypeRendezVous,
} from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { catchError, filter, map, merge, of } from 'rxjs';
import { ConfirmationDialog, type ConfirmationDialogData } from '../../../core/confirmation-dialog';
import { errorMessage } from '../../../core/forms/zod-validator';
import { authFeature } from '../../auth/auth.feature';
import { type FormIssue, ouNull, showIssues } from '../../evenements/evenement-sheet/form-issues';
import { CLOCK } from '../../evenements/evenement-sheet/local-time';
import { AgendaApi } from '../agenda-api';
import { heureFr, heureInput, instantDans, isoAvecOffset, jourDans } from '../agenda-time';
import { AgendaWrites } from '../agenda-writes';
import { JeunePicker } from '../jeune-picker/jeune-picker';

/** What the form opens on: a slot tapped, or the rendez-vous to change (move). */
export interface RendezVousFormData {
  readonly timeZone: string;
  /** The conseiller's planned rendez-vous loaded in the agenda: overlaps are warned before sending. */
  readonly mesCreneaux: readonly CreneauRendezVous[];
  /** The start of a new rendez-vous (the slot tapped). */
  readonly debut?: Date;
  /** The rendez-vous to change. */
  readonly rendezVous?: RendezVousDto;
  /** A colleague whose agenda receives a new rendez-vous (booked for them). */
  readonly pour?: { readonly id: string; readonly nom: string };
}

export const DUREES = [15, 30, 45, 60, 90, 120] as const;

export const NON_ENREGISTRE = "Le rendez-vous n'a pas pu être gardé sur cet appareil (stockage indisponible). Réessayez ; votre saisie reste affichée.";

const ABANDON: ConfirmationDialogData = {
  title: 'Fermer sans enregistrer ?',
  message: 'Le rendez-vous saisi ne sera pas enregistré.',
  confirm: 'Abandonner la saisie',
  cancel: 'Continuer la saisie',
};

// Where the schema's issues show: the jeune is picked by name, the start typed as a day and a time.
const CONTROL_OF_PATH: Readonly<Record<string, string>> = { jeuneId: 'jeune', debut: 'heure' };

const text = (value = ''): FormControl<string> => new FormControl(value, { nonNullable: true });

/** The type a rendez-vous read keeps in the form: one of the individual types (an i-milo mirror is never edited here). */
const typeOf = (type: TypeRendezVous | undefined): (typeof TYPES_RENDEZ_VOUS_INDIVIDUELS)[number] =>
  (TYPES_RENDEZ_VOUS_INDIVIDUELS as readonly string[]).includes(type ?? '') ? (type as (typeof TYPES_RENDEZ_VOUS_INDIVIDUELS)[number]) : TYPE_RENDEZ_VOUS_PAR_DEFAUT as (typeof TYPES_RENDEZ_VOUS_INDIVIDUELS)[number];

/**
 * The form of an individual rendez-vous (#5): a new one (from « Nouveau rendez-vous » or a tapped slot) or a change of
 * one (« Déplacer »). Validated with the domain's schema (the BFF's French messages), overlaps with the conseiller's
 * other rendez-vous warned while typing, saved through the outbox. A side dialog on a tablet, full screen on a phone.
 */
@Component({
  selector: 'app-rendez-vous-form',
  imports: [ReactiveFormsModule, MatButton, MatCheckbox, MatDialogModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule, UiErrorMessage, JeunePicker],
  templateUrl: './rendez-vous-form.html',
  styleUrl: './rendez-vous-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RendezVousForm {
  protected readonly data = inject<RendezVousFormData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RendezVousForm, boolean>>(MatDialogRef);
  private readonly dialog = inject(MatDialog);
  private readonly writes = inject(AgendaWrites);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly clock = inject(CLOCK);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);

  protected readonly titre = this.data.rendezVous === undefined ? 'Nouveau rendez-vous' : 'Modifier le rendez-vous';
  protected readonly types = TYPES_RENDEZ_VOUS_INDIVIDUELS.map((code) => ({ code, libelle: TYPE_RENDEZ_VOUS_LABELS[code] }));
  protected readonly modalites = MODALITES_RENDEZ_VOUS.map((code) => ({ code, libelle: MODALITE_RENDEZ_VOUS_LABELS[code] }));
  protected readonly durees = DUREES;
  protected readonly errorMessage = errorMessage;
  private readonly monSite = computed(() => {
    const missionsLocales = this.me()?.missionsLocales ?? [];
    return (missionsLocales.find(({ principale }) => principale) ?? missionsLocales[0])?.site ?? null;
  });
  // Offline the list may not load: the user's own site and the rendez-vous' are still offered.
  private readonly sitesCharges = toSignal(inject(AgendaApi).sites().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly sites = computed(() => {
    const known = [this.monSite(), this.data.rendezVous?.site ?? null].filter((site) => site !== null);
    const all = new Map([...known, ...this.sitesCharges()].map((site) => [site.id, site.nom]));
    return [...all].map(([id, nom]) => ({ id, libelle: id === this.monSite()?.id ? `${nom} (mon site)` : nom }));
  });

  protected readonly form = this.buildForm();
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), { initialValue: this.form.getRawValue() });
  protected readonly modalite = computed(() => this.value().modalite);

  /** My other rendez-vous this start and duration overlap, as typed (a warning: the BFF accepts it). */
  protected readonly conflits = computed(() => {
    const { jour, heure, dureeMinutes } = this.value();
    if (this.data.pour !== undefined || !/^\d{4}-\d{2}-\d{2}$/.test(jour) || !/^\d{2}:\d{2}$/.test(heure)) {
      return [];
    }
    const debut = instantDans(jour, heure, this.data.timeZone);
    return conflictsWith({ id: this.data.rendezVous?.id, debut, dureeMinutes }, this.data.mesCreneaux).map(
      (other) => `${heureFr(other.debut, this.data.timeZone)} – ${heureFr(new Date(other.debut.getTime() + other.dureeMinutes * 60_000), this.data.timeZone)}`,
    );
  });

  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly otherErrors = signal<readonly string[]>([]);

  constructor() {
    merge(this.dialogRef.backdropClick(), this.dialogRef.keydownEvents().pipe(filter((event) => event.key === 'Escape')))
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.requestClose());
  }

  private buildForm() {
    const rendezVous = this.data.rendezVous;
    const timeZone = this.data.timeZone;
    const debut = rendezVous === undefined ? (this.data.debut ?? this.clock()) : new Date(rendezVous.debut);
    return new FormGroup({
      jeune: new FormControl<JeuneResume | null>(rendezVous?.jeune ?? null),
      type: new FormControl(typeOf(rendezVous?.type), { nonNullable: true }),
      modalite: new FormControl<ModaliteRendezVous | null>(rendezVous?.modalite ?? 'PRESENTIEL_SITE'),
      siteId: text(rendezVous === undefined ? (this.monSite()?.id ?? '') : (rendezVous.site?.id ?? '')),
      adresse: text(rendezVous?.adresse ?? ''),
      jour: text(jourDans(debut, timeZone)),
      heure: text(heureInput(debut, timeZone)),
      dureeMinutes: new FormControl<number>(rendezVous?.dureeMinutes ?? 30, { nonNullable: true }),
      objet: text(rendezVous?.objet ?? ''),
      commentaire: text(rendezVous?.commentaire ?? ''),
      aApporter: text(rendezVous?.aApporter ?? ''),
      presenceConseiller: new FormControl(rendezVous?.presenceConseiller ?? true, { nonNullable: true }),
    });
  }

  /** The body as the BFF expects it, before validation. */
  private body() {
    const value = this.form.getRawValue();
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(value.jour) && /^\d{2}:\d{2}$/.test(value.heure);
    const debut = valid ? isoAvecOffset(instantDans(value.jour, value.heure, this.data.timeZone), this.data.timeZone) : '';
    return {
      jeuneId: value.jeune?.id ?? '',
      type: value.type,
      modalite: value.modalite ?? undefined,
      debut,
      dureeMinutes: value.dureeMinutes,
      objet: value.objet.trim() === '' ? OBJET_RENDEZ_VOUS_PAR_DEFAUT : value.objet,
      commentaire: ouNull(value.commentaire),
      aApporter: ouNull(value.aApporter),
      presenceConseiller: value.presenceConseiller,
      siteId: value.modalite === 'PRESENTIEL_SITE' ? (value.siteId === '' ? null : value.siteId) : null,
      adresse: value.modalite === 'AUTRE_LIEU' ? ouNull(value.adresse) : null,
    };
  }

  protected async save(): Promise<void> {
    if (this.saving()) {
      return;
    }
    const rendezVous = this.data.rendezVous;
    const body = this.body();
    const dateError = body.debut === '' ? null : rendezVousDateError(new Date(body.debut), this.clock());
    const dateIssues = dateError === null ? [] : [{ path: ['debut'], message: dateError }];
    if (rendezVous === undefined) {
      const id = crypto.randomUUID();
      // Booked in a colleague's agenda: theirs (the BFF checks the right to book for a colleague).
      const pour = this.data.pour === undefined ? {} : { conseillerId: this.data.pour.id };
      const parsed = rendezVousCreationSchema.safeParse({ id, ...pour, ...body });
      if (!parsed.success || dateIssues.length > 0) {
        this.reject([...(parsed.error?.issues ?? []), ...dateIssues]);
        return;
      }
      const jeune = this.form.getRawValue().jeune;
      await this.queue(() => this.writes.creer({ ...parsed.data, id }, jeune === null ? '' : `${jeune.prenom} ${jeune.nom}`, this.data.timeZone));
    } else {
      const parsed = rendezVousPatchSchema.safeParse({ version: rendezVous.version, ...body });
      if (!parsed.success || dateIssues.length > 0) {
        this.reject([...(parsed.error?.issues ?? []), ...dateIssues]);
        return;
      }
      await this.queue(() => this.writes.modifier(rendezVous, parsed.data, this.data.timeZone));
    }
  }

  private reject(issues: readonly FormIssue[]): void {
    this.otherErrors.set(showIssues(this.form, issues, (path) => CONTROL_OF_PATH[path] ?? path));
    this.announcer.announce('Certaines informations sont à corriger : voyez les champs signalés.');
  }

  private async queue(write: () => Promise<unknown>): Promise<void> {
    this.otherErrors.set([]);
    this.error.set(null);
    this.saving.set(true);
    try {
      await write();
    } catch {
      // IndexedDB refused the write (storage full, private browsing): nothing is lost while the form stays open.
      this.error.set(NON_ENREGISTRE);
      this.saving.set(false);
      return;
    }
    this.dialogRef.close(true);
  }

  protected requestClose(): void {
    if (this.saving()) {
      return;
    }
    if (!this.form.dirty) {
      this.dialogRef.close(false);
      return;
    }
    this.dialog
      .open<ConfirmationDialog, ConfirmationDialogData, boolean>(ConfirmationDialog, { data: ABANDON, maxWidth: 'calc(100vw - 32px)' })
      .afterClosed()
      .subscribe((abandon) => {
        if (abandon === true) {
          this.dialogRef.close(false);
        }
      });
  }

}
