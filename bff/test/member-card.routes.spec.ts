import { encodeQr, parseQr } from '@xlx/shared';
import { signQr } from '../src/adapters/qr-signer';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type RoleName, type World } from './helpers/world';
import { bearer } from './helpers/events';

/** The member card carries a signed code (M1.…) an organiser verifies: valid, revoked or invalid, within scope. */
describe('member cards', () => {
  let h: Harness;
  let w: World;
  let member: string;
  let membershipId: number;
  beforeAll(async () => {
    h = await createHarness();
    w = await buildWorld(h);
    member = await h.signIn('会员卡');
    membershipId = (
      await h
        .http()
        .post('/api/v1/memberships')
        .set(bearer(member))
        .send({ organisationId: w.org.express, name: '李秀英', phone: '13812340000', employer: '顺丰', occupation: 'courier' })
    ).body.id;
  }, 60_000);
  afterAll(() => h.close());

  const mine = async () => (await h.http().get('/api/v1/me/memberships').set(bearer(member))).body.items[0] as { status: string; cardCode: string | null };
  const verify = (code: string, role: RoleName = 'organiser') => h.http().post('/api/v1/organiser/member-cards/verify').set(w.headers(role)).send({ code });

  it('has no card code while pending; once approved the member alone sees a short signed code', async () => {
    expect((await mine()).cardCode).toBeNull();
    expect((await h.http().post(`/api/v1/organiser/memberships/${membershipId}/approve`).set(w.headers('organiser'))).status).toBe(200);
    const card = (await mine()).cardCode!;
    expect(card.length).toBeLessThanOrEqual(32);
    expect(parseQr(card)).toMatchObject({ kind: 'member', id: membershipId });
    const listed = await h.http().get('/api/v1/organiser/memberships').set(w.headers('organiser'));
    expect(listed.body.items.find((m: { id: number }) => m.id === membershipId).cardCode).toBeNull();
  });

  it('verifies a valid card with the name and union, for its union and the union above, audited', async () => {
    const card = (await mine()).cardCode!;
    for (const role of ['organiser', 'parentOrganiser', 'admin'] as RoleName[]) {
      const res = await verify(card, role);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ result: 'valid', name: '李秀英', organisationName: expect.stringContaining('快递'), memberNo: expect.any(String) });
    }
    const audit = await h.http().get('/api/v1/admin/audit-log').set(w.headers('admin'));
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('membership.verify');
  });

  it("refuses another union's organiser without telling whose card it is", async () => {
    const res = await verify((await mine()).cardCode!, 'otherOrganiser');
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('李秀英');
    expect((await verify((await mine()).cardCode!, 'worker')).status).toBe(403);
    expect((await verify((await mine()).cardCode!, 'anonymous')).status).toBe(401);
  });

  it('answers invalid for a forged signature, a changed id, a ticket and text, naming nobody', async () => {
    const card = parseQr((await mine()).cardCode!)!;
    const forged = signQr('f'.repeat(64), { kind: 'member', id: membershipId });
    const otherId = encodeQr({ ...card, id: membershipId + 1 });
    const ticketLike = encodeQr({ ...card, kind: 'ticket' });
    for (const code of [forged, otherId, ticketLike, '随便写的']) {
      const res = await verify(code);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ result: 'invalid', name: null, organisationName: null });
    }
    const empty = await verify(' ');
    expect(empty.status).toBe(400);
  });

  it('answers revoked once the membership is ended, and the member may apply again', async () => {
    const card = (await mine()).cardCode!;
    expect((await h.http().post(`/api/v1/organiser/memberships/${membershipId}/revoke`).set(w.headers('otherOrganiser'))).status).toBe(404);
    expect((await verify(card)).body.result).toBe('valid');
    const revoked = await h.http().post(`/api/v1/organiser/memberships/${membershipId}/revoke`).set(w.headers('organiser'));
    expect(revoked.body.status).toBe('revoked');
    expect((await verify(card)).body).toMatchObject({ result: 'revoked', name: '李秀英' });
    expect(await mine()).toMatchObject({ status: 'revoked', cardCode: null });
    const again = await h.http().post(`/api/v1/organiser/memberships/${membershipId}/revoke`).set(w.headers('organiser'));
    expect(again.body.error.code).toBe('CONFLICT');
    const reapply = await h
      .http()
      .post('/api/v1/memberships')
      .set(bearer(member))
      .send({ organisationId: w.org.express, name: '李秀英', phone: '13812340000', employer: '顺丰', occupation: 'courier' });
    expect(reapply.body.status).toBe('pending');
  });
});
