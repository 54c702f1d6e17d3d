import { check } from "../../src/checks/entra-privileged-single-factor-sign-ins.js";
import * as signIns from "../../src/datasets/entra-sign-ins.js";
import { checkTable } from "../support/check-table.js";
import { people, signInWorkspace, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const authRows = (t: Tenant): unknown[][] => (t.items(signIns.signInAuthenticationDataset, signInWorkspace)[0] as Raw).tables[0].rows;

checkTable(check, [
  {
    name: "the known-good tenant",
    expected: [
      {
        status: "pass",
        message:
          "Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
    ],
  },
  {
    name: "single factor sign-ins",
    change: (t: Tenant) => {
      authRows(t).push([people.ownerB, "blake.owner@example.com", "singleFactorAuthentication", true, 5, "2026-11-19T08:00:00Z"]);
    },
    expected: [
      {
        status: "pass",
        message:
          "Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "fail",
        message:
          "Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) signed in successfully 5 time(s) with a single factor and 12 time(s) with MFA in the last 30 days.",
      },
      {
        status: "pass",
        message:
          "User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
    ],
  },
  {
    name: "failed single factor ignored",
    change: (t: Tenant) => {
      authRows(t).push([people.ownerB, "blake.owner@example.com", "singleFactorAuthentication", false, 5, "2026-11-19T08:00:00Z"]);
    },
    expected: [
      {
        status: "pass",
        message:
          "Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
    ],
  },
  {
    name: "no sign-ins",
    change: (t: Tenant) => {
      authRows(t).splice(0, 1);
    },
    expected: [
      {
        status: "not_applicable",
        message:
          "Avery Owner (avery.owner@example.com) (Global Administrator (eligible); Owner on Example Subscription (active)) has no successful sign-in in the logs of the last 30 days.",
      },
      {
        status: "pass",
        message:
          "Blake Owner (blake.owner@example.com) (Owner on Example Subscription (active)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "User Account (user@my-tenant.com) (Contributor on Example Subscription (eligible)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Break Glass 1 (bg-admin-01@example.onmicrosoft.com) (Global Administrator (permanent)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
      {
        status: "pass",
        message:
          "Break Glass 2 (bg-admin-02@example.onmicrosoft.com) (Global Administrator (permanent)) signed in successfully 12 time(s) in the last 30 days, every time with MFA.",
      },
    ],
  },
  {
    name: "no workspace",
    change: (t: Tenant) => {
      t.records.splice(
        0,
        t.records.length,
        ...t.records.filter((r) => !["entra-sign-ins/workspace", "entra-sign-ins/arrival", "entra-sign-ins/authentication"].includes(r.dataset)),
      );
    },
    expected: [
      {
        status: "error",
        message:
          "How privileged users signed in could not be evaluated: no Log Analytics workspace receives Entra ID sign-in logs, so there is no record of them (see entra-sign-in-logs-exported).",
      },
    ],
  },
]);
