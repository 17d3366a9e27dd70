// Runs before the browser tests: finds a Chromium, installs Debian's when possible, or says in one line what to install.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const { findChromium } = createRequire(import.meta.url)('./find-chromium.cjs');

const canApt = () => {
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    // `command -v` fails when apt-get is absent: not a Debian-like machine.
    return false;
  }
};

let browser = findChromium();
if (!browser && canApt()) {
  console.log('No Chromium found: installing Debian\'s chromium (apt-get)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  browser = findChromium();
}
if (!browser) {
  console.error('Browser tests need Chromium or Google Chrome: install one (Debian: apt-get install chromium) or set CHROME_BIN.');
  process.exit(1);
}
console.log(`Browser tests use ${browser}`);
