import type { DataSource } from 'typeorm';
import { systemClock } from '../../src/adapters/clock';
import { newQrSecret } from '../../src/adapters/qr-signer';
import { EventEntity, OrganisationEntity, RegistrationEntity, UserEntity } from '../../src/entities';
import { OrganisationService } from '../../src/services/organisation.service';
import { RegistrationService } from '../../src/services/registration.service';

/** Queue order as the service defines it: (queuedAt, id). */
export const queueOrder = (a: RegistrationEntity, b: RegistrationEntity) => new Date(a.queuedAt).getTime() - new Date(b.queuedAt).getTime() || a.id - b.id;

/**
 * The stage of a registration rush: `people` signed-up persons (ids in creation order), one open
 * health check with `seats` seats and a waitlist, and the registration service over the store.
 */
export async function rushStage(
  ds: DataSource,
  opts: { people: number; seats: number; namePrefix: string },
): Promise<{ sut: RegistrationService; eventId: number; userIds: number[] }> {
  const org = await new OrganisationService(ds.getRepository(OrganisationEntity)).create({ name: '上虞区总工会', level: 'district', parentId: null });
  const users = ds.getRepository(UserEntity);
  for (let i = 0; i < opts.people; i += 500) {
    await users.insert(
      Array.from({ length: Math.min(500, opts.people - i) }, (_, k) => ({ devName: `${opts.namePrefix}${i + k}`, nickname: `${opts.namePrefix}${i + k}` })),
    );
  }
  const userIds = (await users.find({ select: { id: true }, order: { id: 'ASC' } })).map((u) => u.id);
  const now = Date.now();
  const { identifiers } = await ds.getRepository(EventEntity).insert({
    organisationId: org.id,
    kind: 'health',
    title: '免费健康体检',
    description: '',
    stationId: null,
    venue: '体检中心',
    latitude: 30,
    longitude: 120,
    startsAt: new Date(now + 7 * 864e5),
    endsAt: new Date(now + 7 * 864e5 + 3600e3),
    registrationOpensAt: new Date(now - 3600e3),
    registrationClosesAt: new Date(now + 6 * 864e5),
    capacity: opts.seats,
    confirmedCount: 0,
    waitlist: true,
    cancellationDeadline: null,
    eligibleGenders: [],
    minAge: null,
    maxAge: null,
    eligibleOccupations: [],
    membersOnly: false,
    selfCheckin: false,
    certificateName: null,
    status: 'published',
    qrSecret: newQrSecret(),
  });
  const sut = new RegistrationService(
    ds,
    ds.getRepository(EventEntity),
    ds.getRepository(RegistrationEntity),
    users,
    { isMember: async () => false, hasMatchProfile: async () => false },
    systemClock,
  );
  return { sut, eventId: identifiers[0].id as number, userIds };
}
