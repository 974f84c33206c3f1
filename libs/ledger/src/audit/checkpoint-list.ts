import { Injectable } from '@nestjs/common';
import { IntegrityService } from '../integrity/integrity.service';

export type CheckpointSummary = Readonly<{ treeSize: number; rootHash: string; lastPosition: number; issuedAt: string; keyId: string }>;

/** The signed checkpoints, newest first, a page at a time below a tree size (D54). */
@Injectable()
export class CheckpointList {
  constructor(private readonly integrity: IntegrityService) {}

  async below(treeSize: number, limit: number): Promise<{ items: CheckpointSummary[]; next: number | null }> {
    // Every checkpoint from the store: fine for thousands; a range query in the store is the next step for millions.
    const older = (await this.integrity.checkpoints.all()).filter((c) => c.treeSize < treeSize).sort((a, b) => b.treeSize - a.treeSize);
    const items = older.slice(0, limit).map((c) => ({ treeSize: c.treeSize, rootHash: c.rootHash, lastPosition: c.lastPosition, issuedAt: c.issuedAt, keyId: c.keyId }));
    return { items, next: older.length > limit ? items[items.length - 1]!.treeSize : null };
  }
}
