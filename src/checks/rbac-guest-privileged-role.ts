import { groupEligibilityDataset, groupMembersDataset, usersDataset } from "../datasets/entra.js";
import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../datasets/rbac.js";
import type { EvidenceRef } from "../model/evidence.js";
import { defineCheck, notEvaluated, readAll, subscriptionSubject, type CheckOutcome } from "./check.js";
import { capitalise, describePrincipal, describeScope, isGuestUser, principalDirectory, principalKind, privilegedRoleName } from "./support/azure-rbac.js";
import { eligibleFor, groupPeople } from "./support/azure-role-groups.js";

export const check = defineCheck({
  id: "rbac-guest-privileged-role",
  title: "No guest or external principal holds a privileged Azure role, active or eligible",
  severity: "high",
  requires: [roleAssignmentsDataset, roleEligibilityDataset, principalsDataset],
  alsoReads: [groupMembersDataset, groupEligibilityDataset, usersDataset],
  rationale:
    "Guests and external groups are governed by another organisation's joiner-mover-leaver process; holding Owner, Contributor or an access-administration role lets them change or expose ePHI systems. Role assignments are transitive for groups, so a guest who is a member of a group holding such a role, through nested groups too, holds it (https://learn.microsoft.com/azure/role-based-access-control/overview#groups; https://learn.microsoft.com/graph/api/group-list-transitivemembers); so does a guest whom PIM for Groups lets activate membership or ownership of that group, just in time (https://learn.microsoft.com/entra/id-governance/privileged-identity-management/concept-pim-for-groups). Whether a member is a guest is read from the users listing (userType), or from the #EXT# of a B2B account's name.",
  remediation: {
    text: "Remove the guest's role assignment, or give the person a member account governed by your own termination procedure; if outside help is needed, make it a time-bound PIM eligible assignment with approval.",
    portal: "(scope) > Access control (IAM) > Role assignments > (guest) > Remove",
    source: "https://learn.microsoft.com/azure/role-based-access-control/role-assignments-external-users",
  },
  evaluate({ evidence, subscriptions, tenantId }) {
    const principalsRead = evidence.read(principalsDataset, `/tenants/${tenantId}`);
    const directory = principalDirectory(principalsRead);
    const users = evidence.read(usersDataset, `/tenants/${tenantId}`);
    /** A person reached through a group: guest by userType or by a B2B name, member by userType; else unknown. */
    const guestThroughGroup = (id: string, label: string): { guest: boolean | undefined; ref?: EvidenceRef } => {
      const located = users.ok ? users.items.find(({ value }) => value.id.toLowerCase() === id.toLowerCase()) : undefined;
      if (located?.value.userType === "Guest" || located?.value.userPrincipalName?.includes("#EXT#") || label.includes("#EXT#"))
        return { guest: true, ...(located ? { ref: located.ref } : {}) };
      if (located?.value.userType === "Member") return { guest: false, ref: located.ref };
      return { guest: undefined, ...(located ? { ref: located.ref } : {}) };
    };
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
      let throughGroups = 0;
      for (const holding of holdings) {
        const { principalId, principalType, roleDefinitionId, scope } = holding.properties;
        const role = privilegedRoleName(roleDefinitionId) ?? roleDefinitionId;
        const where = describeScope(scope, subscription);
        const located = directory?.get(principalId.toLowerCase());
        const evidenceRefs: EvidenceRef[] = located ? [holding.ref, located.ref] : [holding.ref];
        const subjectOfHolding = { resourceId: holding.id, resourceName: `${role} at ${where}` };
        if (principalKind(directory, principalId, principalType) === "Group") {
          // The people behind the group, now and through PIM for Groups, each judged as a person.
          const name = describePrincipal(directory, principalId, "Group");
          const group = groupPeople(evidence, tenantId, principalId, { how: false });
          // A person is judged once per holding, by the first way they reach it: a member who can also
          // activate ownership, or who is reached through two eligible groups, is one person, one finding.
          const judged = new Set<string>();
          const judge = (id: string, label: string, refs: EvidenceRef[], sentence: string, unknown: string) => {
            if (judged.has(id.toLowerCase())) return;
            judged.add(id.toLowerCase());
            throughGroups++;
            const { guest, ref } = guestThroughGroup(id, label);
            const personSubject = { resourceId: `${holding.id}/members/${id}`, resourceName: `${role} at ${where}: ${label}` };
            const personRefs = [...evidenceRefs, ...refs, ...(ref ? [ref] : [])];
            if (guest === true) outcomes.push({ status: "fail", ...personSubject, message: `Guest ${sentence}`, evidence: personRefs });
            else if (guest === undefined) {
              if (!users.ok) outcomes.push(notEvaluated(personSubject, `Whether ${unknown} is a guest`, usersDataset, users));
              else {
                const why = "the users listing does not return its userType";
                outcomes.push({
                  status: "error",
                  ...personSubject,
                  message: `Whether ${unknown} is a guest could not be determined: ${why}.`,
                  evidence: personRefs,
                  error: { call: users.calls[0] ?? users.file, status: 200, message: why, reason: "incomplete-data" },
                });
              }
            }
          };
          if (group.members.ok) {
            for (const person of group.members.people.filter((candidate) => candidate.kind === "user")) {
              judge(
                person.id,
                person.label,
                person.refs,
                `${person.label}, a member of ${name}, holds ${holding.how} ${role} assignment at ${where} through it.`,
                `${person.label}, a member of ${name} which holds ${holding.how} ${role} assignment at ${where},`,
              );
            }
          } else
            outcomes.push(
              notEvaluated(
                subjectOfHolding,
                `Guests among the members of ${name}, which holds ${holding.how} ${role} assignment at ${where},`,
                group.members.gap.dataset,
                group.members.gap.failure,
              ),
            );
          if (group.eligible.ok) {
            for (const person of group.eligible.people) {
              const through = person.throughGroup ? ` as a member of eligible group ${person.throughGroup}` : "";
              judge(
                person.id,
                person.label,
                [person.ref],
                `${person.label} can activate ${eligibleFor(person)} of ${name} through PIM for Groups${through}, and with it ${holding.how} ${role} assignment at ${where}.`,
                `${person.label}, who can activate ${eligibleFor(person)} of ${name}${through} which holds ${holding.how} ${role} assignment at ${where},`,
              );
            }
          } else {
            outcomes.push(
              notEvaluated(
                { resourceId: `${holding.id}/pim-for-groups`, resourceName: `${role} at ${where}: PIM for Groups` },
                `Guests who can activate membership or ownership of ${name}, which holds ${holding.how} ${role} assignment at ${where},`,
                group.eligible.gap.dataset,
                group.eligible.gap.failure,
              ),
            );
          }
          continue;
        }
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
          const why = located
            ? "the directory did not return its userType"
            : "the directory did not return this object (deleted, or not visible to the collecting identity)";
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
          message: `No guest or external principal holds Owner, Contributor, User Access Administrator or Role Based Access Control Administrator, active or PIM-eligible, in subscription ${subscription.displayName} (${holdings.length} privileged assignment(s) examined${throughGroups > 0 ? `, and ${throughGroups} person(s) who hold one through a group or can through PIM for Groups` : ""}).`,
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
