import { InMemoryEventStore } from '../memory/in-memory-event-store';
import { InMemoryKeyStore, PersonalDataCipher } from './personal-data-cipher';
import { verifyLog } from '../integrity/verifier';
import { storeVerifySource } from '../integrity/store-verify-source';
import { newEvent } from '../../../../test/support/new-event';

describe('personal data in an erasable, encrypted part of the envelope', () => {
  it('reads back while the key exists and stays verifiable after the key is destroyed', async () => {
    const keys = new InMemoryKeyStore();
    const cipher = new PersonalDataCipher(keys);
    const store = new InMemoryEventStore();
    const personal = cipher.seal('farm-1', { name: 'J. de Boer', iban: 'NL91ABNA0417164300' });
    await store.append('farm-1', [newEvent('FarmRegistered', { province: 'Drenthe' }, { personal })], 'no_stream');
    const [event] = await store.readStream('farm-1');
    expect(JSON.stringify(event)).not.toContain('de Boer');
    expect(cipher.open(event.personal!)).toEqual({ name: 'J. de Boer', iban: 'NL91ABNA0417164300' });

    keys.destroy('farm-1');
    expect(cipher.open(event.personal!)).toEqual({ erased: true, keyId: 'farm-1' });
    expect((await verifyLog(storeVerifySource(store))).ok).toBe(true);
  });
});
