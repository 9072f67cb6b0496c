import { contract } from '../contract';
import { IdParamSchema } from '../dto/common';
import { DashboardSchema } from '../dto/request';

export const dashboardContracts = {
  organisationDashboard: contract({
    method: 'get',
    path: '/api/v1/organiser/organisations/:id/dashboard',
    tag: 'organiser',
    access: 'organiser',
    params: IdParamSchema,
    response: DashboardSchema,
    summary: 'Visits, events, attendance, matches, requests and members of an organisation subtree',
    errors: ['NOT_FOUND'],
  }),
};
