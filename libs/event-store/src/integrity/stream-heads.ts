import { canonicalJson } from '../canonical-json';
import { leafHash, MerkleTree, type Hash } from './merkle';

/** Where a stream stood at a checkpoint: its last revision and that event's hash. */
export type StreamHead = Readonly<{ streamId: string; revision: number; hash: string }>;

/** The leaf of one stream in the stream-heads tree: its head in canonical JSON. */
export const streamHeadLeaf = (head: StreamHead): Hash =>
  leafHash(Buffer.from(canonicalJson({ hash: head.hash, revision: head.revision, streamId: head.streamId }), 'utf8'));

const byStreamId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The head of every stream, committed as a Merkle tree over the heads sorted by stream id. A
 * checkpoint signs its root, so a bundle can prove a stream complete up to the checkpoint: the
 * stream's last event is the committed head, and the hash chain vouches for everything before it.
 */
export class StreamHeads {
  private readonly heads = new Map<string, { revision: number; hash: string; leaf: Hash | null }>();
  /** Stream ids in order; streams that appeared since are merged in at the next build (no full re-sort). */
  private ids: string[] = [];
  private added: string[] = [];
  private tree: MerkleTree | null = null;

  get count(): number {
    return this.heads.size;
  }

  set(streamId: string, revision: number, hash: string): void {
    if (!this.heads.has(streamId)) this.added.push(streamId);
    this.heads.set(streamId, { revision, hash, leaf: null });
    this.tree = null;
  }

  get(streamId: string): StreamHead | null {
    const head = this.heads.get(streamId);
    return head ? { streamId, revision: head.revision, hash: head.hash } : null;
  }

  /** Leaf hashes are kept per stream: a checkpoint rehashes only the heads that moved, then the tree's nodes. */
  private build() {
    if (this.added.length) {
      const added = this.added.sort(byStreamId);
      const merged: string[] = [];
      let i = 0;
      let j = 0;
      while (i < this.ids.length || j < added.length) merged.push(j >= added.length || (i < this.ids.length && byStreamId(this.ids[i], added[j]) < 0) ? this.ids[i++] : added[j++]);
      this.ids = merged;
      this.added = [];
    }
    if (!this.tree) {
      this.tree = new MerkleTree(
        this.ids.map((streamId) => {
          const head = this.heads.get(streamId)!;
          head.leaf ??= streamHeadLeaf({ streamId, revision: head.revision, hash: head.hash });
          return head.leaf;
        }),
      );
    }
    return { ids: this.ids, tree: this.tree };
  }

  root(): string {
    return this.build().tree.root().toString('hex');
  }

  /** The head of a stream with its inclusion proof in the stream-heads tree, or null when the stream did not exist. */
  proof(streamId: string): StreamHeadProof | null {
    const { ids, tree } = this.build();
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
