import { base, en, Faker, pt_BR } from '@faker-js/faker';
import { WeightedIndex } from '../generator/rng';

/** Values drawn per event, precomputed once per run so no faker call happens per event. Pages are JSON literals. */
export interface SimulatorPools {
  searchPages: string[];
  campaignPages: string[];
  devices: string[];
  deviceIndex: WeightedIndex;
  channels: string[];
  channelIndex: WeightedIndex;
}

/** Build the pools with a seeded faker (Brazilian Portuguese, English fallback). */
export function makePools(seed: number): SimulatorPools {
  const faker = new Faker({ locale: [pt_BR, en, base] });
  faker.seed(seed);
  const searchPages = Array.from({ length: 400 }, () => {
    const term = faker.helpers.arrayElement([
      () => faker.commerce.product(),
      () => faker.commerce.productName(),
      () => faker.commerce.department(),
      () => `${faker.commerce.product()} ${faker.commerce.productAdjective()}`,
    ])();
    return JSON.stringify(`/busca?q=${encodeURIComponent(term.toLowerCase())}`);
  });
  const campaignPages = Array.from({ length: 40 }, () =>
    JSON.stringify(`/promo/${faker.helpers.slugify(faker.word.words(2)).toLowerCase()}`),
  );
  return {
    searchPages,
    campaignPages,
    devices: ['desktop', 'mobile', 'tablet'],
    deviceIndex: new WeightedIndex([0.45, 0.48, 0.07]),
    channels: ['organic', 'paid_search', 'social', 'email', 'direct', 'referral'],
    channelIndex: new WeightedIndex([0.35, 0.2, 0.15, 0.1, 0.15, 0.05]),
  };
}
