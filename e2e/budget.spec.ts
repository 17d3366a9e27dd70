import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './support/bff-process';

// The sign-in route is what a jeune's cheap phone loads first on a bad network: its initial JS has a hard ceiling.
const SIGN_IN_INITIAL_JS_GZIP_MAX = 120 * 1024;

describe('size budget of the production build', () => {
  it('when the sign-in page loads, its initial scripts weigh at most 120 KB gzip', () => {
    const dist = join(ROOT, 'dist/web/browser');
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    const scripts = [
      ...index.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
      ...index.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
    ].map((m) => m[1]!);
    const unique = [...new Set(scripts)];

    const gzipped = unique.reduce((total, file) => total + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length, 0);

    expect(unique.length).toBeGreaterThan(0);
    console.log(`initial JS of the sign-in route: ${unique.length} files, ${(gzipped / 1024).toFixed(1)} KB gzip`);
    expect(gzipped).toBeLessThanOrEqual(SIGN_IN_INITIAL_JS_GZIP_MAX);
  });
});
