import { drenthe2025NormSet, streams } from '@asb/domain';
import { UpcasterRegistry } from '@asb/event-store';
import { InMemoryEventStore } from '@asb/event-store/memory/in-memory-event-store';
import { AuthorisationHandler } from '../authorisations';
import { FarmHandler } from '../farms';
import { NormSetHandler } from '../norms';
import { CommandService } from './command-service';

const now = '2025-03-01T10:00:00.000Z';
const ctx = (commandId: string) => ({ commandId, actor: { id: 'boer', role: 'farmer' as const }, now });
const landUse = { grasslandHa: 40, maizeHa: 10, arableHa: 0 };

describe('a decider bound to its stream (DeciderHandler)', () => {
  const setup = () => {
    const store = new InMemoryEventStore();
    return { store, commands: new CommandService(store, new UpcasterRegistry([])) };
  };

  it('appends a command on the stream its binding reads from the command, and decides on that stream', async () => {
    const { store, commands } = setup();
    const farms = new FarmHandler(commands);
    const registered = await farms.execute({ type: 'RegisterFarm', data: { farmId: 'nl-0001', farmerId: 'boer', province: 'Drenthe', landUse, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100, now } }, ctx('reg'));
    expect(registered.streamId).toBe(streams.farm('nl-0001'));
    expect((await store.readStream(streams.farm('nl-0001'))).map((e) => e.type)).toEqual(['FarmRegistered']);
    // The second registration is decided on the state of that same stream: refused.
    await expect(farms.execute({ type: 'RegisterFarm', data: { farmId: 'nl-0001', farmerId: 'boer', province: 'Drenthe', landUse, soilTypes: ['sand'], peatSharePct: 0, livestockUnits: 100, now } }, ctx('reg-again'))).rejects.toMatchObject({ code: expect.any(String) });
  });

  it('names a norm set stream from the published document, and from the id for an amendment or withdrawal', () => {
    const { commands } = setup();
    const { binding } = new NormSetHandler(commands);
    expect(binding.streamId({ type: 'PublishNormSet', data: { document: drenthe2025NormSet, actorId: 'asb-ledger', now } })).toBe(streams.normSet(drenthe2025NormSet.normSetId));
    expect(binding.streamId({ type: 'WithdrawNormSet', data: { normSetId: 'drenthe-2025', reason: 'r', authority: 'a', now } })).toBe(streams.normSet('drenthe-2025'));
  });

  it('keeps each aggregate on its own stream', () => {
    const { commands } = setup();
    const { binding } = new AuthorisationHandler(commands);
    expect(binding.streamId({ type: 'ExpireAuthorisations', data: { farmId: 'nl-0001', now } })).toBe(streams.authorisations('nl-0001'));
  });
});
