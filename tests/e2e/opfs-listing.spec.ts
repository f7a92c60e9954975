import { expect, test } from './fixtures';

// The race a fresh-clone CI run once hit (Run demo failed with NotFoundError): the engine lists a
// folder while files in it are created and removed (a landing's temporary file renamed to its
// name, another tab's delete). Here the page keeps creating and removing temporary files in the
// landing folder while the engine ingests the landing zone, which lists it, again and again.
test('files removed while the engine lists their folder are left out of the listing, not an error', async ({
  page,
  openApp,
}) => {
  await openApp();
  const outcome = await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const lakehouse = await root.getDirectoryHandle('lakehouse', { create: true });
    const landing = await lakehouse.getDirectoryHandle('landing', { create: true });
    const olist = await landing.getDirectoryHandle('olist', { create: true });
    const present = 100;
    let churning = true;
    let removed = 0;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        await olist.getFileHandle(`olist_orders_dataset.csv.tmp-write-${i}`, { create: true });
        if (i >= present) {
          await olist.removeEntry(`olist_orders_dataset.csv.tmp-write-${i - present}`);
          removed++;
        }
      }
    })();
    const errors: string[] = [];
    let ingested = 0;
    for (let k = 0; k < 30; k++) {
      try {
        ingested += (await window.lakehouse.engine.sources.ingestLanding()).length;
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    churning = false;
    await churn;
    return { errors, ingested, removed };
  });
  // The listing raced the removals: files were removed while the engine listed, 30 times.
  expect(outcome.removed).toBeGreaterThan(1_000);
  expect(outcome.errors).toEqual([]);
  expect(outcome.ingested).toBe(0);
});
