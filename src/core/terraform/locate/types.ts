/**
 * Where things are written in a Terraform file. hcl2json drops positions, so findings take their line
 * numbers (and the attribute-or-block syntax actually used) from this outline of the source text.
 */
export interface LocatedNode {
  /**
   * `attribute`: `name = ...`; `block`: `name "label" { ... }`; `json`: a key of a `.tf.json` file, where
   * attribute and block syntax look the same.
   */
  kind: "attribute" | "block" | "json";
  name: string;
  labels: string[];
  /** 1-based line of the name. */
  line: number;
  /** Nested attributes and blocks (for `json`, the keys of an object value, or of each array element). */
  children: LocatedNode[];
}

export interface LocatedFile {
  nodes: LocatedNode[];
}
