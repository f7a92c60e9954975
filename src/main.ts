import './ui/start-engine';
import { mount } from 'svelte';
import { createWindowApi } from './ui/window-api';
import { engineClient } from './ui/engine-client';
import './ui/theme.css';
import App from './ui/App.svelte';
import { appStatus } from './ui/shell/status.svelte';

const engine = engineClient();
window.lakehouse = createWindowApi(engine);

engine.admin.info().then(
  (info) =>
    appStatus.set(
      `Engine ready: DuckDB ${info.duckdbVersion}, started in ${info.bootMs.toFixed(0)} ms`,
      'ok',
    ),
  (error: Error) => appStatus.set(`The engine failed to start: ${error.message}`, 'error'),
);

void navigator.storage?.persist?.();

// The production build works offline after the first visit: sw.js pre-caches every file it needs.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('./sw.js').catch((error: Error) => {
    console.warn(`Offline support is unavailable: ${error.message}`);
  });
}

mount(App, { target: document.getElementById('app')!, props: { engine } });
