/**
 * Charts draw one per task, in the order they asked: drawing all of them in one go blocks the
 * page for longer than a frame, one at a time lets it paint and answer input in between.
 */
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

function drainNext(): void {
  draining = true;
  setTimeout(() => {
    try {
      waiting.shift()?.();
    } finally {
      // A draw that throws must not stop the charts after it from drawing.
      if (waiting.length > 0) drainNext();
      else draining = false;
    }
  }, 0);
}
