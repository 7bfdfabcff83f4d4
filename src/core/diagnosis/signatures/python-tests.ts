// Python test runners and linters: pytest, unittest, mock misuse, syntax of another Python version, ruff/flake8, black, mypy.
import { code, compact, get, unwrap } from "../extract.js";
import type { Signature, Specifics } from "../types.js";

/** Syntax that is valid only in another Python version: the fix is the version, not the code. */
function syntaxHint(text: string): Record<string, string | undefined> {
  if (/:=/.test(text)) return { hint: "walrus" };
  if (/except\s+[\w.]+\s*,\s*\w+\s*:/.test(text)) return { hint: "py2-except" };
  if (/^\s*print\s+["'\w]/m.test(text)) return { hint: "py2-print" };
  return {};
}

function hintCause(s: Specifics): string {
  if (s["hint"] === "walrus")
    return " The line uses the assignment expression `:=`, which needs Python 3.8 or newer: the interpreter running it is older.";
  if (s["hint"] === "py2-except")
    return " `except Exception, e:` is Python 2 syntax; Python 3 only accepts `except Exception as e:`.";
  if (s["hint"] === "py2-print") return " `print x` is Python 2 syntax; Python 3 needs `print(x)`.";
  return "";
}

function hintFix(s: Specifics): string | undefined {
  if (s["hint"] === "walrus")
    return "Run it with Python 3.8 or newer (`python-version` in the workflow, or the interpreter of the environment), or, if the code must support older Pythons, replace the `:=` expression with a separate assignment.";
  if (s["hint"] === "py2-except")
    return `Port the line to Python 3: write \`except Exception as e:\`${s["file"] ? ` in ${code(get(s, "file"))}` : ""} (\`2to3\` or \`pyupgrade\` converts such lines in bulk).`;
  if (s["hint"] === "py2-print")
    return "Port the code to Python 3: `print(...)` with parentheses (`2to3` converts it in bulk).";
  return undefined;
}

export const pythonTestSignatures: Signature[] = [
  {
    id: "pytest-collection-error",
    category: "python_test_failure",
    title: "pytest could not collect a test module",
    test: [/^_* ERROR collecting (\S+) _*$/m, /^ERROR (\S+\.py)(?: - ([^\n]+))?$/m],
    extract: (m) => {
      const detail = m[2] ?? /^E\s+(\S[^\n]*)$/m.exec(m.input.slice(m.index))?.[1];
      return compact({ file: m[1], error: detail });
    },
    rootCause: (s) =>
      `pytest stopped before running tests: importing ${code(get(s, "file"))} raised an error${s["error"] ? ` (${get(s, "error")})` : ""}.`,
    fix: (s) =>
      `Run ${code(`pytest ${get(s, "file")}`)} locally and fix the error it reports while importing the module.`,
    confidence: 0.7,
    autoFixable: false,
  },
  {
    id: "pytest-test-failure",
    category: "python_test_failure",
    title: "pytest tests failed",
    test: [/^FAILED (\S+::\S+)(?: - ([^\n]+))?$/m],
    extract: (m) => {
      const failed = [...m.input.matchAll(/^FAILED (\S+::\S+)/gm)].map((f) => f[1]);
      const summary = /^=+ ((?:\d+ \w+, )*\d+ failed[^=\n]*?) =+$/m.exec(m.input)?.[1];
      const firstE = /^E\s+(\S[^\n]*)$/m.exec(m.input)?.[1];
      return compact({
        test: m[1],
        tests: failed.slice(0, 10).join(", "),
        assertion: m[2] ?? firstE,
        summary,
      });
    },
    rootCause: (s) =>
      `The test ${code(get(s, "test"))} failed${s["assertion"] ? `: ${get(s, "assertion")}` : ""}.${s["summary"] ? ` (${get(s, "summary")})` : ""}`,
    fix: (s) =>
      `Reproduce with ${code(`pytest "${get(s, "test")}" -x -vv`)}, then fix the code or the test's expectation, whichever is wrong.`,
    confidence: 0.88,
    autoFixable: false,
  },
  {
    id: "unittest-failure",
    category: "python_test_failure",
    title: "unittest tests failed",
    test: [/^(FAIL|ERROR): (\w+) \(([\w.]+)\)/m],
    extract: (m) => {
      if (!/^FAILED \((?:failures|errors)=\d+/m.test(m.input)) return null;
      const assertion = /^(\w*(?:Error|Exception)): ([^\n]+)$/m.exec(m.input.slice(m.index));
      // Python 3.11+ prints (module.Class.method), older versions (module.Class).
      const owner = m[3] ?? "";
      const test = owner.endsWith(`.${m[2] ?? ""}`) ? owner : `${owner}.${m[2] ?? ""}`;
      const detail = assertion ? `${assertion[1]}: ${assertion[2]}` : undefined;
      return compact({ test, kind: m[1], assertion: detail });
    },
    rootCause: (s) =>
      `The unittest ${code(get(s, "test"))} failed${s["assertion"] ? `: ${get(s, "assertion")}` : ""}.`,
    fix: (s) =>
      `Reproduce with ${code(`python -m unittest ${get(s, "test")} -v`)} and fix the code or the expectation.`,
    confidence: 0.85,
    autoFixable: false,
  },
  {
    id: "python-mock-invalid-assertion",
    category: "python_test_failure",
    title: "A test calls a mock assertion that does not exist",
    test: [
      /AttributeError: '(\w+)' is not a valid assertion\. Use a spec for the mock[^\n]*?(?:Did you mean: '(\w+)'\?)?$/m,
    ],
    extract: (m) => compact({ name: m[1], meant: m[2] ?? (m[1] ? `assert_${m[1]}` : undefined) }),
    rootCause: (s) =>
      `A test calls ${code(`mock.${get(s, "name")}(…)`)}, which is not an assertion: older Pythons silently returned a new mock (so the test never checked anything); Python 3.12's \`unittest.mock\` rejects such misspelled assertion names.`,
    fix: (s) =>
      `Call the real assertion, ${code(`${get(s, "meant")}(…)`)}, and check that the test still passes; it may have been hiding a real failure.`,
    confidence: 0.96,
    autoFixable: false,
  },
  {
    id: "python-deprecation-as-error",
    category: "python_test_failure",
    title: "A deprecation warning failed the tests",
    test: [
      /^\s*(?:E\s+)?(?:[\w.]+\.py:\d+: )?(DeprecationWarning|PendingDeprecationWarning|FutureWarning): ([^\n]+)$/m,
    ],
    extract: (m) => {
      const message = m[2] ?? "";
      const use = /\bUse ([^.]+(?:\.[^\s.][^.]*)*?)(?:\.\s|\.$|$)/.exec(message)?.[1];
      const call = /^([\w.]+\(\))/.exec(message)?.[1];
      return compact({ kind: m[1], message, use, call });
    },
    rootCause: (s) =>
      `The tests treat warnings as errors (\`-W error\` or \`filterwarnings = error\`), and ${s["call"] ? code(get(s, "call")) : "the code"} raises a ${get(s, "kind")} on this Python or library version: ${code(get(s, "message"))}`,
    fix: (s) =>
      `Replace the deprecated call${s["use"] ? ` as the warning says: ${code(get(s, "use"))}` : " with the replacement the warning names"}. Only if the warning comes from a dependency you cannot change, ignore that one warning in the pytest \`filterwarnings\` setting.`,
    confidence: 0.72,
    autoFixable: false,
  },
  {
    id: "python-bare-assertion",
    category: "python_test_failure",
    title: "A test assertion failed",
    test: [/^\s*(?:E\s+)?AssertionError: ([^\n]+)$/m],
    extract: (m) => compact({ assertion: m[1] }),
    rootCause: (s) =>
      `A test assertion failed: ${code(get(s, "assertion"))}. The log does not show which test; when the same test passes locally, the CI environment differs (library versions, Python version, environment variables).`,
    fix: () =>
      "Reproduce with the versions CI installed (`pip freeze` in the job), then fix the code or update the expectation to the new behaviour; pin the dependency if the change is unwanted.",
    confidence: 0.7,
    autoFixable: false,
  },
  {
    id: "python-syntax-error",
    category: "python_syntax",
    title: "Python code does not compile",
    test: [
      /File "([^"]+)", line (\d+)[^\n]*\n(?:[^\n]*\n){0,6}?[E ]*\s*(SyntaxError|IndentationError|TabError): ([^\n]+)/,
    ],
    extract: (m) => compact({ file: m[1], line: m[2], error: m[3], message: m[4], ...syntaxHint(m[0]) }),
    rootCause: (s) =>
      `${code(get(s, "file"))} line ${get(s, "line")} does not parse: ${get(s, "error")}: ${get(s, "message")}.${hintCause(s)}`,
    fix: (s) =>
      hintFix(s) ??
      `Fix the syntax at ${code(`${get(s, "file")}:${get(s, "line")}`)} and check with ${code(`python -m py_compile ${get(s, "file")}`)}.`,
    confidence: 0.93,
    autoFixable: false,
  },
  {
    id: "python-lint-findings",
    category: "python_syntax",
    title: "The linter reported findings",
    test: [
      /^(\S+\.py):(\d+):(\d+): ([A-Z]{1,3}\d{1,4}):? (?:\[\*\] )?([^\n]+)$/m,
      /^([A-Z]{1,3}\d{1,4}) (?:\[\*\] )?([^\n]+)\n\s*--> (\S+\.py):(\d+):(\d+)$/m,
    ],
    extract: (m) => {
      const concise = m[1]?.endsWith(".py") === true;
      const count = [...m.input.matchAll(/^\S+\.py:\d+:\d+: [A-Z]{1,3}\d{1,4}\b|^\s*--> \S+\.py:\d+:\d+$/gm)]
        .length;
      return compact({
        ...syntaxHint(m.input.slice(m.index, m.index + 400)),
        file: concise ? m[1] : m[3],
        line: concise ? m[2] : m[4],
        code: concise ? m[4] : m[1],
        message: concise ? m[5] : m[2],
        findings: String(count),
        tool: /\bruff\b/.test(m.input) ? "ruff" : /\bflake8\b/.test(m.input) ? "flake8" : "the linter",
      });
    },
    rootCause: (s) =>
      `${get(s, "tool")} reported ${get(s, "findings")} finding${s["findings"] === "1" ? "" : "s"}; the first is ${get(s, "code")} at ${code(`${get(s, "file")}:${get(s, "line")}`)}: ${get(s, "message")}.${hintCause(s)}`,
    fix: (s) =>
      hintFix(s) ??
      (s["tool"] === "ruff"
        ? "Run `ruff check --fix` (and `ruff format`) locally, fix what remains by hand, and commit."
        : `Fix the findings ${get(s, "tool")} lists (start at ${code(`${get(s, "file")}:${get(s, "line")}`)}) and re-run it locally.`),
    confidence: 0.85,
    autoFixable: false,
  },
  {
    id: "python-black-would-reformat",
    category: "python_syntax",
    title: "black would reformat files",
    test: [/^would reformat (\S+)/m],
    extract: (m) =>
      compact({
        files:
          [...m.input.matchAll(/^would reformat (\S+)/gm)]
            .map((f) => f[1])
            .slice(0, 20)
            .join(", ") || m[1],
      }),
    rootCause: (s) => `\`black --check\` found files that are not formatted: ${get(s, "files")}.`,
    fix: () => "Run `black .` locally and commit the result.",
    confidence: 0.9,
    autoFixable: true,
  },
  {
    id: "mypy-type-errors",
    category: "python_syntax",
    title: "mypy found type errors",
    test: [/^(\S+\.py):(\d+): error: ([^\n]+?)(?:\s+\[([\w-]+)\])?$/m],
    extract: (m) => {
      if (!/^Found \d+ errors? in \d+ files?/m.test(m.input)) return null;
      return compact({ file: m[1], line: m[2], message: m[3] ? unwrap(m[3]) : undefined, code: m[4] });
    },
    rootCause: (s) =>
      `mypy reports a type error at ${code(`${get(s, "file")}:${get(s, "line")}`)}: ${get(s, "message")}.`,
    fix: () =>
      "Run `mypy` locally and fix the annotations or the code it flags; do not silence it with `# type: ignore` without a reason.",
    confidence: 0.85,
    autoFixable: false,
  },
];
