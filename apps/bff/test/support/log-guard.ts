import { capturedLogs, leakedSecrets } from './test-app';

// The shape of an access code (three groups of four from the unambiguous alphabet), whoever issued it; not inside a
// longer dashed token such as a UUID (`30529ce3-3333-4635-8978-09e5d975fc3e` holds three groups of digits).
const ACCESS_CODE = /(?<![\w-])[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}(?![\w-])/;

// Runs once after every spec of the run: no password, token, session id or access code any spec handled was logged.
afterAll(() => {
  expect(leakedSecrets()).withContext('secrets found in the logs').toEqual([]);
  expect(capturedLogs.filter((line) => ACCESS_CODE.test(line))).withContext('log lines holding an access code').toEqual([]);
});
