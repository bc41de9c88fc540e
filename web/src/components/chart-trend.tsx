import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMoney, formatMonth } from '../lib/format';

/** One month of the trend, in base minor units. */
export interface TrendPoint {
  month: string;
  income: number;
  expenses: number;
  net: number;
}

const SERIES = [
  { key: 'income', label: 'Income', stroke: '#166534', dash: [] },
  { key: 'expenses', label: 'Expenses', stroke: '#b91c1c', dash: [6, 4] },
  { key: 'net', label: 'Net', stroke: '#155e75', dash: [2, 3] },
] as const;

function options(points: TrendPoint[], currency: string, width: number): uPlot.Options {
  const money = (v: number) => formatMoney(Math.round(v), currency, { compact: true });
  return {
    width,
    height: 240,
    // The legend is the visible key; dashes as well as colours tell the lines apart.
    legend: { show: true, live: false },
    cursor: { show: true, drag: { x: false, y: false } },
    scales: { x: { time: false } },
    axes: [
      { values: (_u, ticks) => ticks.map((t) => formatMonth(points[t]?.month ?? '', true)), stroke: '#4b5563', grid: { show: false } },
      { values: (_u, ticks) => ticks.map(money), size: 70, stroke: '#4b5563', grid: { stroke: '#e5e7eb' } },
    ],
    series: [{ label: 'Month', value: (_u, i) => (i == null ? '' : formatMonth(points[i]?.month ?? '', true)) }, ...SERIES.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, dash: [...s.dash], points: { show: true, size: 5 }, value: (_u: uPlot, v: number | null) => (v == null ? '' : money(v)) }))],
  };
}

function data(points: TrendPoint[]): uPlot.AlignedData {
  return [points.map((_, i) => i), ...SERIES.map((s) => points.map((p) => p[s.key]))];
}

/**
 * The last months' income, expenses and net drawn with uPlot (a canvas). The canvas itself is hidden from assistive
 * technology: the figure's caption names it and the screen renders the same figures as a table (see TrendTable).
 */
export default function TrendChart({ points, currency }: { points: TrendPoint[]; currency: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const width = () => Math.max(280, Math.floor(el.clientWidth));
    const plot = new uPlot(options(points, currency, width()), data(points), el);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 240 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, currency]);
  return <div ref={box} aria-hidden="true" data-testid="trend-canvas" style={{ width: '100%', minWidth: 0, overflow: 'hidden' }} />;
}
