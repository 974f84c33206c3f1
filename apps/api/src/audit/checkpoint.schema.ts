import { json } from '../http/openapi';

/** A signed checkpoint as the audit endpoints answer it (docs/architecture.md, checkpoints and proofs). */
export const checkpointSchema = json.object({
  format: json.string,
  log: json.string,
  treeSize: json.number,
  rootHash: json.string,
  lastPosition: json.number,
  streams: json.object({ count: json.number, rootHash: json.string }),
  issuedAt: json.string,
  keyId: json.string,
  signature: json.string,
});
