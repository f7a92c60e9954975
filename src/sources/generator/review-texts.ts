import type { Rng } from './rng';

// Portuguese review snippets in the style of the real comments (short, informal, often without
// accents); a message joins one to three of them.
const GOOD_TITLES = [
  'Recomendo',
  'Ótimo',
  'Excelente',
  'Muito bom',
  'Super recomendo',
  'Perfeito',
  'Adorei',
  'Chegou rápido',
  '10',
  '5 estrelas',
  'otimo produto',
  'Nota 10',
];
const MIXED_TITLES = ['Bom', 'Razoável', 'Poderia ser melhor', 'Ok', 'Mais ou menos', 'Demorou'];
const BAD_TITLES = [
  'Não recebi',
  'Péssimo',
  'Produto errado',
  'Não recomendo',
  'Atraso na entrega',
  'Decepcionado',
  'Veio com defeito',
];

const GOOD = [
  'Produto chegou antes do prazo',
  'Recomendo o vendedor',
  'Excelente qualidade, recomendo',
  'Muito bom, igual ao anunciado',
  'Entrega rápida e produto bem embalado',
  'Adorei o produto',
  'Tudo certo, chegou direitinho',
  'Comprei para presente e gostei muito',
  'otimo produto',
  'Veio tudo certinho, parabéns à loja',
  'Produto de boa qualidade, entrega dentro do prazo',
  'Superou minhas expectativas',
];
const MIXED = [
  'Produto bom, mas a entrega demorou',
  'O produto é bom porém veio sem manual',
  'Razoável pelo preço',
  'A cor é diferente da foto',
  'Chegou no prazo, mas a embalagem estava amassada',
  'Esperava mais, mas serve',
];
const BAD = [
  'Não recebi o produto até agora',
  'Produto veio com defeito, quero a troca',
  'Comprei 2 unidades e só recebi 1',
  'Péssimo atendimento, ninguém responde',
  'O prazo de entrega já passou e nada',
  'Veio o produto errado',
  'Produto de qualidade inferior ao anunciado',
  'Ainda aguardo a entrega, muito decepcionado',
];

/** A comment title, or null (most reviews have none). */
export function reviewTitle(rng: Rng, score: number): string | null {
  if (!rng.chance(score <= 2 ? 0.2 : 0.1)) return null;
  return rng.pick(score >= 4 ? GOOD_TITLES : score === 3 ? MIXED_TITLES : BAD_TITLES);
}

/**
 * A comment message, or null. Some messages hold commas, a word in quotes or a line break (CRLF),
 * as the real ones do — the CSV writer must quote and escape them.
 */
export function reviewMessage(rng: Rng, score: number): string | null {
  if (!rng.chance(score <= 2 ? 0.75 : score === 3 ? 0.55 : 0.33)) return null;
  const pool = score >= 4 ? GOOD : score === 3 ? MIXED : BAD;
  const parts = Array.from({ length: 1 + Math.floor(rng.exponential(0.6)) }, () => rng.pick(pool)).slice(
    0,
    3,
  );
  if (rng.chance(0.03)) parts[0] = parts[0].replace(/(produto|prazo|entrega)/, '"$1"');
  let text = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const r = rng.float();
    text += r < 0.15 ? '\r\n' + parts[i] : r < 0.6 ? ', ' + parts[i].toLowerCase() : '. ' + parts[i];
  }
  if (rng.chance(0.04)) text += '\r\n';
  return text;
}
