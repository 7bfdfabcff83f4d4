import { compact, get, unwrap } from "../extract.js";
import type { Signature } from "../types.js";

// Import names whose PyPI distribution has another name.
const DISTRIBUTION: Record<string, string> = {
  yaml: "PyYAML",
  cv2: "opencv-python",
  PIL: "Pillow",
  sklearn: "scikit-learn",
  bs4: "beautifulsoup4",
  dateutil: "python-dateutil",
  dotenv: "python-dotenv",
  jwt: "PyJWT",
  attr: "attrs",
  Crypto: "pycryptodome",
  google: "protobuf",
  magic: "python-magic",
  serial: "pyserial",
  git: "GitPython",
  docx: "python-docx",
  jose: "python-jose",
  MySQLdb: "mysqlclient",
  psycopg2: "psycopg2-binary",
  boto3_type_annotations: "boto3-type-annotations",
};

export const pythonSignatures: Signature[] = [
  {
    id: "python-module-not-found",
    category: "python_import",
    title: "A Python module is missing",
    test: [/ModuleNotFoundError: No module named '([\w.]+)'/],
    extract: (m) => {
      const module = m[1] ?? "";
      const top = module.split(".")[0] ?? module;
      return { module, package: DISTRIBUTION[top] ?? top.replace(/_/g, "-") };
    },
    rootCause: (s) =>
      `Python could not import \`${get(s, "module")}\`: the package is not installed in the job's environment, or it is a local package that is not on the path.`,
    fix: (s) =>
      `If it is a third-party package, add \`${get(s, "package")}\` to the requirements the job installs (\`requirements.txt\` or \`pyproject.toml\`) and pin a version. If it is this repository's own package, install it (\`pip install -e .\`) or set \`PYTHONPATH\` before the tests.`,
    confidence: 0.95,
    autoFixable: true,
  },
  {
    id: "python-cannot-import-name",
    category: "python_import",
    title: "A Python name cannot be imported from a module",
    test: [/ImportError: cannot import name '(\w+)' from '([\w.]+)'(?: \(([^)]+)\))?/],
    extract: (m) => compact({ name: m[1], module: m[2], path: m[3] }),
    rootCause: (s) =>
      `\`${get(s, "module")}\` has no \`${get(s, "name")}\`: the installed version of the package differs from the one the code was written for, or the name was renamed or removed.`,
    fix: (s) =>
      `Pin \`${get(s, "module").split(".")[0] ?? "the package"}\` to a version that provides \`${get(s, "name")}\` in the requirements, or update the import to the new name (check the package's changelog).`,
    confidence: 0.9,
    autoFixable: true,
  },
  {
    id: "pip-no-matching-distribution",
    category: "python_import",
    title: "pip cannot find a version that satisfies a requirement",
    test: [
      /ERROR: (?:Could not find a version that satisfies the requirement|No matching distribution found for) ([^\s(]+)/,
    ],
    extract: (m) => {
      const versions = /\(from versions: ([^)]*)\)/.exec(m.input.slice(m.index, m.index + 2000))?.[1];
      return compact({
        requirement: m[1],
        available: versions ? versions.split(",").slice(-5).join(",").trim() : undefined,
      });
    },
    rootCause: (s) =>
      `pip found no release of \`${get(s, "requirement")}\` for this Python version and platform${s["available"] ? ` (latest available: ${get(s, "available")})` : ""}: the pin names a version that does not exist, or one not built for this Python.`,
    fix: () =>
      "Correct the version pin in the requirements (check the package's release history), or change `python-version` in the workflow to one the pinned release supports.",
    confidence: 0.9,
    autoFixable: true,
  },
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
      `pytest stopped before running tests: importing \`${get(s, "file")}\` raised an error${s["error"] ? ` (${get(s, "error")})` : ""}.`,
    fix: (s) =>
      `Run \`pytest ${get(s, "file")}\` locally and fix the error it reports while importing the module.`,
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
      `The test \`${get(s, "test")}\` failed${s["assertion"] ? `: ${get(s, "assertion")}` : ""}.${s["summary"] ? ` (${get(s, "summary")})` : ""}`,
    fix: (s) =>
      `Reproduce with \`pytest "${get(s, "test")}" -x -vv\`, then fix the code or the test's expectation, whichever is wrong.`,
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
      `The unittest \`${get(s, "test")}\` failed${s["assertion"] ? `: ${get(s, "assertion")}` : ""}.`,
    fix: (s) =>
      `Reproduce with \`python -m unittest ${get(s, "test")} -v\` and fix the code or the expectation.`,
    confidence: 0.85,
    autoFixable: false,
  },
  {
    id: "python-syntax-error",
    category: "python_syntax",
    title: "Python code does not compile",
    test: [
      /File "([^"]+)", line (\d+)[^\n]*\n(?:[^\n]*\n){0,6}?[E ]*\s*(SyntaxError|IndentationError|TabError): ([^\n]+)/,
    ],
    extract: (m) => compact({ file: m[1], line: m[2], error: m[3], message: m[4] }),
    rootCause: (s) =>
      `\`${get(s, "file")}\` line ${get(s, "line")} does not parse: ${get(s, "error")}: ${get(s, "message")}.`,
    fix: (s) =>
      `Fix the syntax at \`${get(s, "file")}:${get(s, "line")}\` and check with \`python -m py_compile ${get(s, "file")}\`.`,
    confidence: 0.93,
    autoFixable: true,
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
        file: concise ? m[1] : m[3],
        line: concise ? m[2] : m[4],
        code: concise ? m[4] : m[1],
        message: concise ? m[5] : m[2],
        findings: String(count),
        tool: /\bruff\b/.test(m.input) ? "ruff" : /\bflake8\b/.test(m.input) ? "flake8" : "the linter",
      });
    },
    rootCause: (s) =>
      `${get(s, "tool")} reported ${get(s, "findings")} finding(s); the first is ${get(s, "code")} at \`${get(s, "file")}:${get(s, "line")}\`: ${get(s, "message")}.`,
    fix: (s) =>
      s["tool"] === "ruff"
        ? "Run `ruff check --fix` (and `ruff format`) locally, fix what remains by hand, and commit."
        : `Fix the findings ${get(s, "tool")} lists (start at \`${get(s, "file")}:${get(s, "line")}\`) and re-run it locally.`,
    confidence: 0.85,
    autoFixable: true,
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
      `mypy reports a type error at \`${get(s, "file")}:${get(s, "line")}\`: ${get(s, "message")}.`,
    fix: () =>
      "Run `mypy` locally and fix the annotations or the code it flags; do not silence it with `# type: ignore` without a reason.",
    confidence: 0.85,
    autoFixable: false,
  },
];
