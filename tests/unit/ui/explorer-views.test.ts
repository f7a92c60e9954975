import { describe, expect, it } from 'vitest';
import type { FileHistory, FileRecord, TimelineEntry } from '../../../src/lake/explore/explore-types';
import { summarizeAction, summarizeActions } from '../../../src/ui/explorer/action-summary';
import { layoutBoxes, pointOnAxis, shortName, stateAt } from '../../../src/ui/explorer/box-layout';
import { compact, versionFacts, zorderColumn } from '../../../src/ui/explorer/timeline-facts';
import { axisKindOf, axisValue, textAlphabet, textKey } from '../../../src/ui/explorer/value-axis';

function file(
  path: string,
  size: number,
  live: FileRecord['live'],
  min: number,
  max: number,
  present = true,
): FileRecord {
  return {
    path,
    size,
    numRecords: size / 10,
    partitionValues: {},
    minValues: { id: min, name: `n${min}` },
    maxValues: { id: max, name: `n${max}` },
    nullCount: { id: 0 },
    live,
    present,
  };
}

/** Three small files (v0..v2), OPTIMIZE at v3 into one, the first small one vacuumed. */
function history(): FileHistory {
  return {
    table: 'silver.t',
    latestVersion: 3,
    columns: [
      { name: 'id', type: 'long' },
      { name: 'name', type: 'string' },
      { name: 'tags', type: 'array' },
    ],
    partitionColumns: [],
    files: [
      file('part-00000-aaaaaaaa-1.parquet', 100, [{ from: 0, to: 3 }], 0, 50, false),
      file('part-00000-bbbbbbbb-2.parquet', 100, [{ from: 1, to: 3 }], 25, 75),
      file('part-00000-cccccccc-3.parquet', 100, [{ from: 2, to: 3 }], 50, 100),
      file('part-00000-dddddddd-4.parquet', 400, [{ from: 3, to: null }], 0, 100),
    ],
  };
}

describe('the explorer draws files as boxes', () => {
  it('at the latest version: the compacted file live, replaced files grey, a vacuumed one gone', () => {
    const layout = layoutBoxes(history(), 3, 'id');
    expect(layout.boxes.map((b) => [b.shortName, b.state])).toEqual([
      ['bbbbbbbb', 'removed'],
      ['cccccccc', 'removed'],
      ['dddddddd', 'live'],
    ]);
    expect(layout.counts).toEqual({ live: 1, removed: 2, missing: 0 });
    expect(layout.axis).toEqual({ min: '0', max: '100' });
    expect(layout.boxes[2]).toMatchObject({
      relativeSize: 1,
      range: { start: 0, end: 1 },
      rangeText: '0 – 100',
    });
    expect(layout.boxes[0]).toMatchObject({ relativeSize: 0.25, range: { start: 0.25, end: 0.75 } });
  });

  it('at an old version: live files drawn, a vacuumed one it needs marked missing, later files not yet there', () => {
    const layout = layoutBoxes(history(), 1, 'id');
    expect(layout.boxes.map((b) => [b.shortName, b.state])).toEqual([
      ['aaaaaaaa', 'missing'],
      ['bbbbbbbb', 'live'],
    ]);
  });

  it('marks the files a filter reads and skips; files outside the plan carry no mark', () => {
    const plan = {
      version: 3,
      predicate: 'id = 1',
      read: ['part-00000-dddddddd-4.parquet'],
      skipped: [],
    };
    const layout = layoutBoxes(history(), 3, 'id', plan);
    expect(layout.boxes.map((b) => b.read)).toEqual([null, null, true]);
    const skipping = layoutBoxes(history(), 3, 'id', { ...plan, read: [], skipped: plan.read });
    expect(skipping.boxes[2].read).toBe(false);
  });

  it('places text ranges by their first characters, and draws no range without stats', () => {
    const layout = layoutBoxes(history(), 3, 'name');
    expect(layout.axis).toEqual({ min: 'n0', max: 'n75' });
    const tags = layoutBoxes(history(), 3, 'tags');
    expect(tags.axis).toBeNull();
    expect(tags.boxes.every((b) => b.range === null && b.rangeText === 'no stats')).toBe(true);
  });

  it('spaces text in its own characters, so hex ids Z-ordered into quarters get a quarter each', () => {
    const quarters = [
      ['0123', '3fed'],
      ['4567', '7cba'],
      ['89ab', 'bf98'],
      ['cdef', 'ff76'],
    ].map(([low, high], i) => ({
      ...file(`part-00000-0000000${i}-x.parquet`, 100, [{ from: 0, to: null }], 0, 0),
      minValues: { name: low },
      maxValues: { name: high },
    }));
    const layout = layoutBoxes({ ...history(), files: quarters }, 0, 'name');
    const ranges = layout.boxes.map((b) => b.range!);
    for (const [i, range] of ranges.entries()) {
      expect(range.end - range.start, `quarter ${i}`).toBeGreaterThan(0.15);
      expect(range.end - range.start, `quarter ${i}`).toBeLessThan(0.3);
      if (i > 0) expect(range.start).toBeGreaterThan(ranges[i - 1].end);
    }
    expect(ranges[0].start).toBe(0);
    expect(ranges[3].end).toBe(1);
    expect(layout.axis).toEqual({ min: '0123', max: 'ff76' });
    const long = layoutBoxes(
      { ...history(), files: [{ ...quarters[0], minValues: { name: '0009e310796427aa83d064e0035e9845' } }] },
      0,
      'name',
    );
    expect(long.axis?.min).toBe('0009e3107964…');
  });

  it("places a looked-up value on the boxes' axis: only the bars that reach it can hold it", () => {
    const quarters = [
      ['0123', '3fed'],
      ['4567', '7cba'],
      ['89ab', 'bf98'],
      ['cdef', 'ff76'],
    ].map(([low, high], i) => ({
      ...file(`part-00000-0000000${i}-x.parquet`, 100, [{ from: 0, to: null }], 0, 0),
      minValues: { name: low },
      maxValues: { name: high },
    }));
    const table = { ...history(), files: quarters };
    const ranges = layoutBoxes(table, 0, 'name').boxes.map((b) => b.range!);
    const at = pointOnAxis(table, 'name', '9a00')!;
    expect(ranges.map((r) => r.start <= at && at <= r.end)).toEqual([false, false, true, false]);
    // Numbers on their own scale: 60 of 0–100.
    expect(pointOnAxis(history(), 'id', 60)).toBeCloseTo(0.6);
    // Outside every file's range, or not placeable: no line.
    expect(pointOnAxis(history(), 'id', 101)).toBeNull();
    expect(pointOnAxis(history(), 'tags', '[1]')).toBeNull();
  });

  it('draws at most maxBoxes and says how many more there are', () => {
    const layout = layoutBoxes(history(), 3, null, null, 2);
    expect(layout.boxes).toHaveLength(2);
    expect(layout.hidden).toBe(1);
    expect(layout.boxes[0].range).toBeNull();
  });

  it('a file restored after being removed is live again in its second span', () => {
    const restored = file(
      'part-00001-eeeeeeee-5.parquet',
      10,
      [
        { from: 0, to: 2 },
        { from: 4, to: null },
      ],
      0,
      1,
    );
    expect([0, 1, 2, 3, 4, 9].map((v) => stateAt(restored, v))).toEqual([
      'live',
      'live',
      'removed',
      'removed',
      'live',
      'live',
    ]);
    expect(stateAt({ ...restored, live: [{ from: 5, to: null }] }, 4)).toBeNull();
  });

  it('names a file by the start of its id', () => {
    expect(
      shortName('event_date=2018-01-02/part-00003-1b2c3d4e-aaaa-bbbb-cccc-ddddeeeeffff-c000.zstd.parquet'),
    ).toBe('1b2c3d4e');
    expect(shortName('0-8-0-part-00000.snappy.parquet')).toBe('0-8-0-part-00000…');
    expect(shortName('data.parquet')).toBe('data.parquet');
  });
});

describe('the value axis', () => {
  it('knows which Delta types it can place', () => {
    expect(
      ['long', 'decimal(18,2)', 'double', 'date', 'timestamp', 'string', 'boolean', 'struct'].map(axisKindOf),
    ).toEqual(['number', 'number', 'number', 'time', 'time', 'text', 'none', 'none']);
  });

  it('orders text, dates and timestamps as they compare', () => {
    const hex = textAlphabet(['012345', '6789ab', 'cdef']);
    expect(textKey('abc', hex)).toBeLessThan(textKey('abd', hex));
    expect(textKey('ab', hex)).toBeLessThan(textKey('abc', hex));
    // '9' and 'a' are neighbours in the alphabet, as far apart as '0' and '1'.
    expect(textKey('a', hex) - textKey('9', hex)).toBeCloseTo(textKey('1', hex) - textKey('0', hex));
    expect(axisValue('time', '2018-01-02')).toBe(Date.parse('2018-01-02T00:00:00Z'));
    expect(axisValue('time', '2018-01-02T03:04:05.000Z')).toBe(Date.parse('2018-01-02T03:04:05Z'));
    expect(axisValue('time', 'soon')).toBeNull();
    expect(axisValue('number', '12.50')).toBe(12.5);
    expect(axisValue('number', null)).toBeNull();
  });
});

describe('actions in words', () => {
  it('an add: its partition, size, rows and min–max per column', () => {
    const summary = summarizeAction({
      add: {
        path: 'event_date=2018-01-02/part-00000-x.parquet',
        partitionValues: { event_date: '2018-01-02' },
        size: 2048,
        dataChange: false,
        stats:
          '{"numRecords":1200,"minValues":{"id":1,"who":"ana"},"maxValues":{"id":9,"who":"zé"},"nullCount":{"id":0}}',
      },
    });
    expect(summary).toEqual({
      kind: 'add',
      title: 'add event_date=2018-01-02/part-00000-x.parquet',
      facts: [
        { label: 'partition', value: 'event_date=2018-01-02' },
        { label: 'size', value: '2 kB' },
        { label: 'rows', value: '1,200' },
        { label: 'min – max', value: 'id 1 – 9; who ana – zé' },
        { label: 'data change', value: 'no: the same rows in a new file' },
      ],
    });
  });

  it('commitInfo, metaData, protocol, remove and txn', () => {
    const [info, protocol, meta, remove, txn, other] = summarizeActions([
      {
        commitInfo: {
          timestamp: Date.parse('2026-11-25T10:00:00Z'),
          operation: 'MERGE',
          operationParameters: { predicate: 'event_id' },
          operationMetrics: { numTargetRowsInserted: '5' },
          readVersion: 3,
          isBlindAppend: false,
        },
      },
      { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
      {
        metaData: {
          id: 'abc',
          schemaString:
            '{"type":"struct","fields":[{"name":"id","type":"long"},{"name":"s","type":{"type":"struct","fields":[]}}]}',
          partitionColumns: ['day'],
          configuration: {},
        },
      },
      {
        remove: {
          path: 'a%20b.parquet',
          deletionTimestamp: Date.parse('2026-11-25T10:00:00Z'),
          size: 10,
          dataChange: true,
        },
      },
      { txn: { appId: 'pocket-lakehouse:landing/events', version: 4 } },
      { cdc: { path: 'x' } },
    ]);
    expect(info.title).toBe('commitInfo: MERGE');
    expect(info.facts).toEqual([
      { label: 'time', value: '2026-11-25 10:00:00.000' },
      { label: 'parameters', value: 'predicate event_id' },
      { label: 'metrics', value: 'numTargetRowsInserted 5' },
      { label: 'read version', value: '3' },
      { label: 'blind append', value: 'no' },
    ]);
    expect(protocol.title).toBe('protocol: reader 1, writer 2');
    expect(meta.facts.slice(0, 2)).toEqual([
      { label: 'schema', value: 'id long, s struct' },
      { label: 'partitioned by', value: 'day' },
    ]);
    expect(remove.title).toBe('remove a b.parquet');
    expect(remove.facts[1]).toEqual({ label: 'removed at', value: '2026-11-25 10:00:00.000' });
    expect(txn.title).toBe('txn: pocket-lakehouse:landing/events at version 4');
    expect(other).toMatchObject({ kind: 'other', title: 'cdc' });
  });

  it('an add without readable stats says only what it knows', () => {
    const summary = summarizeAction({
      add: { path: 'p.parquet', size: 5, partitionValues: {}, stats: '{bad' },
    });
    expect(summary.facts).toEqual([{ label: 'size', value: '5 B' }]);
  });
});

describe('the timeline in short words', () => {
  const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({
    version: 1,
    timestamp: '',
    operation: 'WRITE',
    operationParameters: {},
    operationMetrics: {},
    filesAdded: 1,
    filesRemoved: 0,
    bytesAdded: 0,
    rowsAdded: 400,
    rowsRemoved: 0,
    dataChange: true,
    changesMetadata: false,
    ...over,
  });

  it('files and rows added and removed, and what kind of change it was', () => {
    expect(versionFacts(entry({}))).toEqual({ files: '+1 −0 file', rows: '+400 −0 rows', note: '' });
    expect(
      versionFacts(
        entry({ filesAdded: 2, filesRemoved: 12, rowsAdded: 24_000, rowsRemoved: 24_000, dataChange: false }),
      ),
    ).toEqual({ files: '+2 −12 files', rows: '+24.0k −24.0k rows', note: 'same rows, new files' });
    expect(versionFacts(entry({ rowsRemoved: null })).rows).toBe('rows ?');
    expect(versionFacts(entry({ filesAdded: 0, rowsAdded: 0, changesMetadata: true })).note).toBe('schema');
    expect(compact(2_500_000)).toBe('2.5M');
  });

  it('picks the column the latest OPTIMIZE Z-ordered by, when the boxes can draw it', () => {
    const optimize = (zOrderBy: string, version: number) =>
      entry({ version, operation: 'OPTIMIZE', operationParameters: { zOrderBy } });
    expect(zorderColumn([optimize('["a"]', 1), optimize('["b","a"]', 2)], ['a', 'b'])).toBe('b');
    expect(zorderColumn([optimize('["a"]', 1), optimize('[]', 2)], ['a'])).toBe('a');
    expect(zorderColumn([optimize('["tags"]', 1)], ['a'])).toBeNull();
    expect(zorderColumn([optimize('not json', 1), entry({})], ['a'])).toBeNull();
  });
});
