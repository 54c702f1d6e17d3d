import { principalsDataset, roleAssignmentSchedulesDataset, roleAssignmentsDataset } from "../datasets/rbac.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";
import { capitalise, describePrincipal, describeScope, principalDirectory, principalKind, privilegedRoleName, roleGuid } from "./support/azure-rbac.js";

export const check = defineCheck({
  id: "rbac-standing-privileged-assignment",
  title: "Users and groups hold privileged Azure roles only through just-in-time PIM activation",
  severity: "medium",
  requires: [roleAssignmentsDataset, roleAssignmentSchedulesDataset],
  alsoReads: [principalsDataset],
  rationale:
    "A standing Owner, Contributor or access-administration assignment is usable at any moment by anyone who takes over the account; PIM eligibility makes each use an authorised, time-bound and logged activation. When a role assignment does not report its principal's type, the directory object it names decides: Microsoft Graph's getByIds answers each id with the object's type (https://learn.microsoft.com/graph/api/directoryobject-getbyids; https://learn.microsoft.com/azure/role-based-access-control/role-assignments).",
  remediation: {
    text: "Replace the active assignment with a PIM eligible one that requires MFA (and, for Owner, approval) on activation; keep standing access only for documented break-glass accounts.",
    portal: "Microsoft Entra admin center > Identity governance > Privileged Identity Management > Azure resources > (subscription) > Roles > Add assignments (Assignment type: Eligible); then Active roles > Remove",
    source: "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-resource-roles-assign-roles",
  },
  evaluate({ evidence, subscriptions, tenantId }) {
    const directory = principalDirectory(evidence.read(principalsDataset, `/tenants/${tenantId}`));
    return subscriptions.flatMap((subscription): CheckOutcome[] => {
      const what = `Standing privileged access in subscription ${subscription.displayName}`;
      const read = readAll(evidence, subscription.scope, { active: roleAssignmentsDataset, schedules: roleAssignmentSchedulesDataset });
      if (!read.ok) return [notEvaluated(subscriptionSubject(subscription), what, read.dataset, read.failure)];

      // A type Azure did not report is taken from the directory; still unknown, it is judged below.
      const kindOf = (value: (typeof read.data.active)[number]["value"]) => principalKind(directory, value.properties.principalId, value.properties.principalType);
      const privileged = read.data.active.filter(({ value }) => {
        const kind = kindOf(value);
        return privilegedRoleName(value.properties.roleDefinitionId) !== undefined && (kind === "User" || kind === "Group" || kind === undefined);
      });
      const outcomes: CheckOutcome[] = [];
      let justInTime = 0;
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
        const evidence = schedule ? [ref, schedule.ref] : [ref];
        if (principalType === undefined) {
          outcomes.push({
            status: "error",
            ...subject,
            message: `Whether the standing ${role} assignment of principal ${principalId} at ${where} belongs to a user or group could not be determined: the assignment does not report its principalType and the directory lookup did not resolve it.`,
            evidence,
            error: { call: read.sources.active.calls[0] ?? read.sources.active.file, status: 200, message: "principalType absent from the role assignment", reason: "incomplete-data" },
          });
          continue;
        }
        const who = describePrincipal(directory, principalId, principalType);
        if (schedule && schedule.value.properties.assignmentType === undefined) {
          outcomes.push({
            status: "error",
            ...subject,
            message: `Whether the ${role} assignment of ${who} at ${where} is a PIM activation could not be determined: its schedule instance has no assignmentType.`,
            evidence,
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
        outcomes.push({
          status: "fail",
          ...subject,
          message: `${capitalise(who)} holds ${role} at ${where} as a standing assignment (${how}), not as a just-in-time PIM activation.`,
          evidence,
        });
      }
      if (outcomes.length === 0) {
        outcomes.push({
          status: "pass",
          ...subscriptionSubject(subscription),
          message:
            privileged.length === 0
              ? `No user or group holds an active Owner, Contributor, User Access Administrator or Role Based Access Control Administrator assignment in subscription ${subscription.displayName}.`
              : `All ${justInTime} active privileged assignment(s) held by users or groups in subscription ${subscription.displayName} are just-in-time PIM activations.`,
          evidence: privileged.length > 0 ? privileged.map(({ ref }) => ref) : [{ file: read.sources.active.file, pointer: "/value" }],
        });
      }
      return outcomes;
    });
  },
});
