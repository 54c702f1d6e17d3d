import { resourceName } from "../../datasets/resource-id.js";
import type {
  DiagnosticCategory,
  DiagnosticCategorySchema,
  DiagnosticSetting,
  DiagnosticSettingSchema,
  LogSelection,
} from "../../datasets/diagnostic-settings.js";
import type { DatasetDefinition, EvidenceRef, EvidenceReader, Located } from "../../model/evidence.js";
import { notEvaluated, type CheckOutcome } from "../check.js";

/** Where a diagnostic setting sends what it selects. */
export type DestinationKind = "workspace" | "storage" | "event-hub" | "partner";
export interface Destination {
  kind: DestinationKind;
  /** The ARM id Azure gave. */
  id: string;
}

const kindNames: Record<DestinationKind, string> = {
  workspace: "Log Analytics workspace",
  storage: "storage account",
  "event-hub": "event hub namespace",
  partner: "partner solution",
};

/** The destinations a setting names; an empty string (seen in Azure's own examples) is none. */
export function destinationsOf(setting: DiagnosticSetting): Destination[] {
  const { workspaceId, storageAccountId, eventHubAuthorizationRuleId, marketplacePartnerId } = setting.properties;
  const named: [DestinationKind, string | null | undefined][] = [
    ["workspace", workspaceId],
    ["storage", storageAccountId],
    ["event-hub", eventHubAuthorizationRuleId],
    ["partner", marketplacePartnerId],
  ];
  return named
    .filter((entry): entry is [DestinationKind, string] => typeof entry[1] === "string" && entry[1].trim() !== "")
    .map(([kind, id]) => ({ kind, id }));
}

/**
 * "Log Analytics workspace law-security", "event hub namespace ns-logs" (the rule's namespace, not the
 * rule; found after its provider, so a resource group called "namespaces" is not taken for it).
 */
export function describeDestination(destination: Destination): string {
  const name =
    destination.kind === "event-hub"
      ? (/\/providers\/Microsoft\.EventHub\/namespaces\/([^/]+)/i.exec(destination.id)?.[1] ?? resourceName(destination.id))
      : resourceName(destination.id);
  return `${kindNames[destination.kind]} ${name}`;
}

export function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The enabled log selections of a setting that has somewhere to send them. */
function sentSelections(setting: DiagnosticSetting): LogSelection[] {
  return destinationsOf(setting).length > 0 ? (setting.properties.logs ?? []).filter((log) => log.enabled) : [];
}

/** Whether a setting with a destination sends a category, by name or through allLogs. */
export function sendsCategory(setting: DiagnosticSetting, category: string): boolean {
  return sentSelections(setting).some((log) => log.categoryGroup === "allLogs" || log.category?.toLowerCase() === category.toLowerCase());
}

/** The routing of the categories a check needs, across all of a resource's settings. */
export interface CategoryRouting {
  /** Each required category that some setting sends to a destination, with the settings that do. */
  sent: Map<string, Located<DiagnosticSetting>[]>;
  /** Required categories no setting sends anywhere. */
  missing: string[];
  /** Required categories sent only, if at all, through a group whose members are not known. */
  unknown: string[];
}

/**
 * Which of `required` the settings send somewhere: named directly, through allLogs, or through
 * another enabled group (such as "audit") whose members the resource's category listing gives.
 * Without the listing a group's members are unknown, never assumed.
 */
export function routeCategories(
  settings: readonly Located<DiagnosticSetting>[],
  required: readonly string[],
  categories: readonly DiagnosticCategory[] | undefined,
): CategoryRouting {
  const groupsOf = (category: string): string[] | undefined =>
    categories?.find((candidate) => candidate.name.toLowerCase() === category.toLowerCase())?.properties.categoryGroups ?? (categories ? [] : undefined);
  const sent = new Map<string, Located<DiagnosticSetting>[]>();
  const missing: string[] = [];
  const unknown: string[] = [];
  for (const category of required) {
    const senders: Located<DiagnosticSetting>[] = [];
    let undecided = false;
    for (const setting of settings) {
      if (sendsCategory(setting.value, category)) {
        senders.push(setting);
        continue;
      }
      const groups = sentSelections(setting.value).flatMap((log) => (log.categoryGroup ? [log.categoryGroup] : []));
      if (groups.length === 0) continue;
      const members = groupsOf(category);
      if (members === undefined) undecided = true;
      else if (groups.some((group) => members.includes(group))) senders.push(setting);
    }
    if (senders.length > 0) sent.set(category, senders);
    else if (undecided) unknown.push(category);
    else missing.push(category);
  }
  return { sent, missing, unknown };
}

/** The distinct destinations of the settings that send the required categories, in words. */
export function routedDestinations(routing: CategoryRouting): string[] {
  const seen = new Map<string, string>();
  for (const settings of routing.sent.values()) {
    for (const { value } of settings) for (const destination of destinationsOf(value)) seen.set(destination.id.toLowerCase(), describeDestination(destination));
  }
  return [...seen.values()];
}

/**
 * The outcome for one resource whose diagnostic settings must send `required` somewhere: pass with
 * the settings and destinations, fail naming what is not sent, error when the settings (or, for a
 * category group, the resource's category listing) could not be read.
 */
export function resourceLoggingOutcome(input: {
  evidence: EvidenceReader;
  subject: { resourceId: string; resourceName: string };
  /** "Storage account stx in subscription Clinic-Prod" */
  label: string;
  /** "blob reads, writes and deletes": what the required categories record, for sentences. */
  records: string;
  /** Where the settings were read (the resource, or its sub-resource such as the blob service). */
  settingsScope: string;
  settings: DatasetDefinition<typeof DiagnosticSettingSchema>;
  categories: DatasetDefinition<typeof DiagnosticCategorySchema>;
  required: readonly string[];
  /** Evidence the statement also rests on (the resource in its listing). */
  refs: readonly EvidenceRef[];
}): CheckOutcome {
  const { evidence, subject, label } = input;
  const read = evidence.read(input.settings, input.settingsScope);
  if (!read.ok) return notEvaluated(subject, `Logging of ${label}`, input.settings, read);
  if (read.items.length === 0) {
    return {
      status: "fail",
      ...subject,
      message: `${label} has no diagnostic setting, so its ${input.records} are not logged.`,
      evidence: [...input.refs, { file: read.file, pointer: "/value" }],
    };
  }
  const listing = evidence.read(input.categories, input.settingsScope);
  const routing = routeCategories(read.items, input.required, listing.ok ? listing.items.map(({ value }) => value) : undefined);
  const refs = [...input.refs, ...read.items.map(({ ref }) => ref)];
  if (routing.missing.length > 0) {
    return {
      status: "fail",
      ...subject,
      message: `${label} does not send ${inWords(routing.missing)} to any destination (${read.items.length} diagnostic setting(s) examined), so not all of its ${input.records} are logged.`,
      evidence: refs,
    };
  }
  if (routing.unknown.length > 0 && !listing.ok) {
    return notEvaluated(subject, `Logging of ${label} (whether its category group includes ${inWords(routing.unknown)})`, input.categories, listing);
  }
  const names = [...new Set([...routing.sent.values()].flat().map(({ value }) => `"${value.name}"`))];
  return {
    status: "pass",
    ...subject,
    message: `${label} sends its ${input.records} (${inWords([...input.required])}) to ${inWords(routedDestinations(routing))} through diagnostic setting${names.length > 1 ? "s" : ""} ${inWords(names)}.`,
    evidence: [...refs, ...(listing.ok ? [{ file: listing.file, pointer: "/value" }] : [])],
  };
}
