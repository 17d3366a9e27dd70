// Replaced at build time by `ng build --define "IMILO_BUILD='…'"` (the root build script passes the package version).
declare const IMILO_BUILD: string | undefined;

/** The identifier of this build of the PWA, shown in "Mon compte" so that support knows what a user runs. */
export const BUILD_ID: string = typeof IMILO_BUILD === 'string' ? IMILO_BUILD : 'développement';
