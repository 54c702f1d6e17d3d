import { fileURLToPath } from "node:url";
import { InputError } from "../errors.js";
import { parseYamlInput, readTextInput, yamlPlace } from "../input/read-input.js";
import { BaaCatalogueSchema, type BaaCatalogue } from "../model/baa-services.js";

export const defaultBaaServicesFile = fileURLToPath(new URL("../../mappings/catalogues/microsoft-baa-services.yaml", import.meta.url));

/** Loads the BAA service list; a resource type named twice (in two services) is refused, naming the place. */
export async function loadBaaServices(file: string = defaultBaaServicesFile): Promise<BaaCatalogue> {
  const text = await readTextInput(file);
  const catalogue = parseYamlInput(file, text, BaaCatalogueSchema);
  const seen = new Map<string, string>();
  for (const list of ["services", "notCovered"] as const) {
    catalogue[list].forEach((service, serviceIndex) => {
      service.resourceTypes.forEach((type, typeIndex) => {
        const earlier = seen.get(type.toLowerCase());
        if (earlier)
          throw new InputError(
            file,
            yamlPlace(text, [list, serviceIndex, "resourceTypes", typeIndex]),
            `expected each resource type once; ${type} is already under ${earlier}`,
          );
        seen.set(type.toLowerCase(), service.name);
      });
    });
  }
  return catalogue;
}
