import { createHarness, type Harness } from './helpers/harness';
import { RoleGrantEntity, SessionEntity, UserEntity } from '../src/entities';

describe('/api/v1/me', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('GET needs a sign-in', async () => {
    const res = await h.http().get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/登录/) });
  });

  it('GET returns the person with their grants and without identity keys', async () => {
    const token = await h.signIn('王泽锋');
    const org = await h.app.services.organisations.create({ name: '绍兴市上虞区总工会', level: 'district', parentId: null });
    const me0 = await h.http().get('/api/v1/me').set(auth(token));
    await h.ds.getRepository(RoleGrantEntity).insert({ userId: me0.body.id, organisationId: org.id, role: 'organiser' });
    const res = await h.http().get('/api/v1/me').set(auth(token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: me0.body.id,
      nickname: '王泽锋',
      occupation: null,
      gender: null,
      birthYear: null,
      phone: null,
      grants: [{ role: 'organiser', organisationId: org.id, organisationName: '绍兴市上虞区总工会' }],
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/devName|openid/);
  });

  it('PATCH updates each field and GET shows it', async () => {
    const token = await h.signIn('朱超');
    const patch = { nickname: '超哥', occupation: 'food_delivery', gender: 'male', birthYear: 1996, phone: '13800138000' };
    const res = await h.http().patch('/api/v1/me').set(auth(token)).send(patch);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(patch);
    const again = await h.http().get('/api/v1/me').set(auth(token));
    expect(again.body).toMatchObject(patch);
    const cleared = await h.http().patch('/api/v1/me').set(auth(token)).send({ phone: null });
    expect(cleared.body.phone).toBeNull();
    expect(cleared.body.nickname).toBe('超哥');
  });

  it('PATCH with bad values answers 400 naming every failing field and changes nothing', async () => {
    const token = await h.signIn('陆军');
    await h.http().patch('/api/v1/me').set(auth(token)).send({ birthYear: 1993 });
    const res = await h
      .http()
      .patch('/api/v1/me')
      .set(auth(token))
      .send({ nickname: '', occupation: 'pilot', gender: 'other', birthYear: 1800, phone: '123', admin: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(fields).toEqual(['admin', 'birthYear', 'gender', 'nickname', 'occupation', 'phone']);
    for (const issue of res.body.error.details.issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    const me = await h.http().get('/api/v1/me').set(auth(token));
    expect(me.body).toMatchObject({ nickname: '陆军', birthYear: 1993, occupation: null });
  });

  it('accepts PATCH sent as POST with X-HTTP-Method-Override, as the mini-program must', async () => {
    const token = await h.signIn('梁丹');
    const res = await h.http().post('/api/v1/me').set(auth(token)).set('X-HTTP-Method-Override', 'PATCH').send({ nickname: '丹丹' });
    expect(res.status).toBe(200);
    expect(res.body.nickname).toBe('丹丹');
    // Nothing else can be overridden.
    const del = await h.http().post('/api/v1/me').set(auth(token)).set('X-HTTP-Method-Override', 'DELETE').send({});
    expect(del.status).toBe(404);
    expect((await h.http().get('/api/v1/me').set(auth(token))).status).toBe(200);
  });

  it('PATCH needs a sign-in', async () => {
    const res = await h.http().patch('/api/v1/me').send({ nickname: 'x' });
    expect(res.status).toBe(401);
  });

  it('DELETE erases personal data, revokes every session, keeps an anonymous row', async () => {
    const token = await h.signIn('陈淑燕');
    const second = await h.signIn('陈淑燕');
    const me = await h.http().patch('/api/v1/me').set(auth(token)).send({ occupation: 'domestic', gender: 'female', birthYear: 1979, phone: '13900139000' });
    await h.ds.getRepository(RoleGrantEntity).insert({ userId: me.body.id, organisationId: 1, role: 'organiser' });

    const res = await h.http().delete('/api/v1/me').set(auth(token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });

    for (const t of [token, second]) expect((await h.http().get('/api/v1/me').set(auth(t))).status).toBe(401);
    const row = await h.ds.getRepository(UserEntity).findOneByOrFail({ id: me.body.id });
    expect(row).toMatchObject({ devName: null, openid: null, nickname: null, phone: null, gender: null, birthYear: null, occupation: 'domestic' });
    expect(row.erasedAt).toBeInstanceOf(Date);
    expect(await h.ds.getRepository(SessionEntity).countBy({ userId: me.body.id })).toBe(0);
    expect(await h.ds.getRepository(RoleGrantEntity).countBy({ userId: me.body.id })).toBe(0);

    // Signing in again with the same name starts a new, empty account.
    const fresh = await h.signIn('陈淑燕');
    const again = await h.http().get('/api/v1/me').set(auth(fresh));
    expect(again.body.id).not.toBe(me.body.id);
    expect(again.body.phone).toBeNull();
  });

  it('DELETE needs a sign-in', async () => {
    expect((await h.http().delete('/api/v1/me')).status).toBe(401);
  });
});
