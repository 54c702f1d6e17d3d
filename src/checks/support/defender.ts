/** Resource types and the Defender plan that protects them (plan names as the pricings API gives them). */
export const planFor: Readonly<Record<string, string>> = {
  "microsoft.compute/virtualmachines": "VirtualMachines",
  "microsoft.compute/virtualmachinescalesets": "VirtualMachines",
  "microsoft.storage/storageaccounts": "StorageAccounts",
  "microsoft.sql/servers": "SqlServers",
  "microsoft.sql/managedinstances": "SqlServers",
  "microsoft.keyvault/vaults": "KeyVaults",
  "microsoft.web/sites": "AppServices",
  "microsoft.containerservice/managedclusters": "Containers",
  "microsoft.containerregistry/registries": "Containers",
  "microsoft.documentdb/databaseaccounts": "CosmosDbs",
  "microsoft.dbforpostgresql/flexibleservers": "OpenSourceRelationalDatabases",
  "microsoft.dbformysql/flexibleservers": "OpenSourceRelationalDatabases",
};


/** Defender's standards for the healthcare rule are named after it (e.g. "HIPAA-HITRUST-9-2", "HITRUST-CSF-v11.3"). */
export const healthcareStandardName = /hipaa|hitrust/i;
