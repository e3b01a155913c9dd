import { useEffect, useRef, useState } from 'react';
import type { EventStats } from '../api/shapes.js';
import { formatDate, formatMoney } from '../format.js';
import { everyDay } from '../timelineDays.js';

const DEFAULT_WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 88, bottom: 32, left: 40 };
/** Room for one date label ("Nov 15" at 12px) and a gap, so neighbouring labels never touch. */
const LABEL_PX = 60;

/**
 * Registrations per day as bars (left axis) and revenue per day as a line (right axis).
 * A table with the same numbers follows for screen readers.
 */
export function TimelineChart({ stats }: { stats: EventStats }) {
  // The drawing is as wide as its box in CSS pixels, so labels stay readable on a phone.
  const box = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  const hasDays = stats.timeline.length > 0;
  useEffect(() => {
    if (!box.current) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(280, Math.round(entry.contentRect.width))));
    observer.observe(box.current);
    return () => observer.disconnect();
  }, [hasDays]);
  const days = everyDay(stats.timeline);
  if (days.length === 0) return <p className="muted">No registrations yet: the chart appears after the first one.</p>;
  const innerW = width - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const maxRegs = Math.max(1, ...days.map((d) => d.registrations));
  const maxRevenue = Math.max(1, ...days.map((d) => d.revenueCents));
  const slot = innerW / days.length;
  const barW = Math.max(4, Math.min(40, slot * 0.6));
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const yRegs = (n: number) => PAD.top + innerH - (n / maxRegs) * innerH;
  const yRevenue = (c: number) => PAD.top + innerH - (c / maxRevenue) * innerH;
  const line = days.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${yRevenue(d.revenueCents).toFixed(1)}`).join(' ');
  const labelEvery = Math.max(1, Math.ceil(LABEL_PX / slot));
  const dotRadius = Math.min(3.5, slot / 3);

  return (
    <figure className="chart" ref={box}>
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby="chart-title">
        <title id="chart-title">Registrations (bars) and revenue (line) per day</title>
        <line x1={PAD.left} x2={width - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} className="axis" />
        <text x={PAD.left - 6} y={PAD.top + 4} className="axis-label" textAnchor="end">
          {maxRegs}
        </text>
        <text x={PAD.left - 6} y={PAD.top + innerH} className="axis-label" textAnchor="end">
          0
        </text>
        <text x={width - PAD.right + 6} y={PAD.top + 4} className="axis-label revenue-label">
          {formatMoney(maxRevenue, stats.currency)}
        </text>
        {days.map((d, i) => (
          <g key={d.date}>
            {d.registrations > 0 && <rect className="bar" x={x(i) - barW / 2} y={yRegs(d.registrations)} width={barW} height={PAD.top + innerH - yRegs(d.registrations)} />}
            {i % labelEvery === 0 && (
              <text x={x(i)} y={HEIGHT - 10} className="axis-label" textAnchor="middle">
                {formatDate(`${d.date}T12:00:00Z`)}
              </text>
            )}
          </g>
        ))}
        <path d={line} className="revenue-line" fill="none" />
        {days.map((d, i) => (
          <circle key={d.date} cx={x(i)} cy={yRevenue(d.revenueCents)} r={dotRadius} className="revenue-dot" />
        ))}
      </svg>
      <figcaption className="legend">
        <span className="legend-bar">Registrations</span> <span className="legend-line">Revenue</span>
      </figcaption>
      <table className="visually-hidden">
        <caption>Registrations and revenue per day</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Registrations</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {stats.timeline.map((d) => (
            <tr key={d.date}>
              <th scope="row">{d.date}</th>
              <td>{d.registrations}</td>
              <td>{formatMoney(d.revenueCents, stats.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
