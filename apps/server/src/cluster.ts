/**
 * WEB_CONCURRENCY > 1: the primary process forks that many servers sharing one port (node:cluster
 * hands incoming connections to them in turn). The server keeps nothing in memory that another
 * process would need — sessions, login throttling, security-event limits and seat counts live in
 * PostgreSQL; the only process-local data is a cache of the region tree, which is reference data
 * — so any process answers any request. A worker that dies is replaced (at most one a second);
 * SIGTERM / SIGINT stop the workers gracefully, then the primary.
 */
import cluster, { type Worker } from 'node:cluster';

interface Log {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
}

/** Least time between two replacements of dead workers. */
const RESPAWN_DELAY_MS = 1_000;
/** How long the workers get to finish their requests before they are killed. */
const STOP_TIMEOUT_MS = 15_000;

export function runPrimary(processes: number, log: Log): void {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < processes; i++) fork();
  log.info({ processes }, `已启动 ${processes} 个服务进程`);

  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.warn({ worker: worker.process.pid, code, signal }, '服务进程意外退出，即将重启');
    setTimeout(fork, RESPAWN_DELAY_MS);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, '正在关闭全部服务进程');
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
