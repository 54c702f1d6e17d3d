/** The parts of an ARM resource id (ARM ids are case-insensitive: compare them lower-cased). */
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

/** The resource's name (its id's last segment), for sentences. */
export function resourceName(id: string): string {
  return id.split("/").filter(Boolean).pop() ?? id;
}
