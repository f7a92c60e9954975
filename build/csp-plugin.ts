import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the app: nothing from another origin, for any kind of request.
 * WebAssembly needs 'wasm-unsafe-eval' (DuckDB-WASM, parquet-wasm); workers come from our own
 * files; styles may be inline (Svelte's style directives, Observable Plot's `<style>` in its SVG),
 * which loads nothing. Images may be data: and blob: URLs (chart downloads).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Headers for hosts that read a `_headers` file (Netlify, Cloudflare Pages) and for `vite preview`. */
export const SECURITY_HEADERS: Record<string, string> = {
  // frame-ancestors only works as a header, never in a <meta>.
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Puts the policy in the built page as a `<meta http-equiv>` (every static host honours it) and
 * writes `_headers`, so hosts that read that file send it as a header too — which also covers the
 * workers, whose scripts a `<meta>` in the page does not govern.
 */
export function cspPlugin(): Plugin {
  return {
    name: 'pocket-lakehouse-csp',
    apply: 'build',
    transformIndexHtml() {
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ];
    },
    generateBundle() {
      const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}
