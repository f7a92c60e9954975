import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/sources/csv/text-encoding';
import { freshSources, job, sampleFile } from './helpers/fixture';

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const HEADER = 'seller_id,seller_zip_code_prefix,seller_city,seller_state\n';
const sellers = (cities: string[]) =>
  cities.map((city, i) => `s${i},${String(10000 + i)},${city},SP\n`).join('');

async function ingestSellers(bytes: Uint8Array) {
  const { sources, lake, engine } = await freshSources();
  const [report] = await sources.ingestFiles([sampleFile('olist_sellers_dataset.csv', bytes)], job());
  if (report.status === 'ingested') await lake.ensureLoaded('bronze.olist_sellers');
  const cities = async () =>
    (
      await engine.query<{ c: string }>(
        'select seller_city as c from bronze.olist_sellers order by seller_id',
      )
    ).map((r) => r.c);
  return { report, cities };
}

describe('text encodings, decided per file on evidence', () => {
  it('keeps valid UTF-8 as UTF-8 when one byte is not: São Paulo stays São Paulo, the byte becomes �, the report says where', async () => {
    // Line 4 holds one Windows-1252 "ç" (0xE7) among UTF-8 text.
    const bytes = concat(
      utf8(HEADER + sellers(['São Paulo', 'Ribeirão Preto'])),
      utf8('s2,10002,Mogi Gua'),
      new Uint8Array([0xe7]),
      utf8('u,SP\n' + sellers(['Florianópolis', 'Maceió']).replaceAll('s0', 's3').replaceAll('s1', 's4')),
    );
    const { report, cities } = await ingestSellers(bytes);
    expect(report).toMatchObject({ status: 'ingested', rows: 5 });
    expect(report.message).toBe(
      'Read as UTF-8: 1 byte that is not UTF-8 (first in line 4) was replaced by the character �; the rest is as written.',
    );
    expect(await cities()).toEqual(['São Paulo', 'Ribeirão Preto', 'Mogi Gua�u', 'Florianópolis', 'Maceió']);
  });

  it('reads a file with no UTF-8 in it as Windows-1252, as before', () => {
    const latin1 = Uint8Array.from(HEADER + sellers(['são paulo', 'mogi guaçu']), (ch) => ch.charCodeAt(0));
    const decoded = decodeText(latin1);
    expect(decoded).toMatchObject({ kind: 'text', encoding: 'Latin-1 (Windows-1252)' });
    expect(new TextDecoder().decode((decoded as { bytes: Uint8Array }).bytes)).toContain('mogi guaçu');
  });

  it('drops a trailing Ctrl-Z (an old end-of-file mark) instead of refusing the file as binary', async () => {
    const { report, cities } = await ingestSellers(
      concat(utf8(HEADER + sellers(['Campinas', 'Santos'])), new Uint8Array([0x1a])),
    );
    expect(report).toMatchObject({ status: 'ingested', rows: 2 });
    expect(report.message).toBe('The Ctrl-Z at the end of the file (an old end-of-file mark) was dropped.');
    expect(await cities()).toEqual(['Campinas', 'Santos']);
  });

  it('keeps a stray control character in a value, and says so; refuses bytes that are mostly not text', async () => {
    const { report, cities } = await ingestSellers(utf8(HEADER + sellers(['Cam\u0007pinas', 'Santos'])));
    expect(report).toMatchObject({ status: 'ingested', rows: 2 });
    expect(report.message).toBe('1 control character (first in line 2) is kept as written.');
    expect(await cities()).toEqual(['Cam\u0007pinas', 'Santos']);
    const noisy = Uint8Array.from({ length: 4000 }, (_, i) => (i % 7 === 0 ? 0x03 : 0x41 + (i % 26)));
    expect(decodeText(noisy)).toMatchObject({ kind: 'binary', offset: 0, byte: 0x03 });
  });
});
