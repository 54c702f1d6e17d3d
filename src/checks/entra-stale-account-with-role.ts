import {
  directoryRoleAssignmentsDataset,
  directoryRoleEligibilityDataset,
  groupEligibilityDataset,
  groupMembersDataset,
  signInActivityDataset,
  usersDataset,
  type EntraUser,
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleDefinitionsDataset,
} from "../datasets/entra.js";
import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../datasets/rbac.js";
import type { EvidenceRef } from "../model/evidence.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { gapOutcome, privilegedAzureHoldings, privilegedDirectoryHoldings, tenantScope, tenantSubject, userLabel } from "./support/entra-identity.js";

const day = 24 * 60 * 60 * 1000;

/**
 * Entra records lastSuccessfulSignInDateTime only from December 2023; before that date an account
 * that has not succeeded since is "no successful sign-in since then", not "never".
 */
const successTrackedSince = new Date("2023-12-01T00:00:00Z");

/**
 * When the account was last used: its last successful sign-in. Failed attempts (a password spray on
 * a dormant admin) do not count as use. Undefined when Graph did not report the activity.
 */
function lastUse(activity: EntraUser["signInActivity"], created: Date | undefined): { since: Date | undefined; seen: string } | undefined {
  if (!activity) return undefined;
  const success = activity.lastSuccessfulSignInDateTime ? new Date(activity.lastSuccessfulSignInDateTime) : undefined;
  if (success && Number.isFinite(success.getTime())) return { since: success, seen: `last signed in successfully ${success.toISOString().slice(0, 10)}` };
  const attempt = activity.lastSignInDateTime ? ` (last attempt ${activity.lastSignInDateTime.slice(0, 10)})` : "";
  if (created && created > successTrackedSince)
    return { since: created, seen: `has no successful sign-in since its creation on ${created.toISOString().slice(0, 10)}${attempt}` };
  return {
    since: created ? successTrackedSince : undefined,
    seen: `has no successful sign-in recorded since Entra began recording them on 2023-12-01${attempt}`,
  };
}

export const check = defineCheck({
  id: "entra-stale-account-with-role",
  title: "No disabled or stale account holds a privileged Entra ID or Azure role",
  severity: "high",
  requires: [usersDataset, signInActivityDataset, directoryRoleAssignmentsDataset],
  alsoReads: [
    roleAssignmentsDataset,
    roleEligibilityDataset,
    principalsDataset,
    groupMembersDataset,
    groupEligibilityDataset,
    directoryRoleEligibilityDataset,
    directoryRoleAssignmentSchedulesDataset,
    directoryRoleDefinitionsDataset,
  ],
  rationale:
    "A role left on an account nobody uses (a leaver, a forgotten admin) is access that termination procedures missed, and an unwatched account is the easiest to take over. A group's role is held by each of its members: an Azure role by every transitive member (https://learn.microsoft.com/azure/role-based-access-control/overview#groups), a directory role by the members of the role-assignable group (https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept); a leaver left in such a group still holds it. Whoever PIM for Groups lets activate membership or ownership of a group holding an Azure role holds that role as an eligible one (https://learn.microsoft.com/entra/id-governance/privileged-identity-management/concept-pim-for-groups), and a holder whose type Azure does not report is what the directory resolves it to (https://learn.microsoft.com/graph/api/directoryobject-getbyids).",
  remediation: {
    text: "Remove the privileged Entra ID and Azure roles from accounts that are disabled or have not signed in for longer than the configured period, and make role removal a step of the termination procedure.",
    portal:
      "Microsoft Entra admin center > ID Governance > Privileged Identity Management > Microsoft Entra roles > Roles > (role) > Eligible roles or Active roles > Remove",
    source: "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-add-role-to-user",
  },
  evaluate({ evidence, tenantId, subscriptions, settings, collectedAt }) {
    const subject = tenantSubject(tenantId);
    const what = "Stale accounts holding privileged roles";
    const scope = tenantScope(tenantId);
    const users = evidence.read(usersDataset, scope);
    if (!users.ok) return [notEvaluated(subject, what, usersDataset, users)];
    const directory = privilegedDirectoryHoldings(evidence, tenantId);
    if (!directory.ok) return [notEvaluated(subject, what, directory.dataset, directory.failure)];
    const azure = privilegedAzureHoldings(evidence, subscriptions, tenantId);
    const activity = evidence.read(signInActivityDataset, scope);

    const rolesOf = new Map<string, { roles: string[]; refs: EvidenceRef[] }>();
    const add = (userId: string, role: string, ref: EvidenceRef) => {
      const entry = rolesOf.get(userId) ?? { roles: [], refs: [] };
      if (!entry.roles.includes(role)) entry.roles.push(role);
      entry.refs.push(ref);
      rolesOf.set(userId, entry);
    };
    for (const holding of directory.holdings) add(holding.userId, `${holding.roleName} (${holding.kind})`, holding.ref);
    for (const holding of azure.holdings) if (users.items.some(({ value }) => value.id === holding.userId)) add(holding.userId, holding.label, holding.ref);

    const outcomes: CheckOutcome[] = [];
    for (const [userId, { roles, refs }] of [...rolesOf].sort(([a], [b]) => a.localeCompare(b))) {
      const located = users.items.find(({ value }) => value.id === userId);
      if (!located) continue;
      const who = userLabel(located.value, userId);
      const userSubject = { resourceId: `${scope}/users/${userId}`, resourceName: who };
      const held = roles.join("; ");
      if (located.value.accountEnabled === false) {
        outcomes.push({ status: "fail", ...userSubject, message: `Disabled account ${who} still holds ${held}.`, evidence: [located.ref, ...refs] });
        continue;
      }
      if (!activity.ok) {
        outcomes.push(notEvaluated(userSubject, `Whether ${who}, who holds ${held}, is stale`, signInActivityDataset, activity));
        continue;
      }
      const signIns = activity.items.find(({ value }) => value.id === userId);
      const created = located.value.createdDateTime ? new Date(located.value.createdDateTime) : undefined;
      const used = lastUse(signIns?.value.signInActivity ?? undefined, created);
      const evidenceRefs = [located.ref, ...(signIns ? [signIns.ref] : []), ...refs];
      const idleDays = used?.since ? Math.floor((collectedAt.getTime() - used.since.getTime()) / day) : undefined;
      if (!used || idleDays === undefined) {
        const why = !signIns
          ? "the sign-in activity listing has no entry for the account"
          : !used
            ? "the listing did not report its sign-in activity"
            : "it has no successful sign-in and no creation date";
        outcomes.push({
          status: "error",
          ...userSubject,
          message: `The last use of ${who}, who holds ${held}, is unknown: ${why}.`,
          evidence: evidenceRefs,
          error: { call: activity.calls[0] ?? activity.file, status: 200, message: why, reason: "incomplete-data" },
        });
        continue;
      }
      if (idleDays > settings.staleAccountDays) {
        outcomes.push({
          status: "fail",
          ...userSubject,
          message: `${who} ${used.seen}, ${idleDays} days before collection (more than ${settings.staleAccountDays}), and still holds ${held}.`,
          evidence: evidenceRefs,
        });
      } else {
        outcomes.push({
          status: "pass",
          ...userSubject,
          message: `${who} ${used.seen}, ${idleDays} days before collection, and holds ${held}.`,
          evidence: evidenceRefs,
        });
      }
    }
    const eligibilityGaps = directory.scheduleGaps.filter((gap) => gap.dataset.id === directoryRoleEligibilityDataset.id);
    for (const gap of [...azure.gaps, ...directory.unexpandedGroups, ...eligibilityGaps])
      outcomes.push(gapOutcome(`${what}, among the holders this evidence would name,`, gap));
    if (outcomes.length === 0) {
      outcomes.push({
        status: "pass",
        ...subject,
        message: "No user holds a privileged Entra ID or Azure role, so no stale account holds one.",
        evidence: directory.sources.map((file) => ({ file, pointer: "/value" })),
      });
    }
    return outcomes;
  },
});
