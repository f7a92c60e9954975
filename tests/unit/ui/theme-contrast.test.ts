import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The variables of one block of src/ui/theme.css (`:root { … }` or the dark media query's). */
function variables(block: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of block.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)) found.set(match[1], match[2]);
  return found;
}

const css = readFileSync(new URL('../../../src/ui/theme.css', import.meta.url), 'utf8');
const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');
const light = variables(css.slice(0, darkAt));
const dark = variables(css.slice(darkAt, css.indexOf('\n}\n', darkAt)));

/** WCAG 2.1 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Text colour, the backgrounds it is written on, and the ratio it needs. */
const TEXT_PAIRS: Array<[string, string[], number]> = [
  ['--text', ['--bg', '--panel', '--panel-strong', '--node-success', '--node-failed', '--node-running'], 4.5],
  ['--muted', ['--bg', '--panel', '--panel-strong'], 4.5],
  ['--accent', ['--bg', '--panel', '--panel-strong'], 4.5],
  ['--on-accent', ['--accent'], 4.5],
  ['--bad', ['--bg', '--panel', '--panel-strong', '--bad-bg'], 4.5],
  ['--ok', ['--bg', '--panel', '--panel-strong'], 4.5],
  ['--warn', ['--bg', '--panel'], 4.5],
  ['--code-keyword', ['--panel', '--panel-strong'], 4.5],
  ['--code-string', ['--panel', '--panel-strong'], 4.5],
  ['--code-number', ['--panel', '--panel-strong'], 4.5],
  ['--code-comment', ['--panel', '--panel-strong'], 4.5],
  // Chart marks are graphics: 3:1 against the card they are drawn on (WCAG 1.4.11).
  ['--chart-1', ['--panel'], 3],
  ['--chart-2', ['--panel'], 3],
  ['--chart-3', ['--panel'], 3],
  ['--chart-4', ['--panel'], 3],
  ['--chart-5', ['--panel'], 3],
  ['--chart-6', ['--panel'], 3],
  ['--chart-high', ['--panel'], 3],
  ['--line-strong', ['--panel'], 3],
];

describe('theme colours', () => {
  it('defines every light colour again for dark mode', () => {
    expect([...dark.keys()].sort()).toEqual([...light.keys()].sort());
    expect(light.size).toBeGreaterThan(20);
  });

  for (const [name, theme] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`keeps WCAG AA contrast in the ${name} theme`, () => {
      const failing: string[] = [];
      for (const [fore, backs, needed] of TEXT_PAIRS) {
        for (const back of backs) {
          const ratio = contrast(theme.get(fore)!, theme.get(back)!);
          if (!(ratio >= needed)) failing.push(`${fore} on ${back}: ${ratio.toFixed(2)} < ${needed}`);
        }
      }
      expect(failing).toEqual([]);
    });
  }
});
