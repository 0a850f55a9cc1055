import { readdirSync, readFileSync } from 'node:fs';

const LAUNCHER_SCRIPT = 'backend/scripts/dist/start.js';

interface ProcessEntry {
  readonly pid: number;
  readonly parentPid: number;
  readonly commandLine: string;
}

function processes(): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const parentPid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      found.push({ pid: Number(entry), parentPid, commandLine });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * The pid of `service`'s process (e.g. "game"), found as a child of the launcher this process
 * started: the launcher does not publish its children's pids, /proc does.
 */
export function servicePid(service: string): number {
  const all = processes();
  const launcher = all.find(
    (entry) => entry.parentPid === process.pid && entry.commandLine.includes(LAUNCHER_SCRIPT),
  );
  if (launcher === undefined) throw new Error('no launcher started by this process is running');
  const child = all.find(
    (entry) => entry.parentPid === launcher.pid && entry.commandLine.includes(`services/${service}-service/`),
  );
  if (child === undefined) throw new Error(`the launcher runs no ${service}-service process right now`);
  return child.pid;
}
