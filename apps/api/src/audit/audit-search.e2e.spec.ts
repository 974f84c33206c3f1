import { startAppAfterDemo, type TestApp } from '../../../../test/support/test-app';

/**
 * The regulator's searches (D54) over the demo's record (2025–2027): events by farm, type, actor and
 * time a page at a time; farms by words; the checkpoints newest first; what changed about the farm
 * between two moments; a bundle that names itself.
 */
describe('the regulator: searching the log, farms and checkpoints; the difference between two moments', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startAppAfterDemo()), 120_000);
  afterAll(async () => t?.close());
  const nvwa = () => t.token('nvwa-auditor', 'regulator');
  const get = (path: string) => t.http().get(path).set('authorization', nvwa());

  it('finds the events of a type by an actor, a page at a time, every page after the one before', async () => {
    const all = await get('/audit/events?type=ScoreCalculated&limit=100').expect(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);
    expect(all.body.items.every((e: { type: string; actor: { id: string } }) => e.type === 'ScoreCalculated' && e.actor.id === 'wur')).toBe(true);
    const first = await get('/audit/events?type=ScoreCalculated&actorId=wur&limit=1').expect(200);
    expect(first.body.items).toEqual([all.body.items[0]]);
    const second = await get(`/audit/events?type=ScoreCalculated&actorId=wur&limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items).toEqual([all.body.items[1]]);
    expect((await get('/audit/events?actorId=nobody-at-all').expect(200)).body).toEqual({ items: [], nextCursor: null });
  });

  it('narrows by farm and by the time recorded', async () => {
    const in2027 = await get('/audit/events?farmId=nl-drenthe-0001&from=2027-01-01T00:00:00.000Z&to=2028-01-01T00:00:00.000Z&limit=100').expect(200);
    expect(in2027.body.items.length).toBeGreaterThan(0);
    expect(in2027.body.items.every((e: { recordedAt: string; farmId: string }) => e.recordedAt.startsWith('2027') && e.farmId === 'nl-drenthe-0001')).toBe(true);
    expect(in2027.body.items.map((e: { type: string }) => e.type)).toContain('SubsidySettled');
  });

  it('finds farms by words, and lists checkpoints newest first', async () => {
    expect((await get('/audit/farms?q=Drenthe%20jansen').expect(200)).body).toEqual({ items: [expect.objectContaining({ farmId: 'nl-drenthe-0001', farmerId: 'boer-jansen' })], nextCursor: null });
    expect((await get('/audit/farms?q=groningen').expect(200)).body.items).toEqual([]);
    const all = (await get('/audit/checkpoints?limit=100').expect(200)).body.items as Array<{ treeSize: number }>;
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((c) => c.treeSize)).toEqual([...all.map((c) => c.treeSize)].sort((a, b) => b - a));
    // One at a time, each page after the one before, the same list.
    const walked: Array<{ treeSize: number }> = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { body: { items: Array<{ treeSize: number }>; nextCursor: string | null } } = await get(`/audit/checkpoints?limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      walked.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(walked).toEqual(all);
  });

  it('shows what changed between two moments: the events between them and the values that differ', async () => {
    const res = await get('/audit/farms/nl-drenthe-0001/difference?from=2025-12-31T00:00:00.000Z&to=2027-12-31T00:00:00.000Z').expect(200);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['AdvancePaid', 'SubsidySettled']));
    expect(res.body.changes).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^applications\[application-.*\]\.advanceCents$/), before: 0, after: 435_000 })]));
  });

  it('names the bundle it hands over by farm and tree size', async () => {
    const res = await get('/audit/export?farmId=nl-drenthe-0001').expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="asb-bundel-nl-drenthe-0001-${res.body.checkpoint.treeSize}.json"`);
  });

  it('refuses bad input (400 naming the field), other roles (403), an unknown farm (404) and no token (401)', async () => {
    expect((await get('/audit/events?type=score-approved').expect(400)).body).toMatchObject({ code: 'INVALID_INPUT', field: 'type' });
    expect((await get('/audit/events?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z').expect(400)).body).toMatchObject({ field: 'to' });
    expect((await get('/audit/farms/nl-drenthe-0001/difference?from=2027-01-01T00:00:00Z').expect(400)).body).toMatchObject({ field: 'to' });
    expect((await get('/audit/farms/nl-drenthe-0404/difference?from=2025-01-01T00:00:00Z&to=2027-01-01T00:00:00Z').expect(404)).body).toMatchObject({ code: 'FARM_NOT_FOUND' });
    // A cursor in the right alphabet that these lists never handed out (not a log position or a tree size): refused, not read from the start.
    const tampered = Buffer.from('12x', 'utf8').toString('base64url');
    for (const path of ['/audit/events', '/audit/checkpoints']) {
      expect((await get(`${path}?cursor=${tampered}`).expect(400)).body).toMatchObject({ code: 'INVALID_INPUT', field: 'cursor' });
    }
    await t.http().get('/audit/farms?q=x').set('authorization', t.token('snn', 'payer')).expect(403);
    for (const path of ['/audit/events', '/audit/farms', '/audit/checkpoints', '/audit/farms/nl-drenthe-0001/difference?from=2025-01-01T00:00:00Z&to=2027-01-01T00:00:00Z']) {
      expect((await t.http().get(path).expect(401)).body.code).toEqual(expect.any(String));
    }
  });
});
