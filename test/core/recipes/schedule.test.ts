import { describe, expect, it } from "@jest/globals";
import { planRecipes } from "../../../src/core/recipes/index.js";
import { DEMO } from "./support.js";

describe("schedules in plain English", () => {
  it.each([
    ["every 5 minutes", "rate(5 minutes)"],
    ["every minute", "rate(1 minute)"],
    ["every 2 hours", "rate(2 hours)"],
    ["hourly", "rate(1 hour)"],
    ["daily", "rate(1 day)"],
    ["daily at 2am", "cron(0 2 * * ? *)"],
    ["every day at 14:30 UTC", "cron(30 14 * * ? *)"],
    ["every day at 12am", "cron(0 0 * * ? *)"],
    ["every night at midnight", "cron(0 0 * * ? *)"],
    ["every night", "cron(0 2 * * ? *)"],
    ["every monday at 9am", "cron(0 9 ? * MON *)"],
    ["weekdays at 8:15pm", "cron(15 20 ? * MON-FRI *)"],
    ["weekly", "rate(7 days)"],
    ["on cron(0 3 ? * SUN *)", "cron(0 3 ? * SUN *)"],
    ["on rate(10 minutes)", "rate(10 minutes)"],
  ])("a lambda that runs %s → %s", (phrase, expression) => {
    const plan = planRecipes(`a python lambda for sync that runs ${phrase}`, DEMO);
    expect(plan.questions).toEqual([]);
    expect(plan.blocks.map((b) => [b.recipe, b.params["schedule_expression"]])).toEqual([
      ["python-lambda", undefined],
      ["eventbridge-schedule", expression],
    ]);
  });

  it.each([
    [
      "every 30 seconds",
      "I could not turn the schedule into EventBridge terms (EventBridge schedules run at most once a minute): how often should it run?",
    ],
    [
      "daily at 25:00",
      "I could not turn the schedule into EventBridge terms (a clock time I could not read): how often should it run?",
    ],
  ])("asks about %s instead of guessing", (phrase, question) => {
    const plan = planRecipes(`a python lambda for sync that runs ${phrase}`, DEMO);
    expect(plan.questions).toEqual([question]);
    expect(plan.blocks.map((b) => b.recipe)).toEqual(["python-lambda"]);
  });

  it("refuses a malformed cron expression with a question", () => {
    const plan = planRecipes("a python lambda for sync that runs on cron(* * * * * *)", DEMO);
    expect(plan.blocks.map((b) => b.recipe)).toEqual(["python-lambda"]);
    expect(plan.questions).toHaveLength(1);
    expect(plan.questions[0]).toMatch(
      /^I could not use what the request said for the eventbridge-schedule block \(recipe eventbridge-schedule: schedule_expression: /,
    );
  });
});
