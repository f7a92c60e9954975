/** The screens of the app, in navigation order. */
export const SCREENS = [
  { id: 'sources', label: 'Sources' },
  { id: 'pipeline', label: 'Pipeline' },
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'tables', label: 'Tables' },
  { id: 'quality', label: 'Quality' },
  { id: 'sql', label: 'SQL' },
  { id: 'learn', label: 'Learn' },
  { id: 'log', label: 'Log' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** The screen named by a location hash such as `#/sql`, or the default. */
export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '').split('?')[0];
  return SCREENS.find((s) => s.id === id)?.id ?? 'sources';
}

/** The parameters after `?` in a location hash such as `#/log?table=silver.orders`. */
export function paramsFromHash(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/** The location hash of a screen with parameters. */
export function hashOf(id: ScreenId, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#/${id}${query ? `?${query}` : ''}`;
}
