import { describe, expect, it } from 'vitest';
import { DUCKDB_MODULE_MESSAGE, receiveDuckDbModule } from '../../src/engine/duckdb-module';

describe("the engine worker's first listener", () => {
  it("takes the page's DuckDB module message, and nothing listening after it sees that message", async () => {
    const scope = new EventTarget();
    const received = receiveDuckDbModule(scope);
    const seenByOthers: unknown[] = [];
    scope.addEventListener('message', (event) => seenByOthers.push((event as MessageEvent).data));

    scope.dispatchEvent(new MessageEvent('message', { data: { id: 'a comlink call', type: 'GET' } }));
    const message = { kind: DUCKDB_MODULE_MESSAGE, module: null, url: 'http://x/assets/duckdb-eh.wasm' };
    scope.dispatchEvent(new MessageEvent('message', { data: message }));
    scope.dispatchEvent(new MessageEvent('message', { data: { id: 'a later call', type: 'APPLY' } }));

    expect(await received).toEqual(message);
    expect(seenByOthers).toEqual([
      { id: 'a comlink call', type: 'GET' },
      { id: 'a later call', type: 'APPLY' },
    ]);
  });

  it('takes only the first such message', async () => {
    const scope = new EventTarget();
    const received = receiveDuckDbModule(scope);
    const seenByOthers: unknown[] = [];
    scope.addEventListener('message', (event) => seenByOthers.push((event as MessageEvent).data));
    const first = { kind: DUCKDB_MODULE_MESSAGE, module: null, url: 'first' };
    const second = { kind: DUCKDB_MODULE_MESSAGE, module: null, url: 'second' };
    scope.dispatchEvent(new MessageEvent('message', { data: first }));
    scope.dispatchEvent(new MessageEvent('message', { data: second }));
    expect(await received).toEqual(first);
    expect(seenByOthers).toEqual([second]);
  });

  it('gives up waiting after a while: no module, and a late message then goes to the others', async () => {
    const scope = new EventTarget();
    const received = receiveDuckDbModule(scope, 20);
    const seenByOthers: unknown[] = [];
    scope.addEventListener('message', (event) => seenByOthers.push((event as MessageEvent).data));
    expect(await received).toEqual({ kind: DUCKDB_MODULE_MESSAGE, module: null, url: '' });
    const late = { kind: DUCKDB_MODULE_MESSAGE, module: null, url: 'late' };
    scope.dispatchEvent(new MessageEvent('message', { data: late }));
    expect(seenByOthers).toEqual([late]);
  });
});
