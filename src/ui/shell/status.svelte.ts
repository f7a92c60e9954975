/** The one live status message of the app (read by screen readers through role="status"). */
class AppStatus {
  message = $state('Starting the engine…');
  tone = $state<'info' | 'busy' | 'ok' | 'error'>('busy');

  set(message: string, tone: AppStatus['tone'] = 'info'): void {
    this.message = message;
    this.tone = tone;
  }
}

export const appStatus = new AppStatus();
