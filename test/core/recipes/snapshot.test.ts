import { describe, expect, it } from "@jest/globals";
import { planRecipes } from "../../../src/core/recipes/index.js";
import { DEMO } from "./support.js";

describe("a full plan", () => {
  it("wires a queue, its consumer, a table it writes to and a dead-letter alarm in the demo repo's conventions", () => {
    const plan = planRecipes(
      "We need a queue for orders and a python 3.12 lambda that processes it and writes to a DynamoDB table for invoices with partition key invoice_id, plus an alarm when the dead letter queue has messages.",
      DEMO,
    );
    expect(plan.questions).toEqual([]);
    expect(plan.unrecognized).toEqual([]);
    expect(plan).toMatchSnapshot();
  });
});
