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
  LIEUX_EVENEMENT,
  type LieuInput,
  type LieuEvenementType,
  type Theme,
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

/** Whose événement the sheet records, and in which Mission Locale (its site is "my site"). */
export interface EvenementSheetData {
  readonly jeuneId: string;
  readonly missionLocaleId: string;
}

/** Where the draft of a jeune's événement is kept on the device. */
export const brouillonKey = (jeuneId: string): string => `brouillon-evenement:${jeuneId}`;

/** Quiet time after the last keystroke before the draft is written to IndexedDB. */
export const AUTOSAVE_MS = 600;

export const NON_ENREGISTRE =
  "L'événement n'a pas pu être gardé sur cet appareil (stockage indisponible). Réessayez ; votre saisie reste affichée.";

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
  private readonly draftKey = brouillonKey(this.data.jeuneId);
  /** Set once the événement is queued or the draft discarded: nothing more is written to the draft. */
  private finished = false;
  /** Whether the form shows a restored draft (not saved yet, even if untouched since). */
  private restored = false;

  /** A chargé d'accueil records the premier accueil only, without actions or propositions (permissions.md). */
  protected readonly premierAccueilSeulement = computed(() => {
    const roles = this.me()?.roles ?? [];
    return !can(roles, CAPABILITIES.evenementsWrite) && can(roles, CAPABILITIES.evenementsPremierAccueil);
  });
  /** The user's site in the jeune's Mission Locale: "mon site", the default lieu. MeDto knows one site per Mission Locale. */
  protected readonly monSite = computed(
    () => this.me()?.missionsLocales.find(({ id }) => id === this.data.missionLocaleId)?.site ?? null,
  );
  // The service worker keeps the list (ngsw-config.json); offline without it, "mon site" is still offered.
  private readonly sitesCharges = toSignal(this.api.sites().pipe(catchError(() => of(null))), { initialValue: null });
  /** The sites of the jeune's Mission Locale, by name: an événement on site is on one of them (the BFF checks it). */
  protected readonly sites = computed<readonly SiteChoix[]>(() => {
    const monSite = this.monSite();
    const charges = (this.sitesCharges() ?? []).filter(({ missionLocaleId }) => missionLocaleId === this.data.missionLocaleId);
    const sites = monSite === null || charges.some(({ id }) => id === monSite.id) ? charges : [monSite, ...charges];
    return sites.map(({ id, nom }) => ({ id, libelle: id === monSite?.id ? `${nom} (mon site)` : nom }));
  });

  // Offline the referentials may not load: the national types still let the conseiller write.
  private readonly typesCharges = toSignal(this.api.typesEvenement().pipe(catchError(() => of(null))), { initialValue: null });
  protected readonly types = computed(() => {
    const types: readonly TypeEvenement[] = this.typesCharges() ?? TYPES_EVENEMENT_NATIONAUX;
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
    this.reset(this.defaults());
    void this.restoreDraft();

    this.form.valueChanges
      .pipe(
        debounceTime(AUTOSAVE_MS),
        filter(() => this.hasUnsavedInput()),
        takeUntilDestroyed(),
      )
      .subscribe(() => void this.saveDraft());
    // Closed another way (a navigation closes dialogs): the last keystrokes still reach the draft.
    inject(DestroyRef).onDestroy(() => {
      if (this.hasUnsavedInput()) {
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
    if (this.saving()) {
      return;
    }
    const id = crypto.randomUUID();
    const parsed = evenementCreationSchema.safeParse(this.body(id));
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
      await this.saver.save(this.request(id, parsed.data));
    } catch {
      // IndexedDB refused the write (storage full, private browsing): nothing is lost while the sheet stays open.
      this.error.set(NON_ENREGISTRE);
      this.saving.set(false);
      return;
    }
    this.finished = true;
    await this.cache.put(this.draftKey, null);
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

  /** The body as the domain schema will check it; invalid input is kept as typed so that the schema names it. */
  private body(id: string) {
    const value = this.form.getRawValue();
    return {
      id,
      date: instantLocal(value.date, value.heure),
      dureeMinutes: value.dureeMinutes,
      typeCode: value.typeCode,
      lieu: this.lieu(value.lieuType, value.siteId, value.adresse),
      themes: value.themes,
      objet: ouNull(value.objet),
      contexte: ouNull(value.contexte),
      partenaire: ouNull(value.partenaire),
      actions: value.actions.map(({ titre, echeance }) => ({ id: crypto.randomUUID(), titre, description: null, echeance })),
      propositions: value.propositions.map((proposition) => ({
        id: crypto.randomUUID(),
        ...propositionChoisie(proposition),
        partenaire: null,
        commentaire: null,
      })),
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

  private request(id: string, body: EvenementCreation): OutboxRequest {
    const me = this.me();
    const type = this.types().find(({ code }) => code === body.typeCode)?.libelle ?? body.typeCode;
    return {
      method: 'POST',
      url: `/api/v1/jeunes/${encodeURIComponent(this.data.jeuneId)}/evenements`,
      body,
      jeuneId: this.data.jeuneId,
      kind: 'evenement',
      label: `${type} du ${jourHeureCourts(new Date(body.date))}`,
      preview: {
        kind: 'evenement',
        id,
        // As the BFF answers it (UTC), so that the timeline sorts the preview among the others.
        at: new Date(body.date).toISOString(),
        titre: type,
        detail: body.objet,
        themes: body.themes,
        typeEvenement: body.typeCode,
        auteur: me === null ? null : `${me.prenom} ${me.nom}`,
        statut: null,
      },
    };
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
