import { openTestStore } from './helpers/store';
import { OrganisationEntity } from '../src/entities';
import { OrganisationService } from '../src/services/organisation.service';
import type { AuthUser } from '../src/context';
import type { DataSource } from 'typeorm';

describe('OrganisationService', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let sut: OrganisationService;
  const ids: Record<string, number> = {};
  const asOrganiserOf = (...orgs: string[]): AuthUser => ({ id: 1, sessionId: 1, grants: orgs.map((o) => ({ role: 'organiser', organisationId: ids[o] })) });

  beforeAll(async () => {
    ({ ds, close } = await openTestStore());
    sut = new OrganisationService(ds.getRepository(OrganisationEntity));
    ids.zj = (await sut.create({ name: '浙江省总工会', level: 'province', parentId: null })).id;
    ids.sx = (await sut.create({ name: '绍兴市总工会', level: 'city', parentId: ids.zj })).id;
    ids.shangyu = (await sut.create({ name: '上虞区总工会', level: 'district', parentId: ids.sx })).id;
    ids.express = (await sut.create({ name: '上虞区快递行业工会联合会', level: 'industry', parentId: ids.shangyu })).id;
    ids.qz = (await sut.create({ name: '衢州市总工会', level: 'city', parentId: ids.zj })).id;
    ids.longyou = (await sut.create({ name: '龙游县总工会', level: 'district', parentId: ids.qz })).id;
    // A sibling whose id prefix could fool a naive LIKE: /1/2/3/ vs /1/2/30/.
    for (let i = 0; i < 25; i++) await sut.create({ name: `填充${i}`, level: 'street', parentId: ids.longyou });
    ids.deep = (await sut.create({ name: '深层', level: 'street', parentId: ids.express })).id;
  });
  afterAll(() => close());

  describe('create', () => {
    it('records the materialised path', async () => {
      const express = await sut.get(ids.express);
      expect(express.path).toBe(`/${ids.zj}/${ids.sx}/${ids.shangyu}/${ids.express}/`);
    });
    it('refuses an unknown parent with 404', async () => {
      await expect(sut.create({ name: 'x', level: 'street', parentId: 999999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('managedIds', () => {
    it('covers the granted organisation and its descendants only', async () => {
      const managed = await sut.managedIds(asOrganiserOf('shangyu'));
      expect(managed.sort((a, b) => a - b)).toEqual([ids.shangyu, ids.express, ids.deep].sort((a, b) => a - b));
    });
    it('is empty for a worker', async () => {
      expect(await sut.managedIds({ id: 2, sessionId: 2, grants: [] })).toEqual([]);
    });
    it('unions several grants', async () => {
      const managed = await sut.managedIds(asOrganiserOf('express', 'longyou'));
      expect(managed).toContain(ids.deep);
      expect(managed).toContain(ids.longyou);
      expect(managed).not.toContain(ids.shangyu);
    });
  });

  describe('getManaged', () => {
    it('lets a parent organiser manage a child', async () => {
      await expect(sut.getManaged(asOrganiserOf('sx'), ids.deep)).resolves.toMatchObject({ id: ids.deep });
    });
    it('answers 404 to an organiser of another organisation', async () => {
      await expect(sut.getManaged(asOrganiserOf('longyou'), ids.shangyu)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
    it('answers 404 to a child organiser asking about the parent', async () => {
      await expect(sut.getManaged(asOrganiserOf('express'), ids.shangyu)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
    it('answers 404 for an id that does not exist, the same way', async () => {
      await expect(sut.getManaged(asOrganiserOf('zj'), 999999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
