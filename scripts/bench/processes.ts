/**
 * Everything a bench run starts is stopped on the way out, Ctrl-C included, and files it edits
 * are put back.
 */
import net from 'node:net';

import { childPids, signalTree } from '../lib/proc';

/** Undo steps that must run even when the run is interrupted (e.g. restoring an edited file). */
export const undoOnInterrupt = new Set<() => void>();

export function stopEverythingOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const undo of undoOnInterrupt) undo();
      // Our own descendants are exactly the processes this run started: builds, servers, wrk,
      // nginx, Chromium. `finally` blocks do not run after process.exit, so stop them here.
      for (const pid of childPids(process.pid)) signalTree(pid);
      console.error(`\nbench: ${signal} received; stopped the processes it had started`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export async function assertPortFree(port: number, purpose: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () =>
      reject(
        new Error(
          `port ${port} on 127.0.0.1 (${purpose}) is already in use; choose other ports with --port`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export function log(scope: string, message: string): void {
  console.log(`[bench ${scope}] ${message}`);
}
