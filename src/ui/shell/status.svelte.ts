/** How far a long step has come, for the progress bar under the status message. */
export interface StatusProgress {
  done: number;
  total: number;
}

/** The one live status message of the app (read by screen readers through role="status"). */
class AppStatus {
  message = $state('Starting the engine…');
  tone = $state<'info' | 'busy' | 'ok' | 'error'>('busy');
  progress = $state<StatusProgress | null>(null);

  /** Say what is happening; a busy message may carry how far it has come. */
  set(message: string, tone: AppStatus['tone'] = 'info', progress: StatusProgress | null = null): void {
    this.message = message;
    this.tone = tone;
    this.progress = tone === 'busy' ? progress : null;
  }
}

export const appStatus = new AppStatus();
