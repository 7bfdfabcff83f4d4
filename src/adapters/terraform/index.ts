export { type ReadTreeOptions, type TerraformSource, type TerraformTree, readTerraformTree } from "./tree.js";
export { TerraformRootError } from "./root.js";
export { isTerraformFile } from "./files.js";
export { type LoadOptions, type LoadedDirectory, loadTerraformDirectory } from "./load.js";
