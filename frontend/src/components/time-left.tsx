import { useEffect, useState } from 'preact/hooks';

const TICK_MS = 1_000;

const format = (ms: number): string => {
  // Whole seconds elapsed count down: a game of 30 minutes never shows 30:01.
  const seconds = Math.max(0, Math.floor(ms / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/** The game's time left by the server's clock (its expiry, corrected by how far this clock is off). */
export function TimeLeft({ expiresAt, clockSkewMs }: { expiresAt: string; clockSkewMs: number }) {
  const deadline = Date.parse(expiresAt);
  const [now, setNow] = useState(Date.now() + clockSkewMs);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + clockSkewMs), TICK_MS);
    return () => window.clearInterval(timer);
  }, [clockSkewMs]);
  return (
    <p>
      Time left: <span role="timer">{format(deadline - now)}</span>
    </p>
  );
}
