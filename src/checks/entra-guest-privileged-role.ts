import {
  directoryRoleAssignmentsDataset,
  directoryRoleEligibilityDataset,
  groupMembersDataset,
  usersDataset,
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleDefinitionsDataset,
} from "../datasets/entra.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { gapOutcome, isGuest, privilegedDirectoryHoldings, tenantScope, tenantSubject, userLabel } from "./support/entra-identity.js";

export const check = defineCheck({
  id: "entra-guest-privileged-role",
  title: "No guest holds a privileged Entra ID role, active or eligible",
  severity: "high",
  requires: [directoryRoleAssignmentsDataset, usersDataset],
  alsoReads: [directoryRoleEligibilityDataset, directoryRoleAssignmentSchedulesDataset, directoryRoleDefinitionsDataset, groupMembersDataset],
  rationale:
    "A guest is governed by another organisation's joiner-mover-leaver process; as Global Administrator or another privileged directory role they can change who reaches ePHI and how sign-in is protected. A guest who is a member of a role-assignable group holding such a role holds it too (https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept).",
  remediation: {
    text: "Remove the role, active or eligible, from the guest, or give the person a member account governed by your own clearance and termination procedures.",
    portal:
      "Microsoft Entra admin center > ID Governance > Privileged Identity Management > Microsoft Entra roles > Roles > (role) > Eligible roles or Active roles > Remove",
    source: "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-add-role-to-user",
  },
  evaluate({ evidence, tenantId }) {
    const subject = tenantSubject(tenantId);
    const what = "Guests in privileged Entra ID roles";
    const users = evidence.read(usersDataset, tenantScope(tenantId));
    if (!users.ok) return [notEvaluated(subject, what, usersDataset, users)];
    const read = privilegedDirectoryHoldings(evidence, tenantId);
    if (!read.ok) return [notEvaluated(subject, what, read.dataset, read.failure)];
    const outcomes: CheckOutcome[] = [];
    for (const holding of read.holdings) {
      const located = users.items.find(({ value }) => value.id === holding.userId);
      const guest = isGuest(located?.value);
      const who = userLabel(located?.value, holding.userId);
      const via = holding.viaGroup ? ` through group ${holding.viaGroup}` : "";
      const holdingSubject = {
        resourceId: `${tenantScope(tenantId)}/users/${holding.userId}/roles/${holding.roleTemplateId}`,
        resourceName: `${holding.roleName}: ${who}`,
      };
      const refs = located ? [holding.ref, located.ref] : [holding.ref];
      if (guest === true) {
        outcomes.push({ status: "fail", ...holdingSubject, message: `Guest user ${who} holds ${holding.roleName} (${holding.kind})${via}.`, evidence: refs });
      } else if (guest === undefined) {
        const why = located ? "the directory did not return its userType" : "the user is not in the users listing";
        outcomes.push({
          status: "error",
          ...holdingSubject,
          message: `Whether ${who}, who holds ${holding.roleName} (${holding.kind})${via}, is a guest could not be determined: ${why}.`,
          evidence: refs,
          error: { call: users.calls[0] ?? users.file, status: 200, message: why, reason: "incomplete-data" },
        });
      }
    }
    for (const gap of [...read.scheduleGaps.filter((candidate) => candidate.dataset.id === directoryRoleEligibilityDataset.id), ...read.unexpandedGroups]) {
      outcomes.push(gapOutcome(`${what} (eligible holders and group members)`, gap));
    }
    if (outcomes.length === 0) {
      outcomes.push({
        status: "pass",
        ...subject,
        message: `No guest holds a privileged Entra ID role, active or PIM-eligible (${read.holdings.length} privileged role holding(s) examined).`,
        evidence: read.sources.map((file) => ({ file, pointer: "/value" })),
      });
    }
    return outcomes;
  },
});
