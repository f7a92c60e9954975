import type { Download, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const CHARTS = [
  'Daily payments',
  'Top categories by GMV',
  'Late deliveries by state',
  'Reviews fall when orders are late',
  'Cohort retention',
  'Clickstream funnel',
  'RFM segments',
];

async function bytesOf(download: Download): Promise<Buffer> {
  return Buffer.concat(await (await download.createReadStream()).toArray());
}

/** Click a button and take the download it starts; a failed download fails with the message shown. */
async function downloadBy(page: Page, button: Locator): Promise<Download> {
  const failure = page.getByRole('alert').filter({ hasText: 'the download failed' });
  const failed = failure
    .waitFor({ timeout: 120_000 })
    .then(async () => Promise.reject(new Error(await failure.innerText())));
  const [download] = await Promise.all([
    Promise.race([page.waitForEvent('download'), failed]),
    button.click(),
  ]);
  return download;
}

/** RFC 4180 CSV (as the app writes it: CRLF lines, quotes doubled) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted || (c !== '"' && c !== ',' && c !== '\r')) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++; // the \n of CRLF
    }
  }
  return rows;
}

/** The chart's "Data behind this chart" table as the user reads it: header and cells. */
async function dataTableOf(figure: Locator): Promise<{ count: number; header: string[]; cells: string[][] }> {
  const summary = figure.getByText(/^Data behind this chart \(\d+ rows\)$/);
  const count = Number((await summary.textContent())!.match(/\((\d+) rows\)/)![1]);
  await summary.click();
  const table = figure.getByRole('table');
  await expect(table.getByRole('columnheader').first()).toBeVisible();
  const header = await table.getByRole('columnheader').allTextContents();
  const cells = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  await summary.click();
  await expect(table).toBeHidden();
  return { count, header, cells };
}

/** What the downloaded SVG holds, parsed by the browser as a standalone SVG document. */
function svgFacts(page: Page, text: string) {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    const marks = (selector: string) => root.querySelectorAll(selector).length;
    return {
      parsed: doc.getElementsByTagName('parsererror').length === 0,
      root: root.tagName,
      namespace: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      background: root.querySelector(':scope > rect')?.getAttribute('fill') ?? null,
      // Everything Plot drew, leaving out the background rect the download adds.
      rects: marks('svg svg rect'),
      paths: marks('svg svg path'),
      texts: [...root.querySelectorAll('svg svg text')].map((t) => t.textContent ?? ''),
      usesCssVariables: /var\(--(?!plot-background)/.test(source),
    };
  }, text);
}

/** The PNG's size from its IHDR chunk and the colour of its top-left pixel, decoded by the browser. */
function pngFacts(page: Page, bytes: Buffer) {
  return page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const view = new DataView(data.buffer);
    const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const [r, g, b, a] = context.getImageData(1, 1, 1, 1).data;
    return {
      signature: [...data.slice(0, 8)],
      ihdr: new TextDecoder().decode(data.slice(12, 16)),
      width: view.getUint32(16),
      height: view.getUint32(20),
      corner: [r, g, b, a],
    };
  }, bytes.toString('base64'));
}

/** The theme's panel colour as the canvas writes it ([r, g, b, 255]). */
function panelColour(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const context = new OffscreenCanvas(1, 1).getContext('2d')!;
    context.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--panel').trim();
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data];
  });
}

test('each Dashboard chart downloads its rows as CSV and itself as SVG and PNG, from the keyboard too', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.evaluate(() => window.lakehouse.runDemo());
  await page.goto('/#/dashboard');

  for (const title of CHARTS) {
    const figure = page.getByRole('figure', { name: title });
    await expect(figure.getByRole('img', { name: title })).toBeVisible();
    const group = figure.getByRole('group', { name: `Download ${title}` });

    // CSV: the rows the chart shows, as its data table lists them, header first.
    const csvFile = await downloadBy(
      page,
      group.getByRole('button', { name: `Download the data of ${title} as CSV` }),
    );
    const csv = (await bytesOf(csvFile)).toString('utf8');
    const [header, ...rows] = parseCsv(csv);
    const shown = await dataTableOf(figure);
    expect(header, title).toEqual(shown.header);
    expect(rows.length, title).toBe(shown.count);
    expect(rows.length, title).toBeGreaterThan(0);
    expect(rows.slice(0, shown.cells.length).map((r) => r.map((c) => (c === '' ? 'NULL' : c)))).toEqual(
      shown.cells,
    );

    // SVG: a standalone document the browser parses, the chart's size on screen, with its marks.
    // The chart's drawing on screen: one SVG, or a legend's above it (stacked in the file).
    const onScreen = await figure.locator('.plot svg').evaluateAll((svgs) => ({
      width: Math.max(...svgs.map((s) => s.getBoundingClientRect().width)),
      height: svgs.reduce((sum, s) => sum + s.getBoundingClientRect().height, 0),
    }));
    const svgFile = await downloadBy(page, group.getByRole('button', { name: `Download ${title} as SVG` }));
    expect(svgFile.suggestedFilename()).toBe(csvFile.suggestedFilename().replace(/\.csv$/, '.svg'));
    const svg = await svgFacts(page, (await bytesOf(svgFile)).toString('utf8'));
    expect(svg, title).toMatchObject({ parsed: true, root: 'svg', namespace: 'http://www.w3.org/2000/svg' });
    expect(svg.width, title).toBe(Math.ceil(onScreen.width));
    expect(svg.height, title).toBe(Math.ceil(onScreen.height));
    expect(svg.rects + svg.paths, title).toBeGreaterThan(0);
    expect(svg.usesCssVariables, `${title} must not depend on the app's stylesheet`).toBe(false);

    // PNG: the PNG signature, the SVG's size, the theme's background in the corner.
    const pngFile = await downloadBy(page, group.getByRole('button', { name: `Download ${title} as PNG` }));
    expect(pngFile.suggestedFilename()).toBe(csvFile.suggestedFilename().replace(/\.csv$/, '.png'));
    const png = await pngFacts(page, await bytesOf(pngFile));
    expect(png.signature).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.ihdr).toBe('IHDR');
    expect({ width: png.width, height: png.height }, title).toEqual({ width: svg.width, height: svg.height });
    expect(png.corner, title).toEqual(await panelColour(page));
  }

  // The bars of "Top categories by GMV" are its CSV rows, one bar each, labelled by category.
  const top = page.getByRole('figure', { name: 'Top categories by GMV' });
  const topCsv = parseCsv(
    (
      await bytesOf(
        await downloadBy(
          page,
          top.getByRole('button', { name: 'Download the data of Top categories by GMV as CSV' }),
        ),
      )
    ).toString('utf8'),
  ).slice(1);
  const topSvg = await svgFacts(
    page,
    (
      await bytesOf(
        await downloadBy(page, top.getByRole('button', { name: 'Download Top categories by GMV as SVG' })),
      )
    ).toString('utf8'),
  );
  expect(topSvg.rects).toBe(topCsv.length);
  for (const [category] of topCsv) expect(topSvg.texts).toContain(category);
  // …and they are Gold's rows: the same categories and sums as a query of gold.category_monthly.
  const gold = await page.evaluate(() =>
    window.lakehouse.sql(
      'select category, sum(gmv)::double as gmv from gold.category_monthly group by category order by gmv desc, category limit 12',
    ),
  );
  expect(topCsv.map(([category, gmv]) => [category, Number(gmv)])).toEqual(
    gold.map((r) => [r.category, r.gmv]),
  );

  // In the dark theme the PNG is drawn on the dark panel colour.
  const light = await panelColour(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await panelColour(page);
  expect(dark).not.toEqual(light);
  const daily = page.getByRole('figure', { name: 'Daily payments' });
  await expect(daily.getByRole('img', { name: 'Daily payments' })).toBeVisible();
  const darkPng = await pngFacts(
    page,
    await bytesOf(
      await downloadBy(page, daily.getByRole('button', { name: 'Download Daily payments as PNG' })),
    ),
  );
  expect(darkPng.corner).toEqual(dark);

  // Keyboard: Tab reaches the download buttons and Enter downloads.
  const csvButton = daily.getByRole('button', { name: 'Download the data of Daily payments as CSV' });
  await page.getByRole('heading', { name: 'Dashboard' }).click();
  for (let i = 0; i < 40 && !(await csvButton.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(csvButton).toBeFocused();
  const [byKeyboard] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(byKeyboard.suggestedFilename()).toBe('daily-payments.csv');
  await page.keyboard.press('Tab');
  await expect(daily.getByRole('button', { name: 'Download Daily payments as SVG' })).toBeFocused();
});

test('a PNG asked for while its chart is being redrawn waits for the redraw and downloads the new drawing', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.evaluate(() => window.lakehouse.runDemo());
  await page.goto('/#/dashboard');
  const title = 'Daily payments';
  const figure = page.getByRole('figure', { name: title });
  await expect(figure.getByRole('img', { name: title })).toBeVisible();

  // The click lands in the moment between the old drawing being taken down and the new one drawn.
  const clickedDuringRedraw = page.evaluate(
    (name) =>
      new Promise<{ disabled: boolean; chartsInBox: number }>((resolve) => {
        const box = document.querySelector(`figure[aria-label="${name}"] .plot`)!;
        const button = document.querySelector<HTMLButtonElement>(
          `button[aria-label="Download ${name} as PNG"]`,
        )!;
        new MutationObserver((records, observer) => {
          if (!records.some((r) => r.removedNodes.length > 0)) return;
          observer.disconnect();
          const seen = { disabled: button.disabled, chartsInBox: box.children.length };
          button.click();
          resolve(seen);
        }).observe(box, { childList: true });
      }),
    title,
  );
  const download = page.waitForEvent('download');
  await page.setViewportSize({ width: 1000, height: 720 });
  expect(await clickedDuringRedraw).toEqual({ disabled: false, chartsInBox: 0 });
  const png = await pngFacts(page, await bytesOf(await download));
  const redrawnWidth = await figure
    .locator('.plot svg')
    .evaluateAll((svgs) => Math.ceil(Math.max(...svgs.map((s) => s.getBoundingClientRect().width))));
  expect(png.width).toBe(redrawnWidth);
  await expect(figure.getByRole('alert')).toHaveCount(0);
});
