import { STATES } from './brazil';
import { Rng, WeightedIndex } from './rng';

/** One zip prefix of the generated country. */
export interface Zip {
  prefix: string;
  state: number;
  city: number;
  lat: number;
  lng: number;
}

/** The zip prefixes (5-digit CEP starts) customers, sellers and geolocation rows use. */
export class GeoModel {
  readonly zips: Zip[] = [];
  /** Zip indexes per state. */
  readonly byState: number[][] = STATES.map(() => []);
  private readonly customerStates = new WeightedIndex(STATES.map((s) => s.customers));
  private readonly sellerStates = new WeightedIndex(STATES.map((s) => Math.max(s.sellers, 0.2)));

  /** About 19,015 zip prefixes at scale 1.0, spread over states like the customers. */
  constructor(rng: Rng, zipCount: number) {
    const total = STATES.reduce((sum, s) => sum + s.customers, 0);
    STATES.forEach((state, s) => {
      const count = Math.max(2, Math.round((zipCount * state.customers) / total));
      const prefixes = this.drawPrefixes(rng, state.zips, count);
      // Like real CEPs, each city holds a contiguous block, the biggest city the lowest numbers.
      const cityWeights = state.cities.map((c) => c[4]);
      const weightSum = cityWeights.reduce((a, b) => a + b, 0);
      let city = 0;
      let filled = 0;
      prefixes.forEach((prefix, k) => {
        while (city < state.cities.length - 1 && k >= ((filled + cityWeights[city]) / weightSum) * count) {
          filled += cityWeights[city];
          city++;
        }
        const [, , lat, lng] = state.cities[city];
        const spread = 0.02 + 0.0004 * Math.sqrt(cityWeights[city]);
        this.byState[s].push(this.zips.length);
        this.zips.push({
          prefix,
          state: s,
          city,
          lat: lat + rng.bell() * spread,
          lng: lng + rng.bell() * spread,
        });
      });
    });
  }

  /** A zip where a customer lives, states weighted like the real customers. */
  customerZip(rng: Rng): number {
    return rng.pick(this.byState[this.customerStates.draw(rng)]);
  }

  /** A zip where a seller works, states weighted like the real sellers. */
  sellerZip(rng: Rng): number {
    return rng.pick(this.byState[this.sellerStates.draw(rng)]);
  }

  /** City name (lower case, no accents) of a zip. */
  cityName(zip: Zip): string {
    return STATES[zip.state].cities[zip.city][0];
  }

  /** City name as some geolocation rows spell it (with accents). */
  accentedCityName(zip: Zip): string {
    return STATES[zip.state].cities[zip.city][1];
  }

  private drawPrefixes(rng: Rng, ranges: ReadonlyArray<readonly [number, number]>, count: number): string[] {
    const size = ranges.reduce((sum, [a, b]) => sum + b - a + 1, 0);
    const chosen = new Set<number>();
    const wanted = Math.min(count, size);
    while (chosen.size < wanted) {
      let k = rng.int(size);
      for (const [a, b] of ranges) {
        if (k <= b - a) {
          chosen.add(a + k);
          break;
        }
        k -= b - a + 1;
      }
    }
    return [...chosen].sort((x, y) => x - y).map((n) => String(n).padStart(5, '0'));
  }
}
