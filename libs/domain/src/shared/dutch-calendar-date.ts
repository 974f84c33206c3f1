/**
 * The Dutch calendar date (YYYY-MM-DD) of a date or an instant, as a pure function: a plain date is
 * already one; an instant is shifted to Dutch time, UTC+1, or UTC+2 from 01:00 UTC on the last Sunday
 * of March to 01:00 UTC on the last Sunday of October (the EU rule, in force since 1996; the ledger's
 * dates are all later). Null when the text is neither. No time-zone database is read, so the answer
 * is the same on every machine (D42).
 */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const lastSundayAt0100Utc = (year: number, month: number): number => {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
};

const realDate = (day: string) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(day);
};

export const dutchCalendarDate = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  if (PLAIN_DATE.test(value)) return realDate(value) ? value : null;
  if (!INSTANT.test(value) || !realDate(value.slice(0, 10))) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  const year = new Date(t).getUTCFullYear();
  const summer = t >= lastSundayAt0100Utc(year, 2) && t < lastSundayAt0100Utc(year, 9);
  return new Date(t + (summer ? 2 : 1) * 3_600_000).toISOString().slice(0, 10);
};
