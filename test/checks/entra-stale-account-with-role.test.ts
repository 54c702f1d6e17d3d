import { check } from "../../src/checks/entra-stale-account-with-role.js";
import { signInActivityDataset, usersDataset } from "../../src/collectors/entra.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, people, type Tenant } from "../support/good-tenant.js";

const avery = "Avery Owner (avery.owner@example.com)";
const averyRoles = "Global Administrator (eligible); Owner on Example Subscription (active)";
const others = [
  { status: "pass" as const, message: "Blake Owner (blake.owner@example.com) last signed in 2026-11-18, 2 days before collection, and holds Owner on Example Subscription (active)." },
  { status: "pass" as const, message: "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) last signed in 2026-11-18, 2 days before collection, and holds Global Administrator (permanent)." },
  { status: "pass" as const, message: "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) last signed in 2026-11-18, 2 days before collection, and holds Global Administrator (permanent)." },
];
const averyActivity = (tenant: Tenant) => tenant.items(signInActivityDataset).find((item) => item.id === people.ownerA)!;

checkTable(check, [
  { name: "everyone signed in two days before collection", expected: [{ status: "pass", message: `${avery} last signed in 2026-11-18, 2 days before collection, and holds ${averyRoles}.` }, ...others] },
  {
    name: "no sign-in for more than 90 days",
    change: (tenant) => {
      averyActivity(tenant).signInActivity = { lastSignInDateTime: "2026-06-02T10:00:00Z", lastSuccessfulSignInDateTime: "2026-06-02T10:00:00Z", lastNonInteractiveSignInDateTime: null };
    },
    expected: [{ status: "fail", message: `${avery} last signed in 2026-06-02, 171 days before collection (more than 90), and still holds ${averyRoles}.` }, ...others],
  },
  {
    name: "the configured period decides",
    change: (tenant) => {
      tenant.settings.staleAccountDays = 1;
    },
    expected: [
      { status: "fail", message: `${avery} last signed in 2026-11-18, 2 days before collection (more than 1), and still holds ${averyRoles}.` },
      ...others.map((outcome) => ({ status: "fail" as const, message: outcome.message.replace(", 2 days before collection, and holds", ", 2 days before collection (more than 1), and still holds") })),
    ],
  },
  {
    name: "never signed in since an old creation date",
    change: (tenant) => {
      averyActivity(tenant).signInActivity = { lastSignInDateTime: null, lastSuccessfulSignInDateTime: null, lastNonInteractiveSignInDateTime: null };
    },
    expected: [{ status: "fail", message: `${avery} has never signed in since its creation on 2024-01-10, 1045 days before collection (more than 90), and still holds ${averyRoles}.` }, ...others],
  },
  {
    name: "a disabled account still holding roles",
    change: (tenant) => {
      tenant.items(usersDataset).find((item) => item.id === people.ownerA)!.accountEnabled = false;
    },
    expected: [{ status: "fail", message: `Disabled account ${avery} still holds ${averyRoles}.` }, ...others],
  },
  {
    name: "sign-in activity missing for the account: unknown, not fresh",
    change: (tenant) => {
      delete averyActivity(tenant).signInActivity;
    },
    expected: [{ status: "error", message: `The last sign-in of ${avery}, who holds ${averyRoles}, is unknown: the sign-in activity listing has no entry for the account.` }, ...others],
  },
  {
    name: "sign-in activity unavailable (licence): every holder not evaluated",
    change: (tenant) => tenant.fail(signInActivityDataset, { ...forbidden, reason: "licence", message: "Tenant does not have a SKU required" }),
    expected: [`${avery}, who holds ${averyRoles}`, ...others.map((outcome) => outcome.message.replace(/ last signed in .*, and holds (.*)\.$/, ", who holds $1"))].map((who) => ({
      status: "error" as const,
      message: `Whether ${who}, is stale could not be evaluated because the evidence "Users' last sign-in" is unavailable: GET https://management.azure.com/example returned HTTP 403; the tenant lacks the licence this API needs (Tenant does not have a SKU required).`,
    })),
  },
]);
