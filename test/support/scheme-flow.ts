import type { TestApp } from './test-app';
import { authorisation } from './farm-fixtures';

/** Indicator values as the examples nest them, as a submission's list of dotted keys. */
export const indicatorList = (nested: Record<string, unknown>) =>
  Object.entries(nested).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? Object.entries(value as Record<string, number>).map(([part, v]) => ({ key: `${key}.${part}`, value: v, quality: 'calculated' }))
      : [{ key, value, quality: 'calculated' }],
  );

export type SchemeCase = {
  farmId: string;
  year: number;
  landUse: { grasslandHa: number; maizeHa: number; arableHa: number };
  peatSharePct: number;
  indicators: Record<string, unknown>;
};

/** Registers a farm, authorises WUR for the four sources of art. 6 and submits its KLW indicators. */
export const prepareFarm = async (t: TestApp, c: SchemeCase, farmer = `boer-${c.farmId}`) => {
  const farmerToken = t.token(farmer, 'farmer');
  await t.http().post('/farms').set('authorization', farmerToken).send({ farmId: c.farmId, province: 'Drenthe', landUse: c.landUse, soilTypes: ['sand'], peatSharePct: c.peatSharePct, livestockUnits: 100 }).expect(201);
  await t.http().post(`/farms/${c.farmId}/authorisations`).set('authorization', farmerToken).send(authorisation('machtiging-wur', 'wur', 'calculator', ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'])).expect(201);
  await t.http()
    .post(`/farms/${c.farmId}/years/${c.year}/submissions`)
    .set('authorization', t.token('wur', 'calculator'))
    .send({ submissionId: `klw-${c.year}`, source: 'klw', model: 'KringloopWijzer', modelVersion: '2025.01', sourceDocumentId: `KLW-${c.farmId}-${c.year}`, scheme: 'drenthe-2025', landUse: c.landUse, indicators: indicatorList(c.indicators) })
    .expect(201);
  return farmerToken;
};

/** calculate → present → approve → forward; returns the calculated score document. */
export const scoreAndForward = async (t: TestApp, farmId: string, year: number, farmerToken: string) => {
  const wur = t.token('wur', 'calculator');
  const base = `/farms/${farmId}/years/${year}/scores/drenthe-2025`;
  const calculated = await t.http().post(`${base}/calculation`).set('authorization', wur).send({}).expect(200);
  const scoreVersion = calculated.body.score.scoreVersion;
  await t.http().post(`${base}/presentation`).set('authorization', wur).send({ scoreVersion }).expect(200);
  await t.http().post(`${base}/approval`).set('authorization', farmerToken).send({ scoreVersion }).expect(200);
  await t.http().post(`${base}/forwarding`).set('authorization', wur).send({ scoreVersion }).expect(200);
  return calculated.body.score;
};
