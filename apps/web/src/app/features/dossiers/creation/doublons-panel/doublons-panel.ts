import { DatePipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  input,
  output,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { DoublonsDto } from '@imilo/domain';
import { UiIcon } from '@imilo/ui';

/**
 * The probable duplicates the BFF found for a new jeune: the candidates of my Mission Locale, each with a link to
 * open it, and/or the fact that another Mission Locale has a dossier (nothing else of it is shown), with a transfer
 * request. The conseiller may still create the dossier when it is not the same jeune.
 */
@Component({
  selector: 'app-doublons-panel',
  imports: [DatePipe, MatButton, RouterLink, UiIcon],
  templateUrl: './doublons-panel.html',
  styleUrl: './doublons-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DoublonsPanel {
  private readonly injector = inject(Injector);

  readonly doublons = input.required<DoublonsDto>();
  /** Whether a request is on its way (buttons wait). */
  readonly pending = input(false);
  /** Whether the transfer request has been sent (its button gives way to the confirmation). */
  readonly transfertDemande = input(false);
  readonly createAnyway = output();
  readonly transferRequested = output();

  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly candidats = computed(() =>
    this.doublons().missionLocale.map((doublon) => ({
      ...doublon,
      nom: doublon.nomUsage !== null && doublon.nomUsage !== doublon.nomNaissance
        ? `${doublon.nomUsage} (naissance : ${doublon.nomNaissance})`
        : doublon.nomNaissance,
      referent: doublon.referent === null ? 'Sans référent' : `${doublon.referent.prenom} ${doublon.referent.nom}`,
    })),
  );

  constructor() {
    // The panel replaces the form's submit result: move the focus to it so that keyboard and screen reader users
    // land on what needs their decision.
    afterNextRender(
      () => {
        const heading = this.heading().nativeElement;
        heading.scrollIntoView({ block: 'start' });
        heading.focus({ preventScroll: true });
      },
      { injector: this.injector },
    );
  }
}
