import { openTestStore, STORE } from './helpers/store';
import { OrganisationEntity, UserEntity } from '../src/entities';
import type { DataSource } from 'typeorm';

describe(`the ${STORE} store`, () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ds, close } = await openTestStore());
  });
  afterAll(() => close());

  it('enforces one account per openid in the database', async () => {
    const users = ds.getRepository(UserEntity);
    await users.insert({ openid: 'o-dup' });
    await expect(users.insert({ openid: 'o-dup' })).rejects.toThrow();
    expect(await users.countBy({ openid: 'o-dup' })).toBe(1);
  });

  it('stores Chinese text intact', async () => {
    const orgs = ds.getRepository(OrganisationEntity);
    const { identifiers } = await orgs.insert({ name: '龙洲街道归仁社区“小哥之家”😀', level: 'street', parentId: null, path: '/x/' });
    expect((await orgs.findOneByOrFail({ id: identifiers[0].id })).name).toBe('龙洲街道归仁社区“小哥之家”😀');
  });

  it('keeps concurrent transactions apart: a rolled-back one loses only its own writes', async () => {
    const users = ds.getRepository(UserEntity);
    const failing = ds.transaction(async (tx) => {
      await tx.getRepository(UserEntity).insert({ devName: 'tx-rolled-back' });
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('boom');
    });
    // Writes from outside while that transaction is open must not join it.
    const outside = (async () => {
      await new Promise((r) => setTimeout(r, 5));
      await users.insert({ devName: 'tx-outside' });
    })();
    const others = Array.from({ length: 10 }, (_, i) =>
      ds.transaction(async (tx) => {
        await tx.getRepository(UserEntity).insert({ devName: `tx-ok-${i}` });
        await new Promise((r) => setTimeout(r, 1));
        await tx.getRepository(UserEntity).update({ devName: `tx-ok-${i}` }, { nickname: `n${i}` });
      }),
    );
    await expect(failing).rejects.toThrow('boom');
    await outside;
    await Promise.all(others);
    expect(await users.countBy({ devName: 'tx-rolled-back' })).toBe(0);
    expect(await users.countBy({ devName: 'tx-outside' })).toBe(1);
    for (let i = 0; i < 10; i++) expect((await users.findOneByOrFail({ devName: `tx-ok-${i}` })).nickname).toBe(`n${i}`);
  });

  if (STORE === 'mysql') {
    it('has migrations that match the entities exactly', async () => {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    });
  }
});
