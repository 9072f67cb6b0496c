import { organisationContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { presentOrganisation } from '../presenters/organisation.presenter';
import type { OrganisationService } from '../services/organisation.service';

export function organisationRoutes(api: ApiRouter, orgs: OrganisationService): void {
  api
    .route(C.listOrganisations, async () => ({ items: (await orgs.list()).map(presentOrganisation) }))
    .route(C.getOrganisation, async (_ctx, { params }) => presentOrganisation(await orgs.get(params.id)));
}
