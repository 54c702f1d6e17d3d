import {
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleAssignmentsDataset,
  groupMembersDataset,
  usersDataset,
  directoryRoleEligibilityDataset,
  directoryRoleDefinitionsDataset,
} from "../datasets/entra.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { isBreakGlass, privilegedDirectoryHoldings, tenantScope, tenantSubject, userLabel } from "./support/entra-identity.js";

export const check = defineCheck({
  id: "entra-standing-privileged-role",
  title: "Privileged Entra ID roles are held through PIM eligibility, not standing assignments (emergency access accounts excepted)",
  severity: "high",
  requires: [directoryRoleAssignmentsDataset, usersDataset],
  alsoReads: [directoryRoleAssignmentSchedulesDataset, directoryRoleEligibilityDataset, directoryRoleDefinitionsDataset, groupMembersDataset],
  rationale:
    "A standing privileged role is usable at any moment by anyone who steals the session; PIM eligibility limits use to approved, time-bound, MFA-protected activations that are logged. A role assigned to a role-assignable group is held by each of its members (https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept), each judged by the group's assignment.",
  remediation: {
    text: "Replace the standing assignment with a PIM eligible one that requires MFA (and, for Global Administrator, approval) on activation; only the configured emergency access accounts keep standing Global Administrator.",
    portal:
      "Microsoft Entra admin center > ID Governance > Privileged Identity Management > Microsoft Entra roles > Roles > Add assignments (Assignment type: Eligible); then (role) > Active roles > Remove",
    source: "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-add-role-to-user",
  },
  evaluate({ evidence, tenantId, settings }) {
    const subject = tenantSubject(tenantId);
    const what = "Standing privileged Entra ID roles";
    const users = evidence.read(usersDataset, tenantScope(tenantId));
    if (!users.ok) return [notEvaluated(subject, what, usersDataset, users)];
    const read = privilegedDirectoryHoldings(evidence, tenantId);
    if (!read.ok) return [notEvaluated(subject, what, read.dataset, read.failure)];
    const outcomes: CheckOutcome[] = [];
    const scheduleGap = read.scheduleGaps.find((gap) => gap.dataset.id === directoryRoleAssignmentSchedulesDataset.id);
    for (const holding of read.holdings) {
      if (holding.kind === "eligible" || holding.kind === "activated") continue;
      const located = users.items.find(({ value }) => value.id === holding.userId);
      const who = userLabel(located?.value, holding.userId);
      const holdingSubject = {
        resourceId: `${tenantScope(tenantId)}/users/${holding.userId}/roles/${holding.roleTemplateId}`,
        resourceName: `${holding.roleName}: ${who}`,
      };
      if (located && isBreakGlass(located.value, settings.breakGlassAccounts)) continue;
      const via = holding.viaGroup ? ` through group ${holding.viaGroup}` : "";
      if (holding.kind === "active (schedule unknown)") {
        outcomes.push(
          scheduleGap
            ? notEvaluated(
                holdingSubject,
                `Whether ${who}'s active ${holding.roleName}${via} is standing or a PIM activation`,
                scheduleGap.dataset,
                scheduleGap.failure,
              )
            : {
                status: "error",
                ...holdingSubject,
                message: `${who} holds an active ${holding.roleName}${via} whose PIM schedule is missing or does not say when it ends, so whether it is standing is unknown.`,
                evidence: [holding.ref],
                error: {
                  call: "GET /roleManagement/directory/roleAssignmentSchedules",
                  status: 200,
                  message: "no schedule matches the active assignment",
                  reason: "incomplete-data",
                },
              },
        );
        continue;
      }
      outcomes.push({
        status: "fail",
        ...holdingSubject,
        message: `${who} holds a standing ${holding.kind === "permanent" ? "permanent" : "time-bound"} ${holding.roleName} assignment${via}, outside PIM eligibility.`,
        evidence: [holding.ref],
      });
    }
    if (outcomes.length === 0) {
      outcomes.push({
        status: "pass",
        ...subject,
        message: `Every privileged Entra ID role is held through PIM eligibility or an activation, apart from the configured emergency access accounts (${read.holdings.length} holding(s) examined).`,
        evidence: read.sources.map((file) => ({ file, pointer: "/value" })),
      });
    }
    return outcomes;
  },
});
