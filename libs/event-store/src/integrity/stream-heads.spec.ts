import fc from 'fast-check';
import { rootOf } from './merkle';
import { streamHeadLeaf, StreamHeads } from './stream-heads';
import { streamHeadIsCommitted } from './log-proofs';

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
