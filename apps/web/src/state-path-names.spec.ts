import { statePathInWords } from './state-path-names';

describe('a changed value of a farm in words', () => {
  it('names the parts of the path and the records by their id', () => {
    expect(statePathInWords('balances[2025].n.inputsKg.concentrates', 'nl', [{ concentrates: { nl: 'Krachtvoer', en: 'Concentrates' } }])).toBe('Balans 2025 › stikstof › aanvoer (kg) › Krachtvoer');
    expect(statePathInWords('balances[2025].n.inputsKg.concentrates', 'en')).toBe('Balance 2025 › nitrogen › inputs (kg) › concentrates');
    expect(statePathInWords('scores[score-drenthe-2025-nl-drenthe-0001-2025].status', 'nl', [], 'nl-drenthe-0001')).toBe('Score drenthe-2025 · 2025 › status');
  });

  it('leaves an unknown part as it is', () => {
    expect(statePathInWords('farm.somethingNew', 'nl')).toBe('Bedrijf › somethingNew');
  });
});
