/**
 * class-transformer's metadata storage, the one `plainToInstance` (the ValidationPipe's transform) asks:
 * for every object of a body it rebuilds the class's exposed and excluded metadata (`Array.from`, `filter`,
 * `concat` over the class and its ancestors), and for every key of it `findExposeMetadataByCustomName`
 * rebuilds the exposed list again and `findTransformMetadatas` makes four arrays. 5 % of the request thread's
 * busy time was class-transformer at 64 connections, a third of it in these lookups (D84).
 *
 * A class's metadata is complete once the class is defined (its decorators run then, and an ancestor is
 * defined before its subclass), before any body can be transformed into it; so each lookup's answer is kept
 * per class, and the answers are the library's own arrays, which its callers only read (`find`, `filter`,
 * `map`, `concat`). Keys a body brings are not kept: a name without transform metadata on the class or its
 * ancestors answers an empty list without a lookup, so a hostile body's keys cannot grow what is kept.
 * Installed once per process (TRANSFORM_METADATA_KEPT=off leaves the library's own code, to measure against).
 */
type Meta = { propertyName?: string; options?: unknown };
type Storage = {
  getExposedMetadatas(target: Function): Meta[];
  getExcludedMetadatas(target: Function): Meta[];
  getExposedProperties(target: Function, transformationType: number): string[];
  getExcludedProperties(target: Function, transformationType: number): string[];
  findTransformMetadatas(target: Function, propertyName: string, transformationType: number): Meta[];
  getAncestors(target: Function): Function[];
  _transformMetadatas: Map<Function, Map<string, Meta[]>>;
  asbKept?: true;
};

// The storage every copy of the ValidationPipe's class-transformer uses (a module singleton of the package).
const storage = (): Storage => require('class-transformer/cjs/storage').defaultMetadataStorage as Storage;

const NONE: readonly Meta[] = Object.freeze([]);

export const keepTransformMetadata = (): void => {
  const s = storage();
  if (s.asbKept) return;
  const byClass = <T>(lookup: (target: Function) => T) => {
    const kept = new WeakMap<Function, T>();
    return (target: Function): T => {
      if (!target) return lookup(target);
      let found = kept.get(target);
      if (found === undefined) kept.set(target, (found = lookup(target)));
      return found;
    };
  };
  const byClassAnd = <T>(lookup: (target: Function, key: string | number) => T) => {
    const kept = new WeakMap<Function, Map<string | number, T>>();
    return (target: Function, key: string | number): T => {
      if (!target) return lookup(target, key);
      let byKey = kept.get(target);
      if (!byKey) kept.set(target, (byKey = new Map()));
      let found = byKey.get(key);
      if (found === undefined) byKey.set(key, (found = lookup(target, key)));
      return found;
    };
  };
  const exposed = s.getExposedMetadatas.bind(s);
  const excluded = s.getExcludedMetadatas.bind(s);
  const exposedProperties = s.getExposedProperties.bind(s);
  const excludedProperties = s.getExcludedProperties.bind(s);
  const transforms = s.findTransformMetadatas.bind(s);
  s.getExposedMetadatas = byClass(exposed);
  s.getExcludedMetadatas = byClass(excluded);
  s.getExposedProperties = byClassAnd((target, type) => exposedProperties(target, type as number));
  s.getExcludedProperties = byClassAnd((target, type) => excludedProperties(target, type as number));
  // Names with transform metadata on the class or an ancestor: only their answers are kept.
  const transformed = byClass((target) => new Set([target, ...s.getAncestors(target)].flatMap((c) => [...(s._transformMetadatas.get(c)?.keys() ?? [])])));
  const keptTransforms = byClassAnd((target, key) => {
    const [type, ...name] = String(key).split('\u0000');
    return transforms(target, name.join('\u0000'), Number(type));
  });
  s.findTransformMetadatas = (target, propertyName, transformationType) => {
    if (!target || typeof propertyName !== 'string') return transforms(target, propertyName, transformationType);
    if (!transformed(target).has(propertyName)) return NONE as Meta[];
    return keptTransforms(target, `${transformationType}\u0000${propertyName}`);
  };
  s.asbKept = true;
};
