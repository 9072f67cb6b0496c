import { IsNull, type Repository } from 'typeorm';
import type { NotificationEntity } from '../entities';
import type { Clock } from '../adapters/clock';

export class NotificationService {
  constructor(
    private readonly notes: Repository<NotificationEntity>,
    private readonly clock: Clock,
  ) {}

  async list(userId: number) {
    const items = await this.notes.find({ where: { userId }, order: { id: 'DESC' }, take: 50 });
    const unread = await this.notes.countBy({ userId, readAt: IsNull() });
    return { items, unread };
  }

  async markAllRead(userId: number): Promise<void> {
    await this.notes.update({ userId, readAt: IsNull() }, { readAt: this.clock.now() });
  }
}
