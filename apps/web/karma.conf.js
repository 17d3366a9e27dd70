// Karma runs the web specs in the Chromium the other browser tests use; as root it needs --no-sandbox.
const { findChromium } = require('../../scripts/find-chromium.cjs');
process.env.CHROME_BIN ||= findChromium() ?? '/usr/bin/chromium';

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-jasmine-html-reporter'),
      require('karma-coverage'),
    ],
    client: {
      jasmine: { random: true },
      clearContext: false,
    },
    jasmineHtmlReporter: { suppressAll: true },
    coverageReporter: {
      dir: require('path').join(__dirname, '../../coverage/web'),
      subdir: '.',
      reporters: [{ type: 'html' }, { type: 'text-summary' }],
    },
    // 'dots' keeps CI logs short; the HTML reporter only matters in a watched browser.
    reporters: ['dots'],
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
