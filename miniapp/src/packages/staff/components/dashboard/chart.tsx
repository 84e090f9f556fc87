import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  BarController,
  BarElement,
  BasicPlatform,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  type ChartConfiguration,
  type ChartItem,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import type { ChartPoint, Figure } from './figures';

// Only what the dashboard draws is registered, so the rest of Chart.js stays out of the package
// (docs/PERFORMANCE.md has what it adds to the staff subpackage).
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
);

/** The brand blue first, then colours that stay apart for the common kinds of colour blindness. */
export const SERIES_COLORS = ['#1f5fbf', '#f0a020', '#2a9d8f', '#d64545', '#7b61c9', '#8a94a6'];

/** Chart.js's configuration for a figure: categories along x, one dataset per series. */
export function chartConfig(figure: Figure, pixelRatio: number): ChartConfiguration<'bar' | 'line'> {
  const labels = [...new Set(figure.points.map((point) => point.x))];
  const series = [...new Set(figure.points.map((point) => point.series))];
  const valueOf = (x: string, name: string) =>
    figure.points.find((point: ChartPoint) => point.x === x && point.series === name)?.value ?? 0;
  // A series per category (each bar its own name, as 已收/未收) reads best as one coloured dataset.
  const oneEach = figure.kind === 'bar' && series.length === labels.length && series.length > 1;
  const datasets = oneEach
    ? [
        {
          label: figure.title,
          data: labels.map((x, index) => valueOf(x, series[index] ?? '')),
          backgroundColor: labels.map((_, index) => SERIES_COLORS[index % SERIES_COLORS.length] ?? '#1f5fbf'),
          maxBarThickness: 48,
        },
      ]
    : series.map((name, index) => {
        const color = SERIES_COLORS[index % SERIES_COLORS.length] ?? '#1f5fbf';
        return {
          label: name,
          data: labels.map((x) => valueOf(x, name)),
          backgroundColor: color,
          borderColor: color,
          borderWidth: figure.kind === 'line' ? 2 : 0,
          pointRadius: figure.kind === 'line' ? 2 : 0,
          maxBarThickness: 32,
        };
      });
  return {
    type: figure.kind,
    data: { labels, datasets },
    options: {
      // Drawn once at the size measured; no animation or events: the mini-program's canvas has no DOM.
      animation: false,
      responsive: false,
      events: [],
      devicePixelRatio: pixelRatio,
      plugins: {
        legend: {
          display: !oneEach && series.length > 1,
          position: 'bottom',
          labels: { boxWidth: 10, boxHeight: 10, font: { size: 11 }, color: '#566074' },
        },
      },
      scales: {
        x: { grid: { display: false }, ticks: { font: { size: 11 }, color: '#566074', autoSkip: true } },
        y: {
          beginAtZero: true,
          grid: { color: '#edf0f5' },
          border: { display: false },
          ticks: { font: { size: 11 }, color: '#8a94a6', precision: 0 },
        },
      },
    },
  };
}

/** What the chart draws on: a canvas (or the mini-program's canvas node) with its size in CSS px. */
interface Surface {
  canvas: ChartItem & { width: number; height: number };
  width: number;
  height: number;
}

/** The mini-program's 2D canvas node of `id`, sized; null where the runtime gives none. */
function weappSurface(id: string): Promise<Surface | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((answers: ({ node?: Surface['canvas']; width?: number; height?: number } | null)[]) => {
        const answer = answers[0];
        if (!answer?.node || !answer.width || !answer.height) resolve(null);
        else resolve({ canvas: answer.node, width: answer.width, height: answer.height });
      });
  });
}

function pixelRatio(): number {
  return Math.min(Taro.getWindowInfo().pixelRatio || 1, 3);
}

/** Draws `figure` on `surface`; returns the chart to destroy when the figure or the page goes. */
function draw(surface: Surface, figure: Figure): Chart<'bar' | 'line'> {
  // Chart.js sizes from the canvas's own width and height, then scales them by the pixel ratio.
  surface.canvas.width = Math.round(surface.width);
  surface.canvas.height = Math.round(surface.height);
  return new Chart(surface.canvas, { ...chartConfig(figure, pixelRatio()), platform: BasicPlatform });
}

/**
 * A figure drawn by Chart.js: on H5 on a <canvas> of its own (Taro's H5 Canvas resets its bitmap
 * whenever it renders again), in the mini-program on a `type="2d"` canvas node found by id.
 */
export function FigureChart({ figure, height }: { figure: Figure; height: number }) {
  const id = `dash-chart-${figure.key}`;
  const hostRef = useRef<HTMLCanvasElement | null>(null);

  useEffect(() => {
    let chart: Chart<'bar' | 'line'> | null = null;
    let gone = false;
    const surface: Promise<Surface | null> =
      process.env.TARO_ENV === 'h5'
        ? Promise.resolve(
            hostRef.current ? { canvas: hostRef.current, width: hostRef.current.clientWidth, height } : null,
          )
        : weappSurface(id);
    void surface.then((found) => {
      if (!gone && found) chart = draw(found, figure);
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [figure, height, id]);

  return (
    <View
      className="dash-chart"
      style={{ height: `${height}px` }}
      role="img"
      aria-label={`${figure.title}（表格中有相同的数字）`}
    >
      {process.env.TARO_ENV === 'h5' ? (
        <canvas
          ref={hostRef}
          className="dash-chart__canvas"
          style={{ width: '100%', height: `${height}px` }}
        />
      ) : (
        <Canvas
          type="2d"
          id={id}
          className="dash-chart__canvas"
          style={{ width: '100%', height: `${height}px` }}
        />
      )}
    </View>
  );
}
