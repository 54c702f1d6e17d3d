import { groupAssignmentSchedulesDataset, groupEligibilityDataset, groupMembersDataset, type GroupAssignmentScheduleInstance } from "../../datasets/entra.js";
import type { EvidenceRef, EvidenceReader, Located } from "../../model/evidence.js";
import type { Failure } from "./entra-identity.js";

/**
 * Who is behind a group that holds an Azure role. Azure role assignments are transitive for groups:
 * every member, through nested groups too, holds the group's roles (Azure RBAC overview, "Groups").
 * With PIM for Groups a principal can instead be made eligible for membership or ownership and
 * activate it when needed; an activation adds them to the group's members for its duration, an
 * eligibility does not (Microsoft Graph, "Govern membership and ownership of groups using PIM for
 * Groups"). Ownership matters because an owner manages the group's members.
 */

/** How a current member came to be one, as the group's PIM for Groups schedules say. */
export type Membership =
  /** Not through an activation: assigned in PIM, or added outside it (PIM lists only what it governs). */
  | "standing"
  /** A just-in-time activation of an eligible membership. */
  | "activated"
  /** The schedules could not be read, or the member's schedule does not say how it was given. */
  | "unknown";

export interface GroupMemberPerson {
  id: string;
  kind: "user" | "servicePrincipal";
  /** "user Jordan Kim (jordan.kim@...)", "service principal ehr-deploy". */
  label: string;
  membership: Membership;
  refs: EvidenceRef[];
}

export interface GroupEligiblePerson {
  id: string;
  /** "unknown" when the schedule did not expand its principal. */
  kind: "user" | "unknown";
  label: string;
  /** member or owner (an owner manages who is a member). */
  access: string;
  /** The group made eligible, when the person is eligible as one of its members. */
  throughGroup?: string | undefined;
  ref: EvidenceRef;
}

export interface GroupPeople {
  groupId: string;
  /** The group's members now, people and workloads; nested groups are containers, their members listed. */
  members: { ok: true; people: GroupMemberPerson[] } | { ok: false; gap: Failure };
  /** Who may activate membership or ownership through PIM for Groups and is not a member now. */
  eligible: { ok: true; people: GroupEligiblePerson[] } | { ok: false; gap: Failure };
}

const groupScope = (tenantId: string, groupId: string) => `/tenants/${tenantId}/groups/${groupId.toLowerCase()}`;

function memberLabel(value: {
  "@odata.type": string;
  id: string;
  displayName?: string | null | undefined;
  userPrincipalName?: string | null | undefined;
}): string {
  const name = value.displayName ?? value.id;
  if (value["@odata.type"].endsWith(".servicePrincipal")) return `service principal ${name}`;
  return `user ${name}${value.userPrincipalName ? ` (${value.userPrincipalName})` : ""}`;
}

const same = (a: string | null | undefined, b: string) => (a ?? "").toLowerCase() === b.toLowerCase();

function membershipOf(schedules: readonly Located<GroupAssignmentScheduleInstance>[], memberId: string): { membership: Membership; refs: EvidenceRef[] } {
  const own = schedules.filter(({ value }) => same(value.principalId, memberId) && same(value.accessId, "member"));
  if (own.some(({ value }) => same(value.assignmentType, "activated"))) return { membership: "activated", refs: own.map(({ ref }) => ref) };
  if (own.some(({ value }) => value.assignmentType === undefined || value.assignmentType === null))
    return { membership: "unknown", refs: own.map(({ ref }) => ref) };
  return { membership: "standing", refs: own.map(({ ref }) => ref) };
}

/**
 * The people behind one group: its transitive members and how each came to be one (when `how` is
 * asked for, from the group's PIM for Groups active assignments), and who may activate membership
 * or ownership (a group made eligible stands for its own members).
 */
export function groupPeople(evidence: EvidenceReader, tenantId: string, groupId: string, options: { how: boolean }): GroupPeople {
  const scope = groupScope(tenantId, groupId);
  const memberRead = evidence.read(groupMembersDataset, scope);
  let schedules: readonly Located<GroupAssignmentScheduleInstance>[] | undefined;
  let scheduleGap: Failure | undefined;
  if (options.how) {
    const read = evidence.read(groupAssignmentSchedulesDataset, scope);
    if (read.ok) schedules = read.items;
    else scheduleGap = { dataset: groupAssignmentSchedulesDataset, scope, failure: read };
  }
  const members: GroupPeople["members"] = !memberRead.ok
    ? { ok: false, gap: { dataset: groupMembersDataset, scope, failure: memberRead } }
    : scheduleGap
      ? { ok: false, gap: scheduleGap }
      : {
          ok: true,
          people: memberRead.items
            .filter(({ value }) => value["@odata.type"].endsWith(".user") || value["@odata.type"].endsWith(".servicePrincipal"))
            .map(({ value, ref }) => {
              const how = schedules ? membershipOf(schedules, value.id) : { membership: "unknown" as const, refs: [] };
              return {
                id: value.id,
                kind: value["@odata.type"].endsWith(".user") ? ("user" as const) : ("servicePrincipal" as const),
                label: memberLabel(value),
                membership: how.membership,
                refs: [ref, ...how.refs],
              };
            }),
        };

  const eligibleRead = evidence.read(groupEligibilityDataset, scope);
  if (!eligibleRead.ok) return { groupId, members, eligible: { ok: false, gap: { dataset: groupEligibilityDataset, scope, failure: eligibleRead } } };
  const current = new Set(memberRead.ok ? memberRead.items.map(({ value }) => value.id.toLowerCase()) : []);
  const people: GroupEligiblePerson[] = [];
  for (const { value, ref } of eligibleRead.items) {
    const type = value.principal?.["@odata.type"] ?? "";
    if (type.endsWith(".group")) {
      // Each member of an eligible group may activate for themselves (PIM for Groups and group nesting).
      const nestedScope = groupScope(tenantId, value.principalId);
      const nested = evidence.read(groupMembersDataset, nestedScope);
      if (!nested.ok) return { groupId, members, eligible: { ok: false, gap: { dataset: groupMembersDataset, scope: nestedScope, failure: nested } } };
      const through = value.principal?.displayName ?? value.principalId;
      for (const member of nested.items) {
        if (!member.value["@odata.type"].endsWith(".user") || (value.accessId === "member" && current.has(member.value.id.toLowerCase()))) continue;
        people.push({ id: member.value.id, kind: "user", label: memberLabel(member.value), access: value.accessId, throughGroup: through, ref });
      }
      continue;
    }
    // An eligible member who activated is a member now, and judged as one.
    if (same(value.accessId, "member") && current.has(value.principalId.toLowerCase())) continue;
    const principal = value.principal;
    people.push({
      id: value.principalId,
      kind: type.endsWith(".user") ? "user" : "unknown",
      label: principal ? memberLabel(principal) : `principal ${value.principalId}`,
      access: value.accessId,
      ref,
    });
  }
  return { groupId, members, eligible: { ok: true, people } };
}

/** "membership" or "ownership": what a PIM for Groups eligibility lets its holder activate. */
export function eligibleFor(person: Pick<GroupEligiblePerson, "access">): string {
  return same(person.access, "owner") ? "ownership" : "membership";
}

/** "eligible membership", "eligible ownership (as a member of eligible group On-call)". */
export function eligibleAccess(person: Pick<GroupEligiblePerson, "access" | "throughGroup">): string {
  return `eligible ${eligibleFor(person)}${person.throughGroup ? ` (as a member of eligible group ${person.throughGroup})` : ""}`;
}
