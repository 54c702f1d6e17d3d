import { createHash } from "node:crypto";
import { parseResourceId } from "./resource-id.js";

/**
 * Where a record is kept in the archive: raw/<collector>/<place>/<file>. Every part of the path is
 * made by the tool: ids it can vouch for (a GUID) are used as they are, anything else (a resource's
 * name, an id of unexpected shape) becomes a safe slug plus a short hash of the original, so no
 * name Azure returns can put "../", a line break or a clash into an archive entry. The manifest
 * maps each file back to its dataset and scope.
 */
export function recordFile(collector: string, file: string): (scope: string) => string {
  return (scope) => `raw/${collector}/${placeOf(scope)}${file}`;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The folder (with its trailing slash) a scope's records go in; "" for the tenant itself. */
function placeOf(scope: string): string {
  const tenantPart = /^\/tenants\/[^/]+(?:\/([^/]+)\/([^/]+))?$/i.exec(scope);
  if (tenantPart) return tenantPart[1] && tenantPart[2] ? `${safeSegment(tenantPart[1])}/${idSegment(tenantPart[2])}/` : "";
  const managementGroup = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(scope);
  if (managementGroup?.[1]) return `management-groups/${slugWithHash(managementGroup[1], scope)}/`;
  const parts = parseResourceId(scope);
  if (!parts) return `other/${slugWithHash(scope, scope)}/`;
  const subscription = idSegment(parts.subscriptionId);
  if (/^\/subscriptions\/[^/]+\/?$/i.test(scope)) return `${subscription}/`;
  return `${subscription}/${slugWithHash(resourceNames(scope).join("-"), scope)}/`;
}

/** A GUID as it is; anything else as a slug with a hash. */
function idSegment(id: string): string {
  return guid.test(id) ? id.toLowerCase() : slugWithHash(id, id);
}

/** Letters, digits and dashes only, as a fixed word of the tool's own (a collector or object kind). */
function safeSegment(word: string): string {
  const slug = slugOf(word);
  return slug === word ? slug : slugWithHash(word, word);
}

function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
}

/** A readable slug of `name` and eight hex digits of the SHA-256 of `original`, lower-cased (ARM ids ignore case). */
function slugWithHash(name: string, original: string): string {
  const hash = createHash("sha256").update(original.toLowerCase()).digest("hex").slice(0, 8);
  const slug = slugOf(name);
  return slug ? `${slug}-${hash}` : hash;
}

/** The names in an ARM id after its provider: ".../storageAccounts/st1/blobServices/default" gives st1, default. */
function resourceNames(id: string): string[] {
  const segments = id.split("/").filter(Boolean);
  const provider = segments.findIndex((segment) => segment.toLowerCase() === "providers");
  if (provider < 0) return [segments[segments.length - 1] ?? ""];
  // After "providers/<namespace>" come type/name pairs.
  return segments.slice(provider + 2).filter((_, index) => index % 2 === 1);
}
