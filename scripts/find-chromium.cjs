// Where a Chromium or Chrome lives on this machine: CHROME_BIN first, then the usual Debian and Google paths.
// Shared by Karma, the browser journeys and the Lighthouse benchmark so that they all drive the same browser.
const { existsSync } = require('node:fs');

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The first browser found, or null. */
function findChromium() {
  const fromEnv = process.env.CHROME_BIN;
  if (fromEnv && existsSync(fromEnv)) {
    return fromEnv;
  }
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

module.exports = { findChromium };
