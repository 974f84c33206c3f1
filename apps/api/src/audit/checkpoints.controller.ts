import { Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { checkpointNote, checkpointsAreConsistent, noteVerifierKey } from '@asb/event-store';
import { IntegrityService } from '@asb/ledger';
import { Public, Roles } from '../auth/roles.decorator';
import { DecimalInteger } from '../http/input/decimal-integer';
import { checkpointSchema } from './checkpoint.schema';
import { ApiDoc, json } from '../http/openapi';

const MAX_SIZE = 1e15;

class TreeSizeParam {
  @ApiProperty() @DecimalInteger({ min: 1, max: 16 }) @IsInt() @Min(0) @Max(MAX_SIZE) treeSize!: number;
}
class ConsistencyQuery {
  @ApiProperty({ description: 'the older checkpoint size' }) @DecimalInteger({ min: 1, max: 16 }) @IsInt() @Min(0) @Max(MAX_SIZE) first!: number;
  @ApiProperty({ description: 'the newer checkpoint size' }) @DecimalInteger({ min: 1, max: 16 }) @IsInt() @Min(0) @Max(MAX_SIZE) second!: number;
}
class InclusionQuery {
  @ApiProperty({ description: "the event's global position" }) @DecimalInteger({ min: 1, max: 16 }) @IsInt() @Min(1) @Max(MAX_SIZE) position!: number;
  @ApiPropertyOptional({ description: 'a checkpoint size; default the newest' }) @IsOptional() @DecimalInteger({ min: 1, max: 16 }) @IsInt() @Min(1) @Max(MAX_SIZE) treeSize?: number;
}
class StreamHeadQuery {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/) streamId!: string;
  @ApiPropertyOptional({ description: 'a checkpoint size; default the newest' }) @IsOptional() @DecimalInteger({ min: 1, max: 16 }) @IsInt() @Min(1) @Max(MAX_SIZE) treeSize?: number;
}
class WitnessQuery extends TreeSizeParam {
  @ApiProperty({ description: 'the root hash the witness holds for that size (hex)' }) @IsString() @Matches(/^[0-9a-f]{64}$/) rootHash!: string;
}

const consistencyProof = json.object({ first: json.number, second: json.number, path: json.array(json.string) });

const found = <T>(value: T | null, code: string, message: string): T => {
  if (value === null) throw new NotFoundException({ code, message });
  return value;
};

/**
 * Signed checkpoints and the proofs over them. Checkpoints, the public key and consistency proofs
 * are public, as a transparency log's tree heads are: they reveal hashes of the tree, not data.
 * Inclusion and stream-head proofs name an event's hash and a stream, so they are the regulator's.
 */
@ApiTags('audit: checkpoints')
@Controller('audit')
export class CheckpointsController {
  constructor(private readonly integrity: IntegrityService) {}

  /** The operator's Ed25519 checkpoint key (SPKI DER, base64), its key id, and its signed-note verifier key. */
  @Get('public-key')
  @Public()
  @ApiDoc({
    summary: 'The checkpoint signing key and its signed-note verifier key',
    response: json.object({ keyId: json.string, algorithm: json.string, publicKey: json.string, noteVerifierKey: json.string }),
    errors: [400, 404],
  })
  async publicKey() {
    const key = found(this.integrity.publicKey(), 'NO_SIGNING_KEY', 'no checkpoint has been signed yet');
    return { ...key, noteVerifierKey: noteVerifierKey(await this.integrity.logName(), key) };
  }

  /** The newest checkpoint as a C2SP signed note (text/plain), for signed-note tools and witnesses. */
  @Get('checkpoint')
  @Public()
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiDoc({ summary: 'The newest checkpoint as a C2SP signed note (text/plain)', response: { type: 'string', description: 'a C2SP signed note' }, produces: 'text/plain', errors: [400, 404] })
  async note() {
    const latest = found(await this.integrity.latest(), 'NO_CHECKPOINT', 'no checkpoint has been signed yet');
    return checkpointNote(latest, this.integrity.publicKey()!);
  }

  @Get('checkpoints/latest')
  @Public()
  @ApiDoc({ summary: 'The newest signed checkpoint', response: checkpointSchema, errors: [400, 404] })
  async latest() {
    return found(await this.integrity.latest(), 'NO_CHECKPOINT', 'no checkpoint has been signed yet');
  }

  @Get('checkpoints/:treeSize')
  @Public()
  @ApiDoc({ summary: 'The signed checkpoint of a tree size', response: checkpointSchema, errors: [400, 404] })
  async at(@Param() { treeSize }: TreeSizeParam) {
    return found(await this.integrity.at(treeSize), 'CHECKPOINT_NOT_FOUND', `no checkpoint of size ${treeSize}`);
  }

  /** RFC 9162 consistency proof between two checkpoints: that the newer log extends the older. */
  @Get('proofs/consistency')
  @Public()
  @ApiDoc({ summary: 'A consistency proof between two checkpoints (RFC 9162)', response: consistencyProof, errors: [400, 404] })
  async consistency(@Query() { first, second }: ConsistencyQuery) {
    return found(await this.integrity.consistency(first, second), 'CHECKPOINT_NOT_FOUND', `no checkpoints of sizes ${first} and ${second}`);
  }

  /** That the event at a position is in a checkpoint's tree. */
  @Get('proofs/inclusion')
  @ApiBearerAuth()
  @Roles('regulator')
  @ApiDoc({
    summary: "An inclusion proof of the event at a position in a checkpoint's tree",
    response: json.object({
      leafIndex: json.number,
      treeSize: json.number,
      path: json.array(json.string),
      checkpoint: checkpointSchema,
    }),
    errors: [400, 401, 403, 404],
  })
  async inclusion(@Query() { position, treeSize }: InclusionQuery) {
    const proof = found(await this.integrity.inclusion(position, treeSize), 'NOT_CHECKPOINTED', `no event at position ${position} under ${treeSize ? `the checkpoint of size ${treeSize}` : 'the newest checkpoint'}`);
    return { ...proof, checkpoint: await this.integrity.at(proof.treeSize) };
  }

  /** A stream's head (last revision and hash) at a checkpoint, proven against its stream-heads root. */
  @Get('proofs/stream-head')
  @ApiBearerAuth()
  @Roles('regulator')
  @ApiDoc({
    summary: "A proof of a stream's head against a checkpoint's stream-heads root",
    response: json.object({
      head: json.object({ streamId: json.string, revision: json.number, hash: json.string }),
      index: json.number,
      count: json.number,
      path: json.array(json.string),
      checkpoint: checkpointSchema,
    }),
    errors: [400, 401, 403, 404],
  })
  async streamHead(@Query() { streamId, treeSize }: StreamHeadQuery) {
    const proof = found(await this.integrity.streamHead(streamId, treeSize), 'STREAM_NOT_CHECKPOINTED', `stream ${streamId} is not under ${treeSize ? `the checkpoint of size ${treeSize}` : 'the newest checkpoint'}`);
    return { ...proof, checkpoint: treeSize ? await this.integrity.at(treeSize) : await this.integrity.latest() };
  }

  /** Signs a checkpoint now (the writer does this every CHECKPOINT_INTERVAL_SECONDS when the log grew). */
  @Post('checkpoints')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('regulator')
  @ApiDoc({
    summary: 'Sign a checkpoint now',
    response: checkpointSchema,
    errors: [400, 401, 403, 413, 415, 503],
  })
  async checkpoint() {
    try {
      return (await this.integrity.checkpoint()).checkpoint;
    } catch (error) {
      throw new ServiceUnavailableException({ code: 'CHECKPOINT_REFUSED', message: (error as Error).message });
    }
  }

  /**
   * For a witness: does the log still extend the checkpoint it holds (size and root)? Answers with the
   * newest checkpoint and the consistency proof from that size, which the witness checks itself;
   * `consistent` is the server's own reading. A size this log never signed is a 404.
   */
  @Get('witness')
  @Public()
  @ApiDoc({
    summary: 'For a witness: the newest checkpoint and a consistency proof from the size it holds',
    response: json.object({ consistent: json.boolean, latest: checkpointSchema, proof: { ...consistencyProof, nullable: true } }),
    errors: [400, 404],
  })
  async witness(@Query() { treeSize, rootHash }: WitnessQuery) {
    const held = found(await this.integrity.at(treeSize), 'CHECKPOINT_NOT_FOUND', `this log signed no checkpoint of size ${treeSize}`);
    const latest = (await this.integrity.latest())!;
    const proof = await this.integrity.consistency(treeSize, latest.treeSize);
    const witnessed = { treeSize, rootHash };
    return { consistent: held.rootHash === rootHash && !!proof && checkpointsAreConsistent(witnessed, latest, proof), latest, proof };
  }
}
