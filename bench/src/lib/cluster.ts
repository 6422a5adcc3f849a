import cluster from 'node:cluster';

/**
 * The benchmark server as N processes on one port (node:cluster, as the platform's own
 * WEB_CONCURRENCY does): in the primary, forks N workers, prints one {"url"} line once all of
 * them listen, forwards SIGTERM and never returns; in a worker (or with N = 1) returns at once
 * and the caller serves. Workers print no url line of their own.
 */
export async function serveFromProcesses(processes: number): Promise<void> {
  if (processes <= 1 || !cluster.isPrimary) return;
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === processes) {
      process.stdout.write(
        JSON.stringify({ url: `http://127.0.0.1:${address.port}`, processes }) + '\n',
      );
    }
  });
  for (let i = 0; i < processes; i++) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  cluster.on('exit', () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await new Promise<never>(() => {});
}

/** True in a worker of serveFromProcesses (which must not announce its own url). */
export const isClusterWorker = cluster.isWorker;
