// The plans of what the product sent: the statements a call of the product's own code issued through pg (captured
// in this process), replayed under EXPLAIN (ANALYZE, BUFFERS) in a transaction rolled back.
import pg from 'pg';

/** One statement as the product sent it. */
export interface SentStatement {
  readonly text: string;
  readonly values: unknown[] | undefined;
}

const sent: SentStatement[] = [];
let capturing = false;
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (capturing) {
    const [first, second] = args as [unknown, unknown];
    if (typeof first === 'string') {
      sent.push({ text: first, values: Array.isArray(second) ? (second as unknown[]) : undefined });
    } else if (first !== null && typeof first === 'object' && typeof (first as { text?: unknown }).text === 'string') {
      const config = first as { text: string; values?: unknown[] };
      sent.push({ text: config.text, values: config.values ?? (Array.isArray(second) ? (second as unknown[]) : undefined) });
    }
  }
  return clientQuery.apply(this, args);
};

/** The statements `call` sent through pg (every client of this process), in order. */
export const captureStatements = async (call: () => Promise<unknown>): Promise<SentStatement[]> => {
  sent.length = 0;
  capturing = true;
  try {
    await call();
  } finally {
    capturing = false;
  }
  return [...sent];
};

/** Each read statement's plan with its execution time; writes are replayed (in the rolled-back transaction) unexplained. */
export const explainStatements = async (
  databaseUrl: string,
  statements: readonly SentStatement[],
): Promise<{ text: string; plan: string[]; executionMs: number | null }[]> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let result: { text: string; plan: string[]; executionMs: number | null }[] = [];
    // Twice on the same connection, the second kept: the first plans with a cold catalog cache.
    for (let pass = 0; pass < 2; pass++) {
      result = [];
      await client.query('BEGIN');
      for (const statement of statements) {
        const text = statement.text.trim();
        if (/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(text)) {
          continue;
        }
        if (/^(SELECT|WITH)/i.test(text)) {
          const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, statement.values);
          const plan = rows.map((row) => row['QUERY PLAN']);
          const execution = plan.map((line) => /^Execution Time: ([\d.]+) ms/.exec(line)).find((match) => match !== null);
          result.push({ text, plan, executionMs: execution ? Number(execution[1]) : null });
        } else {
          await client.query(text, statement.values);
        }
      }
      await client.query('ROLLBACK');
    }
    return result;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
};
