// Samples the resident memory of Chromium's renderer processes from /proc while a scenario runs:
// the memory that decides whether a tab dies, whatever JS heap, WebAssembly or worker holds it.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Start sampling the renderers of the Chromium whose command line holds `profileDir` (its
 * --user-data-dir): their summed resident memory every `intervalMs`. `stop()` ends sampling and
 * returns the samples ({ at: epoch ms, bytes }), so a peak can be taken over any time window.
 */
export function sampleRendererMemory(profileDir, intervalMs = 200) {
  const samples = [];
  let pids = rendererPids(profileDir);
  let ticks = 0;
  const sample = () => {
    // Renderers come and go rarely (a worker lives in its page's renderer): list them every 5 s.
    if (++ticks % 25 === 0 || pids.length === 0) pids = rendererPids(profileDir);
    const bytes = pids.reduce((sum, pid) => sum + residentBytes(pid), 0);
    samples.push({ at: Date.now(), bytes });
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
}

/** The highest sample taken between `from` and `to` (epoch ms), or null when none was. */
export function peakBetween(samples, from, to) {
  let peak = null;
  for (const s of samples)
    if (s.at >= from && s.at <= to && (peak === null || s.bytes > peak)) peak = s.bytes;
  return peak;
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
  return table
    .filter((p) => descendants.has(p.pid) && p.cmdline.includes('--type=renderer'))
    .map((p) => p.pid);
}

function residentBytes(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
