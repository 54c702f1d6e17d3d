import { conditionalAccessPoliciesDataset, usersDataset } from "../datasets/entra.js";
import { defineCheck, notEvaluated } from "./check.js";
import { signInFrequencyControls, type SessionLifetimeControl } from "./support/conditional-access.js";
import { globalAdministrator, isBreakGlass, privilegedDirectoryRoles, tenantScope, tenantSubject } from "./support/entra-identity.js";

/** Sessions longer than a working day are not "automatic logoff" in any useful sense. */
const maximumHours = 24;

function frequencyHours(frequency: SessionLifetimeControl["signInFrequency"]): number | undefined {
  if (!frequency) return undefined;
  if (frequency.everyTime) return 0;
  if (frequency.value === undefined) return undefined;
  return frequency.unit === "days" ? frequency.value * 24 : frequency.unit === "hours" ? frequency.value : undefined;
}

/** "4 hours", "1 day"; Graph's unit, singular for one. */
function describePeriod(value: number | undefined, unit: string | undefined): string {
  const units = unit ?? "(unit not reported)";
  return `${value ?? "(value not reported)"} ${value === 1 ? units.replace(/s$/, "") : units}`;
}

function describeControl(control: SessionLifetimeControl): string {
  const frequency = control.signInFrequency
    ? control.signInFrequency.everyTime
      ? "sign-in every time"
      : `sign-in again every ${describePeriod(control.signInFrequency.value, control.signInFrequency.unit)}`
    : undefined;
  const parts = [frequency, control.persistentBrowserNever ? "no persistent browser session" : undefined].filter(Boolean).join(", ");
  // Guests are named too; a policy that names no one (includeUsers None, or no users condition) says so.
  const who = control.included.allUsers
    ? "all users"
    : [
        ...control.included.roles.map((role) => privilegedDirectoryRoles[role] ?? `role ${role}`),
        ...control.included.groups.map((group) => `group ${group}`),
        ...control.included.users.map((user) => `user ${user}`),
        ...(control.included.guestsOrExternalUsers ? [`guests (${control.included.guestsOrExternalUsers})`] : []),
      ].join(", ") || "no one named";
  return `"${control.displayName}" (${parts}, for ${who}${control.narrowing.length ? `; ${control.narrowing.join(", ")}` : ""})`;
}

export const check = defineCheck({
  id: "entra-sign-in-frequency",
  title: "Sessions of privileged users (or all users) end after a set time: Conditional Access sign-in frequency",
  severity: "medium",
  requires: [conditionalAccessPoliciesDataset],
  rationale:
    "Sessions should end after a period of inactivity; for cloud sign-in the enforceable control is Conditional Access sign-in frequency, without which Entra keeps sessions alive for up to 90 days.",
  remediation: {
    text: "Turn on a Conditional Access policy with a sign-in frequency (for example 4 hours for administrators, 12 to 24 hours for others) and no persistent browser sessions; idle time-outs inside applications still need attestation.",
    portal:
      "Microsoft Entra admin center > Entra ID > Conditional Access > Policies > New policy > Session: Sign-in frequency (Periodic reauthentication) and Persistent browser session",
    source: "https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-session-lifetime",
  },
  alsoReads: [usersDataset],
  evaluate({ evidence, tenantId, settings }) {
    const subject = tenantSubject(tenantId);
    const policies = evidence.read(conditionalAccessPoliciesDataset, tenantScope(tenantId));
    if (!policies.ok) return [notEvaluated(subject, "Session lifetime controls", conditionalAccessPoliciesDataset, policies)];
    const users = evidence.read(usersDataset, tenantScope(tenantId));
    const breakGlassIds = new Set(
      users.ok ? users.items.filter(({ value }) => isBreakGlass(value, settings.breakGlassAccounts)).map(({ value }) => value.id.toLowerCase()) : [],
    );
    const controls = signInFrequencyControls(policies.items.map(({ value }) => value)).filter((control) => control.signInFrequency !== undefined);
    const refOf = (control: SessionLifetimeControl) =>
      policies.items.find(({ value }) => value.id === control.id)?.ref ?? { file: policies.file, pointer: "/value" };
    const refs = controls.map(refOf);
    /** Why a control does not end every session of the people it names within the limit. */
    const shortfalls = (control: SessionLifetimeControl): string[] => {
      const excluded = [
        ...control.excluded.users.filter((id) => !breakGlassIds.has(id.toLowerCase())).map((id) => `user ${id}`),
        ...control.excluded.groups.map((id) => `group ${id}`),
        ...control.excluded.roles.map((id) => `role ${privilegedDirectoryRoles[id] ?? id}`),
        ...(control.excluded.guestsOrExternalUsers ? ["guests"] : []),
      ];
      const hours = frequencyHours(control.signInFrequency);
      return [
        ...(excluded.length ? [`exclusions (${excluded.join(", ")})`] : []),
        ...control.narrowing,
        ...(hours !== undefined && hours > maximumHours ? [`a frequency longer than ${maximumHours} hours`] : []),
      ];
    };
    /** What a control does not report that decides whether it ends sessions in time: neither a pass nor a shortfall. */
    const unknowns = (control: SessionLifetimeControl): string[] => [
      ...control.unknowns,
      ...(frequencyHours(control.signInFrequency) === undefined ? ["it does not report the length of its frequency"] : []),
    ];
    const broad = controls.filter((control) => control.included.allUsers || control.included.roles.some((role) => role.toLowerCase() === globalAdministrator));
    // Whether excluded users are the emergency accounts needs the users; without them, no verdict.
    if (!users.ok && broad.some((control) => control.excluded.users.length > 0))
      return [notEvaluated(subject, "Session lifetime controls (who their exclusions are)", usersDataset, users)];
    const sound = broad.filter((control) => shortfalls(control).length === 0 && unknowns(control).length === 0);
    // Without a sound control, one without a known shortfall falls short only in what it does not
    // report, and might be sound: no verdict either way.
    const undecided = broad.filter((control) => shortfalls(control).length === 0);
    if (sound.length === 0 && undecided.length > 0) {
      const why = undecided.map((control) => `${describeControl(control)}: ${unknowns(control).join(" and ")}`).join("; ");
      return [
        {
          status: "error",
          ...subject,
          message: `Whether sign-in frequency ends the sessions of all users or Global Administrators within ${maximumHours} hours could not be determined: ${why}.`,
          evidence: undecided.map(refOf),
          error: { call: policies.calls[0] ?? policies.file, status: 200, message: why, reason: "incomplete-data" },
        },
      ];
    }
    if (sound.length > 0) {
      return [
        {
          status: "pass",
          ...subject,
          message: `Enabled Conditional Access limits session lifetime: ${sound.map(describeControl).join("; ")}.`,
          evidence: refs,
        },
      ];
    }
    const described = (control: SessionLifetimeControl) =>
      `${describeControl(control)}${shortfalls(control).length ? `, but with ${shortfalls(control).join("; ")}` : ""}`;
    return [
      {
        status: "fail",
        ...subject,
        message: broad.length
          ? `Sign-in frequency for all users or Global Administrators is weakened: ${broad.map(described).join("; ")}.`
          : controls.length
            ? `Sign-in frequency is set only for some users, not for all users or Global Administrators: ${controls.map(describeControl).join("; ")}.`
            : `No enabled Conditional Access policy sets a sign-in frequency (${policies.items.length} policies examined): sessions last as long as Entra ID's defaults allow.`,
        evidence: refs.length ? refs : [{ file: policies.file, pointer: "/value" }],
      },
    ];
  },
});
