// The PWA's service worker: Angular's (caching, updates, push display, notification actions) plus the delivery
// acknowledgement of a push, which ngsw-worker.js has no hook for. The BFF sends the SMS fallback of a J-1 reminder
// only when the device did not GET the `ack` link in time (libs/domain notifications/channels.rules.ts pushPayload).
// Registered by app.config.ts instead of ngsw-worker.js; copied as is by angular.json's assets.
importScripts('./ngsw-worker.js');

self.addEventListener('push', (event) => {
  let ack;
  try {
    ack = event.data?.json()?.notification?.data?.ack;
  } catch {
    // Not JSON: not one of ours, ngsw-worker.js ignores it too.
    return;
  }
  if (typeof ack !== 'string') {
    return;
  }
  // Same origin only: a payload must not make the device call elsewhere. No cookie: the link is signed.
  const url = new URL(ack, self.registration.scope);
  if (url.origin !== self.location.origin) {
    return;
  }
  // A lost acknowledgement only means an SMS too many: nothing to tell the jeune.
  event.waitUntil(fetch(url.href, { method: 'GET', credentials: 'omit' }).catch(() => undefined));
});
