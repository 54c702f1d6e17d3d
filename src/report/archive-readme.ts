import type { RunFacts } from "../model/assessment.js";
import { narrative } from "./narrative.js";

/** README.txt: what the archive is and how to check it offline, in plain words, for an auditor years later. */
export function archiveReadme(run: RunFacts): string {
  const { signature, collection } = run;
  return narrative("archive-readme.txt", {
    archiveId: run.archiveId,
    organization: run.organization,
    tenantId: run.tenantId,
    generatedAt: run.generatedAt.toISOString(),
    windowStart: collection.window.start,
    windowEnd: collection.window.end,
    mode: collection.mode === "replay" ? `replayed from ${collection.source?.file ?? "a recording"}` : "collected live",
    toolVersion: run.tool.version,
    mappingId: run.mapping.id,
    mappingVersion: run.mapping.version,
    signature,
    keySource: {
      development: "a development key created on the machine that ran the tool",
      pfx: `a key from the PFX file ${signature.reference ?? ""}`,
      "azure-key-vault": `the Azure Key Vault key ${signature.reference ?? ""}, which never left the vault`,
    }[signature.source],
  });
}
