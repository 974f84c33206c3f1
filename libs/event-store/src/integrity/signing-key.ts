import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, publishKey, type PublishedKey, type SigningKey } from './checkpoint';

export const SIGNING_KEY_FILE = 'signing-key.pem';

const fromPem = (pem: string): SigningKey => {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the checkpoint signing key must be an Ed25519 key (PKCS#8 PEM)');
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, published: publishKey(publicKey) };
};

/**
 * The operator's Ed25519 checkpoint key: `ASB_SIGNING_KEY` (PKCS#8 PEM) when set, else
 * `signing-key.pem` in CHECKPOINT_DIR (default DATA_DIR), generated on first use with mode 0600. `create: false` (read
 * commands) never writes one.
 */
export const loadSigningKey = (options: { dir: string; pem?: string; create: boolean }): SigningKey | null => {
  if (options.pem) return fromPem(options.pem);
  const file = join(options.dir, SIGNING_KEY_FILE);
  if (existsSync(file)) return fromPem(readFileSync(file, 'utf8'));
  if (!options.create) return null;
  mkdirSync(options.dir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return fromPem(pem);
};

/** A public key from a file: the JSON of /audit/public-key, or an SPKI PEM. */
export const readPublishedKey = (file: string): PublishedKey => {
  const text = readFileSync(file, 'utf8');
  if (text.trimStart().startsWith('{')) {
    const parsed = JSON.parse(text) as PublishedKey;
    return publishKey(createPublicKey({ key: Buffer.from(parsed.publicKey, 'base64'), format: 'der', type: 'spki' }));
  }
  return publishKey(createPublicKey(text));
};
