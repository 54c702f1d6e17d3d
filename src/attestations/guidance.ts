import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseYamlInput, readTextInput } from "../input/read-input.js";

/** mappings/catalogues/attestation-guidance.yaml: for each attestation id, what an auditor asks and where the evidence usually is. */
export const defaultGuidanceFile = fileURLToPath(new URL("../../mappings/catalogues/attestation-guidance.yaml", import.meta.url));

const GuidanceSchema = z.strictObject({
  source: z.strictObject({ title: z.string().min(1), url: z.string().url(), retrieved: z.string() }),
  attestations: z.record(
    z.string(),
    z.strictObject({
      questions: z.array(z.string().min(1)).min(1),
      pointers: z.array(z.string().min(1)).default([]),
      /** Physical safeguards only: the part Microsoft's datacentres provide, and the report that shows it. */
      inherited: z.strictObject({ from: z.string().min(1), evidence: z.string().min(1) }).optional(),
      /** Physical safeguards only: what the organisation must show for its own sites, workstations and media. */
      own: z.array(z.string().min(1)).optional(),
    }),
  ),
});
export type AttestationGuidance = z.infer<typeof GuidanceSchema>;

export async function loadAttestationGuidance(file: string = defaultGuidanceFile): Promise<AttestationGuidance> {
  return parseYamlInput(file, await readTextInput(file), GuidanceSchema);
}
