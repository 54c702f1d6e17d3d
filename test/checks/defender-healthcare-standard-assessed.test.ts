import { check } from "../../src/checks/defender-healthcare-standard-assessed.js";
import { complianceStandardsDataset } from "../../src/datasets/defender.js";
import { checkTable } from "../support/check-table.js";
import { forbidden, type Tenant } from "../support/good-tenant.js";

type Raw = Record<string, any>;
const standards = (tenant: Tenant): Raw[] => tenant.items(complianceStandardsDataset);
const hipaa = (tenant: Tenant): Raw => standards(tenant).find((standard) => standard.name === "HIPAA-HITRUST-9-2")!;

checkTable(check, [
  {
    name: "the official example's standards and HIPAA HITRUST, with failed controls",
    expected: [
      {
        status: "pass",
        message:
          "Defender for Cloud assesses subscription Example Subscription against HIPAA-HITRUST-9-2: 31 controls passed, 12 failed, 4 skipped (overall Failed).",
      },
    ],
  },
  {
    name: "only the official example's standards",
    change: (tenant) => {
      standards(tenant).splice(standards(tenant).indexOf(hipaa(tenant)), 1);
    },
    expected: [
      {
        status: "fail",
        message:
          "Defender for Cloud does not assess subscription Example Subscription against a healthcare standard such as HIPAA HITRUST; it assesses PCI-DSS-3.2, ISO-27001, AZURE-CIS, SOC-TSP.",
      },
    ],
  },
  {
    name: "listed without assessment data",
    change: (tenant) => {
      hipaa(tenant).properties = { state: "Unsupported", passedControls: 0, failedControls: 0, skippedControls: 0, unsupportedControls: 0 };
    },
    expected: [
      {
        status: "fail",
        message: "Defender for Cloud lists HIPAA-HITRUST-9-2 for subscription Example Subscription but holds no assessment data for it (state Unsupported).",
      },
    ],
  },
  {
    name: "listed without a state: unknown, not a failure",
    change: (tenant) => {
      delete hipaa(tenant).properties.state;
    },
    expected: [
      {
        status: "error",
        message: "Whether Defender for Cloud assesses subscription Example Subscription against HIPAA-HITRUST-9-2 is unknown: the standard reports no state.",
      },
    ],
  },
  {
    name: "no standard at all",
    change: (tenant) => {
      standards(tenant).splice(0);
    },
    expected: [
      {
        status: "fail",
        message:
          "Defender for Cloud does not assess subscription Example Subscription against a healthcare standard such as HIPAA HITRUST; it assesses no standard at all.",
      },
    ],
  },
  {
    name: "the standards refused",
    change: (tenant) => tenant.fail(complianceStandardsDataset, forbidden),
    expected: [
      {
        status: "error",
        message:
          'Regulatory compliance assessment of subscription Example Subscription could not be evaluated because the evidence "Defender for Cloud regulatory compliance standards" is unavailable: GET https://management.azure.com/example returned HTTP 403; the collecting identity lacks Microsoft.Example/read.',
      },
    ],
  },
]);
