/**
 * Charts draw one per task, in the order they asked: drawing all of them in one go blocks the
 * page for longer than a frame, one at a time lets it paint and answer input in between.
 *
 * Warm-up steps (see warm-charts) go first: a chart drawn before Plot's code has run once pays
 * for compiling it inside its own task (a long task on a reload, where the remembered rows arrive
 * at once). Left to idle moments otherwise, the steps still waiting run ahead of a draw, one per
 * task, so that the real chart draws warm.
 */
const warmSteps: Array<() => void> = [];
const waiting: Array<() => void> = [];
let draining = false;

/** Run `draw` in a task of its own after the draws already waiting; the result cancels it. */
export function drawSoon(draw: () => void): () => void {
  waiting.push(draw);
  if (!draining) drainNext();
  return () => {
    const at = waiting.indexOf(draw);
    if (at >= 0) waiting.splice(at, 1);
  };
}

/** Steps that warm the chart code, to run before the next draw (or earlier, by `runWarmStep`). */
export function queueWarmSteps(steps: ReadonlyArray<() => void>): void {
  warmSteps.push(...steps);
}

/** Run the next warm-up step now; false once none is left. A step that throws is skipped. */
export function runWarmStep(): boolean {
  const step = warmSteps.shift();
  if (!step) return false;
  try {
    step();
  } catch {
    // A warm-up that fails costs nothing: the real chart reports its own error when it draws.
  }
  return true;
}

function drainNext(): void {
  draining = true;
  setTimeout(() => {
    try {
      if (!runWarmStep()) waiting.shift()?.();
    } finally {
      // A draw that throws must not stop the charts after it from drawing.
      if (waiting.length > 0) drainNext();
      else draining = false;
    }
  }, 0);
}
