// Karma runs the web specs in the Chromium the other browser tests use; as root it needs --no-sandbox.
const { findChromium } = require('../../scripts/find-chromium.cjs');
process.env.CHROME_BIN ||= findChromium() ?? '/usr/bin/chromium';

// The specs run in random order. The seed is drawn here (not by jasmine in the browser) so that it is known even when
// the browser hangs or disconnects, printed at the start and at the end of the run, and replayable:
// `JASMINE_SEED=12345 npx ng test web --watch=false`.
const seed = process.env.JASMINE_SEED || String(Math.floor(Math.random() * 100000));

/** Prints "Randomized with seed N" (as jasmine's own console reporter does), and warns if the browser used another. */
function SeedReporter() {
  const line = () =>
    process.stdout.write(`Randomized with seed ${seed} (replay: JASMINE_SEED=${seed} npx ng test web --watch=false)\n`);
  this.onRunStart = line;
  this.onBrowserComplete = (browser, result) => {
    const used = result?.order?.seed;
    if (used !== undefined && String(used) !== seed) {
      process.stdout.write(`${browser.name} ran with seed ${used}, not ${seed}\n`);
    }
  };
  this.onRunComplete = line;
}

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-jasmine-html-reporter'),
      require('karma-coverage'),
      { 'reporter:seed': ['type', SeedReporter] },
    ],
    client: {
      jasmine: { random: true, seed },
      clearContext: false,
    },
    jasmineHtmlReporter: { suppressAll: true },
    coverageReporter: {
      dir: require('path').join(__dirname, '../../coverage/web'),
      subdir: '.',
      reporters: [{ type: 'html' }, { type: 'text-summary' }],
    },
    // 'dots' keeps CI logs short; the HTML reporter only matters in a watched browser.
    reporters: ['dots', 'seed'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      },
    },
    browsers: ['ChromeHeadlessCI'],
    browserNoActivityTimeout: 60000,
    singleRun: true,
    restartOnFileChange: true,
  });
};
