/**
 * The parts of an ARM resource id. ARM ids are case-insensitive and Azure is not consistent about
 * case, so comparisons go through `sameResource`.
 */
export interface ResourceIdParts {
  subscriptionId: string;
  resourceGroup: string | undefined;
  /** The last segment: the resource's name. */
  name: string;
}

export function parseResourceId(id: string): ResourceIdParts | undefined {
  const match = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?(?:\/.*)?$/i.exec(id);
  if (!match) return undefined;
  return { subscriptionId: match[1]!, resourceGroup: match[2], name: id.split("/").filter(Boolean).pop() ?? id };
}

export function sameResource(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The resource's name (its id's last segment), for sentences. */
export function resourceName(id: string): string {
  return id.split("/").filter(Boolean).pop() ?? id;
}
