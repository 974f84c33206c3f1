import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedPersonalData } from '../event-envelope';

/** Where data keys live: apart from the log, so a key can be destroyed while the log stays whole. */
export interface PersonalDataKeyStore {
  getOrCreate(keyId: string): Buffer;
  get(keyId: string): Buffer | undefined;
  /** Crypto-shredding: without the key the ciphertext in the log can never be read again. */
  destroy(keyId: string): void;
}

export class InMemoryKeyStore implements PersonalDataKeyStore {
  private readonly keys = new Map<string, Buffer>();
  getOrCreate(keyId: string): Buffer {
    let key = this.keys.get(keyId);
    if (!key) {
      key = randomBytes(32);
      this.keys.set(keyId, key);
    }
    return key;
  }
  get(keyId: string): Buffer | undefined {
    return this.keys.get(keyId);
  }
  destroy(keyId: string): void {
    this.keys.get(keyId)?.fill(0);
    this.keys.delete(keyId);
  }
}

export type ErasedPersonalData = { erased: true; keyId: string };

/** AES-256-GCM over the personal part of an event, one key per data subject (e.g. per farm). */
export class PersonalDataCipher {
  constructor(private readonly keys: PersonalDataKeyStore) {}

  seal(keyId: string, personal: unknown): SealedPersonalData {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.getOrCreate(keyId), iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(personal), 'utf8'), cipher.final()]);
    return {
      alg: 'aes-256-gcm',
      keyId,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  open<T>(sealed: SealedPersonalData): T | ErasedPersonalData {
    const key = this.keys.get(sealed.keyId);
    if (!key) return { erased: true, keyId: sealed.keyId };
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  }
}
