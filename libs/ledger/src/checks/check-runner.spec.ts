import type { StoredEvent } from '@asb/event-store';
import type { FarmYearsQuery, ManureLinksQuery } from '@asb/projections';
import { newEvent } from '../../../../test/support/new-event';
import type { Clock } from '../clock/clock';
import type { CommandService } from '../command-handling/command-service';
import type { FarmDataReader } from '../farm-data/farm-data.reader';
import type { NormSetService } from '../norms';
import { CheckRunner } from './check-runner';

/** The reconciles a batch asks for, with their causes; the checks themselves are tested in the domain. */
class RecordingCheckRunner extends CheckRunner {
  readonly reconciled: string[] = [];
  override async reconcile(farmId: string, year: number, cause: StoredEvent, rules?: { parameters: unknown; tolerances: unknown }): Promise<void> {
    this.reconciled.push(`${farmId}/${year} by ${cause.id}${rules ? ` under ${JSON.stringify(rules)}` : ''}`);
  }
}

const at = (position: number, event: ReturnType<typeof newEvent>): StoredEvent => ({ ...event, id: `e${position}`, position, revision: 0, streamId: `s${position}` }) as unknown as StoredEvent;

describe('the checks reactor on a delivered batch (D72)', () => {
  const observed: StoredEvent[][] = [];
  const lookups: string[] = [];
  const runner = <R extends CheckRunner = RecordingCheckRunner>(Kind: new (...args: ConstructorParameters<typeof CheckRunner>) => R = RecordingCheckRunner as never): R => {
    observed.length = 0;
    lookups.length = 0;
    const look = (name: string) => async (year: number) => {
      lookups.push(`${name} ${year}`);
      return `${name} of ${year}`;
    };
    const normSets = { balanceParameters: look('parameters'), checkTolerances: look('tolerances') } as unknown as NormSetService;
    const commands = { observe: (events: readonly StoredEvent[]) => void observed.push([...events]) } as unknown as CommandService;
    // nl-2 takes manure from nl-1 in 2025; nl-1 has data for 2024 and 2025.
    const manureLinks = { counterparts: async (farmId: string, year: number) => (farmId === 'nl-1' && year === 2025 ? ['nl-2'] : []) } as unknown as ManureLinksQuery;
    const farmYears = { ofFarm: async (farmId: string) => (farmId === 'nl-1' ? [{ year: 2024 }, { year: 2025 }] : []) } as unknown as FarmYearsQuery;
    return new Kind(commands, {} as FarmDataReader, manureLinks, farmYears, {} as Clock, normSets);
  };
  const batch = [
    at(1, newEvent('BalanceDataSubmitted', { farmId: 'nl-1', year: 2025, flows: [] })),
    at(2, newEvent('FarmRegistered', { farmId: 'nl-3' })), // not a trigger
    at(3, newEvent('BalanceDataSubmitted', { farmId: 'nl-3', year: 2025, flows: [] })),
    at(4, newEvent('BalanceDataCorrected', { farmId: 'nl-1', year: 2025, flows: [] })),
    at(5, newEvent('FarmDetailsCorrected', { farmId: 'nl-1' })), // every year of the farm
  ];

  it('reconciles each affected farm-year once, under the last event of the batch that touches it', async () => {
    const checks = runner();
    await checks.onBatch(batch);
    const under = (year: number) => ` under {"parameters":"parameters of ${year}","tolerances":"tolerances of ${year}"}`;
    expect(checks.reconciled.sort()).toEqual([`nl-1/2024 by e5${under(2024)}`, `nl-1/2025 by e5${under(2025)}`, `nl-2/2025 by e5${under(2025)}`, `nl-3/2025 by e3${under(2025)}`]);
    expect(observed).toEqual([batch]); // the folds held move on with the batch before any reconcile reads
    // The norm sets in force are looked up once per year of the batch, not per farm-year (D72, second step).
    expect(lookups.sort()).toEqual(['parameters 2024', 'parameters 2025', 'tolerances 2024', 'tolerances 2025']);
    await checks.onBatch(batch.slice(0, 1));
    expect(lookups.slice(4).sort()).toEqual(['parameters 2025', 'tolerances 2025']); // and again for the next batch
  });

  it('event by event, reconciles each farm-year each event touches', async () => {
    const checks = runner();
    for (const event of batch) await checks.onEvent(event);
    // Each reconcile looks the norm sets up itself.
    expect(checks.reconciled).toEqual(['nl-1/2025 by e1', 'nl-2/2025 by e1', 'nl-3/2025 by e3', 'nl-1/2025 by e4', 'nl-2/2025 by e4', 'nl-1/2024 by e5', 'nl-1/2025 by e5', 'nl-2/2025 by e5']);
  });

  it('a batch that fails ends with no reconcile still running: a retry of the batch does not race the reconciles of the try before', async () => {
    let running = 0;
    class FailingCheckRunner extends CheckRunner {
      override async reconcile(farmId: string): Promise<void> {
        if (farmId === 'nl-3') throw new Error('busy');
        running++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
      }
    }
    await expect(runner(FailingCheckRunner).onBatch(batch)).rejects.toThrow('busy');
    expect(running).toBe(0);
  });
});
