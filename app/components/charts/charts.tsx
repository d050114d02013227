// Charts drawn on the server as SVG: no JavaScript, no inline styles (the CSP forbids them), only
// presentation attributes and app-chart classes. Each chart names itself for assistive technology
// (role="img" with a title and description) and the page shows the same figures as a table.
import { Fragment, type ReactNode } from "react";

/** A coordinate to a tenth of a unit: finer is invisible, and each digit is sent and drawn. */
function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Bars standing on their baselines as one path (a rectangle per bar of some height): one element for a row of bars
 * instead of one each, for the server to render and the browser to lay out. Empty when no bar has a height.
 */
export function barsPath(bars: { x: number; width: number; baseline: number; height: number }[]): string {
  return bars
    .filter((b) => b.height > 0)
    .map((b) => `M${round(b.x)} ${round(b.baseline - b.height)}h${round(b.width)}v${b.height}h${-round(b.width)}z`)
    .join("");
}

function ChartFrame({
  id,
  title,
  description,
  width,
  height,
  children,
}: {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  children: ReactNode;
}) {
  return (
    <svg
      className="app-chart"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

/** Vertical bars, one per label, each with its value above it. */
export function ColumnChart({
  id,
  title,
  description,
  labels,
  values,
  width = 720,
  height = 220,
}: {
  id: string;
  title: string;
  description: string;
  labels: string[];
  values: number[];
  width?: number;
  height?: number;
}) {
  const top = 24;
  const bottom = 28;
  const left = 8;
  const plotHeight = height - top - bottom;
  // No axis ticks are drawn (each bar carries its value), so the tallest bar fills the height.
  const max = Math.max(1, ...values);
  const slot = (width - left * 2) / Math.max(1, values.length);
  const barWidth = Math.max(4, slot * 0.62);
  const heights = values.map((value) => Math.round((value / max) * plotHeight));
  return (
    <ChartFrame id={id} title={title} description={description} width={width} height={height}>
      <line className="app-chart__axis" x1={left} x2={width - left} y1={top + plotHeight + 0.5} y2={top + plotHeight + 0.5} />
      <path
        className="app-chart__bar"
        d={barsPath(
          values.map((value, i) => ({
            x: left + i * slot + (slot - barWidth) / 2,
            width: barWidth,
            baseline: top + plotHeight,
            height: heights[i],
          })),
        )}
      />
      {values.map((value, i) => {
        const cx = round(left + i * slot + slot / 2);
        return (
          <Fragment key={labels[i]}>
            <text className="app-chart__label" x={cx} y={top + plotHeight - heights[i] - 6} textAnchor="middle">
              {value.toLocaleString("en-GB")}
            </text>
            <text className="app-chart__label app-chart__label--muted" x={cx} y={height - 8} textAnchor="middle">
              {labels[i]}
            </text>
          </Fragment>
        );
      })}
    </ChartFrame>
  );
}

/**
 * Small multiples: one row of bars per series, all on the same scale, so rows can be compared
 * at a glance; the row's total at the right.
 */
export function SmallMultiples({
  id,
  title,
  description,
  labels,
  series,
  width = 720,
}: {
  id: string;
  title: string;
  description: string;
  labels: string[];
  series: { name: string; values: number[] }[];
  width?: number;
}) {
  const nameWidth = 210;
  const totalWidth = 56;
  const rowHeight = 46;
  const axisHeight = 24;
  const height = series.length * rowHeight + axisHeight;
  const plotWidth = width - nameWidth - totalWidth;
  const slot = plotWidth / Math.max(1, labels.length);
  const barWidth = Math.max(3, slot * 0.62);
  // No axis is drawn, so the tallest bar fills its row rather than a rounded maximum.
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const barMax = rowHeight - 12;
  return (
    <ChartFrame id={id} title={title} description={description} width={width} height={height}>
      {series.map((s, row) => {
        const baseline = row * rowHeight + rowHeight - 4;
        const total = s.values.reduce((a, b) => a + b, 0);
        return (
          <g key={s.name}>
            <text className="app-chart__label" x={0} y={baseline - 8}>
              {s.name}
            </text>
            <line className="app-chart__axis" x1={nameWidth} x2={nameWidth + plotWidth} y1={baseline + 0.5} y2={baseline + 0.5} />
            <path
              className="app-chart__bar"
              d={barsPath(
                s.values.map((value, i) => ({
                  x: nameWidth + i * slot + (slot - barWidth) / 2,
                  width: barWidth,
                  baseline,
                  height: value ? Math.max(1, Math.round((value / max) * barMax)) : 0,
                })),
              )}
            />
            <text className="app-chart__label" x={width} y={baseline - 8} textAnchor="end">
              {total.toLocaleString("en-GB")}
            </text>
          </g>
        );
      })}
      {labels.map((label, i) => (
        <text
          key={label}
          className="app-chart__label app-chart__label--muted"
          x={round(nameWidth + i * slot + slot / 2)}
          y={height - 6}
          textAnchor="middle"
        >
          {label}
        </text>
      ))}
    </ChartFrame>
  );
}

/**
 * Two bars side by side in a table cell (overdue in red, due soon in orange), scaled to the
 * table's largest figure. Decorative: the numbers are in the cells beside it.
 */
export function InlineBars({ overdue, soon, max, width = 120 }: { overdue: number; soon: number; max: number; width?: number }) {
  const scale = max > 0 ? width / max : 0;
  const o = Math.round(overdue * scale);
  const s = Math.round(soon * scale);
  return (
    <svg
      className="app-inline-bar"
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={18}
      viewBox={`0 0 ${width} 18`}
      aria-hidden="true"
      focusable="false"
    >
      {o ? <rect className="app-chart__bar--alert" x={0} y={1} width={o} height={7} /> : null}
      {s ? <rect className="app-chart__bar--soon" x={0} y={10} width={s} height={7} /> : null}
    </svg>
  );
}
