/** The colours a chart draws with, read from the stylesheet's variables (src/ui/theme.css). */
export interface ChartColors {
  text: string;
  muted: string;
  line: string;
  background: string;
  series: [string, string, string, string, string, string];
  low: string;
  high: string;
}

const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

/** Light or dark, following the system setting live (charts redraw when it changes). */
class Theme {
  dark = $state(query?.matches ?? false);

  constructor() {
    query?.addEventListener('change', (event) => {
      this.dark = event.matches;
    });
  }

  /** The current colours, as concrete values (an exported SVG or PNG must not depend on CSS variables). */
  chartColors(): ChartColors {
    const style = getComputedStyle(document.documentElement);
    const read = (name: string) => style.getPropertyValue(name).trim();
    return {
      text: read('--text'),
      muted: read('--muted'),
      line: read('--line'),
      background: read('--panel'),
      series: [
        read('--chart-1'),
        read('--chart-2'),
        read('--chart-3'),
        read('--chart-4'),
        read('--chart-5'),
        read('--chart-6'),
      ],
      low: read('--chart-low'),
      high: read('--chart-high'),
    };
  }
}

export const theme = new Theme();
