import { describe, expect, it } from "vitest";
import { uploadScanning, type UploadScanning } from "../../../src/checks/support/defender.js";

/**
 * On-upload malware scanning of a storage account, as Microsoft documents Defender for Storage: the
 * account's own settings when it overrides its subscription, else the subscription's plan, which scans
 * uploads only as DefenderForStorageV2 with the OnUploadMalwareScanning extension on.
 */
type Plan = Parameters<typeof uploadScanning>[0];
type Account = Parameters<typeof uploadScanning>[1];

const v2 = (isEnabled: string | boolean | null | undefined, name = "OnUploadMalwareScanning"): Plan => ({
  properties: {
    pricingTier: "Standard",
    subPlan: "DefenderForStorageV2",
    extensions: [
      { name: "SensitiveDataDiscovery", isEnabled: "True" },
      { name, isEnabled },
    ],
  },
});
const inherits: Account = { properties: { overrideSubscriptionLevelSettings: false } };
const overrides = (isEnabled: boolean | null | undefined, onUpload: boolean | null | undefined): Account => ({
  properties: { overrideSubscriptionLevelSettings: true, isEnabled, malwareScanning: { onUpload: { isEnabled: onUpload } } },
});

describe("uploadScanning", () => {
  it.each([
    {
      name: "the plan's extension on (as the API writes it, a string)",
      plan: v2("True"),
      account: inherits,
      expected: { scanned: true, how: "the subscription's Defender for Storage plan scans uploads for malware" },
    },
    {
      name: "the plan's extension on, as a boolean",
      plan: v2(true),
      account: inherits,
      expected: { scanned: true, how: "the subscription's Defender for Storage plan scans uploads for malware" },
    },
    {
      name: "the plan's extension off, as a string",
      plan: v2("False"),
      account: inherits,
      expected: { scanned: false, why: "the subscription's Defender for Storage plan has on-upload malware scanning off" },
    },
    {
      name: "the plan's extension off, as a boolean",
      plan: v2(false),
      account: inherits,
      expected: { scanned: false, why: "the subscription's Defender for Storage plan has on-upload malware scanning off" },
    },
    {
      name: "the plan's extension state not given",
      plan: v2(null),
      account: inherits,
      expected: { scanned: undefined, why: "the subscription's Defender for Storage plan does not say whether on-upload malware scanning is on" },
    },
    {
      name: "the plan's extension state unreadable",
      plan: v2("Maybe"),
      account: inherits,
      expected: { scanned: undefined, why: "the subscription's Defender for Storage plan does not say whether on-upload malware scanning is on" },
    },
    {
      name: "no on-upload extension on the plan, only another one",
      plan: v2("True", "SensitiveDataDiscovery"),
      account: inherits,
      expected: { scanned: undefined, why: "the subscription's Defender for Storage plan does not say whether on-upload malware scanning is on" },
    },
    {
      name: "the classic plan",
      plan: { properties: { pricingTier: "Standard", subPlan: null } },
      account: inherits,
      expected: { scanned: false, why: "the subscription's plan (no sub-plan: the classic per-transaction plan) has no on-upload malware scanning" },
    },
    {
      name: "the per-transaction sub-plan",
      plan: { properties: { pricingTier: "Standard", subPlan: "PerTransaction" } },
      account: inherits,
      expected: { scanned: false, why: "the subscription's plan PerTransaction has no on-upload malware scanning" },
    },
    {
      name: "the plan off",
      plan: { properties: { pricingTier: "Free" } },
      account: inherits,
      expected: { scanned: false, why: "the subscription's Defender for Storage plan is off (Free)" },
    },
    {
      name: "the plan not listed",
      plan: undefined,
      account: inherits,
      expected: { scanned: false, why: "the subscription's Defender for Storage plan is not listed" },
    },
    {
      name: "the account's settings unreadable",
      plan: v2("True"),
      account: undefined,
      expected: {
        scanned: undefined,
        why: "the account's Defender for Storage settings are empty, so whether it overrides its subscription's plan cannot be told",
      },
    },
    {
      name: "the account overrides with scanning on",
      plan: undefined,
      account: overrides(true, true),
      expected: { scanned: true, how: "the account's own settings scan uploads for malware" },
    },
    {
      name: "the account overrides, Defender off on it",
      plan: v2("True"),
      account: overrides(false, true),
      expected: { scanned: false, why: "Defender for Storage is off on the account, which overrides its subscription" },
    },
    {
      name: "the account overrides without on-upload scanning",
      plan: v2("True"),
      account: overrides(true, false),
      expected: { scanned: false, why: "the account overrides its subscription without on-upload malware scanning" },
    },
    {
      name: "the account overrides, its scanning not reported",
      plan: v2("True"),
      account: { properties: { overrideSubscriptionLevelSettings: true, isEnabled: true } },
      expected: { scanned: undefined, why: "the account overrides its subscription, but its settings do not say whether uploads are scanned" },
    },
    {
      name: "the account overrides with scanning on, whether Defender is on not reported",
      plan: v2("True"),
      account: overrides(undefined, true),
      expected: { scanned: undefined, why: "the account overrides its subscription, but its settings do not say whether uploads are scanned" },
    },
    {
      name: "the account overrides, its malware settings without on-upload",
      plan: v2("True"),
      account: { properties: { overrideSubscriptionLevelSettings: true, isEnabled: true, malwareScanning: {} } },
      expected: { scanned: undefined, why: "the account overrides its subscription, but its settings do not say whether uploads are scanned" },
    },
  ] as { name: string; plan: Plan; account: Account; expected: UploadScanning }[])("$name", ({ plan, account, expected }) => {
    expect(uploadScanning(plan, account)).toEqual(expected);
  });
});
