import { code, compact, get, unwrap } from "../extract.js";
import type { Signature, Specifics } from "../types.js";

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
  skimage: "scikit-image",
  OpenSSL: "pyOpenSSL",
  Levenshtein: "python-Levenshtein",
  lxml: "lxml",
  zmq: "pyzmq",
  usb: "pyusb",
  win32api: "pywin32",
  win32com: "pywin32",
  telegram: "python-telegram-bot",
  discord: "discord.py",
  nacl: "PyNaCl",
  fitz: "PyMuPDF",
  pptx: "python-pptx",
  Bio: "biopython",
  ldap: "python-ldap",
  kafka: "kafka-python",
  snappy: "python-snappy",
  slugify: "python-slugify",
  markdown: "Markdown",
  websocket: "websocket-client",
  jinja2: "Jinja2",
  multipart: "python-multipart",
  pkg_resources: "setuptools",
  setuptools: "setuptools",
  faiss: "faiss-cpu",
  tensorflow_hub: "tensorflow-hub",
  speech_recognition: "SpeechRecognition",
  dns: "dnspython",
  ruamel: "ruamel.yaml",
  hcl2: "python-hcl2",
};

/** Where the failed import ran: inside an installed package, in this repository's tests, or at top level. */
function importSite(text: string, at: number, top: string): Record<string, string | undefined> {
  const before = text.slice(Math.max(0, at - 2500), at);
  const frames = [...before.matchAll(/File "([^"]+)", line (\d+)|^(\S+\.py):(\d+): in /gm)];
  const last = frames[frames.length - 1];
  const file = last?.[1] ?? last?.[3];
  const installed = file ? /[\\/](?:site|dist)-packages[\\/]([\w.-]+)[\\/]/.exec(file)?.[1] : undefined;
  if (installed && installed !== top) return { site: "installed", owner: installed, file };
  // `tests/hdx/conftest.py` failing to import `hdx`: the repository's own package is not on the path.
  if (file && new RegExp(`(?:^|[\\\\/])${top}(?:[\\\\/]|$)`).test(file.replace(/[\\/][^\\/]+$/, "")))
    return { site: "own", file };
  if (
    file &&
    /(?:^|[\\/])(?:conftest|test_[\w]+|[\w]+_test)\.py$/.test(file) &&
    new RegExp(`(?:^|[\\\\/])src[\\\\/]${top}\b|\bpythonpath\b`).test(text)
  )
    return { site: "own", file };
  return { site: "third-party", file };
}

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

export const pythonSignatures: Signature[] = [
  {
    id: "python-module-not-found",
    category: "python_import",
    title: "A Python module is missing",
    test: [/ModuleNotFoundError: No module named '([\w.]+)'?/],
    extract: (m) => {
      const module = m[1] ?? "";
      const top = module.split(".")[0] ?? module;
      const site = importSite(m.input, m.index, top);
      const version = site.owner
        ? new RegExp(`${site.owner}[-=]=?(\\d[\\w.]*)`).exec(m.input)?.[1]
        : undefined;
      return compact({ module, top, package: DISTRIBUTION[top] ?? top.replace(/_/g, "-"), ...site, version });
    },
    rootCause: (s) => {
      if (s["site"] === "installed")
        return `The installed package ${code(get(s, "owner"))}${s["version"] ? ` ${get(s, "version")}` : ""} imports ${code(get(s, "module"))}, which is not installed with it: that release is packaged without one of its own modules or without declaring a dependency.`;
      if (s["site"] === "own")
        return `${code(get(s, "file"))} imports ${code(get(s, "module"))}, this repository's own package, but it is not on \`sys.path\` when the tests run: the package is neither installed nor on the configured \`pythonpath\` (paths in \`pytest.ini\` or \`pyproject.toml\` are relative to that file's directory).`;
      return `Python could not import ${code(get(s, "module"))}: the package that provides it${s["package"] !== s["top"] ? ` (on PyPI: ${code(get(s, "package"))}, not ${code(get(s, "top"))})` : ""} is not installed in the environment the job uses.`;
    },
    fix: (s) => {
      if (s["site"] === "installed")
        return `Upgrade ${code(get(s, "owner"))} to a release that ships ${code(get(s, "module"))} (check its changelog and issue tracker), or pin the last release that worked; installing ${code(get(s, "top"))} separately only helps if it is a real PyPI package.`;
      if (s["site"] === "own")
        return `Put the package on the path: install it in the job (\`pip install -e .\`), or set \`pythonpath\` in the pytest configuration relative to that file (e.g. \`pythonpath = src\` in a root \`pytest.ini\`, \`../src\` in one under \`.config/\`).`;
      return `Add ${code(get(s, "package"))} to the requirements the job installs (\`requirements.txt\` or \`pyproject.toml\`) with a version pin, and install them before the step that imports it.`;
    },
    confidence: 0.95,
    autoFixable: (s) => s["site"] === "third-party" && DISTRIBUTION[get(s, "top")] !== undefined,
  },
  {
    id: "pip-internals-import",
    category: "python_import",
    title: "A tool imports pip internals that the installed pip removed",
    test: [/ImportError: cannot import name '(\w+)' from '(pip\._internal[\w.]*)'/],
    extract: (m) =>
      compact({
        name: m[1],
        module: m[2],
        tool: /pip-tools|pip-compile|pip-sync|piptools/.test(m.input) ? "pip-tools" : undefined,
        pip: /\bpip[ -=]=?(\d+\.\d+(?:\.\d+)?)/.exec(m.input)?.[1],
      }),
    rootCause: (s) =>
      `${s["tool"] ? code(get(s, "tool")) : "A tool in the job (commonly pip-tools)"} imports ${code(get(s, "name"))} from pip's private ${code(get(s, "module"))}, which the pip on the runner${s["pip"] ? ` (${get(s, "pip")})` : ""} no longer has: pip does not keep its internals stable, and the tool's pinned version predates that pip.`,
    fix: (s) =>
      `Upgrade ${s["tool"] ? code(get(s, "tool")) : "the tool (for pip-tools: to the latest 7.x)"} to a release that supports the installed pip, or pin \`pip\` to the version the tool supports in the same step (\`pip install "pip<…"\`).`,
    confidence: 0.93,
    autoFixable: false,
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
      `pip found no release of ${code(get(s, "requirement"))} for this Python version and platform${s["available"] ? ` (latest available: ${get(s, "available")})` : ""}: the pin names a version that does not exist, or one not built for this Python.`,
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
