import { hex8, type Rng } from '../generator/rng';

/** A random UUID (version 4 layout) from the seeded generator. */
export function uuid(rng: Rng): string {
  const a = hex8(rng.u32());
  const b = hex8(rng.u32());
  const c = hex8(rng.u32());
  const d = hex8(rng.u32());
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${VARIANT[c.charCodeAt(0) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const VARIANT = ['8', '9', 'a', 'b'];
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

/** One event's fields, all already JSON-safe text (ids, fixed words, URL paths). */
export interface EventFields {
  id: string;
  type: string;
  ts: number;
  session: string;
  user: string | null;
  product: string | null;
  order: string | null;
  device: string;
  channel: string;
  page: string;
}

const str = (v: string | null) => (v === null ? 'null' : `"${v}"`);

/** The event as one line of JSON (CONTRACT.md §1), optionally with extra raw JSON members. */
export function eventLine(e: EventFields, extra = ''): string {
  return `{"event_id":"${e.id}","event_type":"${e.type}","event_ts":"${isoTime(e.ts)}","session_id":"${e.session}","user_id":${str(e.user)},"product_id":${str(e.product)},"order_id":${str(e.order)},"device":"${e.device}","channel":"${e.channel}","page":${JSON.stringify(e.page)}${extra}}`;
}
