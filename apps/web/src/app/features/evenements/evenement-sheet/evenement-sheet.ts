import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MAT_BOTTOM_SHEET_DATA, MatBottomSheetRef } from '@angular/material/bottom-sheet';
import { MatChipsModule } from '@angular/material/chips';
import { MAT_DIALOG_DATA, MatDialog, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  CAPABILITIES,
  can,
  type EvenementCreation,
  evenementCreationSchema,
  type EvenementDto,
  type EvenementPatch,
  evenementPatchSchema,
  LIEUX_EVENEMENT,
  type LieuInput,
  type LieuEvenementType,
  type MeDto,
  type Personne,
  type Suppression,
  type Theme,
  type TimelineItemDto,
  THEME_LABELS,
  THEMES,
  TYPE_EVENEMENT_PAR_DEFAUT,
  TYPE_PREMIER_ACCUEIL,
  TYPES_EVENEMENT_NATIONAUX,
  type TypeEvenementDto,
} from '@imilo/domain';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { catchError, debounceTime, EMPTY, filter, map, merge, of } from 'rxjs';
import * as z from 'zod';
import { ConfirmationDialog, type ConfirmationDialogData } from '../../../core/confirmation-dialog';
import { errorMessage } from '../../../core/forms/zod-validator';
import { OfflineCache } from '../../../core/offline/offline-cache';
import type { OutboxRequest } from '../../../core/offline/outbox.model';
import { authFeature } from '../../auth/auth.feature';
import { ActionTitreField } from '../actions/action-titre-field';
import { echeanceParDefaut } from '../actions/actions-vm';
import { EvenementsApi } from '../evenements-api';
import {
  propositionChoisie,
  PropositionFields,
  type PropositionFieldsForm,
  propositionFieldsForm,
} from '../propositions/proposition-fields';
import { FermetureDialog, type FermetureChoix } from './fermeture-dialog';
import { ouNull, showIssues } from './form-issues';
import { CLOCK, heureLocale, instantLocal, jourHeureCourts, jourLocal } from './local-time';
import { OutboxSaver } from './outbox-saver';
import { type FormReading, openSuiviDialog } from './suivi-dialog';
import { SuppressionDialog, type SuppressionDialogData } from './suppression-dialog';

/** Whose événement the sheet records, and in which Mission Locale (its site is "my site"). */
export interface EvenementSheetData {
  readonly jeuneId: string;
  readonly missionLocaleId: string;
  /** The événement read from the BFF, to correct or to read; absent for a new one. */
  readonly evenement?: EvenementDto;
}

/** What the sheet does: record a new événement, correct one, or show one the user may not change. */
export type EvenementSheetMode = 'creation' | 'modification' | 'lecture';

/**
 * Only the événement's own conseiller may correct it (the BFF refuses the others), with the right to write événements;
 * one written by a proposition's change of state is read only, its objet being generated.
 */
export const evenementSheetMode = (evenement: EvenementDto | undefined, me: MeDto | null): EvenementSheetMode => {
  if (evenement === undefined) {
    return 'creation';
  }
  const mayWrite = me !== null && can(me.roles, CAPABILITIES.evenementsWrite);
  return mayWrite && evenement.conseiller.id === me.id && evenement.origine === 'SAISIE' ? 'modification' : 'lecture';
};

const evenementUrl = (id: string): string => `/api/v1/evenements/${encodeURIComponent(id)}`;

/** The site of an événement read, as the BFF named it; null when it was not on site. */
const siteOf = (evenement: EvenementDto | undefined): { readonly id: string; readonly nom: string } | null => {
  const lieu = evenement?.lieu;
  return lieu === undefined || lieu.siteId === null || lieu.siteNom === null ? null : { id: lieu.siteId, nom: lieu.siteNom };
};

/** How an événement shows on the timeline while a write of it waits in the outbox. */
const apercu = (
  id: string,
  evenement: Pick<EvenementCreation, 'date' | 'typeCode' | 'objet' | 'themes'>,
  titre: string,
  auteur: Pick<Personne, 'prenom' | 'nom'> | null,
): TimelineItemDto => ({
  kind: 'evenement',
  id,
  // As the BFF answers it (UTC), so that the timeline sorts the preview among the others.
  at: new Date(evenement.date).toISOString(),
  titre,
  detail: evenement.objet,
  themes: evenement.themes,
  typeEvenement: evenement.typeCode,
  auteur: auteur === null ? null : `${auteur.prenom} ${auteur.nom}`,
  statut: null,
});

/** Where the draft of a jeune's événement is kept on the device. */
export const brouillonKey = (jeuneId: string): string => `brouillon-evenement:${jeuneId}`;

/** Quiet time after the last keystroke before the draft is written to IndexedDB. */
export const AUTOSAVE_MS = 600;

export const NON_ENREGISTRE =
  "L'événement n'a pas pu être gardé sur cet appareil (stockage indisponible). Réessayez ; votre saisie reste affichée.";
export const SUPPRESSION_NON_ENREGISTREE =
  "La suppression n'a pas pu être gardée sur cet appareil (stockage indisponible). Réessayez.";

const TITRES: Readonly<Record<EvenementSheetMode, string>> = {
  creation: 'Nouvel événement',
  modification: "Modifier l'événement",
  lecture: 'Événement',
};

const ABANDON: ConfirmationDialogData = {
  title: 'Fermer sans enregistrer ?',
  message: "Vos corrections de l'événement ne sont pas enregistrées : elles seront perdues.",
  confirm: 'Abandonner les corrections',
  cancel: 'Continuer la saisie',
};

const DUREES = [15, 30, 45, 60] as const;

// What a draft holds: the form as typed. Parsed on restore, since a draft may come from an earlier version of the app.
const brouillonSchema = z.object({
  date: z.string(),
  heure: z.string(),
  dureeMinutes: z.number().nullable(),
  typeCode: z.string(),
  lieuType: z.enum(LIEUX_EVENEMENT).nullable(),
  /** The site chosen when on site; absent from the drafts of earlier versions (which meant "my site"). */
  siteId: z.string().optional(),
  adresse: z.string(),
  themes: z.array(z.enum(THEMES)),
  objet: z.string(),
  partenaire: z.string(),
  actions: z.array(z.object({ titre: z.string(), echeance: z.string() })).max(20),
  propositions: z.array(z.object({ offreId: z.string().nullable(), libelle: z.string(), theme: z.enum(THEMES).nullable() })).max(10),
  contexte: z.string(),
});

type Brouillon = z.infer<typeof brouillonSchema>;
type TypeEvenement = Pick<TypeEvenementDto, 'code' | 'libelle'>;

/** A site of the jeune's Mission Locale as the lieu choice offers it. */
export interface SiteChoix {
  readonly id: string;
  /** Its name, "(mon site)" after the user's own. */
  readonly libelle: string;
}
type ActionRow = FormGroup<{ titre: FormControl<string>; echeance: FormControl<string> }>;

const text = (): FormControl<string> => new FormControl('', { nonNullable: true });

const actionRow = (value: Brouillon['actions'][number]): ActionRow =>
  new FormGroup({
    titre: new FormControl(value.titre, { nonNullable: true }),
    echeance: new FormControl(value.echeance, { nonNullable: true }),
  });

// Where the schema's lieu issues show: the lieu is chosen with the radios, the site and the address in their own fields.
const CONTROL_OF_PATH: Readonly<Record<string, string>> = {
  lieu: 'lieuType',
  'lieu.type': 'lieuType',
  'lieu.siteId': 'siteId',
  'lieu.adresse': 'adresse',
};

const INVALID_SELECTOR = '[aria-invalid="true"], mat-chip-listbox.ng-invalid, mat-radio-group.ng-invalid input';

/**
 * The quick-entry sheet of an événement, written during an appointment (ui.md): filled with now, the default type and
 * my site; thèmes as chips; free text last. Saved on the device first (outbox), the draft kept in IndexedDB while typing.
 * Opened by `EvenementSheetLauncher`, in a bottom sheet (phone) or a side dialog (tablet).
 */
@Component({
  selector: 'app-evenement-sheet',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatIconButton,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    UiErrorMessage,
    UiIcon,
    ActionTitreField,
    PropositionFields,
  ],
  templateUrl: './evenement-sheet.html',
  styleUrl: './evenement-sheet.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EvenementSheet {
  private readonly data =
    inject<EvenementSheetData | null>(MAT_DIALOG_DATA, { optional: true }) ?? inject<EvenementSheetData>(MAT_BOTTOM_SHEET_DATA);
  private readonly dialogRef = inject(MatDialogRef, { optional: true });
  private readonly sheetRef = inject(MatBottomSheetRef, { optional: true });
  private readonly dialog = inject(MatDialog);
  private readonly api = inject(EvenementsApi);
  private readonly saver = inject(OutboxSaver);
  private readonly cache = inject(OfflineCache);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly clock = inject(CLOCK);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);
  /** Fixed when the sheet opens: the rights of the session that read the événement. */
  protected readonly mode = evenementSheetMode(this.data.evenement, this.me());
  protected readonly titre = TITRES[this.mode];
  private readonly draftKey = brouillonKey(this.data.jeuneId);
  /** Set once the événement is queued or the draft discarded: nothing more is written to the draft. */
  private finished = false;
  /** Whether the form shows a restored draft (not saved yet, even if untouched since). */
  private restored = false;

  /** A chargé d'accueil records the premier accueil only, without actions or propositions (permissions.md). */
  protected readonly premierAccueilSeulement = computed(() => {
    const roles = this.me()?.roles ?? [];
    return this.mode === 'creation' && !can(roles, CAPABILITIES.evenementsWrite) && can(roles, CAPABILITIES.evenementsPremierAccueil);
  });
  /** Why the événement shown cannot be corrected here. */
  protected readonly lectureSeule =
    this.mode !== 'lecture'
      ? null
      : this.data.evenement?.origine === 'PROPOSITION'
        ? "Écrit par le suivi d'une proposition : il ne se modifie pas."
        : `Noté par ${this.data.evenement?.conseiller.prenom} ${this.data.evenement?.conseiller.nom} : seul son auteur peut le modifier.`;
  /** The user's site in the jeune's Mission Locale: "mon site", the default lieu. MeDto knows one site per Mission Locale. */
  protected readonly monSite = computed(
    () => this.me()?.missionsLocales.find(({ id }) => id === this.data.missionLocaleId)?.site ?? null,
  );
  /** The site of the événement read, as the BFF named it. */
  private readonly siteLu = siteOf(this.data.evenement);
  // The service worker keeps the list (ngsw-config.json); offline without it, "mon site" is still offered.
  private readonly sitesCharges = toSignal(this.api.sites().pipe(catchError(() => of(null))), { initialValue: null });
  /** The sites of the jeune's Mission Locale, by name: an événement on site is on one of them (the BFF checks it). */
  protected readonly sites = computed<readonly SiteChoix[]>(() => {
    const monSite = this.monSite();
    const charges = (this.sitesCharges() ?? []).filter(({ missionLocaleId }) => missionLocaleId === this.data.missionLocaleId);
    // "Mon site", and the site of the événement read, are offered even when the list did not load (offline).
    const absents = [monSite, this.siteLu].filter(
      (site, index, all): site is { id: string; nom: string } =>
        site !== null && !charges.some(({ id }) => id === site.id) && all.findIndex((other) => other?.id === site.id) === index,
    );
    return [...absents, ...charges].map(({ id, nom }) => ({ id, libelle: id === monSite?.id ? `${nom} (mon site)` : nom }));
  });

  // Offline the referentials may not load: the national types still let the conseiller write.
  private readonly typesCharges = toSignal(this.api.typesEvenement().pipe(catchError(() => of(null))), { initialValue: null });
  protected readonly types = computed(() => {
    const charges: readonly TypeEvenement[] = this.typesCharges() ?? TYPES_EVENEMENT_NATIONAUX;
    // The type of the événement read stays shown, even a local one the national list offline lacks.
    const lu = this.data.evenement?.type;
    const types = lu === undefined || charges.some(({ code }) => code === lu.code) ? charges : [...charges, lu];
    return this.premierAccueilSeulement() ? types.filter(({ code }) => code === TYPE_PREMIER_ACCUEIL) : types;
  });
  protected readonly offres = toSignal(
    this.api.offresInternes().pipe(
      map((offres) => offres.filter(({ actif }) => actif)),
      catchError(() => of([])),
    ),
    { initialValue: [] },
  );

  protected readonly durees = DUREES;
  protected readonly themes = THEMES;
  protected readonly themeLabels = THEME_LABELS;
  protected readonly errorMessage = errorMessage;

  protected readonly form = new FormGroup({
    date: text(),
    heure: text(),
    dureeMinutes: new FormControl<number | null>(null),
    typeCode: text(),
    lieuType: new FormControl<LieuEvenementType | null>(null),
    siteId: text(),
    adresse: text(),
    themes: new FormControl<Theme[]>([], { nonNullable: true }),
    objet: text(),
    partenaire: text(),
    actions: new FormArray<ActionRow>([]),
    propositions: new FormArray<PropositionFieldsForm>([]),
    contexte: text(),
  });
  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly duree = computed(() => this.value().dureeMinutes);
  protected readonly lieuType = computed(() => this.value().lieuType);

  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Messages of the schema that no field shows. */
  protected readonly otherErrors = signal<readonly string[]>([]);
  /** When the draft shown was saved ("28/11 à 14 h 32"), or null for a new entry. */
  protected readonly brouillonDu = signal<string | null>(null);

  constructor() {
    const evenement = this.data.evenement;
    this.reset(evenement === undefined ? this.defaults() : this.valeurLue(evenement));
    if (this.mode === 'lecture') {
      this.form.disable({ emitEvent: false });
    }
    // The draft is a new événement's: a correction is not kept on the device until it is saved.
    if (this.mode === 'creation') {
      void this.restoreDraft();
    }

    this.form.valueChanges
      .pipe(
        debounceTime(AUTOSAVE_MS),
        filter(() => this.hasUnsavedDraft()),
        takeUntilDestroyed(),
      )
      .subscribe(() => void this.saveDraft());
    // Closed another way (a navigation closes dialogs): the last keystrokes still reach the draft.
    inject(DestroyRef).onDestroy(() => {
      if (this.hasUnsavedDraft()) {
        void this.saveDraft();
      }
    });

    const ref = this.dialogRef ?? this.sheetRef;
    const escape = (event: KeyboardEvent) => event.key === 'Escape';
    merge(ref?.backdropClick() ?? EMPTY, ref?.keydownEvents().pipe(filter(escape)) ?? EMPTY)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.requestClose());
  }

  protected chooseDuree(value: unknown): void {
    const control = this.form.controls.dureeMinutes;
    control.setValue(typeof value === 'number' ? value : null);
    control.markAsDirty();
  }

  protected addAction(): void {
    this.form.controls.actions.push(actionRow({ titre: '', echeance: echeanceParDefaut(this.clock()) }));
    this.form.markAsDirty();
    this.focusLastRow('.sheet-action');
  }

  protected removeAction(index: number): void {
    this.form.controls.actions.removeAt(index);
    this.form.markAsDirty();
  }

  protected addProposition(): void {
    this.form.controls.propositions.push(propositionFieldsForm());
    this.form.markAsDirty();
    this.focusLastRow('.sheet-proposition');
  }

  protected removeProposition(index: number): void {
    this.form.controls.propositions.removeAt(index);
    this.form.markAsDirty();
  }

  /** "Repartir de zéro": the restored draft is dropped, the form shows the defaults again. */
  protected async discardDraft(): Promise<void> {
    this.restored = false;
    this.brouillonDu.set(null);
    this.reset(this.defaults());
    await this.cache.put(this.draftKey, null);
  }

  protected async save(): Promise<void> {
    if (this.saving() || this.mode === 'lecture') {
      return;
    }
    const parsed = this.write();
    if (!parsed.success) {
      this.otherErrors.set(showIssues(this.form, parsed.error.issues, (path) => CONTROL_OF_PATH[path] ?? path));
      this.announcer.announce('Certaines informations sont à corriger : voyez les champs signalés.');
      afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(INVALID_SELECTOR)?.focus(), {
        injector: this.injector,
      });
      return;
    }
    this.otherErrors.set([]);
    this.error.set(null);
    this.saving.set(true);
    try {
      await this.saver.save(parsed.data);
    } catch {
      // IndexedDB refused the write (storage full, private browsing): nothing is lost while the sheet stays open.
      this.error.set(NON_ENREGISTRE);
      this.saving.set(false);
      return;
    }
    this.finished = true;
    if (this.mode === 'creation') {
      await this.cache.put(this.draftKey, null);
    }
    this.close();
  }

  /** "Supprimer": asks the motif, then queues the deletion; the timeline badges it until imilo has it. */
  protected supprimer(): void {
    const evenement = this.data.evenement;
    if (this.saving() || this.mode !== 'modification' || evenement === undefined) {
      return;
    }
    openSuiviDialog<SuppressionDialog, SuppressionDialogData, Suppression>(
      this.dialog,
      SuppressionDialog,
      { libelle: this.libelle(evenement.type.code, evenement.date) },
      '480px',
    ).subscribe((suppression) => void this.queueSuppression(evenement, suppression));
  }

  private async queueSuppression(evenement: EvenementDto, suppression: Suppression): Promise<void> {
    this.error.set(null);
    this.saving.set(true);
    try {
      await this.saver.save({
        method: 'DELETE',
        url: evenementUrl(evenement.id),
        body: suppression,
        jeuneId: this.data.jeuneId,
        kind: 'evenement',
        label: `Suppression : ${this.libelle(evenement.type.code, evenement.date)}`,
        // The événement as it stands, badged on the timeline until the deletion reaches imilo.
        preview: apercu(
          evenement.id,
          { date: evenement.date, typeCode: evenement.type.code, objet: evenement.objet, themes: evenement.themes },
          evenement.type.libelle,
          evenement.conseiller,
        ),
      });
    } catch {
      this.error.set(SUPPRESSION_NON_ENREGISTREE);
      this.saving.set(false);
      return;
    }
    this.finished = true;
    this.close();
  }

  /** Closes at once when nothing was typed; otherwise asks whether to keep the draft. */
  protected requestClose(): void {
    if (this.saving()) {
      return;
    }
    if (!this.hasUnsavedInput()) {
      this.close();
      return;
    }
    if (this.mode === 'modification') {
      this.dialog
        .open<ConfirmationDialog, ConfirmationDialogData, boolean>(ConfirmationDialog, { data: ABANDON, maxWidth: 'calc(100vw - 32px)' })
        .afterClosed()
        .subscribe((abandon) => {
          if (abandon === true) {
            this.finished = true;
            this.close();
          }
        });
      return;
    }
    this.dialog
      .open<FermetureDialog, void, FermetureChoix>(FermetureDialog, { maxWidth: 'calc(100vw - 32px)' })
      .afterClosed()
      .subscribe((choix) => void this.closeAfter(choix ?? 'continuer'));
  }

  private async closeAfter(choix: FermetureChoix): Promise<void> {
    if (choix === 'continuer') {
      return;
    }
    if (choix === 'garder') {
      await this.saveDraft();
    } else {
      await this.cache.put(this.draftKey, null);
    }
    this.finished = true;
    this.close();
  }

  private close(): void {
    this.dialogRef?.close();
    this.sheetRef?.dismiss();
  }

  private hasUnsavedInput(): boolean {
    return !this.finished && (this.form.dirty || this.restored);
  }

  private hasUnsavedDraft(): boolean {
    return this.mode === 'creation' && this.hasUnsavedInput();
  }

  private defaults(): Brouillon {
    const now = this.clock();
    return {
      date: jourLocal(now),
      heure: heureLocale(now),
      dureeMinutes: null,
      typeCode: this.premierAccueilSeulement() ? TYPE_PREMIER_ACCUEIL : TYPE_EVENEMENT_PAR_DEFAUT,
      lieuType: this.monSite() === null ? null : 'SITE',
      siteId: this.monSite()?.id ?? '',
      adresse: '',
      themes: [],
      objet: '',
      partenaire: '',
      actions: [],
      propositions: [],
      contexte: '',
    };
  }

  /** The form as the événement read fills it: its day and time on the device's calendar, its lieu, its texts. */
  private valeurLue(evenement: EvenementDto): Brouillon {
    const date = new Date(evenement.date);
    return {
      date: jourLocal(date),
      heure: heureLocale(date),
      dureeMinutes: evenement.dureeMinutes,
      typeCode: evenement.type.code,
      lieuType: evenement.lieu.type,
      siteId: evenement.lieu.siteId ?? '',
      adresse: evenement.lieu.adresse ?? '',
      themes: [...evenement.themes],
      objet: evenement.objet ?? '',
      partenaire: evenement.partenaire ?? '',
      actions: [],
      propositions: [],
      contexte: evenement.contexte ?? '',
    };
  }

  private reset(value: Brouillon): void {
    const { actions, propositions } = this.form.controls;
    actions.clear({ emitEvent: false });
    value.actions.forEach((action) => actions.push(actionRow(action), { emitEvent: false }));
    propositions.clear({ emitEvent: false });
    value.propositions.forEach((proposition) => propositions.push(propositionFieldsForm(proposition), { emitEvent: false }));
    this.form.reset(value);
  }

  private async restoreDraft(): Promise<void> {
    const cached = await this.cache.get<unknown>(this.draftKey);
    const draft = brouillonSchema.safeParse(cached?.value);
    // Typing started before IndexedDB answered: what is on screen wins.
    if (cached === null || !draft.success || this.form.dirty || this.finished) {
      return;
    }
    // A draft of an earlier version on site was on "my site".
    const siteId = draft.data.siteId || (this.monSite()?.id ?? '');
    this.reset({
      ...draft.data,
      // The rights or the sites may have changed since the draft was written.
      ...(this.premierAccueilSeulement() ? { typeCode: TYPE_PREMIER_ACCUEIL, actions: [], propositions: [] } : {}),
      lieuType: draft.data.lieuType === 'SITE' && siteId === '' ? null : draft.data.lieuType,
      siteId,
    });
    this.restored = true;
    this.brouillonDu.set(jourHeureCourts(new Date(cached.savedAt)));
    this.announcer.announce('Brouillon repris.');
  }

  private saveDraft(): Promise<void> {
    const draft: Brouillon = this.form.getRawValue();
    return this.cache.put(this.draftKey, draft);
  }

  /**
   * The write to queue: the new événement with what was decided during it, or the correction of the one read (its
   * version and all its fields); else the domain schema's issues.
   */
  private write(): FormReading<OutboxRequest> {
    const evenement = this.data.evenement;
    if (evenement === undefined) {
      const id = crypto.randomUUID();
      const { actions, propositions } = this.form.getRawValue();
      const parsed = evenementCreationSchema.safeParse({
        id,
        ...this.fields(),
        actions: actions.map(({ titre, echeance }) => ({ id: crypto.randomUUID(), titre, description: null, echeance })),
        propositions: propositions.map((proposition) => ({
          id: crypto.randomUUID(),
          ...propositionChoisie(proposition),
          partenaire: null,
          commentaire: null,
        })),
      });
      return parsed.success ? { success: true, data: this.creation(id, parsed.data) } : parsed;
    }
    const parsed = evenementPatchSchema.safeParse({ version: evenement.version, ...this.fields() });
    return parsed.success ? { success: true, data: this.correction(evenement, parsed.data) } : parsed;
  }

  /** The événement's own fields as the domain schema will check them; invalid input is kept as typed for it to name. */
  private fields() {
    const value = this.form.getRawValue();
    return {
      date: instantLocal(value.date, value.heure),
      dureeMinutes: value.dureeMinutes,
      typeCode: value.typeCode,
      lieu: this.lieu(value.lieuType, value.siteId, value.adresse),
      themes: value.themes,
      objet: ouNull(value.objet),
      contexte: ouNull(value.contexte),
      partenaire: ouNull(value.partenaire),
    };
  }

  /**
   * The lieu as sent; none chosen yet, null: the schema's message asks for one. A site the loaded list no longer has
   * (a draft's) is sent blank, so that the schema asks for another.
   */
  private lieu(type: LieuEvenementType | null, siteId: string, adresse: string): LieuInput | null {
    switch (type) {
      case 'SITE':
        return { type, siteId: this.sitesCharges() === null || this.sites().some(({ id }) => id === siteId) ? siteId : '' };
      case 'ADRESSE':
        return { type, adresse };
      case 'DISTANCE':
        return { type };
      case null:
        return null;
    }
  }

  private creation(id: string, body: EvenementCreation): OutboxRequest {
    return {
      method: 'POST',
      url: `/api/v1/jeunes/${encodeURIComponent(this.data.jeuneId)}/evenements`,
      body,
      jeuneId: this.data.jeuneId,
      kind: 'evenement',
      label: this.libelle(body.typeCode, body.date),
      preview: apercu(id, body, this.typeLibelle(body.typeCode), this.me()),
    };
  }

  private correction(evenement: EvenementDto, body: EvenementPatch): OutboxRequest {
    return {
      method: 'PATCH',
      url: evenementUrl(evenement.id),
      body,
      jeuneId: this.data.jeuneId,
      kind: 'evenement',
      label: `Correction : ${this.libelle(body.typeCode, body.date)}`,
      // Shown as corrected on the timeline while it waits; a conflict is shown field by field against what was read.
      preview: apercu(evenement.id, body, this.typeLibelle(body.typeCode), evenement.conseiller),
      base: evenement,
    };
  }

  private typeLibelle(code: string): string {
    return this.types().find((type) => type.code === code)?.libelle ?? code;
  }

  /** "Entretien individuel du 29/11 à 14 h 30", for the pending list and the questions. */
  private libelle(typeCode: string, date: string): string {
    return `${this.typeLibelle(typeCode)} du ${jourHeureCourts(new Date(date))}`;
  }

  /** Puts the focus in the row just added, for keyboard users and to open the tablet's keyboard there. */
  private focusLastRow(rowSelector: string): void {
    afterNextRender(
      () => {
        const rows = this.host.nativeElement.querySelectorAll<HTMLElement>(rowSelector);
        rows.item(rows.length - 1)?.querySelector<HTMLElement>('input, mat-select')?.focus();
      },
      { injector: this.injector },
    );
  }
}
