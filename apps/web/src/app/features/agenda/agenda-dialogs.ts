import { BreakpointObserver } from '@angular/cdk/layout';
import type { ComponentType } from '@angular/cdk/portal';
import { inject, Injectable } from '@angular/core';
import { MatDialog, type MatDialogConfig } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import { TABLET_QUERY } from '../../core/layout/navigation';

/**
 * How the agenda's dialogs open: a side sheet against the right edge on a tablet (the agenda stays visible beside it),
 * full screen on a phone (one column, the keyboard has room).
 */
@Injectable({ providedIn: 'root' })
export class AgendaDialogs {
  private readonly dialog = inject(MatDialog);
  private readonly breakpoints = inject(BreakpointObserver);

  /** A sheet (form, detail): side on a tablet, full screen on a phone. */
  sheet<C, D, R>(component: ComponentType<C>, data: D, config: MatDialogConfig<D> = {}): Observable<R | undefined> {
    const tablet = this.breakpoints.isMatched(TABLET_QUERY);
    return this.dialog
      .open<C, D, R>(component, {
        data,
        autoFocus: 'first-heading',
        ...(tablet
          ? { width: '600px', maxWidth: '100vw', height: '100%', position: { top: '0', right: '0' } }
          : { width: '100vw', maxWidth: '100vw', height: '100%', panelClass: 'agenda-dialog-plein-ecran' }),
        ...config,
      })
      .afterClosed();
  }

  /** A small dialog (a question, a short form). */
  small<C, D, R>(component: ComponentType<C>, data: D): Observable<R | undefined> {
    return this.dialog.open<C, D, R>(component, { data, width: '520px', maxWidth: 'calc(100vw - 32px)', autoFocus: 'first-heading' }).afterClosed();
  }
}
