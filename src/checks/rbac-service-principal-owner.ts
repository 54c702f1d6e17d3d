import { principalsDataset, roleAssignmentsDataset } from "../datasets/rbac.js";
import { defineCheck, notEvaluated, subscriptionSubject, type CheckOutcome } from "./check.js";
import {
  builtInRoles,
  capitalise,
  coversWholeSubscription,
  describePrincipal,
  describeScope,
  principalDirectory,
  principalKind,
  roleGuid,
} from "./support/azure-rbac.js";

export const check = defineCheck({
  id: "rbac-service-principal-owner",
  title: "No service principal or managed identity holds Owner on a whole subscription",
  severity: "high",
  requires: [roleAssignmentsDataset],
  alsoReads: [principalsDataset],
  rationale:
    "A workload identity's secret or federated credential is not protected by MFA; with Owner on a subscription, whoever obtains it can read ePHI stores and grant access to anyone. When a role assignment does not report its principal's type, the directory object it names decides: Microsoft Graph's getByIds answers each id with the object's type (https://learn.microsoft.com/graph/api/directoryobject-getbyids; https://learn.microsoft.com/azure/role-based-access-control/role-assignments).",
  remediation: {
    text: "Give the workload the narrowest built-in role at the resource group or resource it deploys to (for example Contributor on one resource group), then remove its Owner assignment on the subscription.",
    portal: "Subscriptions > (subscription) > Access control (IAM) > Role assignments > (the service principal's Owner assignment) > Remove",
    source: "https://learn.microsoft.com/azure/role-based-access-control/role-assignments-remove",
  },
  evaluate({ evidence, subscriptions, tenantId }) {
    const directory = principalDirectory(evidence.read(principalsDataset, `/tenants/${tenantId}`));
    return subscriptions.flatMap((subscription): CheckOutcome[] => {
      const read = evidence.read(roleAssignmentsDataset, subscription.scope);
      if (!read.ok) {
        return [
          notEvaluated(subscriptionSubject(subscription), `Service principal Owners of subscription ${subscription.displayName}`, roleAssignmentsDataset, read),
        ];
      }
      const owners = read.items.filter(
        ({ value }) => roleGuid(value.properties.roleDefinitionId) === builtInRoles.owner && coversWholeSubscription(value.properties.scope, subscription),
      );
      const exceptions = owners.flatMap(({ value, ref }): CheckOutcome[] => {
        const where = describeScope(value.properties.scope, subscription);
        const subject = { resourceId: value.id, resourceName: `Owner at ${where}` };
        // An unreported type is judged by what the directory resolved the principal to.
        const kind = principalKind(directory, value.properties.principalId, value.properties.principalType);
        if (kind === undefined) {
          return [
            {
              status: "error",
              ...subject,
              message: `Whether principal ${value.properties.principalId}, which holds Owner on subscription ${subscription.displayName}, is a service principal could not be determined: the assignment does not report its principalType and the directory lookup did not resolve it.`,
              evidence: [ref],
              error: { call: read.calls[0] ?? read.file, status: 200, message: "principalType absent from the role assignment", reason: "incomplete-data" },
            },
          ];
        }
        if (kind !== "ServicePrincipal") return [];
        const who = describePrincipal(directory, value.properties.principalId, kind);
        return [
          {
            status: "fail",
            ...subject,
            message: `${capitalise(who)} holds Owner on subscription ${subscription.displayName} through an assignment at ${where}.`,
            evidence: [ref],
          },
        ];
      });
      if (exceptions.length > 0) return exceptions;
      return [
        {
          status: "pass",
          ...subscriptionSubject(subscription),
          message: `No service principal or managed identity holds an active Owner assignment at subscription scope or above in subscription ${subscription.displayName}.`,
          evidence: [{ file: read.file, pointer: "/value" }],
        },
      ];
    });
  },
});
