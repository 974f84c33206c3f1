import { grantedFarmSpecificNorms, type GrantedFarmSpecificNorm } from '../equivalent-measures/equivalent-measures';
import { usageNormCheck, type UsageNormInput } from './usage-norm';

/**
 * Seed 004 (equivalente maatregelen): a farm granted an extra norm "mag … extra bemesten" on the
 * hectares of the measure; the usage-norm check compares usage with the general norm plus that extra.
 */
const indicator = (value: number, submissionId: string) => ({ value, quality: 'registered' as const, source: 'gecombineerde-opgave' as const, submissionId });
const input = (granted: GrantedFarmSpecificNorm[], n: { usage: number; norm: number } | null, p?: { usage: number; norm: number }): UsageNormInput => ({
  balance: {
    areaHa: 50,
    indicators: {
      ...(n ? { nUsageKgHa: indicator(n.usage, 'klw-1'), nUsageNormKgHa: indicator(n.norm, 'go-1') } : {}),
      ...(p ? { p2o5UsageKgHa: indicator(p.usage, 'klw-1'), p2o5UsageNormKgHa: indicator(p.norm, 'go-1') } : {}),
    },
  },
  eventOfSubmission: (id) => `event-${id}`,
  granted,
});
const beetLowP: GrantedFarmSpecificNorm = { eventId: 'grant-1', registrationId: 'beet', year: 2017, measure: 'p-low-phosphate-high-yield', crop: 'sugar-beet', extraNKgHa: '0', extraP2o5KgHa: '5', areaHa: 20 };
const rowMaize: GrantedFarmSpecificNorm = { eventId: 'grant-2', registrationId: 'maize', year: 2017, measure: 'row-fertilisation-maize', crop: 'maize', extraNKgHa: '25', extraP2o5KgHa: '0', areaHa: 10 };

describe('usage against the usage norm, with granted farm-specific norms (seed 004)', () => {
  it('given no grant, when P2O5 applied exceeds the general norm, then the finding is blocking and names the data it compared', () => {
    expect(usageNormCheck(input([], null, { usage: 62, norm: 60 }))).toEqual([
      {
        checkId: 'usage-norm', subject: 'usage-norm:p2o5', severity: 'blocking', compared: ['event-klw-1', 'event-go-1'],
        message: 'P2O5 applied 62 kg P2O5/ha exceeds the usage norm of 60 kg P2O5/ha (general norm 60)',
        values: { usageKgHa: 62, generalNormKgHa: 60, farmSpecificExtraKgHa: 0, allowedKgHa: 60, grants: 0, grantsWithoutArea: 0 },
      },
    ]);
  });

  it('given +5 kg P2O5/ha granted on 20 of 50 ha, then 2 kg/ha more is allowed: 62 passes, 62.01 does not; the grant is among the compared events', () => {
    const [pass] = usageNormCheck(input([beetLowP], null, { usage: 62, norm: 60 }));
    expect(pass).toMatchObject({ severity: 'pass', compared: ['event-klw-1', 'event-go-1', 'grant-1'], values: { farmSpecificExtraKgHa: 2, allowedKgHa: 62, grants: 1 } });
    expect(usageNormCheck(input([beetLowP], null, { usage: 62.01, norm: 60 }))[0].severity).toBe('blocking');
  });

  it('§R: row fertilisation +25 kg N/ha on 10 of 50 ha allows 5 kg N/ha more; a phosphate grant does not raise the N norm', () => {
    const [n] = usageNormCheck(input([beetLowP, rowMaize], { usage: 174, norm: 170 }));
    expect(n).toMatchObject({ subject: 'usage-norm:n', severity: 'pass', compared: ['event-klw-1', 'event-go-1', 'grant-2'], values: { farmSpecificExtraKgHa: 5, allowedKgHa: 175, grants: 1 } });
  });

  it('a grant recorded without hectares cannot be weighed: it counts for nothing and the finding says so', () => {
    const { areaHa: _, ...withoutArea } = rowMaize;
    const [n] = usageNormCheck(input([withoutArea], { usage: 174, norm: 170 }));
    expect(n).toMatchObject({ severity: 'blocking', values: { farmSpecificExtraKgHa: 0, grantsWithoutArea: 1 } });
    expect(n.message).toMatch(/name no hectares and are not counted/);
  });

  it('compares nothing without both figures or without land in use', () => {
    expect(usageNormCheck(input([rowMaize], null))).toEqual([]);
    expect(usageNormCheck({ ...input([], { usage: 1, norm: 2 }), balance: { areaHa: null, indicators: {} } })).toEqual([]);
  });

  it('reads the grants of one year from the stream as recorded, skipping what is malformed', () => {
    const events = [
      { id: 'g1', type: 'FarmSpecificNormGranted', data: { registrationId: 'beet', year: 2017, measure: 'p-low-phosphate-high-yield', crop: 'sugar-beet', extraNKgHa: '0', extraP2o5KgHa: '5', areaHa: 20 } },
      { id: 'g2', type: 'FarmSpecificNormGranted', data: { registrationId: 'old', year: 2017, measure: 'row-fertilisation-maize', crop: 'maize', extraNKgHa: '25', extraP2o5KgHa: '0' } },
      { id: 'g3', type: 'FarmSpecificNormGranted', data: { registrationId: 'later', year: 2018, measure: 'row-fertilisation-maize', crop: 'maize', extraNKgHa: '25', extraP2o5KgHa: '0', areaHa: 1 } },
      { id: 'g4', type: 'FarmSpecificNormGranted', data: { registrationId: 'bad', year: 2017, extraNKgHa: null, extraP2o5KgHa: '0' } },
      { id: 'r1', type: 'EquivalentMeasureRefused', data: { registrationId: 'no', year: 2017 } },
    ];
    expect(grantedFarmSpecificNorms(events, 2017)).toEqual([
      { eventId: 'g1', registrationId: 'beet', year: 2017, measure: 'p-low-phosphate-high-yield', crop: 'sugar-beet', extraNKgHa: '0', extraP2o5KgHa: '5', areaHa: 20 },
      { eventId: 'g2', registrationId: 'old', year: 2017, measure: 'row-fertilisation-maize', crop: 'maize', extraNKgHa: '25', extraP2o5KgHa: '0' },
    ]);
  });
});
