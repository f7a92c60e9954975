/** The most rows one window of a kept console result may hold (the UI reads results in windows of this size). */
export const MAX_WINDOW_ROWS = 500;
