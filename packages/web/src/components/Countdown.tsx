import { useEffect, useState } from 'react';
import { formatCountdown } from '../format.js';

/** Live "mm:ss left" until the given instant; calls onExpire once when it reaches zero. */
export function Countdown({ until, onExpire }: { until: string; onExpire?: () => void }) {
  const deadline = Date.parse(until);
  const [now, setNow] = useState(() => Date.now());
  const left = deadline - now;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // Runs when the deadline passes, not on every tick.
  useEffect(() => {
    if (left <= 0) onExpire?.();
  }, [left <= 0]);

  if (left <= 0) return <span className="countdown expired">Time is up</span>;
  return (
    <span className={left < 60_000 ? 'countdown urgent' : 'countdown'} role="timer" aria-live="off">
      {formatCountdown(left)}
    </span>
  );
}
