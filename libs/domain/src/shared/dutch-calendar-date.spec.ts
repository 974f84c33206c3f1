import { dutchCalendarDate } from './dutch-calendar-date';

describe('the Dutch calendar date of a date or an instant (D42)', () => {
  it.each([
    ['2017-06-01', '2017-06-01'],
    ['2017-06-01T21:59:59.999Z', '2017-06-01'], // 23:59:59.999 CEST
    ['2017-06-01T22:00:00.000Z', '2017-06-02'], // midnight CEST
    ['2017-01-15T22:59:00Z', '2017-01-15'], // 23:59 CET
    ['2017-01-15T23:00:00Z', '2017-01-16'],
    ['2017-03-26T00:59:00Z', '2017-03-26'], // the last Sunday of March, before the change at 01:00 UTC
    ['2017-10-28T22:30:00Z', '2017-10-29'], // 00:30 CEST on the last Sunday of October
    ['2017-10-29T23:30:00Z', '2017-10-30'], // 00:30 CET after the change back
    ['2017-06-01T23:30:00+02:00', '2017-06-01'],
    ['2017-06-02T00:30:00+02:00', '2017-06-02'],
  ])('%s is %s', (value, day) => expect(dutchCalendarDate(value)).toBe(day));

  it.each(['2017-02-30', '2017-06-01T10:00', 'tomorrow', '', '2017-6-1'])('%s is no date', (value) => expect(dutchCalendarDate(value)).toBeNull());
  it('is null for what is no text', () => expect(dutchCalendarDate(20170601)).toBeNull());
});
