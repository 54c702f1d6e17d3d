import { describe, expect, it } from "vitest";
import { isBreakGlass, isGuest, userLabel } from "../../../src/checks/support/entra-identity.js";
import type { EntraUser } from "../../../src/datasets/entra.js";

/** How users read in findings, and who counts as a guest or a configured emergency account. */
const user = (fields: Partial<EntraUser>): EntraUser => ({ id: "6E7B768E-07E2-4810-8459-485F84F8F204", ...fields }) as EntraUser;

describe("userLabel", () => {
  it.each([
    { name: "name and UPN", user: user({ displayName: "Avery Owner", userPrincipalName: "avery@example.com" }), words: "Avery Owner (avery@example.com)" },
    { name: "the UPN alone", user: user({ displayName: null, userPrincipalName: "avery@example.com" }), words: "avery@example.com" },
    {
      name: "a display name that is the UPN is not repeated",
      user: user({ displayName: "avery@example.com", userPrincipalName: "avery@example.com" }),
      words: "avery@example.com",
    },
    { name: "the name alone", user: user({ displayName: "Avery Owner" }), words: "Avery Owner" },
    { name: "neither: the id", user: user({}), words: "6E7B768E-07E2-4810-8459-485F84F8F204" },
    { name: "a user the listing does not hold", user: undefined, words: "user 6e7b768e" },
  ])("$name", ({ user: who, words }) => {
    expect(userLabel(who, who?.id ?? "6e7b768e")).toBe(words);
  });
});

describe("isGuest and isBreakGlass", () => {
  it.each([
    ["Guest", true],
    ["guest", true],
    ["Member", false],
    [null, undefined],
    [undefined, undefined],
  ] as const)("userType %s: guest %s", (userType, guest) => {
    expect(isGuest(user({ userType }))).toBe(guest);
  });

  it("an unknown user is not known to be a guest", () => {
    expect(isGuest(undefined)).toBeUndefined();
  });

  it.each([
    { configured: ["6e7b768e-07e2-4810-8459-485f84f8f204"], is: true },
    { configured: ["BG-ADMIN-01@example.onmicrosoft.com"], is: true },
    { configured: ["bg-admin-02@example.onmicrosoft.com", "someone-else"], is: false },
    { configured: [], is: false },
  ])("configured $configured: $is", ({ configured, is }) => {
    expect(isBreakGlass(user({ userPrincipalName: "bg-admin-01@example.onmicrosoft.com" }), configured)).toBe(is);
    expect(isBreakGlass(user({ userPrincipalName: null }), configured)).toBe(is && configured[0] === "6e7b768e-07e2-4810-8459-485f84f8f204");
  });
});
