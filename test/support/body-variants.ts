import { demoFarm, klwSubmission, processorSubmission } from '../../apps/api/src/demo/demo-fixtures';
import { RegisterFarmDto } from '../../apps/api/src/farms/dto/register-farm.dto';
import { BulkSubmissionsDto } from '../../apps/api/src/submissions/dto/bulk-submissions.dto';
import { SubmitBalanceDataDto } from '../../apps/api/src/submissions/dto/submit-balance-data.dto';

/** Bodies of the API's largest DTOs and their one-change variants: what the validation plans (D79) and the kept transform metadata (D84) are compared with the libraries on. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every body one change away from a valid one: each field removed, or given another kind of value, and an unknown field at each level. */
export const mutations = (body: Json): Json[] => {
  const out: Json[] = [];
  const visit = (node: Json, rebuild: (replacement: Json | undefined) => Json) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        for (const other of [undefined, null, 'x', -1, 1.5, {}, [], true]) out.push(rebuild(node.map((v, j) => (j === i ? other : v)).filter((v) => v !== undefined) as Json[]));
        visit(item, (r) => rebuild(node.map((v, j) => (j === i ? r : v)).filter((v) => v !== undefined) as Json[]));
      });
      return;
    }
    out.push(rebuild({ ...node, unexpected: 1 }));
    for (const key of Object.keys(node)) {
      const without = (r: Json | undefined) => {
        const copy = { ...node } as Record<string, Json>;
        if (r === undefined) delete copy[key];
        else copy[key] = r;
        return copy;
      };
      for (const other of [undefined, null, 'x', '', -1, 0, 1.5, 1e300, {}, [], [1], true]) out.push(rebuild(without(other)));
      visit(node[key], (r) => rebuild(without(r)));
    }
  };
  visit(body, (r) => r ?? null);
  return out;
};


export const samples: Array<[string, new () => object, Json]> = [
  ['a KLW submission', SubmitBalanceDataDto, klwSubmission('s-1', 900_000, 300_000) as unknown as Json],
  ['a processor submission', SubmitBalanceDataDto, processorSubmission('s-2', 900_000) as unknown as Json],
  ['a farm registration', RegisterFarmDto, demoFarm() as unknown as Json],
  ['a bulk intake', BulkSubmissionsDto, { items: [{ farmId: 'nl-drenthe-0001', year: 2025, ...klwSubmission('s-3', 1, 2) }, { farmId: 'nl-drenthe-0002', year: 2025, ...processorSubmission('s-4', 5) }] } as unknown as Json],
];

