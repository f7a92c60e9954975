import { Rng, WeightedIndex } from './rng';

/** Seconds in a day. */
export const DAY = 86_400;

const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayCache = new Map<number, string>();

/** Epoch seconds (UTC fields, no zone) as Olist writes them: `YYYY-MM-DD HH:MM:SS`. */
export function formatTs(seconds: number): string {
  const s = Math.floor(seconds);
  const day = Math.floor(s / DAY);
  const rest = s - day * DAY;
  return `${formatDay(day)} ${pad2[Math.floor(rest / 3600)]}:${pad2[Math.floor(rest / 60) % 60]}:${pad2[rest % 60]}`;
}

/** Epoch seconds as the date at midnight: `YYYY-MM-DD 00:00:00`. */
export function formatMidnight(seconds: number): string {
  return `${formatDay(Math.floor(seconds / DAY))} 00:00:00`;
}

/** Epoch seconds as ISO-8601 in UTC with milliseconds: `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
export function formatIso(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString();
}

/** Epoch seconds of a `YYYY-MM-DD HH:MM:SS` text read as UTC. */
export function parseTs(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
}

function formatDay(day: number): string {
  let text = dayCache.get(day);
  if (!text) {
    text = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    dayCache.set(day, text);
  }
  return text;
}

/** Orders per month in the real data, September 2016 to October 2018. */
// prettier-ignore
const MONTHS: ReadonlyArray<readonly [string, number]> = [
  ['2016-09', 4], ['2016-10', 324], ['2016-12', 1],
  ['2017-01', 800], ['2017-02', 1780], ['2017-03', 2682], ['2017-04', 2404], ['2017-05', 3700], ['2017-06', 3245],
  ['2017-07', 4026], ['2017-08', 4331], ['2017-09', 4285], ['2017-10', 4631], ['2017-11', 7544], ['2017-12', 5673],
  ['2018-01', 7269], ['2018-02', 6728], ['2018-03', 7211], ['2018-04', 6939], ['2018-05', 6873], ['2018-06', 6167],
  ['2018-07', 6292], ['2018-08', 6512], ['2018-09', 16], ['2018-10', 4],
];

/** Share of a day's orders placed in each hour. */
// prettier-ignore
const HOURS = [2.4, 1.2, 0.5, 0.3, 0.2, 0.2, 0.5, 1.2, 3, 4.8, 6.2, 6.6, 6, 6.5, 6.7, 6.4, 6.4, 5.9, 5.8, 5.9, 6.2, 6.3, 5.9, 4.6];

const BLACK_FRIDAY = Date.UTC(2017, 10, 24) / 1000;

/** Draws purchase times shaped like the real ones: growth over 2017, Black Friday, daytime peaks. */
export class PurchaseClock {
  private readonly months = new WeightedIndex(MONTHS.map(([, n]) => n));
  private readonly hours = new WeightedIndex(HOURS);

  /** One purchase time, epoch seconds. */
  draw(rng: Rng): number {
    const [month] = MONTHS[this.months.draw(rng)];
    const [year, m] = month.split('-').map(Number);
    let dayStart: number;
    if (month === '2017-11' && rng.chance(0.15)) dayStart = BLACK_FRIDAY;
    else {
      // The data starts on 2016-09-04 and ends on 2018-10-17.
      const first = month === '2016-09' ? 4 : 1;
      const last = month === '2018-10' ? 17 : new Date(Date.UTC(year, m, 0)).getUTCDate();
      dayStart = Date.UTC(year, m - 1, rng.between(first, last)) / 1000;
    }
    return dayStart + this.hours.draw(rng) * 3600 + rng.int(3600);
  }
}
