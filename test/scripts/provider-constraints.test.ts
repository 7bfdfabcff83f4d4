// The constraint extractor on a provider-shaped Go package written here (the real source is read at build
// time only): registrations by annotation and by service_package_gen.go, nested blocks through helper
// functions, local variables and function literals, constants, and what it refuses to guess.
import { describe, expect, it } from "@jest/globals";
import { GoPackage } from "../../scripts/constraints/go-schema.js";
import { tokenize } from "../../scripts/constraints/go-tokens.js";

const BUCKET = `package s3

const attrPrefix = "bucket_prefix"

// @SDKResource("aws_s3_bucket", name="Bucket")
func resourceBucket() *schema.Resource {
	return &schema.Resource{
		Schema: map[string]*schema.Schema{
			"bucket": {
				Type:          schema.TypeString,
				ConflictsWith: []string{attrPrefix}, // a constant
			},
			attrPrefix: {
				Type:          schema.TypeString,
				ConflictsWith: []string{"bucket"},
			},
			names.AttrTags: tftags.TagsSchema(),
			"website": {
				Type: schema.TypeList,
				Elem: websiteSchema(),
			},
			"computed": {
				ConflictsWith: []string{fmt.Sprintf("%s.0.x", "a")},
			},
		},
	}
}

func websiteSchema() *schema.Resource {
	s := &schema.Resource{
		Schema: func() map[string]*schema.Schema {
			return map[string]*schema.Schema{
				"index_document": {
					ExactlyOneOf: []string{"website.0.index_document", "website.0.redirect_all_requests_to"},
				},
				"redirect_all_requests_to": {
					Type: schema.TypeString,
					ExactlyOneOf: []string{
						"website.0.index_document",
						"website.0.redirect_all_requests_to", // "}" in a comment
					},
					RequiredWith: []string{"website.0.index_document"},
				},
			}
		}(),
	}
	return s
}
`;

const GEN = `package s3
func (p *servicePackage) SDKResources(ctx context.Context) []*types.ServicePackageSDKResource {
	return []*types.ServicePackageSDKResource{
		{
			Factory:  resourceBucket,
			TypeName: "aws_s3_bucket",
		},
	}
}
`;

describe("provider constraint extractor", () => {
  const pkg = new GoPackage(
    [
      { path: "internal/service/s3/bucket.go", text: BUCKET },
      { path: "internal/service/s3/service_package_gen.go", text: GEN },
    ],
    new Map([["names.AttrTags", "tags"]]),
  );

  it("finds constraints on top-level and nested arguments, through helpers and function literals", () => {
    expect(pkg.constraintsOf("resourceBucket")).toEqual([
      { kind: "conflicts", path: "bucket", others: ["bucket_prefix"] },
      { kind: "conflicts", path: "bucket_prefix", others: ["bucket"] },
      {
        kind: "exactly_one_of",
        path: "website.0.index_document",
        others: ["website.0.index_document", "website.0.redirect_all_requests_to"],
      },
      {
        kind: "exactly_one_of",
        path: "website.0.redirect_all_requests_to",
        others: ["website.0.index_document", "website.0.redirect_all_requests_to"],
      },
      {
        kind: "required_with",
        path: "website.0.redirect_all_requests_to",
        others: ["website.0.index_document"],
      },
    ]);
  });

  it("counts a computed path as unresolved instead of guessing it", () => {
    expect(pkg.unresolved.size).toBe(1);
    expect(pkg.attributed.size).toBe(5);
  });

  it("returns nothing for a factory it cannot find", () => {
    expect(pkg.constraintsOf("resourceMissing")).toEqual([]);
  });

  it("reads strings, raw strings and runes without mistaking their contents for brackets", () => {
    const tokens = tokenize('x := `a{b` + "c\\"}" + string(\'{\') // }');
    expect(tokens.filter((t) => t.kind === "string").map((t) => t.text)).toEqual(["a{b", 'c"}']);
    expect(tokens.filter((t) => t.text === "{" || t.text === "}")).toEqual([]);
  });
});
