import { screenFromHash, type ScreenId } from './routes';

/** Which screen is showing; follows the location hash so the back button and links work. */
class Router {
  current = $state<ScreenId>(screenFromHash(location.hash));

  constructor() {
    addEventListener('hashchange', () => {
      this.current = screenFromHash(location.hash);
    });
  }

  go(id: ScreenId): void {
    location.hash = `#/${id}`;
  }
}

export const router = new Router();
