import { getMetadataStorage } from 'class-validator';

type Lookup = ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas'];
type Metadata = ReturnType<Lookup>;

/**
 * class-validator looks up a class's rules for every object it validates by walking every class it
 * knows (to find ancestors) — for a submission with its flows and indicators, dozens of walks per
 * request: 3 % of the request thread on its own (issue 18). The rules of a class are fixed once the
 * class is defined (decorators run then, before any instance can be validated), so the lookup is
 * kept per class and options. Installed once per process; idempotent.
 */
export const cacheValidationMetadata = (): void => {
  const storage = getMetadataStorage() as ReturnType<typeof getMetadataStorage> & { asbCached?: true };
  if (storage.asbCached) return;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const kept = new WeakMap<Function, Map<string, Metadata>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = kept.get(target);
    if (!byOptions) kept.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.asbCached = true;
};
