// The JavaScript a first page load runs: the entry chunk of index.html and every chunk it imports
// statically (transitively), each gzipped. Dynamic import() chunks are left out: they load later.
// Usage: node scripts/initial-js.mjs [distDir] [ChunkName...] — named chunks (e.g. the first
// screen's, `SourcesScreen`) are counted too, with their static imports.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html)?.[1];
if (!entry) throw new Error(`no module script in ${dist}/index.html`);

/** Static imports of a chunk: `import … from "./x.js"` and `import "./x.js"`, never `import("./x.js")`. */
function staticImports(file, code) {
  const found = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    found.push(normalize(join(dirname(file), m[1])));
  }
  return found;
}

const seen = new Map();
const extra = process.argv.slice(3).map((name) => {
  const file = readdirSync(join(dist, 'assets')).find((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
  if (!file) throw new Error(`no chunk ${name}-*.js in ${dist}/assets`);
  return join('assets', file);
});
const queue = [normalize(entry), ...extra];
while (queue.length > 0) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  const code = readFileSync(join(dist, file));
  seen.set(file, { raw: code.length, gzip: gzipSync(code).length });
  queue.push(...staticImports(file, code.toString('utf8')));
}
let raw = 0;
let gzip = 0;
for (const [file, size] of [...seen].sort((a, b) => b[1].gzip - a[1].gzip)) {
  raw += size.raw;
  gzip += size.gzip;
  console.log(
    `${(size.gzip / 1000).toFixed(1).padStart(8)} kB gzip  ${(size.raw / 1000).toFixed(1).padStart(8)} kB  ${file}`,
  );
}
console.log(
  `${(gzip / 1000).toFixed(1).padStart(8)} kB gzip  ${(raw / 1000).toFixed(1).padStart(8)} kB  initial JS (${seen.size} chunks)`,
);
