import { z } from "zod";

/**
 * Microsoft's list of the services its HIPAA Business Associate Agreement covers, kept as the
 * project's data (mappings/catalogues/microsoft-baa-services.yaml) with its source and the date it
 * was read. The BAA is scoped by service, not by region, so a resource type is compared by service.
 */
const resourceType = z.string().regex(/^[A-Za-z0-9.]+\/[A-Za-z0-9/]+$/, "expected an ARM resource type such as Microsoft.KeyVault/vaults");

const ServiceSchema = z.strictObject({
  /** The service's name as Microsoft's list writes it. */
  name: z.string().min(1),
  /** The ARM resource types that belong to the service (compared without regard to case). */
  resourceTypes: z.array(resourceType).min(1),
  /** Why these types belong to the service, when it is not plain from their names. */
  note: z.string().optional(),
});
export type BaaService = z.infer<typeof ServiceSchema>;

export const BaaCatalogueSchema = z.strictObject({
  source: z.strictObject({
    title: z.string().min(1),
    url: z.string().url(),
    /** Microsoft's HIPAA page, which points to the list as the services the BAA covers. */
    hipaaPage: z.string().url(),
    /** When the list was read (YYYY-MM-DD): the list changes, and an archive must say which one it used. */
    retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD"),
    /** Anything a reader must know about how the list was turned into resource types. */
    notes: z.string().optional(),
  }),
  /** Services in scope of the BAA. */
  services: z.array(ServiceSchema).min(1),
  /** Services the list names as outside its scope, or that are known not to be in it. */
  notCovered: z.array(ServiceSchema).default([]),
});
export type BaaCatalogue = z.infer<typeof BaaCatalogueSchema>;

/** Where a resource type stands against the BAA list. */
export type BaaStanding = { standing: "covered" | "not covered"; service: string } | { standing: "not named" };

export function baaStandingOf(catalogue: BaaCatalogue, type: string): BaaStanding {
  const wanted = type.toLowerCase();
  const named = (services: readonly BaaService[]) => services.find((service) => service.resourceTypes.some((candidate) => candidate.toLowerCase() === wanted));
  const covered = named(catalogue.services);
  if (covered) return { standing: "covered", service: covered.name };
  const outside = named(catalogue.notCovered);
  if (outside) return { standing: "not covered", service: outside.name };
  return { standing: "not named" };
}
