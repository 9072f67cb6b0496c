import type { Organisation, RoleGrant } from '@xlx/shared';

// --- Organisations -------------------------------------------------------------------------

export interface OrgOption {
  id: number;
  name: string;
  /** Indented for the picker (descendants under their parent). */
  label: string;
}

/** The organisations I manage: each granted one and all its descendants, tree order. */
export function managedOrganisations(grants: RoleGrant[], all: Organisation[]): OrgOption[] {
  const children = new Map<number | null, Organisation[]>();
  for (const o of all) {
    const list = children.get(o.parentId) ?? [];
    list.push(o);
    children.set(o.parentId, list);
  }
  const out: OrgOption[] = [];
  const seen = new Set<number>();
  const walk = (o: Organisation, depth: number) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    out.push({ id: o.id, name: o.name, label: `${depth ? `${'　'.repeat(depth)}└ ` : ''}${o.name}` });
    for (const c of children.get(o.id) ?? []) walk(c, depth + 1);
  };
  for (const g of grants) {
    const root = all.find((o) => o.id === g.organisationId);
    if (root) walk(root, 0);
    else if (!seen.has(g.organisationId)) {
      seen.add(g.organisationId);
      out.push({ id: g.organisationId, name: g.organisationName, label: g.organisationName });
    }
  }
  return out;
}
