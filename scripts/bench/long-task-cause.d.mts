/** A long task as the bench page records it (epoch ms). */
export interface LongTask {
  at: number;
  ms: number;
}
/** A long animation frame as the bench page records it, with its scripts. */
export interface LongFrame {
  at: number;
  ms: number;
  scripts: Array<{ invoker: string; source: string; ms: number; layoutMs: number }>;
}
/** What a long task ran: its frame's longest script (caller, file, forced layout) or the frame's rendering. */
export declare function causeOfTask(task: LongTask, frames: LongFrame[]): string;
