/**
 * Process-tree helpers for scripts that measure or stop what they started. Linux only: they
 * read /proc. A process may exit while a tree is being walked; it then simply stops counting.
 */
import { readdirSync, readFileSync } from 'node:fs';

function readProc(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // The process (or thread) exited between listing and reading.
    return null;
  }
}

/** Direct children of `pid`, whichever of its threads started them. */
export function childPids(pid: number): number[] {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  // A child is listed under the thread that forked it, and Node also spawns from worker threads.
  return threads.flatMap((tid) =>
    (readProc(`/proc/${pid}/task/${tid}/children`) ?? '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number),
  );
}

/** Every descendant of `pid` (children, grandchildren, ...), not `pid` itself. */
export function descendantPids(pid: number): number[] {
  const found: number[] = [];
  const pending = childPids(pid);
  while (pending.length > 0) {
    const next = pending.pop() as number;
    found.push(next);
    pending.push(...childPids(next));
  }
  return found;
}

/** Resident memory of one process in MB, or 0 when it has exited. */
function rssMb(pid: number): number {
  const status = readProc(`/proc/${pid}/status`) ?? '';
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Resident memory of a process and all its descendants, summed, in MB. */
export function treeRssMb(pid: number): number {
  return [pid, ...descendantPids(pid)].reduce((sum, id) => sum + rssMb(id), 0);
}

/**
 * The same tree process by process (`pid` first), and its proportional set size: a page that
 * several processes map (the node binary's, about 40 MB in each) is divided among them, so the
 * tree's share of it is counted, not one copy per process.
 */
export function treeMemory(pid: number): { rssMb: number[]; pssMb: number } {
  const pids = [pid, ...descendantPids(pid)];
  const pssMb = pids.reduce((sum, id) => {
    const rollup = readProc(`/proc/${id}/smaps_rollup`) ?? '';
    return sum + Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
  }, 0);
  return { rssMb: pids.map(rssMb), pssMb };
}

/** Sends `signal` to `pid` and every descendant, leaves first, ignoring ones already gone. */
export function signalTree(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const id of [...descendantPids(pid).reverse(), pid]) {
    try {
      process.kill(id, signal);
    } catch {
      // Already exited.
    }
  }
}
