import { describe, expect, it } from 'vitest';
import { defaultLocale, isNumberLocale, numberFormats } from '../../../src/ui/shell/number-format';

/** Intl separates the currency sign with a no-break space; compare as a user reads it. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('number and money formats', () => {
  it('writes money as Brazilians do in pt-BR, and with US separators in en-US', () => {
    expect(plain(numberFormats('pt-BR').money(1234.56))).toBe('R$ 1.234,56');
    expect(plain(numberFormats('en-US').money(1234.56))).toBe('R$1,234.56');
    expect(plain(numberFormats('pt-BR').money(16008872.12))).toBe('R$ 16.008.872,12');
  });

  it('writes counts, decimals and percentages with the locale’s separators', () => {
    const br = numberFormats('pt-BR');
    const us = numberFormats('en-US');
    expect(br.count(99441)).toBe('99.441');
    expect(us.count(99441)).toBe('99,441');
    expect(br.decimal(4.0867, 2)).toBe('4,09');
    expect(us.decimal(4.0867, 2)).toBe('4.09');
    expect(br.percent(0.125)).toBe('12,5%');
    expect(us.percent(0.125)).toBe('12.5%');
  });

  it('writes short axis labels', () => {
    expect(plain(numberFormats('pt-BR').moneyShort(1_234_567))).toBe('R$ 1,2 mi');
    expect(numberFormats('en-US').compact(12_345)).toBe('12.3K');
  });

  it('reads numbers sent as text or bigint, and shows a missing value as a dash, never 0', () => {
    const us = numberFormats('en-US');
    expect(us.count('1234')).toBe('1,234');
    expect(us.count(1234n)).toBe('1,234');
    expect(us.money(null)).toBe('—');
    expect(us.count(undefined)).toBe('—');
    expect(us.decimal('not a number')).toBe('—');
  });

  it('starts in pt-BR for a Portuguese browser, en-US otherwise, and accepts only offered locales', () => {
    expect(defaultLocale(['pt-BR', 'en'])).toBe('pt-BR');
    expect(defaultLocale(['pt'])).toBe('pt-BR');
    expect(defaultLocale(['de-DE'])).toBe('en-US');
    expect(defaultLocale([])).toBe('en-US');
    expect(isNumberLocale('pt-BR')).toBe(true);
    expect(isNumberLocale('fr-FR')).toBe(false);
    expect(isNumberLocale(null)).toBe(false);
  });
});
