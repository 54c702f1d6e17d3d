import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { temporaryFolder } from "./sample.js";
import { run } from "./tools.js";

/**
 * An RFC 3161 timestamp authority on 127.0.0.1 that answers with stock `openssl ts -reply`, signed by
 * a throwaway test CA, so timestamp tests need no network and check against a TSA we did not write.
 */
export interface LocalTsa {
  url: string;
  /** The test CA that issued the TSA certificate (for `openssl ts -verify -CAfile`). */
  caPem: string;
  /** The TSA certificate (for `openssl ts -verify -untrusted`). */
  tsaPem: string;
  folder: string;
  /** How many timestamp requests the authority has answered so far. */
  readonly requests: number;
  close(): Promise<void>;
}

function openssl(args: string[]): string {
  const result = run("openssl", args);
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

function config(folder: string): string {
  const file = (name: string) => join(folder, name);
  return `[ req ]
distinguished_name = req_name
prompt = no
[ req_name ]
CN = unused
[ ca_extensions ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ tsa_extensions ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tsa ]
default_tsa = local_tsa
[ local_tsa ]
serial = ${file("tsa-serial")}
crypto_device = builtin
signer_cert = ${file("tsa.pem")}
certs = ${file("ca.pem")}
signer_key = ${file("tsa.key")}
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

/** Listens on 127.0.0.1 at a free port; resolves with the base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes a server without waiting for keep-alive connections to time out. */
export function shut(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startLocalTsa(): Promise<LocalTsa> {
  const folder = temporaryFolder("tsa");
  const file = (name: string) => join(folder, name);
  writeFileSync(file("tsa.cnf"), config(folder));
  writeFileSync(file("tsa-serial"), "01\n");
  openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-config",
    file("tsa.cnf"),
    "-extensions",
    "ca_extensions",
    "-subj",
    "/O=hipaa-evidence tests/CN=Test TSA CA",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
  ]);
  openssl([
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-config",
    file("tsa.cnf"),
    "-subj",
    "/O=hipaa-evidence tests/CN=Test Timestamp Authority",
    "-keyout",
    file("tsa.key"),
    "-out",
    file("tsa.csr"),
  ]);
  openssl([
    "x509",
    "-req",
    "-in",
    file("tsa.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-set_serial",
    "2",
    "-days",
    "2",
    "-extfile",
    file("tsa.cnf"),
    "-extensions",
    "tsa_extensions",
    "-out",
    file("tsa.pem"),
  ]);

  let requests = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests += 1;
      const query = file(`request-${requests}.tsq`);
      const reply = file(`reply-${requests}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      // Synchronous on purpose: one openssl at a time keeps the TSA's serial file consistent.
      const answered = run("openssl", ["ts", "-reply", "-config", file("tsa.cnf"), "-queryfile", query, "-out", reply]);
      if (answered.status !== 0) {
        response.writeHead(500, { "content-type": "text/plain" }).end(answered.stderr);
        return;
      }
      response.writeHead(200, { "content-type": "application/timestamp-reply" });
      response.end(readFileSync(reply));
    });
  });
  const url = `${await listen(server)}/tsa`;
  return {
    url,
    caPem: file("ca.pem"),
    tsaPem: file("tsa.pem"),
    folder,
    get requests() {
      return requests;
    },
    close: () => shut(server),
  };
}

/** A stand-in authority that gives every request the same answer (an HTTP error, a rejection...). */
export async function startFixedAnswer(
  status: number,
  body: Buffer,
  contentType = "application/timestamp-reply",
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(status, { "content-type": contentType }).end(body));
  });
  const url = `${await listen(server)}/tsa`;
  return { url, close: () => shut(server) };
}

/** A URL on 127.0.0.1 where nothing listens: a port that was free a moment ago. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await shut(server);
  return `${url}/tsa`;
}
