import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { mutations, samples, type Json } from '../../../../../test/support/body-variants';
import { keepTransformMetadata } from './transform-metadata-cache';

/** An instance as a tree: every value, and the class of every object in it, so that a nested DTO made of another class differs. */
const tree = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(tree);
  if (value === null || typeof value !== 'object') return value === undefined ? '(undefined)' : value;
  return { class: value.constructor?.name ?? '(none)', keys: Object.keys(value), values: Object.entries(value).map(([k, v]) => [k, tree(v)]) };
};

// The library's own storage and its unpatched methods (its cjs files carry no types).
const { MetadataStorage } = require('class-transformer/cjs/MetadataStorage') as { MetadataStorage: { prototype: unknown } };
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: unknown };

const transformAll = () => samples.flatMap(([, dto, body]) => [body, ...mutations(body)].map((variant) => tree(plainToInstance(dto, variant, { enableImplicitConversion: false }))));

type Lookups = {
  getExposedMetadatas(t: Function): unknown;
  getExcludedMetadatas(t: Function): unknown;
  getExposedProperties(t: Function, type: number): unknown;
  getExcludedProperties(t: Function, type: number): unknown;
  findTransformMetadatas(t: Function, name: string, type: number): unknown;
  _typeMetadatas: Map<Function, Map<string, unknown>>;
  _exposeMetadatas: Map<Function, Map<string, unknown>>;
};

describe('class-transformer metadata kept per class (D84)', () => {
  it('makes exactly the instances the library makes, for valid bodies and thousands of one-change variants', () => {
    const library = transformAll();
    keepTransformMetadata();
    keepTransformMetadata(); // once per process, whoever asks
    const kept = transformAll();
    expect(library.length).toBeGreaterThan(1_000);
    expect(kept).toEqual(library);
  });

  it('answers every lookup as the library does, for every class with metadata, and keeps nothing for names a body brings', () => {
    keepTransformMetadata();
    const storage = defaultMetadataStorage as unknown as Lookups;
    const library = MetadataStorage.prototype as unknown as Lookups;
    const classes = [...new Set([...storage._typeMetadatas.keys(), ...storage._exposeMetadatas.keys(), ...samples.map(([, dto]) => dto)])];
    expect(classes.length).toBeGreaterThan(3); // the samples' DTOs and the nested ones they declare with @Type
    for (const target of classes) {
      const names = [...(storage._typeMetadatas.get(target)?.keys() ?? []), 'unexpected', '__proto__', 'constructor', 'a\u0000b'];
      expect(storage.getExposedMetadatas(target)).toEqual(library.getExposedMetadatas.call(storage, target));
      expect(storage.getExcludedMetadatas(target)).toEqual(library.getExcludedMetadatas.call(storage, target));
      for (const type of [0, 1, 2]) {
        expect(storage.getExposedProperties(target, type)).toEqual(library.getExposedProperties.call(storage, target, type));
        expect(storage.getExcludedProperties(target, type)).toEqual(library.getExcludedProperties.call(storage, target, type));
        for (const name of names) expect(storage.findTransformMetadatas(target, name, type)).toEqual(library.findTransformMetadatas.call(storage, target, name, type));
      }
    }
    // Kept: the same answer each time, where the library builds new arrays for every object and key.
    expect(storage.getExposedProperties(samples[0][1], 0)).toBe(storage.getExposedProperties(samples[0][1], 0));
    expect(library.getExposedProperties.call(storage, samples[0][1], 0)).not.toBe(library.getExposedProperties.call(storage, samples[0][1], 0));
    // A name the class has no transform for is answered with one shared empty list: nothing is kept for it.
    const [, dto] = samples[0];
    expect(storage.findTransformMetadatas(dto, 'k-1', 0)).toBe(storage.findTransformMetadatas(dto, 'k-2', 0));
  });

  it('still applies a @Transform a class declares, by the transformation it names', () => {
    keepTransformMetadata();
    // A class defined after the cache was installed: its metadata is complete before its first body.
    class Trimmed {
      @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value), { toClassOnly: true })
      name!: string;
      other!: string;
    }
    const body: Json = { name: '  x  ', other: '  y  ' };
    expect(plainToInstance(Trimmed, body)).toEqual(Object.assign(new Trimmed(), { name: 'x', other: '  y  ' }));
  });
});
