import { z } from "zod";

/**
 * Who collected the evidence. Read from the claims of the tokens the credential issued (never the
 * token itself), and carried in the recording so that a replay reports the same identity.
 */
export const CollectingIdentitySchema = z.object({
  tenantId: z.string(),
  kind: z.enum(["user", "servicePrincipal", "managedIdentity", "unknown"]),
  objectId: z.string().optional(),
  appId: z.string().optional(),
  displayName: z.string().optional(),
  /** Microsoft Graph application permissions granted to the identity (the Graph token's roles claim). */
  graphAppRoles: z.array(z.string()).optional(),
});
export type CollectingIdentity = z.infer<typeof CollectingIdentitySchema>;
