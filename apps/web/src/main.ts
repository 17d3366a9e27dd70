import { registerLocaleData } from '@angular/common';
import localeFr from '@angular/common/locales/fr';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

registerLocaleData(localeFr);

bootstrapApplication(App, appConfig).catch((error: unknown) => {
  // Nothing else can report it: the app did not start.
  // eslint-disable-next-line no-console
  console.error(error);
});
