import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PersonalDataKeyStore } from './personal-data-cipher';

/** Durable key store for the embedded default; a separate file from the log, so keys can be shredded. */
export class SqliteKeyStore implements PersonalDataKeyStore {
  private readonly db: Database.Database;
  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec('CREATE TABLE IF NOT EXISTS data_keys (key_id TEXT PRIMARY KEY, key BLOB NOT NULL) WITHOUT ROWID');
  }
  getOrCreate(keyId: string): Buffer {
    const existing = this.get(keyId);
    if (existing) return existing;
    this.db.prepare('INSERT OR IGNORE INTO data_keys (key_id, key) VALUES (?, ?)').run(keyId, randomBytes(32));
    return this.get(keyId)!;
  }
  get(keyId: string): Buffer | undefined {
    return (this.db.prepare('SELECT key FROM data_keys WHERE key_id = ?').get(keyId) as { key: Buffer } | undefined)?.key;
  }
  destroy(keyId: string): void {
    this.db.prepare('DELETE FROM data_keys WHERE key_id = ?').run(keyId);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
  close(): void {
    this.db.close();
  }
}
