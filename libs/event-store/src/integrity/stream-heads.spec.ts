import fc from 'fast-check';
import { rootOf } from './merkle';
import { streamHeadLeaf, StreamHeads } from './stream-heads';
import { streamHeadIsCommitted } from './log-proofs';
import { countTurns } from '../../../../test/support/turn-counter';

describe('stream heads committed as a sorted Merkle tree', () => {
  it('gives the root of the heads sorted by stream id, whatever order streams appeared and moved in, and proves each head', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,8}$/), fc.nat(50)), { minLength: 1, maxLength: 60 }), (moves) => {
        const heads = new StreamHeads();
        const last = new Map<string, number>();
        moves.forEach(([id, revision], i) => {
          heads.set(id, revision, i.toString(16).padStart(64, '0'));
          last.set(id, i);
          if (i % 7 === 0) heads.root(); // builds in between must not disturb later ones
        });
        const sorted = [...last.keys()].sort();
        const expected = rootOf(sorted.map((id) => streamHeadLeaf(heads.get(id)!))).toString('hex');
        expect(heads.root()).toBe(expected);
        for (const id of sorted) expect(streamHeadIsCommitted(heads.proof(id)!, { streams: { count: sorted.length, rootHash: expected } })).toBe(true);
        expect(heads.proof('not-a-stream!')).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('updated in place, gives at every build the root and proofs of the heads built afresh, and the same as with inPlace off', () => {
    const id = fc.stringMatching(/^[a-z0-9-]{1,4}$/);
    // Rounds of moves between builds: many heads moved, few streams added, or none at all.
    const round = fc.array(fc.tuple(id, fc.nat(50)), { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(round, { minLength: 1, maxLength: 12 }), (rounds) => {
        const inPlace = new StreamHeads();
        const rebuilt = new StreamHeads({ inPlace: false });
        let n = 0;
        for (const moves of rounds) {
          for (const [streamId, revision] of moves) {
            const hash = (n++).toString(16).padStart(64, '0');
            inPlace.set(streamId, revision, hash);
            rebuilt.set(streamId, revision, hash);
          }
          const sorted = [...new Set(rounds.flat().map(([s]) => s))].filter((s) => inPlace.get(s)).sort();
          const fresh = new StreamHeads();
          for (const s of sorted) fresh.set(s, inPlace.get(s)!.revision, inPlace.get(s)!.hash);
          const expected = sorted.length ? rootOf(sorted.map((s) => streamHeadLeaf(inPlace.get(s)!))).toString('hex') : fresh.root();
          expect(inPlace.root()).toBe(expected);
          expect(rebuilt.root()).toBe(expected);
          for (const s of sorted) expect(inPlace.proof(s)).toEqual(fresh.proof(s));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('settled with turns of the event loop, gives the root and proofs of a build at once, also when heads move while it is paused (D78)', async () => {
    const id = fc.stringMatching(/^[a-z0-9-]{1,4}$/);
    const round = fc.array(fc.tuple(id, fc.nat(50)), { maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(round, round), { minLength: 1, maxLength: 8 }), async (rounds) => {
        const settled = new StreamHeads({ inPlace: true, step: 3 }); // pauses every few hashes
        const atOnce = new StreamHeads();
        let n = 0;
        const set = (moves: Array<[string, number]>) => {
          for (const [streamId, revision] of moves) {
            const hash = (n++).toString(16).padStart(64, '0');
            settled.set(streamId, revision, hash);
            atOnce.set(streamId, revision, hash);
          }
        };
        for (const [before, during] of rounds) {
          set(before);
          const settling = settled.settle();
          set(during); // heads that move while a build is paused: it is finished first, on the heads it started from
          await settling;
          const ids = [...new Set(rounds.flat(2).map(([s]) => s))].filter((s) => atOnce.get(s)).sort();
          expect(settled.root()).toBe(atOnce.root());
          for (const s of ids) expect(settled.proof(s)).toEqual(atOnce.proof(s));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('settling 20,000 streams with new ones near the start hands the event loop back, and gives the root of a fresh build', async () => {
    const heads = new StreamHeads();
    const hash = (i: number) => i.toString(16).padStart(64, '0');
    for (let i = 0; i < 20_000; i++) heads.set(`farm-${String(i).padStart(5, '0')}`, 0, hash(i));
    heads.root();
    // New streams sorted near the start shift every leaf after them; 3,000 heads move as well.
    for (let i = 0; i < 20; i++) heads.set(`farm-0000${i}-new`, 0, hash(100_000 + i));
    for (let i = 0; i < 3_000; i++) heads.set(`farm-${String(i * 6).padStart(5, '0')}`, 1, hash(200_000 + i));
    const other = countTurns();
    await heads.settle();
    const turns = other.stop();
    // About 20,000 leaves appended again and 3,000 replaced, a turn every 2,048 or so.
    expect(turns).toBeGreaterThanOrEqual(8);
    const fresh = new StreamHeads();
    for (let i = 0; i < 20_000; i++) {
      const streamId = `farm-${String(i).padStart(5, '0')}`;
      fresh.set(streamId, heads.get(streamId)!.revision, heads.get(streamId)!.hash);
    }
    for (let i = 0; i < 20; i++) fresh.set(`farm-0000${i}-new`, 0, hash(100_000 + i));
    expect(heads.root()).toBe(fresh.root());
    expect(heads.proof('farm-12345')).toEqual(fresh.proof('farm-12345'));
  });

  it('a proof for one head does not prove another revision or hash', () => {
    const heads = new StreamHeads();
    ['a', 'b', 'c'].forEach((id, i) => heads.set(id, i, String(i).repeat(64)));
    const proof = heads.proof('b')!;
    const checkpoint = { streams: { count: 3, rootHash: heads.root() } };
    expect(streamHeadIsCommitted(proof, checkpoint)).toBe(true);
    expect(streamHeadIsCommitted({ ...proof, head: { ...proof.head, revision: 0 } }, checkpoint)).toBe(false);
    expect(streamHeadIsCommitted({ ...proof, head: { ...proof.head, hash: '9'.repeat(64) } }, checkpoint)).toBe(false);
  });
});
