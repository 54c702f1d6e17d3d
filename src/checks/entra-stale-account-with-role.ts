import {
  directoryRoleAssignmentsDataset,
  directoryRoleEligibilityDataset,
  signInActivityDataset,
  usersDataset,
  type EntraUser,
} from "../collectors/entra.js";
import { roleAssignmentsDataset, roleEligibilityDataset } from "../collectors/rbac.js";
import type { EvidenceRef } from "../model/evidence.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { privilegedAzureHoldings, privilegedDirectoryHoldings, tenantScope, tenantSubject, userLabel } from "./support/entra-identity.js";

const day = 24 * 60 * 60 * 1000;

/** The newest sign-in Entra recorded, interactive or not; null when it recorded none. */
function lastSignIn(activity: EntraUser["signInActivity"]): Date | null | undefined {
  if (activity === undefined) return undefined;
  const times = [activity?.lastSuccessfulSignInDateTime, activity?.lastSignInDateTime, activity?.lastNonInteractiveSignInDateTime]
    .filter((value): value is string => typeof value === "string")
    .map((value) => new Date(value).getTime())
    .filter((value) => Number.isFinite(value));
  return times.length ? new Date(Math.max(...times)) : null;
}

export const check = defineCheck({
  id: "entra-stale-account-with-role",
  title: "No disabled or stale account holds a privileged Entra ID or Azure role",
  severity: "high",
  requires: [usersDataset, signInActivityDataset, directoryRoleAssignmentsDataset],
  alsoReads: [roleAssignmentsDataset, roleEligibilityDataset, directoryRoleEligibilityDataset],
  rationale:
    "A role left on an account nobody uses (a leaver, a forgotten admin) is access that termination procedures missed, and an unwatched account is the easiest to take over.",
  remediation: "Remove the roles from accounts that are disabled or unused for longer than the configured period, and add role removal to the termination procedure.",
  evaluate({ evidence, tenantId, subscriptions, settings, collectedAt }) {
    const subject = tenantSubject(tenantId);
    const what = "Stale accounts holding privileged roles";
    const scope = tenantScope(tenantId);
    const users = evidence.read(usersDataset, scope);
    if (!users.ok) return [notEvaluated(subject, what, usersDataset, users)];
    const directory = privilegedDirectoryHoldings(evidence, tenantId);
    if (!directory.ok) return [notEvaluated(subject, what, directory.dataset, directory.failure)];
    const azure = privilegedAzureHoldings(evidence, subscriptions);
    const activity = evidence.read(signInActivityDataset, scope);

    const rolesOf = new Map<string, { roles: string[]; refs: EvidenceRef[] }>();
    const add = (userId: string, role: string, ref: EvidenceRef) => {
      const entry = rolesOf.get(userId) ?? { roles: [], refs: [] };
      if (!entry.roles.includes(role)) entry.roles.push(role);
      entry.refs.push(ref);
      rolesOf.set(userId, entry);
    };
    for (const holding of directory.holdings) add(holding.userId, `${holding.roleName} (${holding.kind})`, holding.ref);
    for (const holding of azure.holdings) if (users.items.some(({ value }) => value.id === holding.userId)) add(holding.userId, `${holding.roleName} on ${holding.where} (${holding.kind})`, holding.ref);

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
      const last = lastSignIn(signIns?.value.signInActivity);
      const evidenceRefs = [located.ref, ...(signIns ? [signIns.ref] : []), ...refs];
      if (last === undefined) {
        outcomes.push({
          status: "error",
          ...userSubject,
          message: `The last sign-in of ${who}, who holds ${held}, is unknown: the sign-in activity listing has no entry for the account.`,
          evidence: evidenceRefs,
          error: { call: activity.calls[0] ?? activity.file, status: 200, message: "no signInActivity for this user", reason: "incomplete-data" },
        });
        continue;
      }
      const created = located.value.createdDateTime ? new Date(located.value.createdDateTime) : undefined;
      const reference = last ?? created;
      const idleDays = reference ? Math.floor((collectedAt.getTime() - reference.getTime()) / day) : undefined;
      const seen = last ? `last signed in ${last.toISOString().slice(0, 10)}` : `has never signed in${created ? ` since its creation on ${created.toISOString().slice(0, 10)}` : ""}`;
      if (idleDays === undefined || idleDays > settings.staleAccountDays) {
        outcomes.push({
          status: "fail",
          ...userSubject,
          message: `${who} ${seen}${idleDays !== undefined ? `, ${idleDays} days before collection` : ""} (more than ${settings.staleAccountDays}), and still holds ${held}.`,
          evidence: evidenceRefs,
        });
      } else {
        outcomes.push({ status: "pass", ...userSubject, message: `${who} ${seen}, ${idleDays} days before collection, and holds ${held}.`, evidence: evidenceRefs });
      }
    }
    const eligibilityGaps = directory.scheduleGaps.filter((gap) => gap.dataset.id === directoryRoleEligibilityDataset.id);
    for (const gap of [...azure.gaps, ...directory.unexpandedGroups, ...eligibilityGaps]) outcomes.push(notEvaluated(subject, `${what} (holders in ${gap.failure.file ?? gap.dataset.title})`, gap.dataset, gap.failure));
    if (outcomes.length === 0) {
      outcomes.push({ status: "pass", ...subject, message: "No user holds a privileged Entra ID or Azure role, so no stale account holds one.", evidence: directory.sources.map((file) => ({ file, pointer: "/value" })) });
    }
    return outcomes;
  },
});
