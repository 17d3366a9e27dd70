import { capturedLogs, leakedSecrets } from './test-app';

// The shape of an access code (three groups of four from the unambiguous alphabet), whoever issued it.
const ACCESS_CODE = /\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b/;

// Runs once after every spec of the run: no password, token, session id or access code any spec handled was logged.
afterAll(() => {
  expect(leakedSecrets()).withContext('secrets found in the logs').toEqual([]);
  expect(capturedLogs.filter((line) => ACCESS_CODE.test(line))).withContext('log lines holding an access code').toEqual([]);
});
