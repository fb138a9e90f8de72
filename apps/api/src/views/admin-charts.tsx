import type { Child } from 'hono/jsx';
import { axisTicks } from './admin-chart-scale.ts';
import { formatCount } from './admin-format.ts';
import { ScrollRegion } from './admin-scroll-region.tsx';

// Server-rendered SVG charts: no script, no library. Colours come from admin.css (series-N), so
// they follow the light/dark theme; every chart has a legend and its numbers in a table.

export interface Series {
  name: string;
  values: number[];
}

interface ChartProps {
  title: string;
  days: string[];
  series: Series[];
  format?: (value: number) => string;
}

const WIDTH = 640;
const HEIGHT = 220;
const PLOT = { left: 48, right: 8, top: 8, bottom: 24 };
const plotWidth = WIDTH - PLOT.left - PLOT.right;
const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;

function YAxis(props: { ticks: number[]; format: (value: number) => string }) {
  const top = props.ticks.at(-1) ?? 1;
  return (
    <g>
      {props.ticks.map((tick) => {
        const y = PLOT.top + plotHeight - (tick / top) * plotHeight;
        return (
          <g>
            <line class="axis" x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y} y2={y} />
            <text class="tick" x={PLOT.left - 6} y={y + 4} text-anchor="end">
              {props.format(tick)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** First, middle and last day under the x axis (MM-DD). */
function XAxis(props: { days: string[] }) {
  const last = props.days.length - 1;
  const shown = [...new Set([0, Math.floor(last / 2), last])];
  return (
    <g>
      {shown.map((index) => (
        <text
          class="tick"
          x={PLOT.left + (last > 0 ? (index / last) * plotWidth : plotWidth / 2)}
          y={HEIGHT - 6}
          text-anchor={index === 0 ? 'start' : index === last ? 'end' : 'middle'}
        >
          {props.days[index]?.slice(5)}
        </text>
      ))}
    </g>
  );
}

function Legend(props: { series: Series[] }) {
  return (
    <ul class="legend">
      {props.series.map((series, index) => (
        <li class={`series-${index}`}>{series.name}</li>
      ))}
    </ul>
  );
}

function DataTable(props: ChartProps) {
  const format = props.format ?? formatCount;
  return (
    <details>
      <summary>The numbers</summary>
      <ScrollRegion label={`${props.title}: the numbers`}>
        <table class="data">
          <thead>
            <tr>
              <th>Day</th>
              {props.series.map((series) => (
                <th class="number">{series.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.days.map((day, index) => (
              <tr>
                <td>{day}</td>
                {props.series.map((series) => (
                  <td class="number">{format(series.values[index] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}

function Frame(props: ChartProps & { ticks: number[]; children: Child }) {
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.title}>
        <title>{props.title}</title>
        <YAxis ticks={props.ticks} format={props.format ?? formatCount} />
        {props.children}
        <XAxis days={props.days} />
      </svg>
      <Legend series={props.series} />
      <DataTable {...props} />
    </figure>
  );
}

/** One line per series over the days (levels: subscribers by status, rates). */
export function LineChart(props: ChartProps & { integer?: boolean }) {
  const ticks = axisTicks(Math.max(0, ...props.series.flatMap((series) => series.values)), { integer: props.integer });
  const top = ticks.at(-1) ?? 1;
  const x = (index: number) => PLOT.left + (props.days.length > 1 ? (index / (props.days.length - 1)) * plotWidth : plotWidth / 2);
  const y = (value: number) => PLOT.top + plotHeight - (value / top) * plotHeight;
  return (
    <Frame {...props} ticks={ticks}>
      {props.series.map((series, index) => (
        <polyline class={`line series-${index}`} points={series.values.map((value, day) => `${x(day)},${y(value)}`).join(' ')}>
          <title>{series.name}</title>
        </polyline>
      ))}
    </Frame>
  );
}

/** Columns per day, stacked (parts of one total) or side by side (separate counts). */
export function ColumnChart(props: ChartProps & { stacked: boolean }) {
  const heights = props.days.map((_, day) => props.series.map((series) => series.values[day] ?? 0));
  const max = Math.max(0, ...heights.map((values) => (props.stacked ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values))));
  const ticks = axisTicks(max, { integer: true });
  const scale = plotHeight / (ticks.at(-1) ?? 1);
  const slot = plotWidth / Math.max(1, props.days.length);
  const barWidth = (slot * 0.75) / (props.stacked ? 1 : props.series.length);
  return (
    <Frame {...props} ticks={ticks}>
      {heights.flatMap((values, day) => {
        let base = PLOT.top + plotHeight;
        return values.map((value, index) => {
          const height = value * scale;
          const left = PLOT.left + day * slot + slot * 0.125 + (props.stacked ? 0 : index * barWidth);
          const top = props.stacked ? base - height : PLOT.top + plotHeight - height;
          if (props.stacked) base -= height;
          return (
            <rect class={`series-${index}`} x={left} y={top} width={barWidth} height={height}>
              <title>{`${props.days[day]}: ${formatCount(value)} ${props.series[index]?.name ?? ''}`}</title>
            </rect>
          );
        });
      })}
    </Frame>
  );
}

/** Horizontal bars with their labels, largest first (topic popularity). */
export function BarList(props: { title: string; items: Array<{ label: string; value: number }> }) {
  const rowHeight = 22;
  const labelWidth = 170;
  const height = props.items.length * rowHeight + 4;
  const top = axisTicks(Math.max(0, ...props.items.map((item) => item.value)), { integer: true }).at(-1) ?? 1;
  const barSpace = WIDTH - labelWidth - 60;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={props.title}>
        <title>{props.title}</title>
        {props.items.map((item, index) => (
          <g>
            <text class="tick" x={labelWidth - 8} y={index * rowHeight + 15} text-anchor="end">
              {item.label}
            </text>
            <rect class="series-0" x={labelWidth} y={index * rowHeight + 4} width={(item.value / top) * barSpace} height={rowHeight - 8} />
            <text class="tick" x={labelWidth + (item.value / top) * barSpace + 6} y={index * rowHeight + 15}>
              {formatCount(item.value)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
