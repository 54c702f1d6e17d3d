import { z } from "zod";

/**
 * What people record where no API can show it: attestations (one YAML file each, in a folder) and
 * accepted risks (one exceptions file). Both are read at collect time, copied into the archive and
 * covered by its signed manifest, and read back from the archive when it is evaluated again.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");
const citation = z.string().regex(/^164\.3(08|10|12|14|16)(\([a-zA-Z0-9]+\))+$/, "expected a requirement id such as 164.308(a)(1)(ii)(A)");

export const PersonSchema = z.strictObject({
  name: z.string().min(1),
  role: z.string().min(1),
});
export type Person = z.infer<typeof PersonSchema>;

/** 164.306(d)(3): for an addressable specification, what the organisation decided and why. */
export const addressableDecisions = ["implemented", "alternative", "not_reasonable"] as const;
export type AddressableDecision = (typeof addressableDecisions)[number];

/** The only rows the rule lets an organisation call not applicable (the others are conditional in every case). */
export const notApplicableAllowed = ["164.314(a)(2)(ii)", "164.314(a)(2)(iii)", "164.314(b)(1)", "164.314(b)(2)"] as const;

export const AttestationFileSchema = z
  .strictObject({
    /** The requirement ids (mapping citations) it covers. */
    requirements: z.array(citation).min(1),
    /** What the organisation states, in its own words. */
    statement: z.string().min(1),
    /** Who the statement is attributed to and answers for it. */
    owner: PersonSchema,
    /** Who reviewed it. */
    reviewer: PersonSchema,
    /** When it was made. */
    date: isoDate,
    /** After this day it no longer counts: the row is open again until it is renewed. */
    expiresOn: isoDate,
    /** Only on addressable specifications: implemented, an alternative measure, or not reasonable and appropriate. */
    decision: z.enum(addressableDecisions).optional(),
    /** Why the decision was made; required with `alternative` and `not_reasonable`. */
    rationale: z.string().min(1).optional(),
    /** Only on the rows the rule allows (notApplicableAllowed). */
    notApplicable: z.strictObject({ reason: z.string().min(1) }).optional(),
    /** Only on 164.310 rows: the part of the safeguard Microsoft's datacentres provide, and the report that shows it. */
    inherited: z.strictObject({ from: z.string().min(1), evidence: z.string().min(1) }).optional(),
    /** Documents kept with it (policies, rosters, the signed BAA), each with the SHA-256 the attestor recorded. */
    attachments: z
      .array(
        z.strictObject({
          /** Relative to the attestation folder, inside it. */
          file: z.string().min(1),
          title: z.string().min(1),
          sha256: z.string().regex(/^[0-9a-f]{64}$/, "expected the file's SHA-256 as 64 lower-case hex digits"),
        }),
      )
      .default([]),
  })
  .refine((file) => file.expiresOn > file.date, { message: "expected expiresOn after date", path: ["expiresOn"] })
  .refine((file) => !(file.decision === "alternative" || file.decision === "not_reasonable") || file.rationale !== undefined, {
    message: "expected a rationale: an alternative or not_reasonable decision must say why (164.306(d)(3))",
    path: ["rationale"],
  })
  .refine((file) => file.decision === undefined || file.notApplicable === undefined, {
    message: "expected either a decision or notApplicable, not both",
    path: ["notApplicable"],
  });
export type AttestationFile = z.infer<typeof AttestationFileSchema>;

/** What an attached PDF's own signature says, when it carries one. */
export interface AttachmentSignature {
  signer: string | undefined;
  valid: boolean;
  /** Why it does not verify, or what is odd about it. */
  problems: string[];
}

/** An attestation as read and checked at collect time. */
export interface RecordedAttestation extends Omit<AttestationFile, "attachments"> {
  /** The file's name without its extension: how reports and requests refer to it. */
  id: string;
  /** Where it is in the archive (attestations/...). */
  path: string;
  attachments: { file: string; path: string; title: string; sha256: string; bytes: number; signatures: AttachmentSignature[] }[];
}

export const AcceptedRiskSchema = z.strictObject({
  /** A short name for the exception, unique in the file. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a kebab-case id"),
  check: z.string().min(1),
  /** A case-insensitive glob on the finding's resource id: `*` any run of characters, `?` one. */
  resource: z.string().min(1),
  /** Required for `*` or a pattern that matches more than 25 resources: a wide acceptance must be meant. */
  broad: z.boolean().default(false),
  rationale: z.string().min(1),
  compensatingControl: z.string().min(1),
  owner: PersonSchema,
  approver: PersonSchema,
  /** After this day the exception stops applying and is flagged. */
  expiresOn: isoDate,
});
export type AcceptedRisk = z.infer<typeof AcceptedRiskSchema>;

export const ExceptionsFileSchema = z.strictObject({ exceptions: z.array(AcceptedRiskSchema) });

/** A pattern matching more than this many resources needs `broad: true`. */
export const broadExceptionThreshold = 25;

/** The organisation's records, as every stage after collection sees them. */
export interface OrganisationRecords {
  attestations: RecordedAttestation[];
  exceptions: AcceptedRisk[];
  /** Every file to copy into the archive, at its archive path. */
  files: { path: string; content: Buffer }[];
}

export const noRecords: OrganisationRecords = { attestations: [], exceptions: [], files: [] };
