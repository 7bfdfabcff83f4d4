// Python dependencies: modules not found, pip internals, versions pip cannot find.
import { code, compact, get } from "../extract.js";
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
];
