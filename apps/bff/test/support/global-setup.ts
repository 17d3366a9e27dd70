import { openTestDatabase, type TestDatabase } from './test-database';

let current: TestDatabase | null = null;

/** The run's database, created and migrated once before every spec. */
export const testDatabase = (): TestDatabase => {
  if (!current) {
    throw new Error('the test database is not open yet');
  }
  return current;
};

beforeAll(async () => {
  // The only place tests read the environment: which PostgreSQL to run on.
  current = await openTestDatabase(process.env['DATABASE_URL']);
  console.log(`\nBFF specs run on ${current.label}`);
}, 60_000);

afterAll(async () => {
  await current?.drop();
}, 60_000);
