import { hashOf, paramsFromHash, screenFromHash } from './routes';

/** Which screen is showing; follows the location hash so the back button and links work. */
class Router {
  /** The route of the screen showing (a screen's `path`). */
  current = $state<string>(screenFromHash(location.hash));
  /** The parameters of the location hash (`#/log?table=silver.orders`). */
  params = $state<URLSearchParams>(paramsFromHash(location.hash));

  constructor() {
    addEventListener('hashchange', () => {
      this.current = screenFromHash(location.hash);
      this.params = paramsFromHash(location.hash);
    });
  }

  go(path: string, params: Record<string, string> = {}): void {
    location.hash = hashOf(path, params);
  }
}

export const router = new Router();
