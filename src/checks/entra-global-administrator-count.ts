import {
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleAssignmentsDataset,
  directoryRoleDefinitionsDataset,
  directoryRoleEligibilityDataset,
  groupMembersDataset,
  usersDataset,
} from "../datasets/entra.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { globalAdministrator, privilegedDirectoryHoldings, tenantScope, tenantSubject, userLabel } from "./support/entra-identity.js";

export const check = defineCheck({
  id: "entra-global-administrator-count",
  title: "Between the configured minimum and maximum number of people can act as Global Administrator",
  severity: "medium",
  requires: [directoryRoleAssignmentsDataset, directoryRoleEligibilityDataset, usersDataset],
  alsoReads: [directoryRoleAssignmentSchedulesDataset, directoryRoleDefinitionsDataset, groupMembersDataset],
  rationale:
    "Every Global Administrator can read and change everything in the tenant, including who may reach ePHI; one alone is a single point of failure, and many widen the attack surface.",
  remediation: {
    text: "Bring Global Administrators down to the few who need the role (Microsoft recommends fewer than five), moving the others to narrower roles made eligible in PIM, and keep at least two, one of them an emergency access account.",
    portal: "Microsoft Entra admin center > Identity > Roles & admins > All roles > Global Administrator",
    source: "https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices",
  },
  evaluate({ evidence, tenantId, settings }) {
    const subject = tenantSubject(tenantId);
    const what = "The number of Global Administrators";
    const users = evidence.read(usersDataset, tenantScope(tenantId));
    if (!users.ok) return [notEvaluated(subject, what, usersDataset, users)];
    const read = privilegedDirectoryHoldings(evidence, tenantId);
    if (!read.ok) return [notEvaluated(subject, what, read.dataset, read.failure)];
    const holders = read.holdings.filter((holding) => holding.roleTemplateId === globalAdministrator);
    const people = [...new Set(holders.map((holding) => holding.userId))];
    const names = people.map((id) => userLabel(users.items.find(({ value }) => value.id === id)?.value, id)).sort();
    const { min, max } = settings.globalAdministrators;
    // No holder to cite: the count of none stands on the role assignments listing itself.
    const evidenceRefs = holders.length ? holders.map((holding) => holding.ref) : read.sources.map((file) => ({ file, pointer: "/value" }));
    const listed = `${people.length} user(s) can act as Global Administrator, active or PIM-eligible${names.length ? `: ${names.join("; ")}` : ""}`;
    const outcome = (status: "pass" | "fail", expected: string): CheckOutcome => ({
      status,
      ...subject,
      message: `${listed}; ${expected}.`,
      evidence: evidenceRefs,
    });
    if (people.length > max) return [outcome("fail", `at most ${max} are expected`)];
    // An unreadable eligibility list or role group can only add holders: a count within bounds is then not proven.
    const gap = read.scheduleGaps.find((candidate) => candidate.dataset.id === directoryRoleEligibilityDataset.id);
    if (gap) return [notEvaluated(subject, what, gap.dataset, gap.failure)];
    const unexpanded = read.unexpandedGroups[0];
    if (unexpanded)
      return [notEvaluated(subject, `${what} (${listed}, plus the members of group ${unexpanded.groupId})`, unexpanded.dataset, unexpanded.failure)];
    if (people.length < min) return [outcome("fail", `at least ${min} are expected`)];
    return [outcome("pass", `between ${min} and ${max} are expected`)];
  },
});
