import type { ReactNode } from 'react';
import { useAnalystT } from './texts';

export type Bar = Readonly<{ label: string; value: number | null; shown: string }>;

/**
 * A bar chart drawn in SVG with its axes labelled in words, and beside it the same figures as a
 * table (WCAG 1.1.1): the picture is an image with a name, the table is what a screen reader reads.
 * A bar whose value is null (a suppressed group) is drawn as no bar and named as such in the table.
 */
export const BarChart = ({ id, title, xAxis, yAxis, bars, table }: { id: string; title: string; xAxis: string; yAxis: string; bars: readonly Bar[]; table: ReactNode }) => {
  const t = useAnalystT();
  const width = 720;
  const height = 260;
  const left = 70;
  const bottom = 60;
  const top = 24;
  const values = bars.map((b) => b.value ?? 0);
  // A chart of zeros still needs a scale: 0 at the bottom, not at the top.
  const max = Math.max(0, ...values) || (Math.min(0, ...values) < 0 ? 0 : 1);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const plotHeight = height - top - bottom;
  const y = (v: number) => top + ((max - v) / span) * plotHeight;
  const slot = (width - left - 10) / Math.max(1, bars.length);
  return (
    <figure className="asb-chart" aria-labelledby={`${id}-titel`}>
      <figcaption id={`${id}-titel`} className="asb-chart__title">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="asb-chart__svg" focusable="false">
        <line x1={left} y1={top} x2={left} y2={height - bottom} stroke="#1a1a1a" />
        <line x1={left} y1={y(0)} x2={width - 10} y2={y(0)} stroke="#1a1a1a" />
        <text x={left - 6} y={top + 4} textAnchor="end" fontSize="11">
          {bars.length ? formatAxis(max) : ''}
        </text>
        <text x={left - 6} y={y(0) + 4} textAnchor="end" fontSize="11">
          0
        </text>
        {min < 0 ? (
          <text x={left - 6} y={height - bottom + 4} textAnchor="end" fontSize="11">
            {formatAxis(min)}
          </text>
        ) : null}
        {bars.map((b, i) => {
          const x = left + i * slot + slot * 0.15;
          const v = b.value ?? 0;
          return (
            <g key={i}>
              {b.value === null ? (
                <text x={x + slot * 0.35} y={y(0) - 4} textAnchor="middle" fontSize="11">
                  ×
                </text>
              ) : (
                <rect x={x} width={slot * 0.7} y={Math.min(y(v), y(0))} height={Math.abs(y(v) - y(0))} fill="#01689b" />
              )}
              {bars.length <= 8 ? (
                <>
                  <text x={x + slot * 0.35} y={height - bottom + 16} textAnchor="middle" fontSize="11">
                    {b.label}
                  </text>
                  {b.value !== null ? (
                    <text x={x + slot * 0.35} y={Math.min(y(v), y(0)) - 4} textAnchor="middle" fontSize="11">
                      {b.shown}
                    </text>
                  ) : null}
                </>
              ) : null}
            </g>
          );
        })}
        <text x={(left + width) / 2} y={height - 8} textAnchor="middle" fontSize="12">
          {xAxis}
        </text>
        {bars.some((b) => b.value === null) ? (
          <text x={width - 10} y={top + 4} textAnchor="end" fontSize="11">
            × = {t('suppressed')}
          </text>
        ) : null}
        <text x={14} y={(top + height - bottom) / 2} textAnchor="middle" fontSize="12" transform={`rotate(-90 14 ${(top + height - bottom) / 2})`}>
          {yAxis}
        </text>
      </svg>
      <div className="asb-chart__table">
        <p className="asb-visually-hidden">{t('chartTable')}</p>
        {table}
      </div>
    </figure>
  );
};

const compact = new Intl.NumberFormat('nl-NL', { notation: 'compact', maximumFractionDigits: 1 });
const formatAxis = (v: number) => compact.format(v);
