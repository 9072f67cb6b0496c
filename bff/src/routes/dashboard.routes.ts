import {
  DashboardSchema,
  IdParamSchema,
} from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { DashboardService } from '../services/dashboard.service';

/** An organisation subtree's dashboard. */
export function dashboardRoutes(api: ApiRouter, dashboard: DashboardService): void {
  api
    .route(
      { method: 'get', path: '/api/v1/organiser/organisations/:id/dashboard', tag: 'organiser', access: 'organiser', params: IdParamSchema, response: DashboardSchema, summary: 'Visits, events, attendance, matches, requests and members of an organisation subtree', errors: ['NOT_FOUND'] },
      async (ctx, { params }) => dashboard.forOrganisation(ctx.state.user!, params.id),
    );
}
