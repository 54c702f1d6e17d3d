import type { SubscriptionInScope } from "../../model/evidence.js";
import {
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleAssignmentsDataset,
  directoryRoleDefinitionsDataset,
  directoryRoleEligibilityDataset,
  groupMembersDataset,
  type DirectoryRoleAssignmentSchedule,
  type EntraUser,
} from "../../datasets/entra.js";
import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../../datasets/rbac.js";
import type { DatasetDefinition, DatasetRead, EvidenceRef, EvidenceReader, Located } from "../../model/evidence.js";
import { notEvaluated, type CheckOutcome } from "../check.js";
import { describePrincipal, principalDirectory, principalKind, privilegedRoleName } from "./azure-rbac.js";
import { eligibleAccess, groupPeople, type GroupPeople } from "./azure-role-groups.js";

/** Entra ID roles that can take over the tenant or its security settings (template ids are the same in every tenant). */
export const globalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
export const privilegedDirectoryRoles: Readonly<Record<string, string>> = {
  [globalAdministrator]: "Global Administrator",
  "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
  "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
  "194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
  "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
  "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
  "158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
  "fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
  "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
};

export const tenantSubject = (tenantId: string) => ({ resourceId: `/tenants/${tenantId}`, resourceName: "Entra ID tenant" });
export const tenantScope = (tenantId: string) => `/tenants/${tenantId}`;

/** A dataset that could not be read at one scope, and why. */
export type Failure = { dataset: DatasetDefinition; scope: string; failure: Extract<DatasetRead<unknown>, { ok: false }> };

/**
 * The `error` outcome for evidence missing at one scope, with a resource id of its own
 * ("<scope>/<dataset>") so that it never collides with the verdicts of the same check.
 */
export function gapOutcome(what: string, gap: Failure): CheckOutcome {
  return notEvaluated({ resourceId: `${gap.scope}/${gap.dataset.id}`, resourceName: `${gap.dataset.title} at ${gap.scope}` }, what, gap.dataset, gap.failure);
}

/** How a directory role is held: standing, activated through PIM for a while, or eligible to activate. */
export type HoldingKind = "permanent" | "time-bound" | "activated" | "active (schedule unknown)" | "eligible";

export interface DirectoryRoleHolding {
  principalId: string;
  /** The user the role reaches: the principal itself, or a member of the group that holds it. */
  userId: string;
  viaGroup?: string | undefined;
  roleTemplateId: string;
  roleName: string;
  kind: HoldingKind;
  ref: EvidenceRef;
}

function kindOfActive(schedules: readonly DirectoryRoleAssignmentSchedule[] | undefined, principalId: string, roleDefinitionId: string): HoldingKind {
  if (!schedules) return "active (schedule unknown)";
  const schedule = schedules.find((item) => item.principalId === principalId && item.roleDefinitionId === roleDefinitionId);
  if (!schedule) return "active (schedule unknown)";
  if (schedule.assignmentType === "Activated") return "activated";
  const expiration = schedule.scheduleInfo?.expiration?.type;
  if (expiration === "noExpiration") return "permanent";
  if (expiration === "afterDateTime" || expiration === "afterDuration") return "time-bound";
  return "active (schedule unknown)";
}

/** Transitive members per group id, or why they could not be read. */
type Members = { ok: true; members: Located<{ id: string; "@odata.type": string }>[] } | ({ ok: false } & Failure);

export function groupMemberships(evidence: EvidenceReader, tenantId: string, groupIds: Iterable<string>): Map<string, Members> {
  const members = new Map<string, Members>();
  for (const groupId of groupIds) {
    if (members.has(groupId)) continue;
    const read = evidence.read(groupMembersDataset, `${tenantScope(tenantId)}/groups/${groupId}`);
    members.set(
      groupId,
      read.ok
        ? { ok: true, members: read.items }
        : { ok: false, dataset: groupMembersDataset, scope: `${tenantScope(tenantId)}/groups/${groupId}`, failure: read },
    );
  }
  return members;
}

/**
 * Every privileged Entra role holding that reaches a user, active or eligible, directly or through a
 * role-assignable group. Needs the active assignments; PIM schedules refine "active" when available.
 */
export function privilegedDirectoryHoldings(
  evidence: EvidenceReader,
  tenantId: string,
):
  | { ok: true; holdings: DirectoryRoleHolding[]; unexpandedGroups: ({ groupId: string } & Failure)[]; scheduleGaps: Failure[]; sources: string[] }
  | ({ ok: false } & Failure) {
  const scope = tenantScope(tenantId);
  const active = evidence.read(directoryRoleAssignmentsDataset, scope);
  if (!active.ok) return { ok: false, dataset: directoryRoleAssignmentsDataset, scope, failure: active };
  const schedules = evidence.read(directoryRoleAssignmentSchedulesDataset, scope);
  const eligible = evidence.read(directoryRoleEligibilityDataset, scope);
  const definitions = evidence.read(directoryRoleDefinitionsDataset, scope);
  const templateOf = (roleDefinitionId: string) =>
    (definitions.ok ? definitions.items.find(({ value }) => value.id === roleDefinitionId)?.value.templateId : undefined) ?? roleDefinitionId;

  type Raw = Omit<DirectoryRoleHolding, "userId" | "viaGroup"> & { principalType: string | undefined };
  const raw: Raw[] = [];
  const add = (
    value: {
      principalId: string;
      roleDefinitionId: string;
      directoryScopeId?: string | null | undefined;
      principal?: { "@odata.type": string } | null | undefined;
    },
    ref: EvidenceRef,
    kind: HoldingKind,
  ) => {
    const roleTemplateId = templateOf(value.roleDefinitionId);
    const roleName = privilegedDirectoryRoles[roleTemplateId];
    if (!roleName || (value.directoryScopeId ?? "/") !== "/") return;
    raw.push({ principalId: value.principalId, principalType: value.principal?.["@odata.type"], roleTemplateId, roleName, kind, ref });
  };
  const activeSchedules = schedules.ok ? schedules.items.map((item) => item.value) : undefined;
  for (const { value, ref } of active.items) add(value, ref, kindOfActive(activeSchedules, value.principalId, value.roleDefinitionId));
  if (eligible.ok) for (const { value, ref } of eligible.items) add(value, ref, "eligible");
  const isGroup = (holding: Raw) => holding.principalType === "#microsoft.graph.group";
  // Applications holding roles are workload identities: they do not sign in with MFA and are not users.
  const isApplication = (holding: Raw) => holding.principalType === "#microsoft.graph.servicePrincipal";
  const groups = groupMemberships(
    evidence,
    tenantId,
    raw.filter(isGroup).map((holding) => holding.principalId),
  );
  const holdings: DirectoryRoleHolding[] = [];
  const unexpandedGroups = new Map<string, { groupId: string } & Failure>();
  for (const entry of raw) {
    const { principalType: _type, ...holding } = entry;
    if (isApplication(entry)) continue;
    if (!isGroup(entry)) {
      holdings.push({ ...holding, userId: holding.principalId });
      continue;
    }
    const group = groups.get(holding.principalId);
    if (!group) continue;
    if (!group.ok) {
      unexpandedGroups.set(holding.principalId, { groupId: holding.principalId, dataset: group.dataset, scope: group.scope, failure: group.failure });
      continue;
    }
    for (const member of group.members) {
      if (member.value["@odata.type"] === "#microsoft.graph.user") holdings.push({ ...holding, userId: member.value.id, viaGroup: holding.principalId });
    }
  }
  const scheduleGaps: Failure[] = [
    ...(schedules.ok ? [] : [{ dataset: directoryRoleAssignmentSchedulesDataset, scope, failure: schedules }]),
    ...(eligible.ok ? [] : [{ dataset: directoryRoleEligibilityDataset, scope, failure: eligible }]),
  ];
  return { ok: true, holdings, unexpandedGroups: [...unexpandedGroups.values()], scheduleGaps, sources: [active.file] };
}

/**
 * A privileged Azure RBAC role that reaches a user in a subscription in scope: held directly, as a
 * member of a group that holds it, or as one who may activate membership (or ownership) of that
 * group through PIM for Groups.
 */
export interface AzureRoleHolding {
  userId: string;
  roleName: string;
  where: string;
  kind: "active" | "eligible";
  /** "Owner on Clinic-Prod (active)", "Contributor on Clinic-Prod through group EHR App Team (eligible membership)". */
  label: string;
  ref: EvidenceRef;
}

/**
 * Reads the Azure role assignments and eligibilities, the principals' directory objects, and the
 * members and PIM for Groups eligibilities of groups that hold a role: a check that calls it
 * declares all five.
 */
export function privilegedAzureHoldings(
  evidence: EvidenceReader,
  subscriptions: readonly SubscriptionInScope[],
  tenantId: string,
): { holdings: AzureRoleHolding[]; gaps: Failure[] } {
  const holdings: AzureRoleHolding[] = [];
  const gaps = new Map<string, Failure>();
  const gap = (failure: Failure) => gaps.set(`${failure.dataset.id} ${failure.scope.toLowerCase()}`, failure);
  const directory = principalDirectory(evidence.read(principalsDataset, tenantScope(tenantId)));
  const people = new Map<string, GroupPeople>();
  const add = (
    items: readonly Located<{ properties: { roleDefinitionId: string; principalId: string; principalType?: string | undefined } }>[],
    kind: AzureRoleHolding["kind"],
    where: string,
  ) => {
    for (const { value, ref } of items) {
      const roleName = privilegedRoleName(value.properties.roleDefinitionId);
      if (!roleName) continue;
      const { principalId } = value.properties;
      // A type Azure did not report is the directory's; one neither names is judged as a user, whom
      // the users listing then confirms or not.
      const type = principalKind(directory, principalId, value.properties.principalType);
      if (type === undefined || type === "User") {
        holdings.push({ userId: principalId, roleName, where, kind, label: `${roleName} on ${where} (${kind})`, ref });
        continue;
      }
      if (type !== "Group") continue;
      const group = people.get(principalId.toLowerCase()) ?? groupPeople(evidence, tenantId, principalId, { how: false });
      people.set(principalId.toLowerCase(), group);
      const name = describePrincipal(directory, principalId, "Group");
      if (group.members.ok) {
        for (const member of group.members.people) {
          if (member.kind === "user")
            holdings.push({ userId: member.id, roleName, where, kind, label: `${roleName} on ${where} through ${name} (${kind})`, ref });
        }
      } else gap(group.members.gap);
      if (group.eligible.ok) {
        for (const person of group.eligible.people) {
          holdings.push({
            userId: person.id,
            roleName,
            where,
            kind: "eligible",
            label: `${roleName} on ${where} through ${name} (${eligibleAccess(person)})`,
            ref: person.ref,
          });
        }
      } else gap(group.eligible.gap);
    }
  };
  for (const subscription of subscriptions) {
    const active = evidence.read(roleAssignmentsDataset, subscription.scope);
    if (active.ok) add(active.items, "active", subscription.displayName);
    else gap({ dataset: roleAssignmentsDataset, scope: subscription.scope, failure: active });
    const eligible = evidence.read(roleEligibilityDataset, subscription.scope);
    if (eligible.ok) add(eligible.items, "eligible", subscription.displayName);
    else gap({ dataset: roleEligibilityDataset, scope: subscription.scope, failure: eligible });
  }
  return { holdings, gaps: [...gaps.values()] };
}

export function userLabel(user: EntraUser | undefined, id: string): string {
  if (!user) return `user ${id}`;
  const name = user.displayName ?? user.userPrincipalName ?? id;
  return user.userPrincipalName && user.userPrincipalName !== name ? `${name} (${user.userPrincipalName})` : name;
}

export function isGuest(user: EntraUser | undefined): boolean | undefined {
  const type = user?.userType;
  if (type === undefined || type === null) return undefined;
  return type.toLowerCase() === "guest";
}

/** Whether a configured break-glass entry (UPN or object id) names this user. */
export function isBreakGlass(user: Pick<EntraUser, "id" | "userPrincipalName">, configured: readonly string[]): boolean {
  return configured.some((entry) => entry.toLowerCase() === user.id.toLowerCase() || entry.toLowerCase() === user.userPrincipalName?.toLowerCase());
}
