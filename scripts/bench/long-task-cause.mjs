// What a main-thread long task was, from the long animation frames the bench page recorded.

/**
 * What a long task ran, from the long animation frame it fell in (the one overlapping most of
 * it): its longest script (what called it, from which file, with the style and layout it
 * forced), or the frame's rendering when no script of it took as long as half the task.
 */
export function causeOfTask(task, frames) {
  // A frame's start can trail its first task's by a few ms: not containment, but most overlap.
  const overlap = (f) => Math.min(f.at + f.ms, task.at + task.ms) - Math.max(f.at, task.at);
  const frame = frames.reduce((best, f) => (best && overlap(best) >= overlap(f) ? best : f), null);
  if (!frame || overlap(frame) < task.ms / 2) return 'no animation frame recorded';
  const script = frame.scripts.reduce((max, s) => (max && max.ms >= s.ms ? max : s), null);
  if (!script || script.ms < task.ms / 2) return `rendering (a ${Math.round(frame.ms)} ms frame)`;
  const file = chunkName(script.source);
  const invoker = chunkName(script.invoker);
  const layout =
    script.layoutMs >= 1 ? `, ${Math.round(script.layoutMs)} ms of it forced style and layout` : '';
  const what = invoker === file ? `evaluating ${file}` : `${invoker} in ${file || 'the page'}`;
  return `${what} (${Math.round(script.ms)} ms${layout})`;
}

/** A built file's name without its folder and content hash: assets/index-BllVh2U1.js → index.js. */
function chunkName(url) {
  const name =
    String(url ?? '')
      .split('?')[0]
      .split('/')
      .pop() ?? '';
  return name.replace(/-[\w-]{8}\.js$/, '.js');
}
