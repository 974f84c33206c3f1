import { canonicalJson } from '../canonical-json';
import { leafHash, UpdatableMerkleTree, type Hash } from './merkle';

/** Where a stream stood at a checkpoint: its last revision and that event's hash. */
export type StreamHead = Readonly<{ streamId: string; revision: number; hash: string }>;

/** The leaf of one stream in the stream-heads tree: its head in canonical JSON. */
export const streamHeadLeaf = (head: StreamHead): Hash =>
  leafHash(Buffer.from(canonicalJson({ hash: head.hash, revision: head.revision, streamId: head.streamId }), 'utf8'));

/** About how many hashes the stream-heads tree takes between two turns of the event loop in `settle` (D78). */
const STEP = 1024;

const byStreamId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The head of every stream, committed as a Merkle tree over the heads sorted by stream id. A
 * checkpoint signs its root, so a bundle can prove a stream complete up to the checkpoint: the
 * stream's last event is the committed head, and the hash chain vouches for everything before it.
 */
export class StreamHeads {
  /** `index`: the stream's place among the sorted ids as of the last build (-1 until then). */
  private readonly heads = new Map<string, { revision: number; hash: string; leaf: Hash | null; index: number }>();
  /** Stream ids in order; streams that appeared since are merged in at the next build (no full re-sort). */
  private ids: string[] = [];
  private added: string[] = [];
  /** Streams already placed whose heads moved since the last build. */
  private moved: string[] = [];
  private readonly tree = new UpdatableMerkleTree();

  /**
   * `inPlace: false` (STREAM_HEADS_IN_PLACE=off) builds the whole tree again whenever a head moved, as before D72's
   * second step. `step`: hashes between two pauses of `settle` (STEP; tests pause more often).
   */
  constructor(private readonly options: Readonly<{ inPlace: boolean; step?: number }> = { inPlace: true }) {}

  get count(): number {
    return this.heads.size;
  }

  set(streamId: string, revision: number, hash: string): void {
    if (this.building) this.built(); // a paused build works from the heads as they were
    const head = this.heads.get(streamId);
    if (!head) {
      this.added.push(streamId);
      this.heads.set(streamId, { revision, hash, leaf: null, index: -1 });
      return;
    }
    if (head.leaf && head.index >= 0) this.moved.push(streamId);
    head.revision = revision;
    head.hash = hash;
    head.leaf = null;
  }

  get(streamId: string): StreamHead | null {
    const head = this.heads.get(streamId);
    return head ? { streamId, revision: head.revision, hash: head.hash } : null;
  }

  private leafOf(streamId: string) {
    const head = this.heads.get(streamId)!;
    head.leaf ??= streamHeadLeaf({ streamId, revision: head.revision, hash: head.hash });
    return head.leaf;
  }

  /**
   * Brings the tree to the heads: new streams are merged into the sorted ids and the tree is cut at the
   * first of them and appended again from there (the leaves after it moved one place or more); heads
   * that moved before that place are replaced in the tree, rehashing only the subtrees above them (D72,
   * second step). Each leaf is hashed only when its head moved. The root is that of a tree built afresh.
   *
   * A generator that pauses every STEP hashes or so (D78): `settle` runs it with a turn of the event loop
   * at each pause, `root` and `proof` run it through. A new stream shifts every leaf after it, so each
   * subtree to its right changes: a cut and re-append of tens of thousands of leaves cannot be avoided,
   * only spread out (120–180 ms at once with 60,000 streams).
   */
  private *build(): Generator<void, void, undefined> {
    const step = this.options.step ?? STEP;
    let from = this.ids.length; // the first place whose stream changed
    if (this.added.length) {
      const added = this.added.sort(byStreamId);
      const merged: string[] = [];
      let i = 0;
      let j = 0;
      while (i < this.ids.length || j < added.length) merged.push(j >= added.length || (i < this.ids.length && byStreamId(this.ids[i], added[j]) < 0) ? this.ids[i++] : added[j++]);
      from = merged.indexOf(added[0]);
      this.ids = merged;
      this.added = [];
    }
    // STREAM_HEADS_IN_PLACE=off: the whole tree again whenever a head moved, as before.
    if (!this.options.inPlace && (from < this.ids.length || this.moved.length)) from = 0;
    if (from < this.ids.length || this.moved.length) {
      this.tree.truncate(Math.min(from, this.tree.size));
      const indices: number[] = [];
      for (const streamId of this.moved) {
        const index = this.heads.get(streamId)!.index;
        if (index < this.tree.size) indices.push(index);
      }
      this.moved = [];
      indices.sort((a, b) => a - b);
      // In slices: a slice's subtrees are final once replaced, shared parents are hashed again by the next.
      // A slice of scattered leaves costs their own hashes and about eight above each (paths merge only near the top).
      const slice = Math.max(1, Math.floor(step / 8));
      for (let start = 0; start < indices.length; start += slice) {
        const moved = indices.slice(start, start + slice);
        this.tree.update(
          moved,
          moved.map((index) => this.leafOf(this.ids[index])),
        );
        yield;
      }
      for (let index = this.tree.size; index < this.ids.length; index++) {
        this.heads.get(this.ids[index])!.index = index;
        this.tree.append(this.leafOf(this.ids[index]));
        if (index % step === step - 1) yield;
      }
    }
  }

  /** The build under way, if one paused: every other use of the tree finishes it first. */
  private building: Generator<void, void, undefined> | null = null;

  private built() {
    const build = (this.building ??= this.build());
    while (!build.next().done);
    this.building = null;
    return { ids: this.ids, tree: this.tree };
  }

  /** Brings the tree to the heads with a turn of the event loop every STEP hashes (D78); `root` is then at once. */
  async settle(): Promise<void> {
    const build = (this.building ??= this.build());
    while (!build.next().done) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.building !== build) return; // finished meanwhile by a root or a set
    }
    this.building = null;
  }

  root(): string {
    return this.built().tree.root().toString('hex');
  }

  /** The head of a stream with its inclusion proof in the stream-heads tree, or null when the stream did not exist. */
  proof(streamId: string): StreamHeadProof | null {
    const { ids, tree } = this.built();
    let lo = 0;
    let hi = ids.length - 1;
    let index = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const order = byStreamId(ids[mid], streamId);
      if (order === 0) {
        index = mid;
        break;
      }
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    if (index < 0) return null;
    return { head: this.get(streamId)!, index, count: ids.length, path: tree.inclusionProof(index).map((h) => h.toString('hex')) };
  }
}

/** A stream's committed head: its leaf index among the sorted heads, and the path to the streams root. */
export type StreamHeadProof = Readonly<{ head: StreamHead; index: number; count: number; path: readonly string[] }>;
