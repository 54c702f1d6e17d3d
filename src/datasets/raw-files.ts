import { parseResourceId } from "./resource-id.js";

/**
 * Where a record is kept in the archive: raw/<collector>/..., one file per dataset and scope.
 * Tenant-wide records sit at the collector's top, subscription records under the subscription id.
 */
export function tenantFile(collector: string, file: string): (scope: string) => string {
  return () => `raw/${collector}/${file}`;
}

export function subscriptionFile(collector: string, file: string): (scope: string) => string {
  return (scope) => `${subscriptionFolder(collector, scope)}/${file}`;
}

/** raw/<collector>/<subscription id> of a subscription scope or of any resource id inside one. */
export function subscriptionFolder(collector: string, scope: string): string {
  const parts = parseResourceId(scope);
  if (!parts) throw new Error(`${scope} names no subscription, so it has no place under raw/${collector}/`);
  return `raw/${collector}/${parts.subscriptionId}`;
}
