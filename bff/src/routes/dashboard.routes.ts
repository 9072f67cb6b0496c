import { dashboardContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { DashboardService } from '../services/dashboard.service';

/** An organisation subtree's dashboard. */
export function dashboardRoutes(api: ApiRouter, dashboard: DashboardService): void {
  api.route(C.organisationDashboard, async (ctx, { params }) => dashboard.forOrganisation(ctx.state.user!, params.id));
}
