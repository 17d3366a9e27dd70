import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  contentChild,
  Directive,
  inject,
  input,
  output,
  TemplateRef,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import type { SuiviListState } from './suivi-list';

/** What a panel lists: anything with an id, to track its rows by. */
interface SuiviRow {
  readonly id: string;
}

/** A Suivi panel's rows: `<ng-template [appSuiviItem]="items()" let-item>`, the template of one `<li>`. */
@Directive({ selector: 'ng-template[appSuiviItem]' })
export class SuiviItem<T extends SuiviRow> {
  readonly items = input.required<readonly T[]>({ alias: 'appSuiviItem' });
  readonly template = inject<TemplateRef<{ readonly $implicit: T }>>(TemplateRef);

  /** Types `let-item` in the panel's template as one of its items. */
  static ngTemplateContextGuard<T extends SuiviRow>(_row: SuiviItem<T>, _context: unknown): _context is { readonly $implicit: T } {
    return true;
  }
}

let nextId = 0;

/**
 * The frame of a Suivi panel of the Parcours tab (actions, propositions): its heading and main button, a message above
 * the list, the list's loading, failure and empty states, and the list, whose rows each panel draws (`SuiviItem`).
 */
@Component({
  selector: 'app-suivi-panel',
  imports: [NgTemplateOutlet, MatButton, UiEmptyState, UiErrorMessage, UiIcon],
  templateUrl: './suivi-panel.html',
  styleUrl: './suivi-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SuiviPanel {
  readonly heading = input.required<string>();
  /** The main button's label ("Ajouter une action"), in the header and in the empty state. */
  readonly addLabel = input.required<string>();
  /** Said to screen readers while the list is read ("Chargement des actions…"). */
  readonly loadingLabel = input.required<string>();
  readonly emptyMessage = input.required<string>();
  /** The list as read from the BFF: while it loads, or when it failed, the rows waiting in the outbox still show. */
  readonly state = input.required<SuiviListState<unknown>>();
  readonly canWrite = input.required<boolean>();
  /** A message above the list (a write the device did not keep), or null. */
  readonly error = input<string | null>(null);

  readonly add = output<void>();
  readonly retry = output<void>();

  protected readonly row = contentChild.required<SuiviItem<SuiviRow>>(SuiviItem);
  protected readonly headingId = `suivi-panel-title-${nextId++}`;
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : null;
  });
}
