/**
 * The named path (D51: `kpis[nSoilSurplus].landUses.grassland.tiers[2].threshold`) of a parameter the
 * page found by walking the document (an index path, `kpis.9.landUses.grassland.tiers.1.threshold`):
 * list entries with an id by their id, other entries by their number from 1, as tiers are numbered in
 * the regulations. The what-if API refuses bare indices; the same rule as the domain's `nameOfPath`,
 * repeated here because the web application does not bundle the domain library.
 */
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const namedPathOf = (parameters: unknown, indexPath: string): string => {
  const out: string[] = [];
  let node: unknown = parameters;
  for (const segment of indexPath.split('.')) {
    if (Array.isArray(node) && /^\d+$/.test(segment) && out.length > 0) {
      const list: unknown[] = node;
      const entry = list[Number(segment)];
      const withIds = list.some((e) => isRecord(e) && typeof e.id === 'string');
      out[out.length - 1] += `[${withIds && isRecord(entry) && typeof entry.id === 'string' ? entry.id : Number(segment) + 1}]`;
      node = entry;
      continue;
    }
    out.push(segment);
    node = isRecord(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
  }
  return out.join('.');
};

/** The index path a named path addresses in `parameters` (to show it with the page's names); null when it addresses nothing. */
export const indexPathOf = (parameters: unknown, namedPath: string): string | null => {
  const out: string[] = [];
  let node: unknown = parameters;
  for (const part of namedPath.split('.')) {
    const m = /^([A-Za-z0-9_-]+)(?:\[([A-Za-z0-9_-]+)\])?$/.exec(part);
    if (!m || !isRecord(node) || !Object.hasOwn(node, m[1]!)) return null;
    out.push(m[1]!);
    node = node[m[1]!];
    if (m[2] === undefined) continue;
    if (!Array.isArray(node)) return null;
    const list: unknown[] = node;
    const withIds = list.some((e) => isRecord(e) && typeof e.id === 'string');
    const index = withIds ? list.findIndex((e) => isRecord(e) && e.id === m[2]) : /^[1-9]\d*$/.test(m[2]) ? Number(m[2]) - 1 : -1;
    if (index < 0 || index >= list.length) return null;
    out.push(String(index));
    node = list[index];
  }
  return out.join('.');
};
