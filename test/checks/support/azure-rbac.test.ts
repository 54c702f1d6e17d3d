import { describe, expect, it } from "vitest";
import {
  coversWholeSubscription,
  describeAssignableScope,
  describePrincipal,
  principalKind,
  type PrincipalDirectory,
} from "../../../src/checks/support/azure-rbac.js";
import type { DirectoryObject } from "../../../src/datasets/rbac.js";
import type { SubscriptionInScope } from "../../../src/model/evidence.js";

/** How scopes and principals read in findings, and which scopes cover a whole subscription. */
const prod: SubscriptionInScope = {
  subscriptionId: "291bba3f-e0a5-47bc-a099-3bdcb2a50a05",
  displayName: "Clinic-Prod",
  scope: "/subscriptions/291bba3f-e0a5-47bc-a099-3bdcb2a50a05",
};
const dev: SubscriptionInScope = {
  subscriptionId: "5b0c1d2e-0002-4b6f-9a7c-8d9e0f1a2b3c",
  displayName: "Clinic-Dev",
  scope: "/subscriptions/5b0c1d2e-0002-4b6f-9a7c-8d9e0f1a2b3c",
};

describe("describeAssignableScope", () => {
  it.each([
    ["/", "every scope (/)"],
    ["", "the root management group (inherited)"],
    ["///", "the root management group (inherited)"],
    ["/providers/Microsoft.Management/managementGroups/mg-clinic", "management group mg-clinic (inherited)"],
    ["/providers/microsoft.management/managementgroups/mg-clinic/", "management group mg-clinic (inherited)"],
    ["/providers/Microsoft.Management/managementGroups/mg-clinic/extra", "scope /providers/Microsoft.Management/managementGroups/mg-clinic/extra"],
    ["/x/providers/Microsoft.Management/managementGroups/mg-clinic", "scope /x/providers/Microsoft.Management/managementGroups/mg-clinic"],
    [prod.scope, "subscription Clinic-Prod"],
    [`${prod.scope.toUpperCase()}//`, "subscription Clinic-Prod"],
    [`${dev.scope}/resourceGroups/rg-ehr`, "resource group rg-ehr in Clinic-Dev"],
    [`${prod.scope}/resourceGroups/rg-ehr/providers/Microsoft.KeyVault/vaults/kv-ehr`, "resource kv-ehr in resource group rg-ehr of Clinic-Prod"],
    [`${prod.scope}/resourcegroups/rg-ehr/extra`, `scope ${prod.scope}/resourcegroups/rg-ehr/extra`],
    ["/subscriptions/00000000-0000-0000-0000-00000000dead", "scope /subscriptions/00000000-0000-0000-0000-00000000dead"],
    [`/x${prod.scope}/resourceGroups/rg-ehr`, `scope /x${prod.scope}/resourceGroups/rg-ehr`],
  ])("%s reads as %s", (scope, words) => {
    expect(describeAssignableScope(scope, [dev, prod])).toBe(words);
  });
});

describe("coversWholeSubscription", () => {
  it.each([
    ["", true],
    ["/", true],
    [prod.scope, true],
    [`${prod.scope.toUpperCase()}/`, true],
    ["/providers/Microsoft.Management/managementGroups/mg-clinic", true],
    [`${prod.scope}/resourceGroups/rg-ehr`, false],
    [dev.scope, false],
  ])("%s: %s", (scope, covers) => {
    expect(coversWholeSubscription(scope, prod)).toBe(covers);
  });
});

const object = (fields: Partial<DirectoryObject> & Pick<DirectoryObject, "@odata.type">): DirectoryObject => ({ id: "ab12", ...fields }) as DirectoryObject;
const directoryOf = (...objects: DirectoryObject[]): PrincipalDirectory =>
  new Map(objects.map((item) => [item.id.toLowerCase(), { value: item, ref: { file: "raw/rbac/principals.json", pointer: "/value/0" } }]));

describe("describePrincipal and principalKind", () => {
  it.each([
    {
      name: "a member, with the UPN",
      directory: directoryOf(
        object({ "@odata.type": "#microsoft.graph.user", displayName: "Avery Owner", userPrincipalName: "avery@example.com", userType: "Member" }),
      ),
      type: "User",
      words: "user Avery Owner (avery@example.com)",
      kind: "User",
    },
    {
      name: "a guest by #EXT#, looked up by an id in other letter case",
      directory: directoryOf(
        object({ "@odata.type": "#microsoft.graph.user", displayName: "Morgan Lee", userPrincipalName: "morgan_partner.example#EXT#@example.onmicrosoft.com" }),
      ),
      id: "AB12",
      type: undefined,
      words: "guest user Morgan Lee (morgan_partner.example#EXT#@example.onmicrosoft.com)",
      kind: "User",
    },
    {
      name: "a user without a name or UPN is named by id",
      directory: directoryOf(object({ "@odata.type": "#microsoft.graph.user" })),
      type: "User",
      words: "user ab12",
      kind: "User",
    },
    {
      name: "a managed identity",
      directory: directoryOf(
        object({ "@odata.type": "#microsoft.graph.servicePrincipal", displayName: "func-clinic-api", servicePrincipalType: "ManagedIdentity" }),
      ),
      type: undefined,
      words: "managed identity func-clinic-api",
      kind: "ServicePrincipal",
    },
    {
      name: "an application's service principal",
      directory: directoryOf(object({ "@odata.type": "#microsoft.graph.servicePrincipal", displayName: "backup-app", servicePrincipalType: "Application" })),
      type: "ServicePrincipal",
      words: "service principal backup-app",
      kind: "ServicePrincipal",
    },
    {
      name: "a service principal without a name",
      directory: directoryOf(object({ "@odata.type": "#microsoft.graph.servicePrincipal" })),
      type: "ServicePrincipal",
      words: "service principal ab12",
      kind: "ServicePrincipal",
    },
    {
      name: "a group",
      directory: directoryOf(object({ "@odata.type": "#microsoft.graph.group", displayName: "Platform Admins" })),
      type: undefined,
      words: "group Platform Admins",
      kind: "Group",
    },
    {
      name: "a group without a name",
      directory: directoryOf(object({ "@odata.type": "#microsoft.graph.group" })),
      type: "Group",
      words: "group ab12",
      kind: "Group",
    },
    ...(
      [
        ["User", "user ab12"],
        ["Group", "group ab12"],
        ["ServicePrincipal", "service principal ab12"],
        ["ForeignGroup", "foreign (external) group ab12"],
        ["Device", "device ab12"],
        ["SomethingNew", "principal ab12"],
      ] as const
    ).map(([type, words]) => ({ name: `no directory, Azure's type ${type}`, directory: undefined, type, words, kind: type })),
    { name: "no directory and no type", directory: undefined, type: undefined, words: "principal ab12", kind: undefined },
    {
      name: "a device in the directory, no type from Azure",
      directory: directoryOf(object({ "@odata.type": "#microsoft.graph.device" })),
      type: undefined,
      words: "principal ab12",
      kind: undefined,
    },
  ] as { name: string; directory: PrincipalDirectory; id?: string; type: string | undefined; words: string; kind: string | undefined }[])(
    "$name",
    ({ directory, id, type, words, kind }) => {
      expect(describePrincipal(directory, id ?? "ab12", type)).toBe(words);
      expect(principalKind(directory, id ?? "ab12", type)).toBe(kind);
    },
  );
});
