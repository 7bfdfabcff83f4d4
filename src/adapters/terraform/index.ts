export {
  type ReadTreeOptions,
  TerraformRootError,
  type TerraformSource,
  type TerraformTree,
  isTerraformFile,
  readTerraformTree,
} from "./tree.js";
export { type LoadOptions, type LoadedDirectory, loadTerraformDirectory } from "./load.js";
