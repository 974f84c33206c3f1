import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '@asb/event-store';

export const testMetadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: { id: 'tester', role: 'system' },
  recordedAt: '2025-09-01T10:00:00.000Z',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  ...overrides,
});

export const newEvent = (type: string, data: unknown, overrides: Partial<Omit<NewEvent, 'metadata'>> & { metadata?: Partial<EventMetadata> } = {}): NewEvent => ({
  id: overrides.id ?? randomUUID(),
  type,
  schemaVersion: overrides.schemaVersion ?? 1,
  data,
  ...(overrides.personal ? { personal: overrides.personal } : {}),
  metadata: testMetadata(overrides.metadata),
});
