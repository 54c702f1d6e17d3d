import type { SubscriptionInScope } from "../../model/evidence.js";
import type { DirectoryObject } from "../../datasets/rbac.js";
import type { DatasetRead, Located } from "../../model/evidence.js";

/** Built-in roles that can change resources or grant access (role definition GUIDs are the same in every tenant). */
export const builtInRoles = {
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  roleBasedAccessControlAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
} as const;

const builtInRoleNames: Record<string, string> = {
  [builtInRoles.owner]: "Owner",
  [builtInRoles.contributor]: "Contributor",
  [builtInRoles.userAccessAdministrator]: "User Access Administrator",
  [builtInRoles.roleBasedAccessControlAdministrator]: "Role Based Access Control Administrator",
};

export const privilegedRoleIds: ReadonlySet<string> = new Set(Object.values(builtInRoles));

/** Role definition ids differ by the scope they were read at; the trailing GUID is what identifies the role. */
export function roleGuid(roleDefinitionId: string): string {
  return (roleDefinitionId.split("/").pop() ?? roleDefinitionId).toLowerCase();
}

export function privilegedRoleName(roleDefinitionId: string): string | undefined {
  return builtInRoleNames[roleGuid(roleDefinitionId)];
}

/** True when an assignment at `scope` applies to the whole subscription (at it, or inherited from above). */
export function coversWholeSubscription(scope: string, subscription: SubscriptionInScope): boolean {
  const normalized = scope.toLowerCase().replace(/\/+$/, "");
  return normalized === "" || normalized === subscription.scope.toLowerCase() || normalized.startsWith("/providers/microsoft.management/managementgroups/");
}

/** "subscription Clinic-Prod", "resource group rg-ehr in Clinic-Prod", "management group mg-clinic (inherited)". */
export function describeScope(scope: string, subscription: SubscriptionInScope | undefined): string {
  const normalized = scope.replace(/\/+$/, "");
  if (normalized === "") return "the root management group (inherited)";
  const managementGroup = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(normalized);
  if (managementGroup) return `management group ${managementGroup[1]} (inherited)`;
  if (!subscription) return `scope ${normalized}`;
  if (normalized.toLowerCase() === subscription.scope.toLowerCase()) return `subscription ${subscription.displayName}`;
  const resourceGroup = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)$/i.exec(normalized);
  if (resourceGroup) return `resource group ${resourceGroup[1]} in ${subscription.displayName}`;
  const resource = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/(.+)$/i.exec(normalized);
  if (resource) {
    const name = normalized.split("/").pop();
    return `resource ${name} in resource group ${resource[1]} of ${subscription.displayName}`;
  }
  return `scope ${normalized}`;
}

/** An assignable scope of a role definition, named by the subscription it falls in when there is one. */
export function describeAssignableScope(scope: string, subscriptions: readonly SubscriptionInScope[]): string {
  if (scope === "/") return "every scope (/)";
  const subscription = subscriptions.find((candidate) => scope.toLowerCase().startsWith(candidate.scope.toLowerCase()));
  return describeScope(scope, subscription);
}

/** Directory lookups keyed by object id, or the reason they are unavailable. */
export type PrincipalDirectory = ReadonlyMap<string, Located<DirectoryObject>> | undefined;

export function principalDirectory(read: DatasetRead<DirectoryObject>): PrincipalDirectory {
  if (!read.ok) return undefined;
  return new Map(read.items.map((item) => [item.value.id.toLowerCase(), item]));
}

/**
 * The principal's type as Azure names it (User, Group, ServicePrincipal, ForeignGroup, Device): the
 * assignment's own principalType, or, when Azure did not report one, what the directory lookup
 * resolved the object to. Undefined when neither says.
 */
export function principalKind(directory: PrincipalDirectory, principalId: string, principalType: string | undefined): string | undefined {
  if (principalType !== undefined) return principalType;
  const type = directory?.get(principalId.toLowerCase())?.value["@odata.type"] ?? "";
  if (type.endsWith(".user")) return "User";
  if (type.endsWith(".group")) return "Group";
  if (type.endsWith(".servicePrincipal")) return "ServicePrincipal";
  return undefined;
}

/** "user Avery ..." at the start of a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How a principal reads in a sentence: "guest user Morgan Lee (morgan.lee_partner.example#EXT#@...)". */
export function describePrincipal(directory: PrincipalDirectory, principalId: string, principalType: string | undefined): string {
  const object = directory?.get(principalId.toLowerCase())?.value;
  const type = object?.["@odata.type"] ?? "";
  if (type.endsWith("user")) {
    const guest = isGuestUser(object);
    const label = guest ? "guest user" : "user";
    const upn = object?.userPrincipalName ? ` (${object.userPrincipalName})` : "";
    return `${label} ${object?.displayName ?? principalId}${upn}`;
  }
  if (type.endsWith("servicePrincipal")) {
    const kind = object?.servicePrincipalType === "ManagedIdentity" ? "managed identity" : "service principal";
    return `${kind} ${object?.displayName ?? principalId}`;
  }
  if (type.endsWith("group")) return `group ${object?.displayName ?? principalId}`;
  const fallbackType: Record<string, string> = {
    User: "user",
    Group: "group",
    ServicePrincipal: "service principal",
    ForeignGroup: "foreign (external) group",
    Device: "device",
  };
  return `${fallbackType[principalType ?? ""] ?? "principal"} ${principalId}`;
}

/**
 * Guest means userType Guest, or a B2B account whose UPN carries #EXT#. Returns undefined when the
 * directory object does not say (userType absent): unknown is never "member".
 */
export function isGuestUser(object: DirectoryObject | undefined): boolean | undefined {
  if (!object) return undefined;
  if (object.userType === "Guest") return true;
  if (object.userPrincipalName?.includes("#EXT#")) return true;
  if (object.userType === "Member") return false;
  return undefined;
}
