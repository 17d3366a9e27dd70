import type { CanDeactivateFn } from '@angular/router';
import type { Creation } from './creation';

/** Asks before leaving the premier accueil form with input that would be lost. */
export const unsavedCreationGuard: CanDeactivateFn<Creation> = (component) => component.canLeave();
