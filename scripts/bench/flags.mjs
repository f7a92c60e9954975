// Command-line flags of `npm run bench -- …`.

const USAGE = `Usage: npm run bench -- [flags]
  --smoke              tiny scenarios, 1 run: checks the harness produces its numbers (CI)
  --scenarios a,b      only these: demo, demo-click, scale-0.1, scale-0.3, olist-full, scale-1.0,
                       full-1m, incremental (time-travel and zorder run in it), scale-1.0-10m,
                       tiny and upload-tiny (the smoke's)
  --runs N             runs of each scenario and side (default 3; the median is reported)
  --dist DIR           serve this existing production build instead of building dist-bench
  --port N             port of vite preview (default 4390)
  --write-docs         regenerate docs/benchmarks.{md,json} even for a partial run
  --no-docs            never touch docs/ (the default for --smoke, --scenarios and --rerender)
  --profile            after each scale run, rewrite the event tables and one Silver table and
                       report the lake's commit timings (SQL, Parquet encode, OPFS, log)
  --rerender FILE      summarize a saved bench-results/bench-*.json again, without measuring
  --help               this text`;

/** Parse the flags; throws with the usage text on a flag it does not know. */
export function parseFlags(argv) {
  const flags = {
    smoke: false,
    scenarios: null,
    runs: null,
    dist: null,
    port: 4390,
    docs: null,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value\n\n${USAGE}`);
      return v;
    };
    switch (name) {
      case '--smoke':
        flags.smoke = true;
        break;
      case '--scenarios':
        flags.scenarios = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--runs':
        flags.runs = positiveInteger(name, value());
        break;
      case '--dist':
        flags.dist = value();
        break;
      case '--port':
        flags.port = positiveInteger(name, value());
        break;
      case '--profile':
        flags.profile = true;
        break;
      case '--rerender':
        flags.rerender = value();
        break;
      case '--write-docs':
        flags.docs = true;
        break;
      case '--no-docs':
        flags.docs = false;
        break;
      case '--help':
      case '-h':
        flags.help = true;
        break;
      default:
        throw new Error(`Unknown flag ${argv[i]}\n\n${USAGE}`);
    }
  }
  return flags;
}

/** The usage text. */
export function usage() {
  return USAGE;
}

function positiveInteger(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, not "${text}"`);
  return n;
}
