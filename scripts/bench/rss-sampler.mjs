// Samples the resident memory of Chromium's renderer processes from /proc while a scenario runs:
// the memory that decides whether a tab dies, whatever JS heap, WebAssembly or worker holds it.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Start sampling the renderers of the Chromium whose command line holds `profileDir` (its
 * --user-data-dir); `stop()` returns the peak of their summed resident memory in bytes.
 */
export function sampleRendererMemory(profileDir, intervalMs = 200) {
  let peakBytes = 0;
  const sample = () => {
    const total = rendererPids(profileDir).reduce((sum, pid) => sum + residentBytes(pid), 0);
    peakBytes = Math.max(peakBytes, total);
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peakBytes;
    },
  };
}

function processTable() {
  const table = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      table.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return table;
}

function rendererPids(profileDir) {
  const table = processTable();
  const browser = table.find((p) => p.cmdline.includes(profileDir) && !p.cmdline.includes('--type='));
  if (!browser) return [];
  const descendants = new Set([browser.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of table) {
      if (!descendants.has(p.pid) && descendants.has(p.ppid)) {
        descendants.add(p.pid);
        grew = true;
      }
    }
  }
  return table.filter((p) => descendants.has(p.pid) && p.cmdline.includes('--type=renderer')).map((p) => p.pid);
}

function residentBytes(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
