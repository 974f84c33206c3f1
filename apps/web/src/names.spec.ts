import { FARM_DATA_RESOURCES } from '@asb/domain';
import { DECISION_NAMES, RESOURCE_NAMES } from './names';

/** The farmer's access log and money section name in words everything the API can answer (D64). */
describe('names of what was read and of decisions', () => {
  it('names every resource a FarmDataRead can record, in Dutch and English, and nothing else', () => {
    expect(Object.keys(RESOURCE_NAMES).sort()).toEqual([...FARM_DATA_RESOURCES].sort());
    for (const name of Object.values(RESOURCE_NAMES)) expect(name.nl && name.en).toBeTruthy();
  });

  it('names every kind of decision document', () => {
    expect(Object.keys(DECISION_NAMES).sort()).toEqual(['closure', 'grant', 'refusal', 'settlement', 'withdrawal']);
  });
});
