import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../datasets/rbac.js";
import type { EvidenceRef } from "../model/evidence.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";
import { capitalise, describePrincipal, describeScope, isGuestUser, principalDirectory, privilegedRoleName } from "./support/azure-rbac.js";

export const check = defineCheck({
  id: "rbac-guest-privileged-role",
  title: "No guest or external principal holds a privileged Azure role, active or eligible",
  severity: "high",
  requires: [roleAssignmentsDataset, roleEligibilityDataset, principalsDataset],
  rationale:
    "Guests and external groups are governed by another organisation's joiner-mover-leaver process; holding Owner, Contributor or an access-administration role lets them change or expose ePHI systems.",
  remediation: {
    text: "Remove the guest's role assignment, or give the person a member account governed by your own termination procedure; if outside help is needed, make it a time-bound PIM eligible assignment with approval.",
    portal: "(scope) > Access control (IAM) > Role assignments > (guest) > Remove",
    source: "https://learn.microsoft.com/azure/role-based-access-control/role-assignments-external-users",
  },
  evaluate({ evidence, subscriptions, tenantId }) {
    const principalsRead = evidence.read(principalsDataset, `/tenants/${tenantId}`);
    const directory = principalDirectory(principalsRead);
    return subscriptions.flatMap((subscription): CheckOutcome[] => {
      const subject = subscriptionSubject(subscription);
      const what = `Guest access to privileged roles in subscription ${subscription.displayName}`;
      if (!principalsRead.ok) return [notEvaluated(subject, what, principalsDataset, principalsRead)];
      const read = readAll(evidence, subscription.scope, { active: roleAssignmentsDataset, eligible: roleEligibilityDataset });
      if (!read.ok) return [notEvaluated(subject, what, read.dataset, read.failure)];

      const holdings = [
        ...read.data.active.map(({ value, ref }) => ({ id: value.id, properties: value.properties, ref, how: "an active" })),
        ...read.data.eligible.map(({ value, ref }) => ({ id: value.id, properties: value.properties, ref, how: "a PIM-eligible" })),
      ].filter(({ properties }) => privilegedRoleName(properties.roleDefinitionId) !== undefined);

      const outcomes: CheckOutcome[] = [];
      for (const holding of holdings) {
        const { principalId, principalType, roleDefinitionId, scope } = holding.properties;
        const role = privilegedRoleName(roleDefinitionId) ?? roleDefinitionId;
        const where = describeScope(scope, subscription);
        const located = directory?.get(principalId.toLowerCase());
        const evidenceRefs: EvidenceRef[] = located ? [holding.ref, located.ref] : [holding.ref];
        const subjectOfHolding = { resourceId: holding.id, resourceName: `${role} at ${where}` };
        if (principalType === "ForeignGroup") {
          outcomes.push({
            status: "fail",
            ...subjectOfHolding,
            message: `External (foreign) group ${principalId} holds ${holding.how} ${role} assignment at ${where}.`,
            evidence: evidenceRefs,
          });
          continue;
        }
        // Groups, service principals and devices are not guests; an unreported type is looked up.
        if (principalType !== undefined && principalType !== "User") continue;
        if (located && !located.value["@odata.type"].endsWith("user")) continue;
        const guest = isGuestUser(located?.value);
        if (guest === true) {
          outcomes.push({
            status: "fail",
            ...subjectOfHolding,
            message: `${capitalise(describePrincipal(directory, principalId, principalType))} holds ${holding.how} ${role} assignment at ${where}.`,
            evidence: evidenceRefs,
          });
        } else if (guest === undefined) {
          const why = located ? "the directory did not return its userType" : "the directory did not return this object (deleted, or not visible to the collecting identity)";
          outcomes.push({
            status: "error",
            ...subjectOfHolding,
            message: `Whether user ${principalId}, who holds ${holding.how} ${role} assignment at ${where}, is a guest could not be determined: ${why}.`,
            evidence: evidenceRefs,
            error: {
              call: principalsRead.calls[0] ?? principalsRead.file,
              status: 200,
              message: why,
              reason: "incomplete-data",
            },
          });
        }
      }
      if (outcomes.length === 0) {
        outcomes.push({
          status: "pass",
          ...subject,
          message: `No guest or external principal holds Owner, Contributor, User Access Administrator or Role Based Access Control Administrator, active or PIM-eligible, in subscription ${subscription.displayName} (${holdings.length} privileged assignment(s) examined).`,
          evidence: [
            { file: read.sources.active.file, pointer: "/value" },
            { file: read.sources.eligible.file, pointer: "/value" },
          ],
        });
      }
      return outcomes;
    });
  },
});
