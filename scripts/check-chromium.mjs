// Says plainly what is missing before the browser tests start, instead of a Playwright stack trace.
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium.mjs';

if (!existsSync(CHROMIUM_PATH)) {
  console.error(
    `The end-to-end tests need Chromium at ${CHROMIUM_PATH}, and it is not there.\n` +
      "Install Debian's Chromium:  sudo apt-get update && sudo apt-get install -y chromium\n" +
      '(or set CHROMIUM_PATH to another Chromium binary). Playwright cannot download a browser here.',
  );
  process.exit(1);
}
const dist = process.env.E2E_DIST ?? 'dist';
if (!existsSync(`${dist}/index.html`)) {
  console.error(
    `The end-to-end tests run the production build, and ${dist}/ is empty: run \`npm run build\` first.`,
  );
  process.exit(1);
}
