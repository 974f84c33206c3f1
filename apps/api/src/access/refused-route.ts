import { FARM_ID_PATTERN, type FarmDataReadOf, type FarmDataResource } from '@asb/domain';

/** A farm-scoped route's refused attempt: on which farm, what was attempted and what of the farm's data it was after. */
export type RefusedRoute = Readonly<{ farmId: string; action: string; of: Partial<FarmDataReadOf> }>;

/**
 * What each farm-scoped route is about, for a refusal the route gives before its handler names it (D69):
 * the first pattern matching the route's path wins. A change to a farm's data is `submit` (data), `decide`
 * (a calculator's decision) or `manage` (everything else, as `FarmAccessService` names them).
 */
const ROUTE_RESOURCES: ReadonlyArray<readonly [RegExp, FarmDataResource, 'submit' | 'decide' | 'manage']> = [
  [/\/explain\//, 'explanation', 'manage'],
  [/\/access-log$/, 'access-log', 'manage'],
  [/\/authorisations(\/|$)/, 'authorisations', 'manage'],
  [/\/submissions(\/|$)/, 'submissions', 'submit'],
  [/\/findings(\/|$)/, 'findings', 'decide'],
  [/\/balance$/, 'balance', 'submit'],
  [/\/scores\//, 'scores', 'decide'],
  [/\/levies\//, 'levy', 'manage'],
  [/\/equivalent-measures(\/|$)/, 'equivalent-measures', 'manage'],
  [/\/decisions\//, 'decision-document', 'manage'],
  [/\/(advance|settlement)$/, 'payments', 'manage'],
  [/^\/?schemes\//, 'application', 'manage'],
  [/\/history$/, 'history', 'manage'],
  [/\/as-of$/, 'timeline', 'manage'],
  [/\/difference$/, 'difference', 'manage'],
  [/\/years$/, 'years', 'manage'],
  [/^\/?farms\/:farmId$/, 'farm', 'manage'],
];

const SAFE_ID = /^[A-Za-z0-9-]{1,63}$/;

/**
 * The refused attempt of a request on a farm-scoped route, or null when the route names no farm (or a
 * farm id that cannot be one). Path parameters are the client's raw text: only well-formed ones are kept.
 */
export const refusedRouteOf = (method: string, routePath: string | undefined, params: Record<string, unknown> | undefined): RefusedRoute | null => {
  const farmId = params?.farmId;
  if (typeof farmId !== 'string' || !FARM_ID_PATTERN.test(farmId) || !routePath) return null;
  const match = ROUTE_RESOURCES.find(([pattern]) => pattern.test(routePath));
  const read = method === 'GET' || method === 'HEAD';
  const { year, scheme, levyId } = params ?? {};
  const of: Partial<FarmDataReadOf> = {
    ...(match ? { resource: match[1] } : {}),
    ...(typeof year === 'string' && /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100 ? { year: Number(year) } : {}),
    ...(typeof scheme === 'string' && SAFE_ID.test(scheme) ? { scheme } : {}),
    ...(typeof levyId === 'string' && SAFE_ID.test(levyId) ? { levyId } : {}),
  };
  return { farmId, action: read ? 'read' : (match?.[2] ?? 'manage'), of };
};
