/**
 * Draws the imilo logo and rasterises it into the PWA icons of apps/web/public/icons.
 * Run from the repository root after changing the logo: `npx tsx apps/web/scripts/make-icons.ts`
 * (needs Debian's /usr/bin/chromium).
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BLUE = '#1d4f91';
const OUT_DIR = resolve('apps/web/public/icons');

/** The "i" mark on a 512 grid; `scale` shrinks it towards the centre (maskable icons keep it in the safe zone). */
const mark = (scale: number): string =>
  `<g transform="translate(256 256) scale(${scale}) translate(-256 -256)" fill="#fff">
    <circle cx="256" cy="150" r="44"/>
    <rect x="216" y="222" width="80" height="200" rx="40"/>
  </g>`;

/** Rounded square with transparent corners, for ordinary icons and the favicon. */
const roundedLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="112" fill="${BLUE}"/>${mark(1)}
</svg>`;

/** Full-bleed square: the platform applies its own mask, so the mark stays inside the inner 80 %. */
const fullBleedLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="${BLUE}"/>${mark(0.75)}
</svg>`;

const PNG_ICONS = [
  { file: 'icon-192.png', size: 192, svg: roundedLogo },
  { file: 'icon-512.png', size: 512, svg: roundedLogo },
  { file: 'icon-512-maskable.png', size: 512, svg: fullBleedLogo },
  // iOS rounds the corners itself and shows transparency as black.
  { file: 'apple-touch-icon.png', size: 180, svg: fullBleedLogo },
] as const;

async function makeIcons(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    for (const { file, size, svg } of PNG_ICONS) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      await page.screenshot({
        path: join(OUT_DIR, file),
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
    }
    await writeFile(join(OUT_DIR, 'icon.svg'), `${roundedLogo}\n`);
  } finally {
    await browser.close();
  }
}

// The workspace package is CommonJS, so no top-level await.
makeIcons().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
