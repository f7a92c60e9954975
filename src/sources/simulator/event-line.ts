import type { Rng } from '../generator/rng';

const HEX4 = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));
const HEX3 = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, '0'));
const VARIANT = ['8', '9', 'a', 'b'];

/** A random UUID (version 4 layout) from the seeded generator, from lookup tables. */
export function uuid(rng: Rng): string {
  const a = rng.u32();
  const b = rng.u32();
  const c = rng.u32();
  const d = rng.u32();
  return `${HEX4[a >>> 16]}${HEX4[a & 0xffff]}-${HEX4[b >>> 16]}-4${HEX3[b & 0xfff]}-${VARIANT[c >>> 30]}${HEX3[(c >>> 16) & 0xfff]}-${HEX4[c & 0xffff]}${HEX4[d >>> 16]}${HEX4[d & 0xffff]}`;
}

const dayCache = new Map<number, string>();
const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** Epoch seconds as ISO-8601 in UTC with milliseconds (`2017-10-02T10:56:33.000Z`), fast. */
export function isoTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const day = Math.floor(ms / 86_400_000);
  let text = dayCache.get(day);
  if (!text) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dayCache.set(day, text);
  }
  const rest = ms - day * 86_400_000;
  const s = Math.floor(rest / 1000);
  return `${text}T${pad2[Math.floor(s / 3600)]}:${pad2[Math.floor(s / 60) % 60]}:${pad2[s % 60]}.${pad3[rest % 1000]}Z`;
}

/** A value as a JSON literal (`"text"` or `null`), made once and reused for every event. */
export function jsonLiteral(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

/** What every event of one visit shares, as ready JSON fragments. */
export interface Visit {
  /** `,"session_id":"…","user_id":…` */
  head: string;
  /** `,"device":"…","channel":"…","page":` */
  tail: string;
}

/** One event; ids and the page are JSON literals already (they may come from uploaded data). */
export interface SimulatedEvent {
  id: string;
  type: string;
  ts: number;
  visit: Visit;
  product: string;
  order: string;
  page: string;
}

/** The shared part of a visit's events. */
export function visitOf(session: string, user: string, device: string, channel: string): Visit {
  return {
    head: `,"session_id":"${session}","user_id":${user}`,
    tail: `,"device":"${device}","channel":"${channel}","page":`,
  };
}

/** The event as one line of JSON in the field order of CONTRACT.md §1, plus extra raw members. */
export function eventLine(e: SimulatedEvent, extra = ''): string {
  return `{"event_id":"${e.id}","event_type":"${e.type}","event_ts":"${isoTime(e.ts)}"${e.visit.head},"product_id":${e.product},"order_id":${e.order}${e.visit.tail}${e.page}${extra}}`;
}
