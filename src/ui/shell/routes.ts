/** The screens of the app, in navigation order. */
export const SCREENS = [
  { id: 'sources', label: 'Sources' },
  { id: 'pipeline', label: 'Pipeline' },
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'tables', label: 'Tables' },
  { id: 'quality', label: 'Quality' },
  { id: 'sql', label: 'SQL' },
  { id: 'learn', label: 'Learn' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** The screen named by a location hash such as `#/sql`, or the default. */
export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '').split('?')[0];
  return SCREENS.find((s) => s.id === id)?.id ?? 'sources';
}
