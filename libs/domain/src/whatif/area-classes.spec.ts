import { areaClassOf } from './area-classes';

describe('area classes (D52)', () => {
  it('classes areas coarsely', () => {
    expect([areaClassOf(null), areaClassOf(12), areaClassOf(30), areaClassOf(99.9), areaClassOf(250)]).toEqual(['area unknown', 'under 30 ha', '30 to 60 ha', '60 to 100 ha', '100 ha or more']);
  });
});
