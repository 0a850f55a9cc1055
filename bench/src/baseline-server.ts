import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type CpuSource, processCpuMs } from './cpu.js';

const ENTRY = fileURLToPath(new URL('./baseline-main.js', import.meta.url));

export interface BaselineServer extends CpuSource {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the bare server (`baseline-main.ts`) in a process of its own. */
export async function startBaselineServer(): Promise<BaselineServer> {
  const child = spawn(process.execPath, [ENTRY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(() => {
    throw new Error('the baseline server exited before listening');
  });
  const url = await Promise.race([once(lines, 'line').then(([line]) => String(line)), exited]);
  const pid = child.pid ?? -1;
  return {
    url,
    cpuMs: () => processCpuMs(pid),
    close: async () => {
      if (child.exitCode !== null) return;
      const stopped = once(child, 'exit');
      child.kill('SIGINT');
      await stopped;
    },
  };
}
