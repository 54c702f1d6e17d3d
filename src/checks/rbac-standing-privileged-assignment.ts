import { groupAssignmentSchedulesDataset, groupEligibilityDataset, groupMembersDataset } from "../datasets/entra.js";
import { principalsDataset, roleAssignmentSchedulesDataset, roleAssignmentsDataset } from "../datasets/rbac.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";
import { capitalise, describePrincipal, describeScope, principalDirectory, principalKind, privilegedRoleName, roleGuid } from "./support/azure-rbac.js";
import { groupPeople } from "./support/azure-role-groups.js";

export const check = defineCheck({
  id: "rbac-standing-privileged-assignment",
  title: "Users and groups hold privileged Azure roles only through just-in-time PIM activation",
  severity: "medium",
  requires: [roleAssignmentsDataset, roleAssignmentSchedulesDataset],
  alsoReads: [principalsDataset, groupMembersDataset, groupAssignmentSchedulesDataset, groupEligibilityDataset],
  rationale:
    "A standing Owner, Contributor or access-administration assignment is usable at any moment by anyone who takes over the account; PIM eligibility makes each use an authorised, time-bound and logged activation. When a role assignment does not report its principal's type, the directory object it names decides: Microsoft Graph's getByIds answers each id with the object's type (https://learn.microsoft.com/graph/api/directoryobject-getbyids; https://learn.microsoft.com/azure/role-based-access-control/role-assignments). A group's role reaches its members (https://learn.microsoft.com/azure/role-based-access-control/overview#groups), and Microsoft names an active role assignment to a group whose users are made eligible for membership through PIM for Groups as a way to give them just-in-time access (https://learn.microsoft.com/entra/id-governance/privileged-identity-management/concept-pim-for-groups): an activation adds the user to the group's members for its duration, an eligibility does not (https://learn.microsoft.com/graph/api/resources/privilegedidentitymanagement-for-groups-api-overview). So a group's standing assignment is just-in-time access when every user who is a member now became one through a PIM for Groups activation and PIM for Groups governs the group (an activation now, or an eligible membership or ownership); a user who is a member otherwise holds the role standing and is named; a group with no member and no eligibility still holds it standing, for whoever is added. A membership through a nested group is judged by the schedules of the group that holds the role. Without the group's members or PIM for Groups schedules (a missing permission, or no Entra ID P2 licence), the assignment is not evaluated.",
  remediation: {
    text: "Replace the active assignment with a PIM eligible one that requires MFA (and, for Owner, approval) on activation; keep standing access only for documented break-glass accounts.",
    portal:
      "Microsoft Entra admin center > Identity governance > Privileged Identity Management > Azure resources > (subscription) > Roles > Add assignments (Assignment type: Eligible); then Active roles > Remove",
    source: "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-resource-roles-assign-roles",
  },
  evaluate({ evidence, subscriptions, tenantId }) {
    const directory = principalDirectory(evidence.read(principalsDataset, `/tenants/${tenantId}`));
    return subscriptions.flatMap((subscription): CheckOutcome[] => {
      const what = `Standing privileged access in subscription ${subscription.displayName}`;
      const read = readAll(evidence, subscription.scope, { active: roleAssignmentsDataset, schedules: roleAssignmentSchedulesDataset });
      if (!read.ok) return [notEvaluated(subscriptionSubject(subscription), what, read.dataset, read.failure)];

      // A type Azure did not report is taken from the directory; still unknown, it is judged below.
      const kindOf = (value: (typeof read.data.active)[number]["value"]) =>
        principalKind(directory, value.properties.principalId, value.properties.principalType);
      const privileged = read.data.active.filter(({ value }) => {
        const kind = kindOf(value);
        return privilegedRoleName(value.properties.roleDefinitionId) !== undefined && (kind === "User" || kind === "Group" || kind === undefined);
      });
      const scheduleCall = (groupId: string) => {
        const schedules = evidence.read(groupAssignmentSchedulesDataset, `/tenants/${tenantId}/groups/${groupId.toLowerCase()}`);
        return schedules.ok ? (schedules.calls[0] ?? schedules.file) : groupAssignmentSchedulesDataset.title;
      };
      const outcomes: CheckOutcome[] = [];
      let justInTime = 0;
      let justInTimeGroups = 0;
      for (const { value, ref } of privileged) {
        const { principalId, roleDefinitionId, scope } = value.properties;
        const principalType = kindOf(value);
        const schedule = read.data.schedules.find(
          ({ value: instance }) =>
            instance.properties.principalId.toLowerCase() === principalId.toLowerCase() &&
            roleGuid(instance.properties.roleDefinitionId) === roleGuid(roleDefinitionId) &&
            instance.properties.scope.toLowerCase() === scope.toLowerCase(),
        );
        if (schedule?.value.properties.assignmentType === "Activated") {
          justInTime++;
          continue;
        }
        const role = privilegedRoleName(roleDefinitionId) ?? roleDefinitionId;
        const where = describeScope(scope, subscription);
        const subject = { resourceId: value.id, resourceName: `${role} at ${where}` };
        const refs = schedule ? [ref, schedule.ref] : [ref];
        if (principalType === undefined) {
          outcomes.push({
            status: "error",
            ...subject,
            message: `Whether the standing ${role} assignment of principal ${principalId} at ${where} belongs to a user or group could not be determined: the assignment does not report its principalType and the directory lookup did not resolve it.`,
            evidence: refs,
            error: {
              call: read.sources.active.calls[0] ?? read.sources.active.file,
              status: 200,
              message: "principalType absent from the role assignment",
              reason: "incomplete-data",
            },
          });
          continue;
        }
        const who = describePrincipal(directory, principalId, principalType);
        if (schedule && schedule.value.properties.assignmentType === undefined) {
          outcomes.push({
            status: "error",
            ...subject,
            message: `Whether the ${role} assignment of ${who} at ${where} is a PIM activation could not be determined: its schedule instance has no assignmentType.`,
            evidence: refs,
            error: {
              call: read.sources.schedules.calls[0] ?? read.sources.schedules.file,
              status: 200,
              message: "the schedule instance has no assignmentType",
              reason: "incomplete-data",
            },
          });
          continue;
        }
        const end = schedule?.value.properties.endDateTime;
        const how = !schedule ? "not managed by PIM" : end ? `assigned directly, active until ${end}` : "assigned directly, with no end date";
        if (principalType === "Group") {
          // Who holds the group's role now, and how: the decision is written in the rationale.
          const group = groupPeople(evidence, tenantId, principalId, { how: true });
          const question = `Whether ${who}'s standing ${role} at ${where} reaches anyone other than through a PIM for Groups activation`;
          if (!group.members.ok) {
            outcomes.push(notEvaluated(subject, question, group.members.gap.dataset, group.members.gap.failure));
            continue;
          }
          const users = group.members.people.filter((person) => person.kind === "user");
          const standing = users.filter((person) => person.membership === "standing");
          if (standing.length > 0) {
            outcomes.push({
              status: "fail",
              ...subject,
              message: `${capitalise(who)} holds ${role} at ${where} as a standing assignment (${how}), and ${standing.length} member(s) hold it through the group without a PIM for Groups activation: ${standing.map((person) => person.label).join("; ")}.`,
              evidence: [...refs, ...standing.flatMap((person) => person.refs)],
            });
            continue;
          }
          const unknown = users.filter((person) => person.membership === "unknown");
          if (unknown.length > 0) {
            const why = "the group's PIM for Groups schedule for them has no assignmentType";
            outcomes.push({
              status: "error",
              ...subject,
              message: `Whether the membership in ${who} through which ${unknown.map((person) => person.label).join("; ")} reach ${role} at ${where} is standing or a PIM for Groups activation could not be determined: ${why}.`,
              evidence: [...refs, ...unknown.flatMap((person) => person.refs)],
              error: { call: scheduleCall(principalId), status: 200, message: why, reason: "incomplete-data" },
            });
            continue;
          }
          if (users.length > 0) {
            justInTimeGroups++;
            continue;
          }
          if (!group.eligible.ok) {
            outcomes.push(notEvaluated(subject, question, group.eligible.gap.dataset, group.eligible.gap.failure));
            continue;
          }
          if (group.eligible.people.length > 0) {
            justInTimeGroups++;
            continue;
          }
          outcomes.push({
            status: "fail",
            ...subject,
            message: `${capitalise(who)} holds ${role} at ${where} as a standing assignment (${how}); no user is a member of it now and none can activate membership or ownership through PIM for Groups, so whoever is added to the group holds the role at once.`,
            evidence: refs,
          });
          continue;
        }
        outcomes.push({
          status: "fail",
          ...subject,
          message: `${capitalise(who)} holds ${role} at ${where} as a standing assignment (${how}), not as a just-in-time PIM activation.`,
          evidence: refs,
        });
      }
      if (outcomes.length === 0) {
        outcomes.push({
          status: "pass",
          ...subscriptionSubject(subscription),
          message:
            privileged.length === 0
              ? `No user or group holds an active Owner, Contributor, User Access Administrator or Role Based Access Control Administrator assignment in subscription ${subscription.displayName}.`
              : justInTimeGroups === 0
                ? `All ${justInTime} active privileged assignment(s) held by users or groups in subscription ${subscription.displayName} are just-in-time PIM activations.`
                : `All ${justInTime + justInTimeGroups} active privileged assignment(s) held by users or groups in subscription ${subscription.displayName} are just-in-time: ${justInTime} PIM activation(s), and ${justInTimeGroups} group assignment(s) whose members hold the role only through PIM for Groups activations or eligibility.`,
          evidence: privileged.length > 0 ? privileged.map(({ ref }) => ref) : [{ file: read.sources.active.file, pointer: "/value" }],
        });
      }
      return outcomes;
    });
  },
});
