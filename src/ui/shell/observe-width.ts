import type { Attachment } from 'svelte/attachments';

/**
 * Follows an element's content width (whole pixels) through a ResizeObserver, which tells it after
 * layout. `bind:clientWidth` instead reads the width while the element mounts, which forces the
 * whole page's style and layout inside the task that mounts the screen (a long task on the
 * Dashboard, where seven charts mount at once).
 */
export function observeWidth(set: (width: number) => void): Attachment<HTMLElement> {
  return (element) => {
    const observer = new ResizeObserver(([entry]) => set(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  };
}
