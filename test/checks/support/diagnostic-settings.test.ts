import { describe, expect, it } from "vitest";
import { describeDestination, destinationsOf, inWords } from "../../../src/checks/support/diagnostic-settings.js";
import type { DiagnosticSetting } from "../../../src/datasets/diagnostic-settings.js";
import { firstExampleItem } from "../../support/official-examples.js";

/**
 * Where a diagnostic setting sends its logs, in the words a finding uses: the official example's
 * setting (allLogs to a storage account and an event hub, with an empty workspaceId) as the good
 * case, one change per case.
 */
interface DestinationCase {
  name: string;
  change?: (properties: DiagnosticSetting["properties"]) => void;
  expected: string;
}

const cases: DestinationCase[] = [
  { name: "the official example: a storage account and an event hub namespace", expected: "storage account appteststorage1 and event hub namespace andy1101" },
  {
    name: "a workspaceId of blanks names no workspace, as the empty one does",
    change: (properties) => {
      properties.workspaceId = "   ";
    },
    expected: "storage account appteststorage1 and event hub namespace andy1101",
  },
  {
    name: "no destination left: nothing is named",
    change: (properties) => {
      properties.storageAccountId = null;
      delete properties.eventHubAuthorizationRuleId;
    },
    expected: "",
  },
];

describe("destinations of a diagnostic setting, in words", () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, { change, expected }) => {
    const setting = firstExampleItem<DiagnosticSetting>("arm-monitor-diagnostic-settings-list.json");
    change?.(setting.properties);
    expect(inWords(destinationsOf(setting).map(describeDestination))).toBe(expected);
  });
});
