import type { CheckDefinition } from "./check.js";
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
];
