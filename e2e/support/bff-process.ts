import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// The throwaway-database helpers the BFF specs use: both suites run on a real server the same way.
import { createScratchDatabase, LOCAL_SERVER, serverAnswers } from '../../apps/bff/test/support/scratch-database';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** A database for one run of the journeys: a fresh one on the local server, or an embedded one in a temp dir. */
export const prepareDatabase = async (): Promise<{ env: Record<string, string>; label: string; drop(): Promise<void> }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'imilo-e2e-'));
  if (process.env['DATABASE_URL'] || (await serverAnswers(LOCAL_SERVER))) {
    const scratch = await createScratchDatabase(process.env['DATABASE_URL'] ?? LOCAL_SERVER, 'imilo_e2e');
    return {
      env: { DATABASE_URL: scratch.url, DATA_DIR: dataDir },
      label: `PostgreSQL ${new URL(scratch.url).host}/${scratch.name}`,
      drop: async () => {
        await scratch.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return { env: { DATA_DIR: dataDir }, label: 'embedded PostgreSQL', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
};

/** Runs one of the BFF's npm scripts to completion (migrate, seed), as the README's start command does. */
export const runBffScript = (script: 'db:migrate' | 'db:seed', env: Record<string, string>): void => {
  execFileSync('npm', ['run', script, '-w', '@imilo/bff'], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: 'pipe' });
};

/** A BFF serving the PWA and the API, started like `npm start` does, that a journey can stop and restart. */
export class BffProcess {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async create(env: Record<string, string>): Promise<BffProcess> {
    return new BffProcess(await freePort(), env);
  }

  get baseUrl(): string {
    return `http://localhost:${this.port}`;
  }

  /** Starts the BFF, unless it is running. */
  async start(): Promise<void> {
    if (this.child !== null && this.child.exitCode === null) {
      return;
    }
    this.child = spawn('npm', ['run', 'serve', '-w', '@imilo/bff'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port), JOBS: 'off', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`the BFF exited: ${this.output.join('')}`);
      }
      const up = await fetch(`${this.baseUrl}/api/health`).then((r) => r.ok, () => false);
      if (up) {
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the BFF did not answer within 60 s: ${this.output.join('')}`);
  }

  /** Stops the BFF as a deployment does (SIGTERM: in-flight requests finish). */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  /** Kills the BFF as a crash would (SIGKILL: in-flight requests and transactions die with it). */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  private async signal(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) {
      return;
    }
    const exited = new Promise((r) => child.once('exit', r));
    // The whole process group: npm, then tsx, then node.
    process.kill(-child.pid!, signal);
    await exited;
    this.child = null;
  }
}
