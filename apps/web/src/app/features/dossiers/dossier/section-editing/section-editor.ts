import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  type DossierDto,
  type DossierPatch,
  PROBLEM_CODES,
  type ProblemFieldError,
  SECTION_DOSSIER_LABELS,
  type SectionDossier,
} from '@imilo/domain';
import type { Subscription } from 'rxjs';
import type * as z from 'zod';
import { Connectivity } from '../../../../core/connectivity';
import { isUnreachable, problemOf, toRequestFailure } from '../../../../core/http/problem';
import { Outbox } from '../../../../core/offline/outbox';
import type { OutboxStatus } from '../../../../core/offline/outbox.model';
import { DossierApi, type DossierPatchBody } from '../dossier-api';
import { formatInstant, nomPersonne } from '../dossier-format';
import { DossierStore, isDossier } from '../dossier.store';

/** The sections of a PATCH body, each replaced whole. */
export type SectionPatch = Partial<Omit<DossierPatch, 'version'>>;

/** A section's form value checked by its domain schema: the PATCH member, or the failing fields. */
export type SectionParse =
  | { readonly ok: true; readonly patch: SectionPatch }
  | { readonly ok: false; readonly errors: readonly ProblemFieldError[] };

/** One field of a section as a sentence, to compare two versions field by field. */
export interface DiffEntry {
  /** Stable key (form path, or a list row's identity). */
  readonly path: string;
  readonly label: string;
  readonly text: string;
}

/** A field whose typed value differs from the one stored meanwhile. */
export interface DiffRow {
  readonly label: string;
  readonly mine: string;
  readonly theirs: string;
}

/** A 409: someone saved the dossier while this section was being edited. */
export interface SectionConflict {
  readonly current: DossierDto;
  readonly rows: readonly DiffRow[];
  /** "Awa Diallo", or null when the BFF does not know (import). */
  readonly modifiePar: string | null;
  /** "lundi 7 décembre 2026 à 14 h 30". */
  readonly modifieLe: string;
}

/**
 * What a section component tells its editor: how its form reads a dossier, what it sends, and how its fields read
 * in a comparison. Methods (not function properties) so that each section's own value type fits.
 */
export interface SectionDefinition<F> {
  readonly section: SectionDossier;
  /** The form's root (a list for the situations), where the errors are shown. */
  readonly form: AbstractControl;
  /** The form's value for a dossier as read. */
  fromDossier(dossier: DossierDto): F;
  /** The form's current value. */
  value(): F;
  /** Puts a value in the form, rebuilding its lists. */
  reset(value: F): void;
  /** The PATCH member for a value, checked by the section's domain schema. */
  toPatch(value: F): SectionParse;
  /** The fields of a value, each as a sentence, for the conflict's comparison. */
  describe(value: F, dossier: DossierDto): readonly DiffEntry[];
}

/** Checks a candidate with a domain schema and wraps the result as a PATCH member. */
export const parseSection = <T extends z.ZodType>(
  schema: T,
  candidate: unknown,
  toPatch: (input: z.output<T>) => SectionPatch,
): SectionParse => {
  const result = schema.safeParse(candidate);
  return result.success
    ? { ok: true, patch: toPatch(result.data) }
    : {
        ok: false,
        errors: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
      };
};

/** The fields whose texts differ between my value and the stored one, in the form's order. */
export const diffEntries = (mine: readonly DiffEntry[], theirs: readonly DiffEntry[]): DiffRow[] => {
  const theirsByPath = new Map(theirs.map((entry) => [entry.path, entry]));
  const minePaths = new Set(mine.map((entry) => entry.path));
  const rows: DiffRow[] = [];
  for (const entry of mine) {
    const other = theirsByPath.get(entry.path);
    if (other?.text !== entry.text) {
      rows.push({ label: entry.label, mine: entry.text, theirs: other?.text ?? 'Absent' });
    }
  }
  for (const entry of theirs.filter(({ path }) => !minePaths.has(path))) {
    rows.push({ label: entry.label, mine: 'Absent', theirs: entry.text });
  }
  return rows;
};

// The 409 carries the stored dossier; checked on the fields this flow reads before it is trusted.
const currentOf = (error: unknown): DossierDto | null => {
  const body: unknown = error instanceof HttpErrorResponse ? error.error : null;
  const current: unknown = typeof body === 'object' && body !== null && 'current' in body ? body.current : null;
  return isDossier(current) ? current : null;
};

/** Whether a queued PATCH body carries a section. */
const hasSection = (body: unknown, section: SectionDossier): boolean =>
  typeof body === 'object' && body !== null && section in body;

const INVALID = 'Certaines informations sont à corriger : voyez les champs signalés.';
const QUEUED = 'Enregistré sur cet appareil — en attente de synchronisation';
const NOT_QUEUED =
  "Impossible de joindre imilo, et cet appareil n'a pas pu garder votre saisie. Gardez ce formulaire ouvert et réessayez.";

/**
 * The edit cycle of one section: start from the dossier shown, check with the domain schema, PATCH the whole section
 * with the version read, and on a 409 show what changed field by field without losing what was typed. When imilo
 * cannot be reached, the edit goes to the outbox instead (replayed later, its conflicts shown by the dossier page),
 * and the section says it is waiting. Provided by each section component; its `app-section-frame` draws the buttons,
 * the conflict and that waiting state.
 */
@Injectable()
export class SectionEditor {
  private readonly api = inject(DossierApi);
  private readonly store = inject(DossierStore);
  private readonly snackBar = inject(MatSnackBar);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly outbox = inject(Outbox);
  private readonly connectivity = inject(Connectivity);
  private readonly section = signal<SectionDossier | null>(null);
  private definition: SectionDefinition<unknown> | null = null;
  /** The dossier the typed value started from: its version is sent, and the comparison reads from it. */
  private base: DossierDto | null = null;
  private request: Subscription | null = null;

  /** Whether the form is shown instead of the read view. */
  readonly editing = signal(false);
  /** Whether a save is in flight. */
  readonly saving = signal(false);
  /** French message of the last failure. */
  readonly error = signal<string | null>(null);
  /** Messages the BFF gave about no field of the form. */
  readonly otherErrors = signal<readonly string[]>([]);
  /** The version stored meanwhile, while the user chooses. */
  readonly conflict = signal<SectionConflict | null>(null);
  /**
   * Where this section's edit queued on the device stands, or null when none is: the read view shows the stored
   * version until the BFF has the edit (no guess of what it will store), and the section is not edited again meanwhile.
   */
  readonly queued = computed<OutboxStatus | null>(() => {
    const section = this.section();
    const jeuneId = this.store.dossier()?.id;
    const entries = this.outbox
      .entries()
      .filter((entry) => entry.kind === 'dossier' && entry.jeuneId === jeuneId && section !== null && hasSection(entry.body, section));
    return entries.at(-1)?.status ?? null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  /** Called once by the section component. */
  attach<F>(definition: SectionDefinition<F>): void {
    this.definition = definition;
    this.section.set(definition.section);
  }

  /** Opens the form on the dossier shown. */
  start(): void {
    const dossier = this.store.dossier();
    if (this.definition === null || dossier === null) {
      return;
    }
    this.base = dossier;
    this.definition.reset(this.definition.fromDossier(dossier));
    this.clearMessages();
    this.editing.set(true);
  }

  /** Closes the form; what was typed is dropped on purpose. */
  cancel(): void {
    this.request?.unsubscribe();
    this.saving.set(false);
    this.clearMessages();
    this.editing.set(false);
  }

  /** Sends the section with the version it started from. */
  save(): void {
    if (this.base !== null) {
      this.send(this.base.version);
    }
  }

  /** "Garder ma saisie": sends the typed value again over the version stored meanwhile. */
  keepMine(): void {
    const conflict = this.conflict();
    if (conflict !== null) {
      this.base = conflict.current;
      this.send(conflict.current.version);
    }
  }

  /** "Reprendre la version enregistrée": shows the stored version and drops what was typed. */
  takeStored(): void {
    const conflict = this.conflict();
    if (conflict === null || this.definition === null) {
      return;
    }
    this.store.replace(conflict.current);
    this.base = conflict.current;
    this.definition.reset(this.definition.fromDossier(conflict.current));
    this.clearMessages();
    this.editing.set(false);
    void this.announcer.announce('Version enregistrée reprise.');
  }

  private send(version: number): void {
    const definition = this.definition;
    const dossier = this.base;
    if (definition === null || dossier === null || this.saving()) {
      return;
    }
    const parsed = definition.toPatch(definition.value());
    if (!parsed.ok) {
      this.showFieldErrors(definition, parsed.errors, INVALID);
      return;
    }
    const body: DossierPatchBody = { version, ...parsed.patch };
    this.saving.set(true);
    this.error.set(null);
    this.otherErrors.set([]);
    // Offline, or behind edits of this dossier still queued (they are replayed first, in order): queued too.
    if (!this.connectivity.online() || this.hasQueuedEdits(dossier.id)) {
      void this.queue(definition.section, dossier, body);
      return;
    }
    this.request = this.api.patch(dossier.id, body).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.store.replace(saved);
        this.base = saved;
        this.clearMessages();
        this.editing.set(false);
        this.snackBar.open('Section enregistrée', undefined, { duration: 4000 });
      },
      error: (error: unknown) => {
        if (isUnreachable(error)) {
          void this.queue(definition.section, dossier, body);
          return;
        }
        this.saving.set(false);
        this.handleFailure(definition, dossier, error);
      },
    });
  }

  private hasQueuedEdits(jeuneId: string): boolean {
    return this.outbox.entries().some((entry) => entry.kind === 'dossier' && entry.jeuneId === jeuneId && entry.status === 'pending');
  }

  /** Keeps the edit on the device, with the dossier it started from (the base of a later conflict). */
  private async queue(section: SectionDossier, base: DossierDto, body: DossierPatchBody): Promise<void> {
    try {
      await this.outbox.enqueue({
        method: 'PATCH',
        url: `/api/v1/jeunes/${encodeURIComponent(base.id)}`,
        body,
        jeuneId: base.id,
        kind: 'dossier',
        label: `Modification : ${SECTION_DOSSIER_LABELS[section]}`,
        base,
      });
    } catch {
      // IndexedDB unavailable (private browsing, full disk) or the session ended: the typed values stay in the form.
      this.saving.set(false);
      this.error.set(NOT_QUEUED);
      return;
    }
    this.saving.set(false);
    this.clearMessages();
    this.editing.set(false);
    this.snackBar.open(QUEUED, undefined, { duration: 6000 });
  }

  private handleFailure(definition: SectionDefinition<unknown>, base: DossierDto, error: unknown): void {
    const failure = toRequestFailure(error);
    const current = problemOf(error)?.code === PROBLEM_CODES.conflict ? currentOf(error) : null;
    if (current !== null) {
      const mine = definition.describe(definition.value(), base);
      const theirs = definition.describe(definition.fromDossier(current), current);
      this.conflict.set({
        current,
        rows: diffEntries(mine, theirs),
        modifiePar: current.modifiePar === null ? null : nomPersonne(current.modifiePar),
        modifieLe: formatInstant(current.modifieLe),
      });
      this.error.set(null);
      return;
    }
    if (failure.fieldErrors.length > 0) {
      // The BFF names paths in the body ("coordonnees.adresse.codePostal"); the form knows them from the section.
      const prefix = `${definition.section}.`;
      const errors = failure.fieldErrors.map(({ path, message }) => ({
        path: path.startsWith(prefix) ? path.slice(prefix.length) : path,
        message,
      }));
      this.showFieldErrors(definition, errors, failure.message);
      return;
    }
    this.error.set(failure.message);
  }

  private showFieldErrors(definition: SectionDefinition<unknown>, errors: readonly ProblemFieldError[], message: string): void {
    const others: string[] = [];
    for (const { path, message: fieldMessage } of errors) {
      const control = path === '' ? null : definition.form.get(path);
      if (control === null) {
        others.push(fieldMessage);
      } else {
        control.setErrors({ ...control.errors, server: fieldMessage });
        control.markAsTouched();
      }
    }
    definition.form.markAllAsTouched();
    this.error.set(message);
    this.otherErrors.set(others);
  }

  private clearMessages(): void {
    this.error.set(null);
    this.otherErrors.set([]);
    this.conflict.set(null);
  }
}
