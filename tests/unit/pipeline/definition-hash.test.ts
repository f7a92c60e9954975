import { describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import { MODELS } from '../../../src/pipeline/registry';
import { md5Hex } from '../../../src/pipeline/runner/md5';

describe('definition hash', () => {
  it("is DuckDB's md5 of the same text: every model's definition, empty, non-ASCII and block-edge lengths", async () => {
    const { engine } = await bootNodeEngine();
    const texts = [
      '',
      'a',
      'São Paulo – ação, 漢字, 😀',
      ...[55, 56, 63, 64, 65, 119, 120].map((n) => 'x'.repeat(n)),
      ...MODELS.map((m) =>
        JSON.stringify([m.sql, m.write, m.partitionBy ?? [], m.watermark ?? null, m.expectations]),
      ),
    ];
    for (const text of texts) {
      const [{ hash }] = await engine.query<{ hash: string }>('select md5(?) as hash', [text]);
      expect(md5Hex(text)).toBe(hash);
    }
  });
});
