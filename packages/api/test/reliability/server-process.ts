import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../../../../bench/lib/processes.js';

/**
 * `npm start`'s server as a real child process on a fixed loopback port, so a test can SIGKILL it
 * at any instant and start it again on the same data folder and address.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly url: string;
  readonly output: string[] = [];

  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly env: Record<string, string> = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', DEMO_DATA: 'false', LOG_LEVEL: 'warn', ...this.env, DATA_DIR: this.dataDir, PORT: String(this.port), HOST: '127.0.0.1', PUBLIC_URL: this.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.child = child;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${this.output.join('')}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server did not come up: ${this.output.join('')}`);
  }

  /** Kills the process without warning (no shutdown hooks run) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill(signal);
    await gone;
    this.child = null;
  }
}
