import type { RemediationAdvice } from "../model/assessment.js";

/**
 * A finding's remediation: its check's advice, with the command's placeholders filled from the
 * finding's resource id. Pure: the tool prints commands for a person to read, and never runs them.
 */

/** The placeholders a remediation command may hold, and nothing else. */
export const commandPlaceholders = ["subscriptionId", "resourceGroup", "name", "resourceId", "tenantId"] as const;
export type CommandPlaceholder = (typeof commandPlaceholders)[number];

/** Every `{word}` in a command, known or not (JSON bodies such as `{"state": "enabled"}` are not words). */
export function placeholdersIn(command: string): string[] {
  return [...command.matchAll(/\{([A-Za-z]+)\}/g)].flatMap(([, name]) => (name ? [name] : []));
}

/**
 * /subscriptions/{s}, optionally /resourceGroups/{rg}, then any number of
 * /providers/{namespace}/{type}/{name}[/{type}/{name}...] (child and extension resources alike).
 */
const armId = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?((?:\/providers\/[^/]+(?:\/[^/]+\/[^/]+)+)*)$/i;
const tenantPath = /^\/tenants\/([^/]+)(?:\/.*)?$/i;

/**
 * Characters a value may have to be pasted into a shell as it is: what Azure allows in subscription
 * ids, vault, account and workspace names. A resource group may also hold parentheses, which a shell
 * would misread, so such a group leaves the command out rather than breaking it.
 */
const plainValue = /^[A-Za-z0-9._-]+$/;
const plainId = /^[A-Za-z0-9._\-/]+$/;

/**
 * What a resource id can fill. An ARM id gives its subscription, its resource group if it has one,
 * the whole id, and, when it names a resource (it has a /providers/ part), its last segment as the
 * name. A /tenants/{id} path gives the tenant id only. Anything else gives nothing.
 */
export function placeholderValues(resourceId: string): Partial<Record<CommandPlaceholder, string>> {
  const values: Partial<Record<CommandPlaceholder, string>> = {};
  const arm = armId.exec(resourceId);
  if (arm) {
    const [, subscriptionId, resourceGroup, provider] = arm;
    if (subscriptionId !== undefined) values.subscriptionId = subscriptionId;
    if (resourceGroup !== undefined) values.resourceGroup = resourceGroup;
    const name = resourceId.split("/").pop();
    if (provider && name) values.name = name;
    values.resourceId = resourceId;
  } else {
    const tenantId = tenantPath.exec(resourceId)?.[1];
    if (tenantId !== undefined) values.tenantId = tenantId;
  }
  const safe: Partial<Record<CommandPlaceholder, string>> = {};
  for (const [placeholder, value] of Object.entries(values) as [CommandPlaceholder, string][]) {
    if ((placeholder === "resourceId" ? plainId : plainValue).test(value)) safe[placeholder] = value;
  }
  return safe;
}

/** The command with every placeholder filled from the resource id, or undefined if any is left unfilled. */
export function fillCommand(command: string, resourceId: string): string | undefined {
  const values = placeholderValues(resourceId);
  const filled = (name: string): string | undefined =>
    (commandPlaceholders as readonly string[]).includes(name) ? values[name as CommandPlaceholder] : undefined;
  if (placeholdersIn(command).some((name) => filled(name) === undefined)) return undefined;
  // Every placeholder was filled above, so none falls back to its own text.
  return command.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => filled(name) ?? whole);
}

/**
 * A finding's remediation: the check's text, portal path and source page, and its command filled for
 * the finding's resource. A command the resource id cannot fill completely is left out for that
 * finding: never shown half-filled.
 */
export function remediationFor(advice: RemediationAdvice, finding: { resourceId: string }): RemediationAdvice {
  const { text, portal, source, command } = advice;
  const filled = command === undefined ? undefined : fillCommand(command, finding.resourceId);
  return filled === undefined ? { text, portal, source } : { text, portal, source, command: filled };
}
