import { describe, expect, it } from "vitest";
import { acceptRisks, globMatches, rowAttestations } from "../../src/evaluation/organisation-records.js";
import type { RequirementRow } from "../../src/mapping/mapping.js";
import type { AcceptedRisk, RecordedAttestation } from "../../src/model/attestations.js";
import type { Finding } from "../../src/model/findings.js";

/** Attestations and exceptions weighed on the collection day (2026-11-20 in these cases). */
const day = "2026-11-20";
const person = { name: "Dana Whitfield", role: "Security Official" };

function attestation(id: string, date: string, expiresOn: string, extra: Partial<RecordedAttestation> = {}): RecordedAttestation {
  return {
    id,
    path: `attestations/${id}.yaml`,
    requirements: ["164.308(a)(1)(ii)(A)"],
    statement: "s",
    owner: person,
    reviewer: person,
    date,
    expiresOn,
    attachments: [],
    ...extra,
  };
}
const row = { citation: "164.308(a)(1)(ii)(A)", attestation: { id: "risk-analysis", shows: "x" } } as RequirementRow;

describe("a row's attestation on the collection day", () => {
  it.each([
    ["none recorded", [], "missing", undefined],
    ["valid from its date to its expiry, both days included", [attestation("a", "2025-11-20", "2026-11-20")], "valid", "a"],
    ["expired the day before", [attestation("a", "2025-11-19", "2026-11-19")], "expired", "a"],
    ["dated after the collection: not yet valid, so missing", [attestation("a", "2026-11-21", "2027-11-21")], "missing", undefined],
    [
      "the latest valid one wins over an older valid one",
      [attestation("old", "2026-01-10", "2027-01-10"), attestation("new", "2026-10-01", "2027-10-01")],
      "valid",
      "new",
    ],
    [
      "a valid one wins over a later expired one",
      [attestation("valid", "2026-01-10", "2027-01-10"), attestation("expired", "2026-02-01", "2026-03-01")],
      "valid",
      "valid",
    ],
    ["one for another row does not count", [attestation("other", "2026-01-10", "2027-01-10", { requirements: ["164.308(a)(2)"] })], "missing", undefined],
  ] as const)("%s", (_name, attestations, state, id) => {
    const found = rowAttestations(attestations as readonly RecordedAttestation[], day)(row);
    expect(found.state).toBe(state);
    expect(found.recorded?.id).toBe(id);
  });

  it("a row the checks decide alone needs none", () => {
    expect(rowAttestations([], day)({ citation: "164.312(b)" } as RequirementRow)).toEqual({ state: "not needed", recorded: undefined });
  });
});

describe("accepted risks", () => {
  const vault = (n: number) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-${n}`;
  const failing = (n: number, status: Finding["status"] = "fail"): Finding =>
    ({ id: `key-vault-rbac-authorization:${vault(n).toLowerCase()}`, checkId: "key-vault-rbac-authorization", status, resourceId: vault(n) }) as Finding;
  const exception = (resource: string, extra: Partial<AcceptedRisk> = {}): AcceptedRisk => ({
    id: "accepted",
    check: "key-vault-rbac-authorization",
    resource,
    broad: false,
    rationale: "r",
    compensatingControl: "c",
    owner: person,
    approver: { name: "Alex Morgan", role: "IT Director" },
    expiresOn: "2027-03-31",
    ...extra,
  });

  it("accepts the failing findings it matches, case-insensitively, and leaves their status alone", () => {
    const { findings, exceptions } = acceptRisks([failing(1), failing(2), failing(3, "pass")], [exception("*/VAULTS/KV-1")], day);
    expect(findings.map((finding) => [finding.resourceId, finding.status, finding.acceptedRisk])).toEqual([
      [vault(1), "fail", { exception: "accepted", approver: "Alex Morgan, IT Director", expiresOn: "2027-03-31" }],
      [vault(2), "fail", undefined],
      [vault(3), "pass", undefined],
    ]);
    expect(exceptions.map(({ state, matched }) => [state, matched])).toEqual([["applied", 1]]);
  });

  it.each([
    ["an expired exception applies to nothing", exception("*kv-1", { expiresOn: "2026-11-19" }), "expired", 1],
    ["one that matches no failing finding is reported", exception("*kv-99"), "matches nothing", 0],
    ["one for another check matches nothing", exception("*kv-1", { check: "key-vault-audit-logging" }), "matches nothing", 0],
    ["more than 25 resources without broad: true applies to nothing", exception("*/vaults/kv-*"), "too broad", 30],
  ] as const)("%s", (_name, given, state, matched) => {
    const many = Array.from({ length: 30 }, (_, index) => failing(index + 1));
    const { findings, exceptions } = acceptRisks(many, [given], day);
    expect(exceptions.map((row) => [row.state, row.matched])).toEqual([[state, matched]]);
    expect(findings.filter((finding) => finding.acceptedRisk)).toEqual([]);
  });

  it("with broad: true a wide pattern applies, and still only to failing findings", () => {
    const many = Array.from({ length: 30 }, (_, index) => failing(index + 1));
    const { findings, exceptions } = acceptRisks(many, [exception("*", { broad: true })], day);
    expect(exceptions[0]).toMatchObject({ state: "applied", matched: 30 });
    expect(findings.every((finding) => finding.acceptedRisk?.exception === "accepted")).toBe(true);
  });

  it.each([
    ["*/vaults/kv-1", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-1", true],
    ["*/vaults/kv-1", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-10", false],
    ["*/vaults/kv-?", "/x/vaults/kv-7", true],
    ["/subscriptions/S/*", "/subscriptions/s/resourceGroups/rg", true],
    ["(rg)", "(rg)", true],
    ["a.b", "axb", false],
  ] as const)("the glob %s on %s: %s", (pattern, id, matches) => {
    expect(globMatches(pattern, id)).toBe(matches);
  });
});
