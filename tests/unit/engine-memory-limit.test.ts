import { describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../src/node/boot-node';
import { SqlError } from '../../src/engine/errors';
import { BROWSER_MEMORY_LIMIT, memoryLimitSql } from '../../src/engine/memory-limit';

const limitOf = async (engine: Awaited<ReturnType<typeof bootNodeEngine>>['engine']) =>
  (await engine.query<{ m: string }>("select current_setting('memory_limit') as m"))[0].m;

describe("DuckDB's memory limit", () => {
  it('is set at boot, as the browser engine sets it, and the console cannot raise it', async () => {
    const { engine } = await bootNodeEngine({}, { memoryLimit: BROWSER_MEMORY_LIMIT });
    const defaults = (await bootNodeEngine()).engine;
    // DuckDB states the limit in its own words: '2GiB' reads back as '2.0 GiB'.
    const stated = `${Number.parseFloat(BROWSER_MEMORY_LIMIT).toFixed(1)} GiB`;
    expect(await limitOf(engine)).toBe(stated);
    expect(await limitOf(defaults)).not.toBe(stated);
    await expect(engine.exec("set memory_limit = '3GiB'")).rejects.toThrow(/configuration has been locked/i);
    expect(await limitOf(engine)).toBe(stated);
  });

  it('makes a statement that needs more fail with an error, and the engine keeps working', async () => {
    const { engine } = await bootNodeEngine({}, { memoryLimit: '64MiB' });
    const tooBig = engine.exec(
      "create table big as select i, repeat('x', 40) || i as s from range(10000000) t(i)",
    );
    await expect(tooBig).rejects.toBeInstanceOf(SqlError);
    await expect(tooBig).rejects.toThrow(/Out of Memory/);
    expect(await engine.query('select count(*)::integer as n from range(1000)')).toEqual([{ n: 1000 }]);
  });

  it('refuses a limit that is not a size, rather than splice it into SQL', () => {
    expect(memoryLimitSql('512MiB')).toBe("SET memory_limit = '512MiB'");
    expect(() => memoryLimitSql("1GB'; select 1; --")).toThrow(/Not a DuckDB memory limit/);
  });
});
