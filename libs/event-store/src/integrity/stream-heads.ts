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
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private cached: { ids: string[]; tree: MerkleTree } | null = null;

  get count(): number {
    return this.heads.size;
  }

  set(streamId: string, revision: number, hash: string): void {
    this.heads.set(streamId, { revision, hash });
    this.cached = null;
  }

  get(streamId: string): StreamHead | null {
    const head = this.heads.get(streamId);
    return head ? { streamId, ...head } : null;
  }

  private build() {
    if (!this.cached) {
      const ids = [...this.heads.keys()].sort(byStreamId);
      this.cached = { ids, tree: new MerkleTree(ids.map((streamId) => streamHeadLeaf({ streamId, ...this.heads.get(streamId)! }))) };
    }
    return this.cached;
  }

  root(): string {
    return this.build().tree.root().toString('hex');
  }

  /** The head of a stream with its inclusion proof in the stream-heads tree, or null when the stream did not exist. */
  proof(streamId: string): StreamHeadProof | null {
    const { ids, tree } = this.build();
    const index = ids.indexOf(streamId);
    if (index < 0) return null;
    return { head: this.get(streamId)!, index, count: ids.length, path: tree.inclusionProof(index).map((h) => h.toString('hex')) };
  }
}

/** A stream's committed head: its leaf index among the sorted heads, and the path to the streams root. */
export type StreamHeadProof = Readonly<{ head: StreamHead; index: number; count: number; path: readonly string[] }>;
