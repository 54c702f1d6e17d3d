import type { CheckDefinition } from "./check.js";
import { check as entraMfaAllUsers } from "./entra-mfa-all-users.js";
import { check as entraMfaPrivilegedUsers } from "./entra-mfa-privileged-users.js";
import { check as entraMfaAzureManagement } from "./entra-mfa-azure-management.js";
import { check as entraLegacyAuthenticationBlocked } from "./entra-legacy-authentication-blocked.js";
import { check as entraMfaPolicyNotEnforcing } from "./entra-mfa-policy-not-enforcing.js";
import { check as entraSecurityDefaultsConsistency } from "./entra-security-defaults-consistency.js";
import { check as entraAuditLogsExported } from "./entra-audit-logs-exported.js";
import { check as entraBreakGlassAccounts } from "./entra-break-glass-accounts.js";
import { check as entraGlobalAdministratorCount } from "./entra-global-administrator-count.js";
import { check as entraStandingPrivilegedRole } from "./entra-standing-privileged-role.js";
import { check as entraGuestPrivilegedRole } from "./entra-guest-privileged-role.js";
import { check as entraStaleAccountWithRole } from "./entra-stale-account-with-role.js";
import { check as entraSignInFrequency } from "./entra-sign-in-frequency.js";
import { check as entraSignInLogsExported } from "./entra-sign-in-logs-exported.js";
import { check as entraPrivilegedSingleFactorSignIns } from "./entra-privileged-single-factor-sign-ins.js";
import { check as activityLogExported } from "./activity-log-exported.js";
import { check as activityLogAlertRoleChanges } from "./activity-log-alert-role-changes.js";
import { check as logAnalyticsEffectiveRetention } from "./log-analytics-effective-retention.js";
import { check as logArchiveImmutabilityLocked } from "./log-archive-immutability-locked.js";
import { check as storageBlobAuditLogging } from "./storage-blob-audit-logging.js";
import { check as sqlServerAuditing } from "./sql-server-auditing.js";
import { check as appServiceAuditLogging } from "./app-service-audit-logging.js";
import { check as defenderHealthcareStandardAssessed } from "./defender-healthcare-standard-assessed.js";
import { check as logAnalyticsRetention } from "./log-analytics-retention.js";
import { check as defenderHighAlertsHandled } from "./defender-high-alerts-handled.js";
import { check as defenderPlansForResourcesInUse } from "./defender-plans-for-resources-in-use.js";
import { check as defenderSecurityContactNotifications } from "./defender-security-contact-notifications.js";
import { check as keyVaultAuditLogging } from "./key-vault-audit-logging.js";
import { check as keyVaultPublicNetworkRestricted } from "./key-vault-public-network-restricted.js";
import { check as keyVaultPurgeProtectionEnabled } from "./key-vault-purge-protection-enabled.js";
import { check as keyVaultRbacAuthorization } from "./key-vault-rbac-authorization.js";
import { check as rbacCustomRoleWildcard } from "./rbac-custom-role-wildcard.js";
import { check as rbacGuestPrivilegedRole } from "./rbac-guest-privileged-role.js";
import { check as rbacServicePrincipalOwner } from "./rbac-service-principal-owner.js";
import { check as rbacStandingPrivilegedAssignment } from "./rbac-standing-privileged-assignment.js";
import { check as rbacSubscriptionOwnerCount } from "./rbac-subscription-owner-count.js";

/** Every check. The catalog test keeps this list, the files in src/checks/ and the mapping in step. */
export const checks: readonly CheckDefinition[] = [
  rbacSubscriptionOwnerCount,
  rbacGuestPrivilegedRole,
  rbacServicePrincipalOwner,
  rbacCustomRoleWildcard,
  rbacStandingPrivilegedAssignment,
  keyVaultPurgeProtectionEnabled,
  keyVaultPublicNetworkRestricted,
  keyVaultRbacAuthorization,
  keyVaultAuditLogging,
  storageBlobAuditLogging,
  sqlServerAuditing,
  appServiceAuditLogging,
  entraMfaAllUsers,
  entraMfaPrivilegedUsers,
  entraMfaAzureManagement,
  entraLegacyAuthenticationBlocked,
  entraMfaPolicyNotEnforcing,
  entraSecurityDefaultsConsistency,
  entraBreakGlassAccounts,
  entraGlobalAdministratorCount,
  entraStandingPrivilegedRole,
  entraGuestPrivilegedRole,
  entraStaleAccountWithRole,
  entraSignInFrequency,
  entraSignInLogsExported,
  entraAuditLogsExported,
  entraPrivilegedSingleFactorSignIns,
  defenderPlansForResourcesInUse,
  defenderSecurityContactNotifications,
  defenderHighAlertsHandled,
  defenderHealthcareStandardAssessed,
  activityLogExported,
  activityLogAlertRoleChanges,
  logAnalyticsRetention,
  logAnalyticsEffectiveRetention,
  logArchiveImmutabilityLocked,
];
