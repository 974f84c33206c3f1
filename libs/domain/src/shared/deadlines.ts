import { refuse } from './domain-error';

/** `days` whole days after an instant, as an ISO instant; the instant comes with the command (D36). */
export const daysAfter = (instant: string, days: number, field = 'now'): string => {
  const at = Date.parse(instant);
  if (!Number.isFinite(at)) return refuse('INVALID_TIME', `${instant} is not an instant`, 'invalid', field);
  if (!Number.isSafeInteger(days) || days < 1 || days > 3650) return refuse('INVALID_DEADLINE', `a deadline is 1 to 3650 whole days, not ${days}`, 'invalid', field);
  return new Date(at + days * 86_400_000).toISOString();
};

/** Whether an instant is on or before a deadline (no deadline recorded: always in time). */
export const inTime = (now: string, deadline: string | undefined): boolean => deadline === undefined || Date.parse(now) <= Date.parse(deadline);
