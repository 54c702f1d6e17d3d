import type { CheckDefinition } from "./check.js";

/**
 * Every check, in the order the reports list them: a new check is one line here. The catalog test
 * keeps this list, the files in src/checks/ and the mapping in step.
 */
const modules = await Promise.all([
  import("./rbac-subscription-owner-count.js"),
  import("./rbac-guest-privileged-role.js"),
  import("./rbac-service-principal-owner.js"),
  import("./rbac-custom-role-wildcard.js"),
  import("./rbac-standing-privileged-assignment.js"),
  import("./key-vault-purge-protection-enabled.js"),
  import("./key-vault-public-network-restricted.js"),
  import("./key-vault-rbac-authorization.js"),
  import("./key-vault-audit-logging.js"),
  import("./storage-blob-audit-logging.js"),
  import("./sql-server-auditing.js"),
  import("./app-service-audit-logging.js"),
  import("./entra-mfa-all-users.js"),
  import("./entra-mfa-privileged-users.js"),
  import("./entra-mfa-azure-management.js"),
  import("./entra-legacy-authentication-blocked.js"),
  import("./entra-mfa-policy-not-enforcing.js"),
  import("./entra-security-defaults-consistency.js"),
  import("./entra-break-glass-accounts.js"),
  import("./entra-global-administrator-count.js"),
  import("./entra-standing-privileged-role.js"),
  import("./entra-guest-privileged-role.js"),
  import("./entra-stale-account-with-role.js"),
  import("./entra-sign-in-frequency.js"),
  import("./entra-sign-in-logs-exported.js"),
  import("./entra-audit-logs-exported.js"),
  import("./entra-privileged-single-factor-sign-ins.js"),
  import("./defender-plans-for-resources-in-use.js"),
  import("./defender-storage-malware-scanning.js"),
  import("./defender-security-contact-notifications.js"),
  import("./defender-high-alerts-handled.js"),
  import("./defender-healthcare-standard-assessed.js"),
  import("./activity-log-exported.js"),
  import("./activity-log-alert-role-changes.js"),
  import("./log-analytics-retention.js"),
  import("./log-analytics-effective-retention.js"),
  import("./log-archive-immutability-locked.js"),
  import("./baa-covered-services.js"),
  import("./resource-location-allowed.js"),
]);

export const checks: readonly CheckDefinition[] = modules.map((module) => module.check);
