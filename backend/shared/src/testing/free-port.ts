import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Where the ephemeral range starts when the kernel's cannot be read (IANA's, macOS's, Windows'). */
const DEFAULT_EPHEMERAL_LOW = 49_152;
/** Below this, ports belong to well-known services a developer may run. */
const LOWEST_PORT = 10_000;
/** Slice 0 is the main test process's; each worker (VITEST_POOL_ID 1, 2, …) has its own. */
const SLICES = 16;

const handedOut = new Set<number>();

/**
 * A loopback port nothing listens on, for a test to listen on later: a server named before it
 * starts (a redirect target), or restarted at the same address. A port the kernel hands out for
 * `listen(0)` is also one it hands to outgoing connections, so a busy test run beside this one can
 * take it before it is used; these are picked below the kernel's ephemeral range instead, from a
 * slice per test worker so two workers never pick the same one, and never twice in a process.
 */
export async function freePort(): Promise<number> {
  const { first, size } = slice();
  const start = Math.floor(Math.random() * size);
  for (let offset = 0; offset < size; offset += 1) {
    const port = first + ((start + offset) % size);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free loopback port between ${first} and ${first + size - 1}`);
}

function slice(): { first: number; size: number } {
  const low = ephemeralLow();
  const size = Math.floor((low - LOWEST_PORT) / SLICES);
  if (size < 64)
    throw new Error(`the ephemeral port range starts at ${low}: too low to pick test ports below it`);
  const pool = Number(process.env.VITEST_POOL_ID);
  const index = Number.isInteger(pool) && pool > 0 ? 1 + ((pool - 1) % (SLICES - 1)) : 0;
  return { first: LOWEST_PORT + index * size, size };
}

/** The first port of the kernel's ephemeral range, where `listen(0)` and outgoing connections take theirs. */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 0) return low;
  } catch {
    // Not Linux: the default range.
  }
  return DEFAULT_EPHEMERAL_LOW;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
