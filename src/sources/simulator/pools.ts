import { base, en, Faker, pt_BR } from '@faker-js/faker';
import { WeightedIndex } from '../generator/rng';

/** Values drawn per event, precomputed once per run so no faker call happens per event. */
export interface SimulatorPools {
  searchPages: string[];
  campaignPages: string[];
  categoryPages: Map<string, string>;
  devices: string[];
  deviceIndex: WeightedIndex;
  channels: string[];
  channelIndex: WeightedIndex;
}

/** Build the pools with a seeded faker (Brazilian Portuguese, English fallback). */
export function makePools(seed: number, categories: Iterable<string>): SimulatorPools {
  const faker = new Faker({ locale: [pt_BR, en, base] });
  faker.seed(seed);
  const searchPages = Array.from({ length: 400 }, () => {
    const term = faker.helpers.arrayElement([
      () => faker.commerce.product(),
      () => faker.commerce.productName(),
      () => faker.commerce.department(),
      () => `${faker.commerce.product()} ${faker.commerce.productAdjective()}`,
    ])();
    return `/busca?q=${encodeURIComponent(term.toLowerCase())}`;
  });
  const campaignPages = Array.from(
    { length: 40 },
    () => `/promo/${faker.helpers.slugify(faker.word.words(2)).toLowerCase()}`,
  );
  const categoryPages = new Map<string, string>();
  for (const category of categories) if (category) categoryPages.set(category, `/categoria/${category}`);
  return {
    searchPages,
    campaignPages,
    categoryPages,
    devices: ['desktop', 'mobile', 'tablet'],
    deviceIndex: new WeightedIndex([0.45, 0.48, 0.07]),
    channels: ['organic', 'paid_search', 'social', 'email', 'direct', 'referral'],
    channelIndex: new WeightedIndex([0.35, 0.2, 0.15, 0.1, 0.15, 0.05]),
  };
}
