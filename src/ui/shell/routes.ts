import { screenAt } from './screens';

/** The route of the screen named by a location hash such as `#/sql`, or the default screen's. */
export function screenFromHash(hash: string): string {
  const path = hash.replace(/^#\/?/, '').split('?')[0];
  return screenAt(path).path;
}

/** The parameters after `?` in a location hash such as `#/log?table=silver.orders`. */
export function paramsFromHash(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/** The location hash of a screen with parameters. */
export function hashOf(path: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#/${path}${query ? `?${query}` : ''}`;
}
