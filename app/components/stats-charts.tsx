/**
 * Charts of the statistics dashboard as plain server-rendered SVG with a
 * fixed size (viewBox, scaled down on phones), so they show without
 * JavaScript and print. recharts 3 renders only an empty wrapper on the
 * server (recharts issue #5997) and the dashboard must work without
 * JavaScript, so these two chart shapes (horizontal and monthly bars) are
 * drawn here; anything richer should take a server-rendering library.
 * Each chart has a table of the same numbers beneath it on the page.
 */
import { formatWanOrYi } from "~/utils/money";

export interface Bar {
  label: string;
  value: number;
  href?: string | null;
}

const WIDTH = 640;
const BAR_HEIGHT = 22;
const GAP = 6;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 110;

/** Horizontal bars, one per item, labelled; `value` is fen unless `unit` is "count". */
export function HorizontalBarChart({
  title,
  bars,
  unit = "fen",
}: {
  title: string;
  bars: Bar[];
  unit?: "fen" | "count";
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * (BAR_HEIGHT + GAP) + GAP;
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const format = (v: number) => (unit === "fen" ? formatWanOrYi(v) : `${v}份`);
  return (
    <svg
      role="img"
      aria-label={title}
      width={WIDTH}
      height={height}
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="h-auto max-w-full"
      fontSize="12"
    >
      <title>{title}</title>
      {bars.map((bar, i) => {
        const y = GAP + i * (BAR_HEIGHT + GAP);
        const w = bar.value > 0 ? Math.max(2, (bar.value / max) * plot) : 0;
        const rect = (
          <rect x={LABEL_WIDTH} y={y} width={w} height={BAR_HEIGHT} rx="2" fill="#1d4ed8" />
        );
        return (
          <g key={`${bar.label}-${i}`}>
            <text
              x={LABEL_WIDTH - 6}
              y={y + BAR_HEIGHT / 2}
              dy="0.35em"
              textAnchor="end"
              fill="#334155"
            >
              {bar.label.length > 12 ? `${bar.label.slice(0, 11)}…` : bar.label}
            </text>
            {bar.href ? <a href={bar.href}>{rect}</a> : rect}
            <text x={LABEL_WIDTH + w + 6} y={y + BAR_HEIGHT / 2} dy="0.35em" fill="#0f172a">
              {format(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const COL_HEIGHT = 220;
const AXIS = 24;

/** Columns over the months of a year (values in fen). */
export function MonthColumnChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (WIDTH - 20) / Math.max(1, bars.length);
  const height = COL_HEIGHT + AXIS + 16;
  return (
    <svg
      role="img"
      aria-label={title}
      width={WIDTH}
      height={height}
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="h-auto max-w-full"
      fontSize="11"
    >
      <title>{title}</title>
      <line x1="10" x2={WIDTH - 10} y1={COL_HEIGHT + 16} y2={COL_HEIGHT + 16} stroke="#94a3b8" />
      {bars.map((bar, i) => {
        const h = bar.value > 0 ? Math.max(2, (bar.value / max) * COL_HEIGHT) : 0;
        const x = 10 + i * slot + slot * 0.15;
        const rect = (
          <rect x={x} y={COL_HEIGHT + 16 - h} width={slot * 0.7} height={h} rx="2" fill="#1d4ed8">
            <title>{`${bar.label}：${formatWanOrYi(bar.value)}`}</title>
          </rect>
        );
        return (
          <g key={bar.label}>
            {bar.href ? <a href={bar.href}>{rect}</a> : rect}
            <text x={x + slot * 0.35} y={COL_HEIGHT + 16 + 16} textAnchor="middle" fill="#334155">
              {bar.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
