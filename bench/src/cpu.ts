import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports utime and stime in clock ticks of USER_HZ, which is 100 on every platform Node runs on. */
const MS_PER_TICK = 10;

/** Something whose processes' CPU time can be read: a running platform, the baseline server. */
export interface CpuSource {
  /** User + system CPU time, in ms, summed over the source's live processes, from their own counters. */
  cpuMs(): number;
}

/** User + system CPU time of one process in ms, from /proc/<pid>/stat; 0 once it has ended. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields from its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** The processes whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

/** A process and its direct children (the launcher and the services it started). */
export function processTreeCpu(pid: number): CpuSource {
  return { cpuMs: () => [pid, ...childrenOf(pid)].reduce((sum, each) => sum + processCpuMs(each), 0) };
}

/** CPU time per request in µs over a measurement: the source's CPU used during it over its requests. */
export async function withCpuPerRequest<T extends { readonly total: number }>(
  source: CpuSource,
  measure: () => Promise<T>,
): Promise<T & { readonly cpuMicrosPerRequest: number }> {
  const before = source.cpuMs();
  const result = await measure();
  const used = source.cpuMs() - before;
  return { ...result, cpuMicrosPerRequest: result.total === 0 ? 0 : (used * 1000) / result.total };
}
