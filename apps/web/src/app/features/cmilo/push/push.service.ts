import { computed, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { SwPush } from '@angular/service-worker';
import { pushSubscriptionCreationSchema, type PushSubscriptionsDto } from '@imilo/domain';
import { firstValueFrom, of } from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { CmiloApi } from '../cmilo-api';

/** The browser's permission for notifications, or `unsupported` (no Notification API: iPhone outside the home screen). */
export type PushPermission = NotificationPermission | 'unsupported';

/** Reads the permission; a token so that specs decide what the browser says. */
export const PUSH_PERMISSION = new InjectionToken<() => PushPermission>('PUSH_PERMISSION', {
  providedIn: 'root',
  factory: () => () => ('Notification' in globalThis ? Notification.permission : 'unsupported'),
});

const SYSTEMES: readonly (readonly [RegExp, string])[] = [
  [/iPad/, 'iPad'],
  [/iPhone/, 'iPhone'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'Mac'],
  [/Linux/, 'Linux'],
];

// Most specific first: Edge and Samsung Internet also say "Chrome", Chrome also says "Safari".
const NAVIGATEURS: readonly (readonly [RegExp, string])[] = [
  [/Edg\//, 'Edge'],
  [/SamsungBrowser/, 'Samsung Internet'],
  [/Firefox\/|FxiOS/, 'Firefox'],
  [/Chrome\/|CriOS/, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const premier = (userAgent: string, table: readonly (readonly [RegExp, string])[]): string | null =>
  table.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;

/** The device's name as the jeune's list of devices shows it ("Chrome sur Android"), from the user agent. */
export const nomAppareil = (userAgent: string): string | null => {
  const systeme = premier(userAgent, SYSTEMES);
  const navigateur = premier(userAgent, NAVIGATEURS);
  if (systeme === null || navigateur === null) {
    return systeme ?? navigateur;
  }
  return `${navigateur} sur ${systeme}`;
};

/**
 * Where push stands on this device: not possible here, blocked by the jeune, to be asked, or on. `a-activer` includes
 * a permission granted earlier whose subscription is gone (the browser dropped it): one tap subscribes again.
 */
export type PushEtat = 'indisponible' | 'bloque' | 'a-activer' | 'active';

/**
 * Web push on the jeune's phone (Angular's SwPush). The permission is asked only from `activer()`, which a button calls:
 * never on load (browsers hide prompts that come without a gesture, and a jeune asked before knowing why says no).
 * The BFF's public key is read beforehand by `prepare()`, so that the gesture reaches the browser's prompt at once.
 */
@Injectable({ providedIn: 'root' })
export class PushService {
  private readonly swPush = inject(SwPush);
  private readonly api = inject(CmiloApi);
  private readonly readPermission = inject(PUSH_PERMISSION);
  private readonly permission = signal<PushPermission>(this.readPermission());
  private readonly subscription = toSignal(this.swPush.isEnabled ? this.swPush.subscription : of(null), {
    initialValue: null,
  });

  /** The BFF's key and the jeune's devices, once read. */
  readonly abonnements = signal<PushSubscriptionsDto | null>(null);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  /** "Plus tard" on the home's card: not asked again until the app is reopened. */
  readonly reporte = signal(false);

  readonly etat = computed<PushEtat>(() => {
    const permission = this.permission();
    if (!this.swPush.isEnabled || permission === 'unsupported') {
      return 'indisponible';
    }
    if (permission === 'denied') {
      return 'bloque';
    }
    return permission === 'granted' && this.subscription() !== null ? 'active' : 'a-activer';
  });

  /** Reads the public key and the devices (no permission asked). */
  prepare(): void {
    if (this.etat() === 'indisponible') {
      return;
    }
    this.api.pushSubscriptions().subscribe({
      next: (abonnements) => this.abonnements.set(abonnements),
      error: (error: unknown) => this.error.set(toRequestFailure(error).message),
    });
  }

  /**
   * From a tap on "Activer les notifications": asks the browser, subscribes, records the device and the consent to
   * the push channel (turning notifications on is that consent). Whether push is on afterwards.
   */
  async activer(): Promise<boolean> {
    const abonnements = this.abonnements();
    if (abonnements === null || this.busy()) {
      this.error.set('Un instant : imilo se prépare. Réessayez dans quelques secondes.');
      return false;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      let subscription: PushSubscription;
      try {
        subscription = await this.swPush.requestSubscription({ serverPublicKey: abonnements.publicKey });
      } catch {
        // Refused (NotAllowedError) or impossible (no push service): the permission tells which, the error does not.
        this.permission.set(this.readPermission());
        if (this.permission() !== 'denied') {
          this.error.set('Les notifications n’ont pas pu être activées sur ce téléphone. Réessayez plus tard.');
        }
        return false;
      }
      this.permission.set(this.readPermission());
      const creation = pushSubscriptionCreationSchema.safeParse({ ...subscription.toJSON(), appareil: nomAppareil(navigator.userAgent) });
      if (!creation.success) {
        this.error.set('Ce navigateur a donné un abonnement inutilisable. Essayez avec un autre navigateur.');
        return false;
      }
      await firstValueFrom(this.api.abonner(creation.data));
      const preferences = await firstValueFrom(this.api.preferences());
      if (!preferences.push) {
        await firstValueFrom(this.api.enregistrerPreferences({ ...preferences, push: true }));
      }
      this.abonnements.set(await firstValueFrom(this.api.pushSubscriptions()));
      return true;
    } catch (error: unknown) {
      this.error.set(toRequestFailure(error).message);
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  /** Stops notifications on one of the jeune's devices. */
  retirer(id: string): void {
    this.error.set(null);
    this.api.desabonner(id).subscribe({
      next: () =>
        this.abonnements.update((abonnements) =>
          abonnements === null ? null : { ...abonnements, subscriptions: abonnements.subscriptions.filter((s) => s.id !== id) },
        ),
      error: (error: unknown) => this.error.set(toRequestFailure(error).message),
    });
  }
}
