import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { BENCH_DIR, type Driver } from './config';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts src/server.ts in a child process (tsx) and waits for its {"url"} line. */
export async function startServer(options: {
  driver: Driver;
  name: string;
  pool?: number;
  /** Server processes on the one port (node:cluster); 1 by default. */
  processes?: number;
}): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(BENCH_DIR, 'src/server.ts'),
      '--driver',
      options.driver,
      '--name',
      options.name,
      '--pool',
      String(options.pool ?? 10),
      '--processes',
      String(options.processes ?? 1),
    ],
    { cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(
      () => reject(new RangeError('server did not start in 120 s')),
      120_000,
    );
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url) {
          clearTimeout(timer);
          resolve(parsed.url);
        }
      } catch {
        // not our line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new RangeError(`server exited with code ${code} before listening`));
    });
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
