import { soilClassOf } from './soil-classes';

describe('soil classes of the what-if breakdown', () => {
  it('reads regional sands as sand, and Dutch names as the English class', () => {
    expect(soilClassOf(['northern-sand'])).toBe('sand');
    expect(soilClassOf(['zand', 'central-sand'])).toBe('sand');
    expect(soilClassOf(['veen'])).toBe('peat');
    expect(soilClassOf(['Klei'])).toBe('clay');
  });

  it('calls a farm on several classes mixed, and one without soil types unknown', () => {
    expect(soilClassOf(['sand', 'peat'])).toBe('mixed soils');
    expect(soilClassOf([])).toBe('soil unknown');
    expect(soilClassOf(undefined)).toBe('soil unknown');
    expect(soilClassOf(['rock'])).toBe('other soil');
  });
});
