import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import {
  CAPABILITIES,
  type CanalCodeCmilo,
  can,
  type CompteCmiloDto,
  type EnvoiCodeCmiloResultDto,
} from '@imilo/domain';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { IDEMPOTENCY_HEADER } from '../../../../core/offline/outbox';
import { toRequestFailure } from '../../../../core/http/problem';
import { authFeature } from '../../../auth/auth.feature';
import { formatJourDansFuseau } from '../dossier-format';

const CANAL_LABELS: Readonly<Record<CanalCodeCmilo, string>> = { SMS: 'SMS', EMAIL: 'e-mail' };

/** What the card says of the account, in the Mission Locale's timezone. */
export const etatCompteCmilo = (compte: CompteCmiloDto, timeZone: string): string => {
  if (!compte.existe) {
    return 'Pas encore de compte';
  }
  if (compte.active) {
    return compte.activeLe === null ? 'Compte activé' : `Compte activé le ${formatJourDansFuseau(compte.activeLe, timeZone)}`;
  }
  const code = compte.dernierCode;
  if (code === null) {
    return 'Compte créé, aucun code envoyé pour le moment';
  }
  const destinataire = code.destinataireMasque === null ? '' : ` ${code.canal === 'SMS' ? 'au' : 'à'} ${code.destinataireMasque}`;
  return (
    `Code envoyé par ${CANAL_LABELS[code.canal]}${destinataire} le ${formatJourDansFuseau(code.envoyeLe, timeZone)} ` +
    `(valable jusqu’au ${formatJourDansFuseau(code.expireLe, timeZone)})`
  );
};

/**
 * The dossier's « Espace C-Milo » (#5): whether the jeune has an account, and the button that creates it and sends
 * the activation code by SMS or e-mail (the code goes to the jeune only; the card never sees it). Shown to those who
 * may create accounts (conseiller, accueil).
 */
@Component({
  selector: 'app-compte-cmilo-card',
  imports: [MatButton, MatRadioButton, MatRadioGroup, UiErrorMessage, UiIcon],
  templateUrl: './compte-cmilo-card.html',
  styleUrl: './compte-cmilo-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompteCmiloCard {
  readonly jeuneId = input.required<string>();
  /** The Mission Locale's timezone. */
  readonly timeZone = input.required<string>();

  private readonly http = inject(HttpClient);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly roles = inject(Store).selectSignal(authFeature.selectRoles);

  protected readonly allowed = computed(() => can(this.roles(), CAPABILITIES.cmiloAccountCreate));
  protected readonly compte = signal<CompteCmiloDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly chosen = signal<CanalCodeCmilo | null>(null);

  protected readonly etat = computed(() => {
    const compte = this.compte();
    return compte === null ? null : etatCompteCmilo(compte, this.timeZone());
  });
  /** The channel used: the one chosen, else the first the dossier allows. */
  protected readonly canal = computed<CanalCodeCmilo | null>(() => {
    const joignable = this.compte()?.joignable;
    const chosen = this.chosen();
    if (!joignable) {
      return null;
    }
    if (chosen !== null && joignable[chosen === 'SMS' ? 'sms' : 'email']) {
      return chosen;
    }
    return joignable.sms ? 'SMS' : joignable.email ? 'EMAIL' : null;
  });
  protected readonly actionLabel = computed(() => (this.compte()?.existe ? 'Renvoyer un code' : 'Créer le compte et envoyer le code'));

  constructor() {
    effect(() => {
      const jeuneId = this.jeuneId();
      if (this.allowed()) {
        untracked(() => this.load(jeuneId));
      }
    });
  }

  protected choose(canal: CanalCodeCmilo): void {
    this.chosen.set(canal);
  }

  protected reload(): void {
    this.load(this.jeuneId());
  }

  protected sendCode(): void {
    const canal = this.canal();
    if (canal === null || this.sending()) {
      return;
    }
    this.sending.set(true);
    this.error.set(null);
    this.http
      .post<EnvoiCodeCmiloResultDto>(this.url(this.jeuneId()), { canal }, { headers: { [IDEMPOTENCY_HEADER]: crypto.randomUUID() } })
      .subscribe({
        next: ({ envoi, ...compte }) => {
          this.sending.set(false);
          this.compte.set(compte);
          if (envoi.statut === 'ENVOYE') {
            void this.announcer.announce(`Code envoyé par ${CANAL_LABELS[envoi.canal]}.`);
          } else {
            this.error.set(`Le code n’a pas pu être envoyé (${envoi.motif ?? 'raison inconnue'}). Réessayez, ou choisissez l’autre canal.`);
          }
        },
        error: (error: unknown) => {
          this.sending.set(false);
          const failure = toRequestFailure(error);
          this.error.set(failure.fieldErrors[0]?.message ?? failure.message);
        },
      });
  }

  private url(jeuneId: string): string {
    return `/api/v1/jeunes/${encodeURIComponent(jeuneId)}/compte-cmilo`;
  }

  private load(jeuneId: string): void {
    this.loading.set(true);
    this.error.set(null);
    this.http.get<CompteCmiloDto>(this.url(jeuneId)).subscribe({
      next: (compte) => {
        this.loading.set(false);
        this.compte.set(compte);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(toRequestFailure(error).message);
      },
    });
  }
}
