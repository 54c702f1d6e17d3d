/** The parts of an ARM resource id (ARM ids are case-insensitive: compare them lower-cased). */
export interface ResourceIdParts {
  subscriptionId: string;
  resourceGroup: string | undefined;
  /** The last segment: the resource's name. */
  name: string;
}

export function parseResourceId(id: string): ResourceIdParts | undefined {
  const [, subscriptionId, resourceGroup] = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?(?:\/.*)?$/i.exec(id) ?? [];
  if (subscriptionId === undefined) return undefined;
  return { subscriptionId, resourceGroup, name: id.split("/").filter(Boolean).pop() ?? id };
}

/** The resource's name (its id's last segment), for sentences. */
export function resourceName(id: string): string {
  return id.split("/").filter(Boolean).pop() ?? id;
}

/** ARM ids and Entra object ids compare without regard to case: Azure itself is not consistent about it. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The segment after a resource type in an id ("storageAccounts" → the account's name), any case. */
export function nameAfter(id: string, typeSegment: string): string | undefined {
  const segments = id.split("/");
  const at = segments.findIndex((segment) => segment.toLowerCase() === typeSegment.toLowerCase());
  return at >= 0 ? segments[at + 1] : undefined;
}
