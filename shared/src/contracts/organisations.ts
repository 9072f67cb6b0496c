import { contract } from '../contract';
import { IdParamSchema } from '../dto/common';
import { OrganisationListSchema, OrganisationSchema } from '../dto/organisation';

/** Unions (organisations): public names, as a tree. */
export const organisationContracts = {
  listOrganisations: contract({
    method: 'get',
    path: '/api/v1/organisations',
    tag: 'organisations',
    summary: 'All unions, as a tree (parentId); public names only',
    access: 'public',
    response: OrganisationListSchema,
  }),
  getOrganisation: contract({
    method: 'get',
    path: '/api/v1/organisations/:id',
    tag: 'organisations',
    summary: 'One union',
    access: 'public',
    params: IdParamSchema,
    response: OrganisationSchema,
    errors: ['NOT_FOUND'],
  }),
};
