import net from 'node:net';
import { retryOnDeadlock } from '../lib/db-errors';
import { splitHosts } from './cluster';

describe('a DATABASE_URL with several hosts (a cluster)', () => {
  it('keeps a one-host URL as it is', () => {
    expect(splitHosts('mariadb://u:p@127.0.0.1:3306/db')).toEqual({ url: 'mariadb://u:p@127.0.0.1:3306/db', hosts: [] });
  });

  it('connects to the first host and moves to the next when it refuses', async () => {
    const up = net.createServer((s) => s.end());
    await new Promise<void>((r) => up.listen(0, '127.0.0.1', r));
    const upPort = (up.address() as net.AddressInfo).port;
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const downPort = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    try {
      const { url, stream, hosts } = splitHosts(`mariadb://u:p@127.0.0.1:${downPort},127.0.0.1:${upPort}/db?x=1`);
      expect(url).toBe(`mariadb://u:p@127.0.0.1:${downPort}/db?x=1`);
      expect(hosts).toEqual([
        { host: '127.0.0.1', port: downPort },
        { host: '127.0.0.1', port: upPort },
      ]);
      const first = stream!();
      expect(await new Promise((r) => (first.once('connect', () => r('connected')), first.once('error', () => r('refused'))))).toBe('refused');
      const second = stream!();
      expect(second.remotePort ?? (await new Promise((r) => second.once('connect', () => r(second.remotePort))))).toBe(upPort);
      second.destroy();
    } finally {
      up.close();
    }
  });
});

describe('retryOnDeadlock', () => {
  it('runs the work again after a deadlock (a certification conflict) and gives up on other errors', async () => {
    let calls = 0;
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK' });
    await expect(retryOnDeadlock(async () => (++calls < 3 ? Promise.reject(deadlock) : 'ok'))).resolves.toBe('ok');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryOnDeadlock(async () => (++calls, Promise.reject(new Error('other'))))).rejects.toThrow('other');
    expect(calls).toBe(1);
    await expect(retryOnDeadlock(async () => Promise.reject(deadlock), 2)).rejects.toBe(deadlock);
  });
});
