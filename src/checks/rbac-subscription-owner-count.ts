import { groupEligibilityDataset, groupMembersDataset } from "../datasets/entra.js";
import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../datasets/rbac.js";
import type { EvidenceRef } from "../model/evidence.js";
import { defineCheck, notEvaluated, subscriptionSubject, type CheckOutcome } from "./check.js";
import { builtInRoles, coversWholeSubscription, describePrincipal, describeScope, principalDirectory, principalKind, roleGuid } from "./support/azure-rbac.js";
import { eligibleAccess, groupPeople } from "./support/azure-role-groups.js";
import type { Failure } from "./support/entra-identity.js";

export const check = defineCheck({
  id: "rbac-subscription-owner-count",
  title: "Each subscription has between the configured minimum and maximum number of Owners",
  severity: "medium",
  requires: [roleAssignmentsDataset],
  alsoReads: [principalsDataset, roleEligibilityDataset, groupMembersDataset, groupEligibilityDataset],
  rationale:
    "Owner can change every resource and grant access to anyone. Many Owners widen who can expose ePHI; a single Owner leaves access administration with one person. Microsoft limits subscription owners to reduce the potential for breach by a compromised owner, and recommends PIM to lower the exposure time of privileges (https://learn.microsoft.com/azure/role-based-access-control/best-practices): so the maximum counts who can act as Owner now, while a principal eligible through PIM, who must activate first, is counted apart and only toward the minimum. Role assignments are transitive for groups, so a group holding Owner is counted as its members, users and service principals (https://learn.microsoft.com/azure/role-based-access-control/overview#groups; https://learn.microsoft.com/graph/api/group-list-transitivemembers), and the group is named. Whoever PIM for Groups makes eligible for membership or ownership of such a group becomes a member only on activation, so they are counted as eligible (https://learn.microsoft.com/entra/id-governance/privileged-identity-management/concept-pim-for-groups; https://learn.microsoft.com/graph/api/resources/privilegedidentitymanagement-for-groups-api-overview).",
  remediation: {
    text: "Remove Owner assignments that are not needed or make them PIM-eligible (Microsoft recommends at most three Owners), or name a second Owner; ownersPerSubscription in the configuration sets the bounds.",
    portal: "Subscriptions > (subscription) > Access control (IAM) > Role assignments (Owner)",
    source: "https://learn.microsoft.com/azure/role-based-access-control/best-practices",
  },
  evaluate({ evidence, subscriptions, settings, tenantId }) {
    const directory = principalDirectory(evidence.read(principalsDataset, `/tenants/${tenantId}`));
    const { min, max } = settings.ownersPerSubscription;
    return subscriptions.map((subscription): CheckOutcome => {
      const subject = subscriptionSubject(subscription);
      const read = evidence.read(roleAssignmentsDataset, subscription.scope);
      if (!read.ok) {
        return notEvaluated(subject, `The number of Owners of subscription ${subscription.displayName}`, roleAssignmentsDataset, read);
      }
      const ownsSubscription = (properties: { roleDefinitionId: string; scope: string }) =>
        roleGuid(properties.roleDefinitionId) === builtInRoles.owner && coversWholeSubscription(properties.scope, subscription);
      const owners = read.items.filter(({ value }) => ownsSubscription(value.properties));
      const kindOf = (properties: { principalId: string; principalType?: string | undefined }) =>
        principalKind(directory, properties.principalId, properties.principalType);

      // Who can act as Owner now, by principal id: direct holders first, then the members of groups.
      const active = new Map<string, string>();
      const groups: string[] = [];
      const unknownMembers: Failure[] = [];
      const eligible = new Map<string, string>();
      const eligibleGaps: Failure[] = [];
      const refs: EvidenceRef[] = owners.map(({ ref }) => ref);
      const addEligible = (id: string, text: string) => {
        if (!active.has(id.toLowerCase()) && !eligible.has(id.toLowerCase())) eligible.set(id.toLowerCase(), text);
      };
      for (const { value } of owners) {
        const kind = kindOf(value.properties);
        if (kind === "Group" || active.has(value.properties.principalId.toLowerCase())) continue;
        active.set(
          value.properties.principalId.toLowerCase(),
          `${describePrincipal(directory, value.properties.principalId, kind)} at ${describeScope(value.properties.scope, subscription)}`,
        );
      }
      for (const { value } of owners.filter(({ value: candidate }) => kindOf(candidate.properties) === "Group")) {
        const name = describePrincipal(directory, value.properties.principalId, "Group");
        const at = describeScope(value.properties.scope, subscription);
        const group = groupPeople(evidence, tenantId, value.properties.principalId, { how: false });
        if (group.members.ok) {
          groups.push(`${name} at ${at}, ${group.members.people.length} member(s)`);
          for (const person of group.members.people) {
            if (!active.has(person.id.toLowerCase())) active.set(person.id.toLowerCase(), `${person.label} through ${name}`);
            refs.push(...person.refs.slice(0, 1));
          }
        } else {
          groups.push(`${name} at ${at}, members unknown`);
          unknownMembers.push(group.members.gap);
        }
        if (group.eligible.ok) for (const person of group.eligible.people) addEligible(person.id, `${person.label} (${eligibleAccess(person)} of ${name})`);
        else eligibleGaps.push(group.eligible.gap);
      }

      // Who may activate Owner through PIM: eligible at the subscription or above, directly or through a group.
      const eligibility = evidence.read(roleEligibilityDataset, subscription.scope);
      if (!eligibility.ok) eligibleGaps.push({ dataset: roleEligibilityDataset, scope: subscription.scope, failure: eligibility });
      else {
        for (const { value, ref } of eligibility.items.filter(({ value: candidate }) => ownsSubscription(candidate.properties))) {
          const kind = kindOf(value.properties);
          const at = describeScope(value.properties.scope, subscription);
          refs.push(ref);
          if (kind !== "Group") {
            addEligible(value.properties.principalId, `${describePrincipal(directory, value.properties.principalId, kind)} (eligible at ${at})`);
            continue;
          }
          const name = describePrincipal(directory, value.properties.principalId, "Group");
          const group = groupPeople(evidence, tenantId, value.properties.principalId, { how: false });
          if (group.members.ok) for (const person of group.members.people) addEligible(person.id, `${person.label} (member of ${name}, eligible at ${at})`);
          else eligibleGaps.push(group.members.gap);
          if (group.eligible.ok)
            for (const person of group.eligible.people) addEligible(person.id, `${person.label} (${eligibleAccess(person)} of ${name}, eligible at ${at})`);
          else eligibleGaps.push(group.eligible.gap);
        }
      }

      const count = active.size;
      const counted = groups.length > 0 ? `, counting the members of the groups that hold it (${groups.join("; ")})` : "";
      const listing = count > 0 ? `: ${[...active.values()].join("; ")}` : "";
      const eligibleGap = eligibleGaps[0];
      const apart =
        (eligible.size > 0
          ? ` ${eligible.size} more can activate Owner through PIM, which counts toward the minimum only: ${[...eligible.values()].join("; ")}.`
          : "") +
        (eligibleGap
          ? ` Whether anyone else can activate Owner through PIM is unknown: the evidence "${eligibleGap.dataset.title}" is unavailable (${eligibleGap.failure.error.call}).`
          : "");
      const statement = (status: "pass" | "fail", least = ""): CheckOutcome => ({
        status,
        ...subject,
        message: `Subscription ${subscription.displayName} has ${least}${count} principal(s) holding an active Owner assignment at subscription scope or above${counted}, where ${min} to ${max} are expected${listing}.${apart}`,
        evidence: refs.length > 0 ? refs : [{ file: read.file, pointer: "/value" }],
      });
      if (count > max) return statement("fail", unknownMembers.length > 0 ? "at least " : "");
      const unknownGroup = unknownMembers[0];
      if (unknownGroup)
        return notEvaluated(
          subject,
          `The number of Owners of subscription ${subscription.displayName} (${count} counted, with the members of a group that holds Owner unknown)`,
          unknownGroup.dataset,
          unknownGroup.failure,
        );
      if (count + eligible.size >= min) return statement("pass");
      if (eligibleGap)
        return notEvaluated(
          subject,
          `Whether subscription ${subscription.displayName} has its minimum of ${min} Owners (${count} principal(s) hold Owner now, and who can activate it through PIM is unknown)`,
          eligibleGap.dataset,
          eligibleGap.failure,
        );
      return statement("fail");
    });
  },
});
