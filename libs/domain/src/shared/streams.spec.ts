import { streamKindOf, streams } from './streams';

describe('stream names', () => {
  it('reads back the kind of every name streams gives', () => {
    expect(streamKindOf(streams.farm('nl-0001'))).toBe('farm');
    expect(streamKindOf(streams.accessDenials('nl-0001'))).toBe('accessDenials');
    expect(streamKindOf(streams.dataReads('nl-0001'))).toBe('dataReads');
    // `farm-` + a farm id never reads as another kind: the read log's prefix does not start with `farm-`.
    expect(streamKindOf(streams.farm('data-reads-x'))).toBe('farm');
    expect(streamKindOf(streams.score('drenthe-2025', 'nl-0001', 2025))).toBe('score');
    expect(streamKindOf(streams.application('drenthe-2025', 'nl-0001'))).toBe('application');
    expect(streamKindOf(streams.schemeBudget('drenthe-2025'))).toBe('schemeBudget');
    expect(streamKindOf(streams.levy('minas-2003', 'nl-0001', 2025))).toBe('levy');
    expect(streamKindOf(streams.findings('nl-0001', 2025))).toBe('findings');
    expect(streamKindOf(streams.equivalentMeasures('nl-0001'))).toBe('equivalentMeasures');
  });

  it('names no kind for a stream it never gives', () => {
    expect(streamKindOf('what-if-123')).toBeNull();
  });
});
