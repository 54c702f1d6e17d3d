import { developmentKeyFile, developmentSigningKey } from "../../src/signing/development-key.js";

export default async function setup(): Promise<void> {
  await developmentSigningKey(new Date(), developmentKeyFile());
}
