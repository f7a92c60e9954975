import { TRANSLATED_CATEGORIES, UNCATEGORISED_PRODUCTS, UNTRANSLATED_CATEGORIES } from './categories';
import type { Seller } from './parties';
import { Rng, WeightedIndex } from './rng';

/** A product as the products file describes it, plus what orders need. */
export interface Product {
  id: string;
  /** Portuguese category, or null (no category: name, description and photos are empty too). */
  category: string | null;
  nameLength: number;
  descriptionLength: number;
  photos: number;
  /** Weight and dimensions; null for the few products the real data lacks them for. */
  dims: { weight: number; length: number; height: number; width: number } | null;
  seller: number;
  price: number;
  popularity: number;
}

/** Median prices (BRL) of categories that differ most from the typical ~80. */
const PRICE_MEDIAN: Record<string, number> = {
  pcs: 1100,
  eletrodomesticos_2: 480,
  portateis_casa_forno_e_cafe: 420,
  agro_industria_e_comercio: 250,
  instrumentos_musicais: 180,
  telefonia_fixa: 160,
  relogios_presentes: 130,
  climatizacao: 140,
  moveis_escritorio: 160,
  consoles_games: 110,
  pc_gamer: 180,
  telefonia: 45,
  livros_interesse_geral: 40,
  cds_dvds_musicais: 50,
  fraldas_higiene: 35,
  papelaria: 45,
};

const CATEGORIES = [...TRANSLATED_CATEGORIES, ...UNTRANSLATED_CATEGORIES];

/** Products with categories weighted like the real catalogue, ~1.9% without a category. */
export function makeProducts(rng: Rng, sellers: Seller[], count: number): Product[] {
  const categoryIndex = new WeightedIndex([...CATEGORIES.map((c) => c[2]), UNCATEGORISED_PRODUCTS]);
  const sellerIndex = new WeightedIndex(sellers.map((s) => s.popularity));
  const products: Product[] = [];
  for (let i = 0; i < count; i++) {
    const c = categoryIndex.draw(rng);
    const category = c < CATEGORIES.length ? CATEGORIES[c][0] : null;
    const weight = Math.round(Math.min(40425, rng.lognormal(700, 1.25)));
    products.push({
      id: rng.hexId(),
      category,
      nameLength: clamp(Math.round(rng.normal() * 10 + 49), 5, 76),
      descriptionLength: clamp(Math.round(rng.lognormal(600, 0.75)), 4, 3992),
      photos: clamp(Math.round(rng.exponential(1.3) + 0.6), 1, 20),
      dims: {
        weight,
        length: clamp(Math.round(rng.lognormal(25, 0.45)), 7, 105),
        height: clamp(Math.round(rng.lognormal(13, 0.7)), 2, 105),
        width: clamp(Math.round(rng.lognormal(20, 0.45)), 6, 118),
      },
      seller: sellerIndex.draw(rng),
      price: clamp(
        Math.round(rng.lognormal(PRICE_MEDIAN[category ?? ''] ?? 80, 0.85) * 10) / 10 - 0.1,
        0.85,
        6735,
      ),
      popularity: rng.lognormal(1, 1.3),
    });
  }
  // Two quirks of the real file at every scale: a product with only its id, one without dimensions.
  const bare = products.find((p) => p.category === null) ?? products[0];
  bare.category = null;
  bare.dims = null;
  const undimensioned = products.find((p) => p.category !== null && p !== bare);
  if (undimensioned) undimensioned.dims = null;
  return products;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
