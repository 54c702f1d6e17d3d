import { describe, expect, it } from "vitest";
import { eligibleAccess, type GroupPeople, groupPeople } from "../../../src/checks/support/azure-role-groups.js";
import { groupAssignmentSchedulesDataset, groupEligibilityDataset, groupMembersDataset } from "../../../src/datasets/entra.js";
import { EvidenceSet } from "../../../src/model/evidence.js";
import { forbidden, goodTenant, groupCase, groupMember, groupRecords, pimGroupInstance, type Tenant, tenantId } from "../../support/good-tenant.js";

/**
 * Who is behind a group that holds an Azure role: its members now and how each became one (PIM for
 * Groups active schedules), and who may activate membership or ownership. One good group, one change.
 */
type Raw = Record<string, unknown>;
interface GroupContent {
  members: Raw[];
  eligible: Raw[];
  assigned: Raw[];
}

const { group, casey, robin } = groupCase;
const onCall = "77777777-0000-4000-8000-0000000000c7";
const dana = { id: "11111111-0000-4000-8000-0000000000d4", name: "Dana Oncall", upn: "dana.oncall@example.com" };
const eve = { id: "11111111-0000-4000-8000-0000000000d5", name: "Eve Steward", upn: "eve.steward@example.com" };
const frank = { id: "11111111-0000-4000-8000-0000000000d6", name: "Frank Relief", upn: "frank.relief@example.com" };
const unnamed = "11111111-0000-4000-8000-0000000000d7";
const asPrincipal = (person: { id: string; name: string; upn: string }): Raw => ({
  "@odata.type": "#microsoft.graph.user",
  id: person.id,
  displayName: person.name,
  userPrincipalName: person.upn,
});
const deployApp = { "@odata.type": "#microsoft.graph.servicePrincipal", id: "22222222-0000-4000-8000-0000000000e1", displayName: "ehr-deploy" };
const onCallGroup = { "@odata.type": "#microsoft.graph.group", id: onCall, displayName: "On-call" };

/**
 * The good group: Casey a member by activation, Robin assigned in PIM, a deployment workload with no
 * schedule, a nested group (a container: its members are listed themselves); Dana eligible for
 * membership, Eve for ownership, and the On-call group made eligible, whose members are Frank, Casey
 * (a member already) and a workload.
 */
function goodGroup(): GroupContent {
  return {
    members: [
      groupMember(casey.id, casey.name, casey.upn),
      groupMember(robin.id, robin.name, robin.upn),
      { ...deployApp },
      { ...onCallGroup, id: "77777777-0000-4000-8000-0000000000c8" },
    ],
    eligible: [
      pimGroupInstance("eligible", group, asPrincipal(dana), "member"),
      pimGroupInstance("eligible", group, asPrincipal(eve), "owner"),
      pimGroupInstance("eligible", group, onCallGroup, "member"),
    ],
    assigned: [
      pimGroupInstance("assigned", group, asPrincipal(casey), "member", "Activated"),
      pimGroupInstance("assigned", group, asPrincipal(robin), "member"),
    ],
  };
}
/** Casey's id in capitals: ids are compared without case. */
const onCallMembers = () => [groupMember(frank.id, frank.name, frank.upn), groupMember(casey.id.toUpperCase(), casey.name, casey.upn), { ...deployApp }];

interface GroupPeopleCase {
  name: string;
  change?: (content: GroupContent, tenant: Tenant) => void;
  /** Whether to ask how each member became one (the standing-assignment check does). */
  how?: boolean;
  expected: { members: string[] | string; eligible: string[] | string };
}

/** Files as their folder under raw/entra/groups names them: the group and the listing. */
const short = (file: string) => file.replace(`raw/entra/groups/${group}/`, "").replace(`raw/entra/groups/${onCall}/`, "on-call/");
const gapOf = (gap: { dataset: { id: string }; scope: string; failure: { error: { status: number } } }) =>
  `gap: ${gap.dataset.id} at ${gap.scope.replace(`/tenants/${tenantId}`, "")} (${gap.failure.error.status})`;
function seen(people: GroupPeople): { members: string[] | string; eligible: string[] | string } {
  return {
    members: people.members.ok
      ? people.members.people.map(
          (person) => `${person.label}: ${person.kind}, ${person.membership} [${person.refs.map((ref) => `${short(ref.file)}#${ref.pointer}`).join(", ")}]`,
        )
      : gapOf(people.members.gap),
    eligible: people.eligible.ok
      ? people.eligible.people.map((person) => `${person.label}: ${person.kind}, ${eligibleAccess(person)} [${short(person.ref.file)}#${person.ref.pointer}]`)
      : gapOf(people.eligible.gap),
  };
}

const caseyLabel = "user Casey Admin (casey.admin@example.com)";
const robinLabel = "user Robin Vendor (robin_partner.example#EXT#@example.onmicrosoft.com)";
const goodMembers = [
  `${caseyLabel}: user, activated [transitive-members.json#/value/0, pim-assignment-schedule-instances.json#/value/0]`,
  `${robinLabel}: user, standing [transitive-members.json#/value/1, pim-assignment-schedule-instances.json#/value/1]`,
  "service principal ehr-deploy: servicePrincipal, standing [transitive-members.json#/value/2]",
];
const goodEligible = [
  "user Dana Oncall (dana.oncall@example.com): user, eligible membership [pim-eligibility-schedule-instances.json#/value/0]",
  "user Eve Steward (eve.steward@example.com): user, eligible ownership [pim-eligibility-schedule-instances.json#/value/1]",
  "user Frank Relief (frank.relief@example.com): user, eligible membership (as a member of eligible group On-call) [pim-eligibility-schedule-instances.json#/value/2]",
];
const groupScope = `/groups/${group}`;
const heldScope = `/tenants/${tenantId}${groupScope}`;

const cases: GroupPeopleCase[] = [
  { name: "the good group", expected: { members: goodMembers, eligible: goodEligible } },
  {
    name: "not asked how: every member's membership is unknown and cites the member listing alone",
    how: false,
    expected: {
      members: [
        `${caseyLabel}: user, unknown [transitive-members.json#/value/0]`,
        `${robinLabel}: user, unknown [transitive-members.json#/value/1]`,
        "service principal ehr-deploy: servicePrincipal, unknown [transitive-members.json#/value/2]",
      ],
      eligible: goodEligible,
    },
  },
  {
    name: "not asked how: the schedules are not read, so their refusal is no gap",
    how: false,
    change: (_content, tenant) => tenant.fail(groupAssignmentSchedulesDataset, { ...forbidden, status: 403 }, heldScope),
    expected: {
      members: [
        `${caseyLabel}: user, unknown [transitive-members.json#/value/0]`,
        `${robinLabel}: user, unknown [transitive-members.json#/value/1]`,
        "service principal ehr-deploy: servicePrincipal, unknown [transitive-members.json#/value/2]",
      ],
      eligible: goodEligible,
    },
  },
  {
    name: "the PIM for Groups active schedules refused: the members are a gap, the eligible still read",
    change: (_content, tenant) => tenant.fail(groupAssignmentSchedulesDataset, { ...forbidden, status: 403 }, heldScope),
    expected: { members: `gap: ${groupAssignmentSchedulesDataset.id} at ${groupScope} (403)`, eligible: goodEligible },
  },
  {
    name: "the members refused: a gap, and every eligible person listed, none known to be a member",
    change: (_content, tenant) => tenant.fail(groupMembersDataset, { ...forbidden, status: 401 }, heldScope),
    expected: {
      members: `gap: ${groupMembersDataset.id} at ${groupScope} (401)`,
      eligible: [
        ...goodEligible,
        `${caseyLabel}: user, eligible membership (as a member of eligible group On-call) [pim-eligibility-schedule-instances.json#/value/2]`,
      ],
    },
  },
  {
    name: "the eligibilities refused: the eligible are a gap, the members still read",
    change: (_content, tenant) => tenant.fail(groupEligibilityDataset, { ...forbidden, status: 403 }, heldScope),
    expected: { members: goodMembers, eligible: `gap: ${groupEligibilityDataset.id} at ${groupScope} (403)` },
  },
  {
    name: "the members of the group made eligible refused: who may activate is a gap naming that group",
    change: (_content, tenant) => tenant.fail(groupMembersDataset, { ...forbidden, status: 403 }, `/tenants/${tenantId}/groups/${onCall}`),
    expected: { members: goodMembers, eligible: `gap: ${groupMembersDataset.id} at /groups/${onCall} (403)` },
  },
  {
    name: "a member's schedule without assignmentType: how they became one is unknown, citing the schedule",
    change: (content) => {
      delete content.assigned[1]!.assignmentType;
    },
    expected: {
      members: [
        goodMembers[0]!,
        `${robinLabel}: user, unknown [transitive-members.json#/value/1, pim-assignment-schedule-instances.json#/value/1]`,
        goodMembers[2]!,
      ],
      eligible: goodEligible,
    },
  },
  {
    name: "a member's schedule whose assignmentType is null: unknown too",
    change: (content) => {
      content.assigned[1]!.assignmentType = null;
    },
    expected: {
      members: [
        goodMembers[0]!,
        `${robinLabel}: user, unknown [transitive-members.json#/value/1, pim-assignment-schedule-instances.json#/value/1]`,
        goodMembers[2]!,
      ],
      eligible: goodEligible,
    },
  },
  {
    name: "an activation and a schedule without assignmentType for one member: the activation decides",
    change: (content) => {
      content.assigned.push({ ...pimGroupInstance("assigned", group, asPrincipal(casey), "member"), id: "second", assignmentType: null });
    },
    expected: {
      members: [
        `${caseyLabel}: user, activated [transitive-members.json#/value/0, pim-assignment-schedule-instances.json#/value/0, pim-assignment-schedule-instances.json#/value/2]`,
        goodMembers[1]!,
        goodMembers[2]!,
      ],
      eligible: goodEligible,
    },
  },
  {
    name: "an activated ownership is no activated membership: the member is standing",
    change: (content) => {
      content.assigned[0] = pimGroupInstance("assigned", group, asPrincipal(casey), "owner", "Activated");
    },
    expected: {
      members: [`${caseyLabel}: user, standing [transitive-members.json#/value/0]`, goodMembers[1]!, goodMembers[2]!],
      eligible: goodEligible,
    },
  },
  {
    name: "a schedule that names the member in capitals, with its type and access in lower case, is theirs",
    change: (content) => {
      content.assigned[0] = {
        ...pimGroupInstance("assigned", group, asPrincipal(casey), "member"),
        principalId: casey.id.toUpperCase(),
        assignmentType: "activated",
        accessId: "MEMBER",
      };
    },
    expected: { members: goodMembers, eligible: goodEligible },
  },
  {
    name: "an activated eligibility (the eligible person is a member now, named in capitals) is judged as a member",
    change: (content) => {
      content.eligible[0] = { ...pimGroupInstance("eligible", group, asPrincipal(casey), "member"), principalId: casey.id.toUpperCase() };
    },
    expected: { members: goodMembers, eligible: goodEligible.slice(1) },
  },
  {
    name: "a member who may also activate ownership stays listed as eligible for it",
    change: (content) => {
      content.eligible[1] = pimGroupInstance("eligible", group, asPrincipal(robin), "owner");
    },
    expected: {
      members: goodMembers,
      eligible: [goodEligible[0]!, `${robinLabel}: user, eligible ownership [pim-eligibility-schedule-instances.json#/value/1]`, goodEligible[2]!],
    },
  },
  {
    name: "a group made eligible for ownership: its members who are members already may still activate ownership",
    change: (content) => {
      content.eligible[2] = pimGroupInstance("eligible", group, onCallGroup, "owner");
    },
    expected: {
      members: goodMembers,
      eligible: [
        goodEligible[0]!,
        goodEligible[1]!,
        "user Frank Relief (frank.relief@example.com): user, eligible ownership (as a member of eligible group On-call) [pim-eligibility-schedule-instances.json#/value/2]",
        `${caseyLabel}: user, eligible ownership (as a member of eligible group On-call) [pim-eligibility-schedule-instances.json#/value/2]`,
      ],
    },
  },
  {
    name: "a group made eligible that its schedule does not name: its id stands for it",
    change: (content) => {
      content.eligible[2] = pimGroupInstance("eligible", group, { "@odata.type": "#microsoft.graph.group", id: onCall }, "member");
    },
    expected: {
      members: goodMembers,
      eligible: [
        goodEligible[0]!,
        goodEligible[1]!,
        `user Frank Relief (frank.relief@example.com): user, eligible membership (as a member of eligible group ${onCall}) [pim-eligibility-schedule-instances.json#/value/2]`,
      ],
    },
  },
  {
    name: "an eligibility whose principal is not expanded: an unknown kind, named by its id",
    change: (content) => {
      content.eligible[0] = { ...pimGroupInstance("eligible", group, asPrincipal(dana), "member"), principal: null };
    },
    expected: {
      members: goodMembers,
      eligible: [`principal ${dana.id}: unknown, eligible membership [pim-eligibility-schedule-instances.json#/value/0]`, ...goodEligible.slice(1)],
    },
  },
  {
    name: "an eligibility whose principal is a service principal: not a user, named as a workload",
    change: (content) => {
      content.eligible[0] = pimGroupInstance("eligible", group, { ...deployApp, id: "22222222-0000-4000-8000-0000000000e2" }, "member");
    },
    expected: {
      members: goodMembers,
      eligible: ["service principal ehr-deploy: unknown, eligible membership [pim-eligibility-schedule-instances.json#/value/0]", ...goodEligible.slice(1)],
    },
  },
  {
    name: "a member without a display name or UPN is named by its id",
    change: (content) => {
      content.members[2] = { "@odata.type": "#microsoft.graph.user", id: unnamed, displayName: null, userPrincipalName: null };
    },
    expected: { members: [goodMembers[0]!, goodMembers[1]!, `user ${unnamed}: user, standing [transitive-members.json#/value/2]`], eligible: goodEligible },
  },
  {
    name: "a member of the group made eligible without a display name is named by its id",
    change: (_content, tenant) => {
      tenant.groupItems(groupMembersDataset, onCall)[0] = { "@odata.type": "#microsoft.graph.user", id: frank.id, userPrincipalName: frank.upn };
    },
    expected: {
      members: goodMembers,
      eligible: [
        goodEligible[0]!,
        goodEligible[1]!,
        `user ${frank.id} (${frank.upn}): user, eligible membership (as a member of eligible group On-call) [pim-eligibility-schedule-instances.json#/value/2]`,
      ],
    },
  },
];

describe("groupPeople", () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
    const tenant = goodTenant();
    const content = goodGroup();
    tenant.records.push(...groupRecords(group, content), ...groupRecords(onCall, { members: onCallMembers() }));
    testCase.change?.(content, tenant);
    expect(seen(groupPeople(new EvidenceSet(tenant.records), tenantId, group, { how: testCase.how ?? true }))).toEqual(testCase.expected);
  });
});
