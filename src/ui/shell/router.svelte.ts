import { hashOf, paramsFromHash, screenFromHash, type ScreenId } from './routes';

/** Which screen is showing; follows the location hash so the back button and links work. */
class Router {
  current = $state<ScreenId>(screenFromHash(location.hash));
  /** The parameters of the location hash (`#/log?table=silver.orders`). */
  params = $state<URLSearchParams>(paramsFromHash(location.hash));

  constructor() {
    addEventListener('hashchange', () => {
      this.current = screenFromHash(location.hash);
      this.params = paramsFromHash(location.hash);
    });
  }

  go(id: ScreenId, params: Record<string, string> = {}): void {
    location.hash = hashOf(id, params);
  }
}

export const router = new Router();
