import { queryRows } from "../datasets/log-query-rows.js";
import {
  directoryRoleAssignmentsDataset,
  directoryRoleEligibilityDataset,
  groupEligibilityDataset,
  groupMembersDataset,
  usersDataset,
  directoryRoleAssignmentSchedulesDataset,
  directoryRoleDefinitionsDataset,
} from "../datasets/entra.js";
import { entraDiagnosticSettingsDataset, signInAuthenticationDataset } from "../datasets/entra-sign-ins.js";
import { principalsDataset, roleAssignmentsDataset, roleEligibilityDataset } from "../datasets/rbac.js";
import type { EvidenceRef } from "../model/evidence.js";
import { defineCheck, notEvaluated, type CheckOutcome } from "./check.js";
import { gapOutcome, tenantScope, tenantSubject, userLabel } from "./support/entra-identity.js";
import { privilegedRoleHolders } from "./support/mfa-coverage.js";

interface SignInCounts {
  multiFactor: number;
  singleFactor: number;
  refs: EvidenceRef[];
}

export const check = defineCheck({
  id: "entra-privileged-single-factor-sign-ins",
  title: "Holders of privileged roles signed in only with MFA over the last 30 days, as the sign-in logs record it",
  severity: "high",
  requires: [signInAuthenticationDataset, usersDataset, directoryRoleAssignmentsDataset],
  alsoReads: [
    entraDiagnosticSettingsDataset,
    directoryRoleEligibilityDataset,
    roleAssignmentsDataset,
    roleEligibilityDataset,
    principalsDataset,
    groupMembersDataset,
    groupEligibilityDataset,
    directoryRoleAssignmentSchedulesDataset,
    directoryRoleDefinitionsDataset,
  ],
  rationale:
    "Policies say what should happen; the sign-in log says what did. A privileged account that signed in with a password alone is exposed whatever the policies intend.",
  remediation: {
    text: "Open each single-factor sign-in to see which Conditional Access policies applied, close the gap that let it through (an exclusion, a report-only policy, an application no policy targets), and review those sign-ins for misuse.",
    portal: "Microsoft Entra admin center > Identity > Monitoring & health > Sign-in logs > (sign-in) > Conditional Access tab",
    source: "https://learn.microsoft.com/entra/identity/monitoring-health/how-to-view-applied-conditional-access-policies",
  },
  evaluate({ evidence, tenantId, subscriptions }) {
    const subject = tenantSubject(tenantId);
    const what = "How privileged users signed in";
    const users = evidence.read(usersDataset, tenantScope(tenantId));
    if (!users.ok) return [notEvaluated(subject, what, usersDataset, users)];
    const holders = privilegedRoleHolders(evidence, tenantId, subscriptions);
    if (!holders.ok) return [notEvaluated(subject, what, holders.dataset, holders.failure)];
    const workspaces = evidence.scopesOf(signInAuthenticationDataset);
    if (workspaces.length === 0) {
      const settings = evidence.read(entraDiagnosticSettingsDataset, tenantScope(tenantId));
      if (!settings.ok) return [notEvaluated(subject, what, entraDiagnosticSettingsDataset, settings)];
      return [
        {
          status: "error",
          ...subject,
          message: `${what} could not be evaluated: no Log Analytics workspace receives Entra ID sign-in logs, so there is no record of them (see entra-sign-in-logs-exported).`,
          evidence: [{ file: settings.file, pointer: "/value" }],
          error: {
            call: settings.calls[0] ?? settings.file,
            status: 200,
            message: "no diagnostic setting sends SignInLogs to a workspace",
            reason: "not-collected",
          },
        },
      ];
    }
    const counts = new Map<string, SignInCounts>();
    for (const workspace of workspaces) {
      const read = evidence.read(signInAuthenticationDataset, workspace);
      if (!read.ok) return [notEvaluated(subject, what, signInAuthenticationDataset, read)];
      for (const { value, ref } of read.items) {
        for (const row of queryRows(value)) {
          if (row.succeeded !== true || typeof row.UserId !== "string") continue;
          const entry = counts.get(row.UserId.toLowerCase()) ?? { multiFactor: 0, singleFactor: 0, refs: [] };
          const signIns = typeof row.signIns === "number" ? row.signIns : 0;
          if (row.AuthenticationRequirement === "singleFactorAuthentication") entry.singleFactor += signIns;
          else if (row.AuthenticationRequirement === "multiFactorAuthentication") entry.multiFactor += signIns;
          entry.refs.push(ref);
          counts.set(row.UserId.toLowerCase(), entry);
        }
      }
    }
    const outcomes: CheckOutcome[] = [];
    for (const { value, ref } of users.items) {
      const holder = holders.holders.get(value.id.toLowerCase());
      if (!holder) continue;
      const who = `${userLabel(value, value.id)} (${holder.roles.join("; ")})`;
      const userSubject = { resourceId: `${tenantScope(tenantId)}/users/${value.id}/sign-ins`, resourceName: userLabel(value, value.id) };
      const signIns = counts.get(value.id.toLowerCase());
      const evidenceRefs = [ref, ...(signIns?.refs ?? [])];
      if (!signIns || signIns.multiFactor + signIns.singleFactor === 0) {
        outcomes.push({
          status: "not_applicable",
          ...userSubject,
          message: `${who} has no successful sign-in in the logs of the last 30 days.`,
          evidence: evidenceRefs,
        });
      } else if (signIns.singleFactor > 0) {
        outcomes.push({
          status: "fail",
          ...userSubject,
          message: `${who} signed in successfully ${signIns.singleFactor} time(s) with a single factor and ${signIns.multiFactor} time(s) with MFA in the last 30 days.`,
          evidence: evidenceRefs,
        });
      } else {
        outcomes.push({
          status: "pass",
          ...userSubject,
          message: `${who} signed in successfully ${signIns.multiFactor} time(s) in the last 30 days, every time with MFA.`,
          evidence: evidenceRefs,
        });
      }
    }
    for (const gap of holders.gaps) outcomes.push(gapOutcome(`${what}, for the privileged users this evidence would name,`, gap));
    return outcomes;
  },
});
