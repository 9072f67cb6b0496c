// The services' request module talks to Taro; routeUrl only builds strings, so a stand-in suffices.
jest.mock('../src/services/request', () => ({ request: jest.fn() }));

import { routeUrl } from '../src/services/api';

describe('routeUrl (downloads, images and uploads addressed by their contract)', () => {
  it('fills the path parameters, encoded, under /api/v1', () => {
    expect(routeUrl('get /api/v1/organiser/events/:id/attendance.csv', { params: { id: 7 } })).toBe('/organiser/events/7/attendance.csv');
    expect(routeUrl('get /api/v1/qr/:payload.png', { params: { payload: 'XLX1:t/a b' } })).toBe('/qr/XLX1%3At%2Fa%20b.png');
  });

  it('adds the query, encoded, leaving out what is undefined', () => {
    expect(routeUrl('get /api/v1/organiser/stations/:id/code.svg', { params: { id: 3 }, query: { paper: 'a5', code: undefined } })).toBe(
      '/organiser/stations/3/code.svg?paper=a5',
    );
    expect(routeUrl('get /api/v1/organiser/stations/:id/visits.csv', { params: { id: 3 }, query: { from: '2026-11-01', to: '2026-11-30' } })).toBe(
      '/organiser/stations/3/visits.csv?from=2026-11-01&to=2026-11-30',
    );
    expect(routeUrl('post /api/v1/uploads', { query: { purpose: 'request' } })).toBe('/uploads?purpose=request');
  });
});
