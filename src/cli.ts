import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { cloudNames, isCloudName } from "./azure/clouds.js";
import { severities, type Severity } from "./checks/check.js";
import { systemClock, type Clock } from "./clock.js";
import { isExitCodeError } from "./errors.js";
import { createProgress } from "./progress.js";
import { toolVersion } from "./tool-version.js";

/**
 * Argument parsing only: every command hands its options to the pipeline or the verifier. Each
 * command loads what it runs when it runs, so `--help`, `--version` and `verify` never load the
 * Azure SDKs.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  clock?: Clock;
}

const list = (value: string): string[] =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

function httpsUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("expected an absolute https:// URL");
  }
  // The Azure SDKs refuse to send a bearer token over plain http, so an http endpoint could never work.
  if (url.protocol !== "https:") throw new InvalidArgumentError("expected an https:// URL (Azure SDKs send tokens only over TLS)");
  return value;
}

/** Timestamp authorities are commonly plain http: the token is signed, so the transport need not be. */
function timestampUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("expected an absolute http:// or https:// URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidArgumentError("expected an http:// or https:// URL");
  return value;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const clock = io.clock ?? systemClock;
  let exitCode = 0;
  const program = new Command()
    .name("hipaa-evidence")
    .description("Collect HIPAA Security Rule evidence from Azure and Entra ID into a verifiable archive.")
    .version(toolVersion)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  program
    .command("collect")
    .description("collect evidence (live, or from a recording), evaluate, map, render and archive")
    .option("--replay <file>", "replay a HAR 1.2 recording or an earlier archive (.zip) instead of calling Azure")
    .option("--out <dir>", "folder for the archive", "out")
    .option("--config <file>", "configuration file (YAML)")
    .option("--mapping <file>", "HIPAA mapping file (default: the built-in mappings/hipaa-security-rule.yaml)")
    .option("--attestations <dir>", "folder of attestation files (one YAML per attestation); overrides the configuration's")
    .option("--exceptions <file>", "exceptions file of accepted risks (YAML); overrides the configuration's")
    .option("--sections <list>", "report only on these HIPAA sections, e.g. 164.312,164.308(a)(1)", list)
    .option("--subscriptions <list>", "subscription ids to cover (default: all visible)", list)
    .option("--tenant <id>", "tenant id, for recordings that do not name it")
    .addOption(
      new Option("--cloud <name>", "Azure cloud").choices(cloudNames as unknown as string[]).argParser((value) => {
        if (!isCloudName(value)) throw new InvalidArgumentError(`expected one of ${cloudNames.join(", ")}`);
        return value;
      }),
    )
    .option("--arm-endpoint <url>", "override the Azure Resource Manager endpoint", httpsUrl)
    .option("--graph-endpoint <url>", "override the Microsoft Graph endpoint", httpsUrl)
    .option("--log-analytics-endpoint <url>", "override the Log Analytics query endpoint (include /v1)", httpsUrl)
    .option("--authority-host <url>", "override the Entra ID authority host", httpsUrl)
    .addOption(new Option("--fail-on <severity>", "exit 4 if a finding of this severity or higher fails").choices([...severities]))
    .option("--sign-pfx <file>", "sign with the key and certificate in this PFX (PKCS #12) file")
    .option("--sign-pfx-password-env <name>", "environment variable holding the PFX password", "HIPAA_EVIDENCE_PFX_PASSWORD")
    .option(
      "--sign-key-vault-key <url>",
      "sign with this Azure Key Vault key (https://<vault>.vault.azure.net/keys/<name>[/<version>]); the key never leaves the vault",
      httpsUrl,
    )
    .option("--tsa-url <url>", "RFC 3161 timestamp authority for the signatures (PAdES B-T)", timestampUrl)
    .option("--require-timestamp", "fail instead of signing without a timestamp when the authority does not answer")
    .option("--json", "print a machine-readable summary on stdout instead of the archive path")
    .option("--quiet", "no progress on stderr")
    .action(async (options: Record<string, unknown>) => {
      const progress = createProgress(io.stderr, options.quiet === true);
      const { collect, reachesFailOn } = await import("./pipeline.js");
      const result = await collect({
        replay: options.replay as string | undefined,
        outDir: options.out as string,
        configFile: options.config as string | undefined,
        mappingFile: options.mapping as string | undefined,
        attestationsFolder: options.attestations as string | undefined,
        exceptionsFile: options.exceptions as string | undefined,
        sections: options.sections as string[] | undefined,
        subscriptions: options.subscriptions as string[] | undefined,
        tenant: options.tenant as string | undefined,
        cloud: options.cloud as (typeof cloudNames)[number] | undefined,
        endpoints: {
          arm: options.armEndpoint as string | undefined,
          graph: options.graphEndpoint as string | undefined,
          logAnalytics: options.logAnalyticsEndpoint as string | undefined,
          authorityHost: options.authorityHost as string | undefined,
        },
        signing: {
          pfx: options.signPfx ? { file: options.signPfx as string, passwordVariable: options.signPfxPasswordEnv as string } : undefined,
          keyVaultKey: options.signKeyVaultKey as string | undefined,
          tsaUrl: options.tsaUrl as string | undefined,
          requireTimestamp: options.requireTimestamp === true,
        },
        clock,
        progress,
      });
      // Findings out of the ePHI scope decide nothing: counted apart.
      const countOf = (findings: typeof result.document.findings) =>
        Object.fromEntries(
          ["pass", "fail", "error", "manual", "not_applicable"].map((status) => [status, findings.filter((finding) => finding.status === status).length]),
        );
      const counts = countOf(result.document.findings.filter((finding) => finding.ephiScope !== "out of scope"));
      const outOfScope = countOf(result.document.findings.filter((finding) => finding.ephiScope === "out of scope"));
      if (options.json === true) {
        io.stdout.write(
          `${JSON.stringify({ archive: result.archivePath, tenantId: result.document.tenantId, coverage: result.coverage, findings: counts, findingsOutOfScope: outOfScope, collectionGaps: result.gaps.length })}\n`,
        );
      } else {
        if (options.quiet !== true) {
          const { coverageSentence } = await import("./report/summary-report.js");
          const outside = Object.values(outOfScope).reduce((sum, n) => sum + (n ?? 0), 0);
          io.stderr.write(
            `${coverageSentence(result.coverage)} Findings: ${counts.fail} fail, ${counts.pass} pass, ${counts.error} not evaluated` +
              `${outside > 0 ? `, and ${outside} out of the ePHI scope (${outOfScope.fail} failing, shown as concerns)` : ""}; ${result.gaps.length} collection gap(s).\n`,
          );
        }
        io.stdout.write(`${result.archivePath}\n`);
      }
      if (reachesFailOn(result.document.findings, options.failOn as Severity | undefined)) exitCode = 4;
    });

  program
    .command("verify")
    .description("re-hash every file of an archive and check every signature; exit 0 intact, 1 not intact, 2 unreadable")
    .argument("<archive>", "the .zip archive to verify")
    .option("--trust <file>", "PEM file of the certificate authorities you trust to have signed the archive")
    .option("--trust-tsa <file>", "PEM file of the timestamp authorities (or their CAs) whose times you trust")
    .option("--json", "print the result as JSON")
    .action(async (archive: string, options: { json?: boolean; trust?: string; trustTsa?: string }) => {
      const { verifyArchive } = await import("./archive/verify-archive.js");
      const { describeVerification } = await import("./archive/describe-verification.js");
      const result = await verifyArchive(archive, { trust: options.trust, trustTsa: options.trustTsa });
      io.stdout.write(options.json ? `${JSON.stringify(result)}\n` : describeVerification(result));
      exitCode = result.intact ? 0 : 1;
    });

  const attest = program.command("attest").description("record what no API can show: attestations of policies, training, agreements and decisions");
  attest
    .command("init")
    .description(
      "write a template for every attestation the HIPAA mapping asks for into DIR/templates/, with what an auditor asks and where the evidence usually is",
    )
    .argument("<dir>", "the attestations folder")
    .option("--mapping <file>", "HIPAA mapping file (default: the built-in mappings/hipaa-security-rule.yaml)")
    .action(async (dir: string, options: { mapping?: string }) => {
      const [{ loadMapping, defaultMappingFile }, { checks }, { loadAttestationGuidance }, { writeAttestationTemplates }] = await Promise.all([
        import("./mapping/mapping.js"),
        import("./checks/registry.js"),
        import("./attestations/guidance.js"),
        import("./attestations/templates.js"),
      ]);
      const mapping = await loadMapping(options.mapping ?? defaultMappingFile, new Set(checks.map((check) => check.id)));
      const written = await writeAttestationTemplates(dir, mapping, await loadAttestationGuidance());
      io.stderr.write(`wrote ${written.length} templates into ${dir}/templates: copy one into ${dir}, fill it in, and collect with --attestations ${dir}\n`);
      io.stdout.write(`${dir}/templates\n`);
    });

  program
    .command("keygen")
    .description("make a self-signed development signing certificate and key as a PFX file (not for evidence given to auditors)")
    .option("--out <file>", "the PFX file to write", "hipaa-evidence-development.pfx")
    .option("--password-env <name>", "environment variable holding the password for the PFX", "HIPAA_EVIDENCE_PFX_PASSWORD")
    .option("--organization <name>", "organisation named in the certificate")
    .action(async (options: { out: string; passwordEnv: string; organization?: string }) => {
      const { writeDevelopmentPfx } = await import("./signing/keygen.js");
      const written = await writeDevelopmentPfx({
        file: options.out,
        passwordVariable: options.passwordEnv,
        organization: options.organization,
        now: clock.now(),
      });
      io.stderr.write(`wrote a development certificate (not trusted): ${written.subject}\nSHA-256 fingerprint ${written.sha256Fingerprint}\n`);
      io.stdout.write(`${options.out}\n`);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isExitCodeError(error)) {
      io.stderr.write(`hipaa-evidence: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`hipaa-evidence: unexpected error (a bug; please report it): ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

export async function runFromProcess(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
}
