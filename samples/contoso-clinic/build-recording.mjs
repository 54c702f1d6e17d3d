#!/usr/bin/env node
// Writes recording.har, the sample tenant's HAR 1.2 recording, from the description in tenant/.
// Run it again after editing: `node samples/contoso-clinic/build-recording.mjs [output-file]`.
//
// tenant/clinic.mjs describes what every evidence area shares (subscriptions, scopes, people, roles);
// each other module of tenant/ answers the calls of one collector. Every payload follows the shape of
// the official example responses in test/fixtures/azure-examples/ (see SOURCES.md there);
// test/sample.test.ts keeps them aligned. The clinic, its people and its ids are fictional.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { recordAlertRules } from "./tenant/alert-rules.mjs";
import { recordAppService } from "./tenant/app-service.mjs";
import { collectionStartedAt } from "./tenant/clinic.mjs";
import { recordDefender } from "./tenant/defender.mjs";
import { recordEntraSignIns } from "./tenant/entra-sign-ins.mjs";
import { recordEntra } from "./tenant/entra.mjs";
import { recordInventory } from "./tenant/inventory.mjs";
import { recordKeyVault } from "./tenant/key-vault.mjs";
import { recordLogAnalytics } from "./tenant/log-analytics.mjs";
import { recordRbac } from "./tenant/rbac.mjs";
import { createRecording, toHar } from "./tenant/recording.mjs";
import { recordSql } from "./tenant/sql.mjs";
import { recordStorage } from "./tenant/storage.mjs";
import { recordSubscriptions } from "./tenant/subscriptions.mjs";

// In the order the collectors run (src/collectors/registry.ts). Replay matches a request on method and
// URL alone and serves repeated ones in recorded order; the Log Analytics queries of entra-sign-ins
// and log-analytics, for one, share a URL, so an area recorded out of turn answers the wrong caller.
const areas = [
  recordSubscriptions,
  recordInventory,
  recordRbac,
  recordKeyVault,
  recordStorage,
  recordSql,
  recordAppService,
  recordEntra,
  recordEntraSignIns,
  recordAlertRules,
  recordDefender,
  recordLogAnalytics,
];

const recording = createRecording(collectionStartedAt);
for (const recordArea of areas) recordArea(recording);

const target = process.argv[2] ?? fileURLToPath(new URL("./recording.har", import.meta.url));
writeFileSync(target, `${JSON.stringify(toHar(recording.entries), null, 2)}\n`);
console.log(`wrote ${target}: ${recording.entries.length} calls`);
