import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Says who and where the signed-in person is: name, role(s), Mission Locale and site. */
@Component({
  selector: 'ui-identity-summary',
  templateUrl: './identity-summary.html',
  styleUrl: './identity-summary.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'ui-identity-summary' },
})
export class UiIdentitySummary {
  /** First name then last name. */
  readonly fullName = input.required<string>();
  /** Role labels, already in French. */
  readonly roles = input<readonly string[]>([]);
  /** Name of the Mission Locale, or null when the account has none. */
  readonly missionLocale = input<string | null>(null);
  /** Name of the site, or null when the account is not attached to one. */
  readonly site = input<string | null>(null);

  protected readonly roleHeading = computed(() => (this.roles().length > 1 ? 'Rôles' : 'Rôle'));
  protected readonly roleList = computed(() => this.roles().join(', '));
}
