import { contract } from '../contract';
import { DeviceSessionListSchema } from '../dto/browser-login';
import { IdParamSchema, OkSchema } from '../dto/common';
import { MeSchema, UpdateMeSchema } from '../dto/user';

/** The signed-in person: profile, account erasure and signed-in devices. */
export const meContracts = {
  getMe: contract({ method: 'get', path: '/api/v1/me', tag: 'me', summary: 'The signed-in person', access: 'user', response: MeSchema }),
  updateMe: contract({
    method: 'patch',
    path: '/api/v1/me',
    tag: 'me',
    summary: 'Edit nickname, occupation, gender, birth year, phone',
    access: 'user',
    body: UpdateMeSchema,
    response: MeSchema,
  }),
  eraseMe: contract({
    method: 'delete',
    path: '/api/v1/me',
    tag: 'me',
    summary: 'Delete the account: erases personal data at once; anonymous statistics stay',
    access: 'user',
    response: OkSchema,
  }),
  mySessions: contract({
    method: 'get',
    path: '/api/v1/me/sessions',
    tag: 'me',
    summary: 'My signed-in devices and browsers, this one marked current',
    access: 'user',
    response: DeviceSessionListSchema,
  }),
  endSession: contract({
    method: 'delete',
    path: '/api/v1/me/sessions/:id',
    tag: 'me',
    summary: 'Sign one of my devices out (the current one too: that is logging out)',
    access: 'user',
    params: IdParamSchema,
    response: OkSchema,
    errors: ['NOT_FOUND'],
  }),
};
