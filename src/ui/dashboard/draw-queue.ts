/**
 * Charts draw one per task, in the order they asked: drawing all of them in one go blocks the
 * page for longer than a frame, one at a time lets it paint and answer input in between.
 *
 * Warm-up steps (see warm-charts) go first: a chart drawn before Plot's code has run once pays
 * for compiling it inside its own task (a long task on a reload, where the remembered rows arrive
 * at once). Left to idle moments otherwise, the steps still waiting up to a chart's own (`warm`)
 * run ahead of its draw, one per task, so that it draws warm and no later than it must.
 */
export interface WarmStep {
  /** The chart this step prepares (steps for one chart share it; see `drawSoon`). */
  chart: string;
  run: () => void;
}

interface Draw {
  draw: () => void;
  warm?: string;
}

const warmSteps: WarmStep[] = [];
const waiting: Draw[] = [];
let draining = false;

/**
 * Run `draw` in a task of its own after the draws already waiting, and after the warm-up steps
 * still waiting up to the last one for `warm` (its chart's); the result cancels it.
 */
export function drawSoon(draw: () => void, warm?: string): () => void {
  const entry: Draw = { draw, warm };
  waiting.push(entry);
  if (!draining) drainNext();
  return () => {
    const at = waiting.indexOf(entry);
    if (at >= 0) waiting.splice(at, 1);
  };
}

/** Steps that warm the chart code, to run in idle moments (`runWarmStep`) or ahead of their chart. */
export function queueWarmSteps(steps: readonly WarmStep[]): void {
  warmSteps.push(...steps);
}

/** Run the next warm-up step now; false once none is left. A step that throws is skipped. */
export function runWarmStep(): boolean {
  const step = warmSteps.shift();
  if (!step) return false;
  try {
    step.run();
  } catch {
    // A warm-up that fails costs nothing: the real chart reports its own error when it draws.
  }
  return true;
}

/** Whether a warm-up step for `chart` is still waiting. */
function warmingFor(chart: string | undefined): boolean {
  return chart !== undefined && warmSteps.some((step) => step.chart === chart);
}

function drainNext(): void {
  draining = true;
  setTimeout(() => {
    try {
      if (warmingFor(waiting[0]?.warm)) runWarmStep();
      else waiting.shift()?.draw();
    } finally {
      // A draw that throws must not stop the charts after it from drawing.
      if (waiting.length > 0) drainNext();
      else draining = false;
    }
  }, 0);
}
