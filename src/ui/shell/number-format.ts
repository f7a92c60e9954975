/** The number and money formats a user can choose. */
export const NUMBER_LOCALES = [
  { id: 'en-US', label: '1,234.56 (en-US)' },
  { id: 'pt-BR', label: '1.234,56 (pt-BR)' },
] as const;

export type NumberLocale = (typeof NUMBER_LOCALES)[number]['id'];

/** Formatters for one locale; money is always Brazilian reais (the data's currency). */
export interface NumberFormats {
  locale: NumberLocale;
  /** `R$ 1.234,56` (pt-BR), `R$1,234.56` (en-US). */
  money(value: unknown): string;
  /** Money in a short form for chart axes: `R$ 1,2 mi`, `R$1.2M`. */
  moneyShort(value: unknown): string;
  /** A whole count: `1.234` / `1,234`. */
  count(value: unknown): string;
  /** A number with up to `digits` decimals. */
  decimal(value: unknown, digits?: number): string;
  /** A fraction as a percentage: 0.125 → `12,5%` / `12.5%`. */
  percent(value: unknown): string;
  /** A count in a short form for chart axes: `12 mil` / `12K`. */
  compact(value: unknown): string;
}

const made = new Map<NumberLocale, NumberFormats>();

/** The formatters of a locale (built once: an Intl.NumberFormat is slow to create, fast to use). */
export function numberFormats(locale: NumberLocale): NumberFormats {
  const known = made.get(locale);
  if (known) return known;
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'BRL' });
  const moneyShort = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'BRL',
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const decimal = (digits: number) => {
    let format = decimals.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      decimals.set(digits, format);
    }
    return format;
  };
  const formats: NumberFormats = {
    locale,
    money: (v) => show(v, (n) => money.format(n)),
    moneyShort: (v) => show(v, (n) => moneyShort.format(n)),
    count: (v) => show(v, (n) => count.format(n)),
    decimal: (v, digits = 2) => show(v, (n) => decimal(digits).format(n)),
    percent: (v) => show(v, (n) => percent.format(n)),
    compact: (v) => show(v, (n) => compact.format(n)),
  };
  made.set(locale, formats);
  return formats;
}

/** The locale to start with: Portuguese browsers get pt-BR, everyone else en-US. */
export function defaultLocale(languages: readonly string[]): NumberLocale {
  return languages[0]?.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en-US';
}

/** Whether a stored value names a locale we offer. */
export function isNumberLocale(value: unknown): value is NumberLocale {
  return NUMBER_LOCALES.some((l) => l.id === value);
}

/** Missing values read as an em dash, not as 0 or NaN. */
function show(value: unknown, format: (n: number) => string): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'bigint' ? Number(value) : Number(value);
  return Number.isFinite(n) ? format(n) : '—';
}
