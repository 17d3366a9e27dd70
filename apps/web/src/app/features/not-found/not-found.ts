import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

/** Unknown address, or a portal the user's roles do not open. */
@Component({
  selector: 'app-not-found',
  imports: [RouterLink, MatButton],
  template: `
    <section class="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title" class="page-title cdk-visually-hidden">Page introuvable</h1>
      <p class="page-text">Cette adresse ne correspond à aucune page d'imilo. Elle a peut-être changé, ou une lettre manque.</p>
      <a mat-flat-button routerLink="/">Retour à l'accueil</a>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFound {}
