import { IdParamSchema, OrganisationListSchema, OrganisationSchema } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { presentOrganisation } from '../presenters/organisation.presenter';
import type { OrganisationService } from '../services/organisation.service';

export function organisationRoutes(api: ApiRouter, orgs: OrganisationService): void {
  api
    .route(
      {
        method: 'get',
        path: '/api/v1/organisations',
        tag: 'organisations',
        summary: 'All unions, as a tree (parentId); public names only',
        access: 'public',
        response: OrganisationListSchema,
      },
      async () => ({ items: (await orgs.list()).map(presentOrganisation) }),
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organisations/:id',
        tag: 'organisations',
        summary: 'One union',
        access: 'public',
        params: IdParamSchema,
        response: OrganisationSchema,
        errors: ['NOT_FOUND'],
      },
      async (_ctx, { params }) => presentOrganisation(await orgs.get(params.id)),
    );
}
