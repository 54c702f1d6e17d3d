import { check } from "../../src/checks/rbac-service-principal-owner.js";
import { principalsDataset, roleAssignmentsDataset } from "../../src/datasets/rbac.js";
import { checkTable } from "../support/check-table.js";
import { assignment, forbidden, people, roleIds, subscription } from "../support/good-tenant.js";

checkTable(check, [
  {
    name: "no workload identity owns the subscription",
    expected: [
      {
        status: "pass",
        message:
          "No service principal or managed identity holds an active Owner assignment at subscription scope or above in subscription Example Subscription.",
      },
    ],
  },
  {
    name: "an application's service principal holds Owner on the subscription",
    change: (tenant) =>
      tenant.items(roleAssignmentsDataset).push(assignment("aaaaaaaa-0000-4000-8000-000000000030", people.readerApp, "ServicePrincipal", roleIds.owner)),
    expected: [
      {
        status: "fail",
        message:
          "Service principal inventory-reader holds Owner on subscription Example Subscription through an assignment at subscription Example Subscription.",
      },
    ],
  },
  {
    name: "a managed identity inherits Owner from a management group",
    change: (tenant) => {
      tenant.items(principalsDataset).push({
        "@odata.type": "#microsoft.graph.servicePrincipal",
        id: "55555555-0000-4000-8000-000000000001",
        displayName: "func-ingest",
        servicePrincipalType: "ManagedIdentity",
      });
      tenant
        .items(roleAssignmentsDataset)
        .push(
          assignment(
            "aaaaaaaa-0000-4000-8000-000000000031",
            "55555555-0000-4000-8000-000000000001",
            "ServicePrincipal",
            roleIds.owner,
            "/providers/Microsoft.Management/managementGroups/mg-platform",
          ),
        );
    },
    expected: [
      {
        status: "fail",
        message:
          "Managed identity func-ingest holds Owner on subscription Example Subscription through an assignment at management group mg-platform (inherited).",
      },
    ],
  },
  {
    name: "Owner on one resource group is not Owner of the subscription",
    change: (tenant) =>
      tenant
        .items(roleAssignmentsDataset)
        .push(
          assignment(
            "aaaaaaaa-0000-4000-8000-000000000032",
            people.readerApp,
            "ServicePrincipal",
            roleIds.owner,
            `${subscription.scope}/resourceGroups/rg-deploy`,
          ),
        ),
    expected: [
      {
        status: "pass",
        message:
          "No service principal or managed identity holds an active Owner assignment at subscription scope or above in subscription Example Subscription.",
      },
    ],
  },
  {
    // Microsoft Graph, "directoryObject: getByIds": the directory answers the id with the object's
    // type, which decides when the role assignment does not report principalType.
    name: "an Owner whose principal type Azure does not report is judged by the directory: a user",
    change: (tenant) => {
      delete tenant.items(roleAssignmentsDataset)[1]!.properties.principalType;
    },
    expected: [
      {
        status: "pass",
        message:
          "No service principal or managed identity holds an active Owner assignment at subscription scope or above in subscription Example Subscription.",
      },
    ],
  },
  {
    name: "an Owner whose principal type Azure does not report is judged by the directory: a service principal",
    change: (tenant) => {
      const owner = assignment("aaaaaaaa-0000-4000-8000-000000000033", people.readerApp, "ServicePrincipal", roleIds.owner);
      delete owner.properties.principalType;
      tenant.items(roleAssignmentsDataset).push(owner);
    },
    expected: [
      {
        status: "fail",
        message:
          "Service principal inventory-reader holds Owner on subscription Example Subscription through an assignment at subscription Example Subscription.",
      },
    ],
  },
  {
    name: "an Owner whose type neither Azure nor the directory gives is unknown, not a user",
    change: (tenant) => {
      delete tenant.items(roleAssignmentsDataset)[1]!.properties.principalType;
      tenant.items(principalsDataset).splice(1, 1);
    },
    expected: [
      {
        status: "error",
        message:
          "Whether principal 11111111-0000-4000-8000-00000000000b, which holds Owner on subscription Example Subscription, is a service principal could not be determined: the assignment does not report its principalType and the directory lookup did not resolve it.",
      },
    ],
  },
  {
    name: "role assignments refused: not evaluated",
    change: (tenant) => tenant.fail(roleAssignmentsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Service principal Owners of subscription Example Subscription could not be evaluated because the evidence "Azure role assignments" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
