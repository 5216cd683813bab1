/** Help texts of `serverless-sandbox` and its commands (printed on stdout by `--help`). */

export const EXIT_CODES = `exit codes:
  0   done (and every goal of the document passed, or it has none)
  1   the run finished but a goal of the document failed
  2   bad input: unknown option, missing or unreadable file, invalid document or
      template (one message per problem on stderr, each naming the field's path)`;

export const COMMON = `common options:
  --json          machine-readable output on stdout (nothing else goes there)
  --quiet         nothing on stderr but errors (no progress, no warnings)
  -h, --help      this help
Progress goes to stderr, and only when stderr is a terminal.`;

export const MAIN_HELP = `serverless-sandbox — simulate serverless AWS architectures from the shell

usage: serverless-sandbox <command> [options]

commands:
  simulate FILE.json       run a document to the end and print its summary
  sam import TEMPLATE      SAM / CloudFormation template -> document (JSON)
  sam export FILE.json     document -> SAM template (YAML)
  sweep FILE.json --set PATH=V1,V2,…
                           one run per value (every core), one row per variant

examples:
  serverless-sandbox simulate examples/cold-starts.json
  serverless-sandbox simulate examples/dax.json --json --seed 7 --duration 600 > summary.json
  serverless-sandbox simulate examples/dax.json --replications 8 --duration 600
  serverless-sandbox sweep examples/cold-starts.json --set lambda.fn.memoryMb=128,256,512,1024
  serverless-sandbox sam import template.yaml > diagram.json
  serverless-sandbox sam export diagram.json > template.yaml

${COMMON}

${EXIT_CODES}

'serverless-sandbox <command> --help' tells more. The document format and the summary
are described in docs/document-format.md.`;

export const SIMULATE_HELP = `usage: serverless-sandbox simulate FILE.json [options]

Runs the document to the end with the same simulator as the browser and prints its
summary: a readable table, or with --json the summary object (docs/document-format.md,
"The simulation summary"). The document's goals are measured and decide the exit code.

options:
  --seed N        override settings.seed (0–4294967295); same seed, same result
  --duration S    override settings.durationS, simulated seconds (1–2592000, 30 days)
  --precision P   lengthen the run (doubling, up to 86400 s) until the 95% confidence
                  interval of the mean latency is within ±P of it (0.03 = ±3%)
  --replications N  run N times on seeds seed … seed+N−1, in parallel on every core,
                  and print each run and the figures across runs (mean ± 95%
                  interval); with --precision P, the number of runs doubles until
                  the mean latency's interval across runs is within ±P
  --workers N     worker threads for --replications (default: one per core; 1 runs
                  serially — the results are the same either way)
  --csv FILE      also write the run's windows as CSV to FILE (with --replications:
                  one row per run)
  --report FILE   also write a one-page report to FILE (Markdown; HTML for .html)
  --json          print the JSON summary on stdout instead of the table
  --quiet         nothing on stderr but errors
  -h, --help      this help

examples:
  serverless-sandbox simulate examples/cold-starts.json
  serverless-sandbox simulate examples/cold-starts.json --json --seed 7 --duration 600
  serverless-sandbox simulate examples/dax.json --precision 0.03
  serverless-sandbox simulate examples/dax.json --replications 8 --precision 0.01 --json
  serverless-sandbox simulate my.json --quiet --json | jq .latencyMs.p99

${EXIT_CODES}
  (with --replications: 1 when a goal failed in any run)`;

export const SWEEP_HELP = `usage: serverless-sandbox sweep FILE.json --set PATH=V1,V2,… [--set …] [options]

Runs the document once per value — every combination when --set is given more than once —
in parallel on every core (one worker thread per core, same seed for every variant), and
prints one row per variant: requests, success share, throttles, latency, cost.

PATH names a field: a node (its id or label, optionally after its type), then the field's
path in its config — lambda.fn.memoryMb, fn.memoryMb, "Orders API.handler.meanMs" — or
settings.FIELD (settings.accountConcurrency). Values are numbers, true/false or text; each
variant is checked like a document (a value out of range is an error naming the field).

options:
  --set PATH=V1,V2,…  a field and its values (repeat for a grid)
  --seed N        override settings.seed (0–4294967295); the same for every variant
  --duration S    override settings.durationS, simulated seconds (1–86400)
  --workers N     worker threads (default: one per core; 1 runs serially — same results)
  --csv FILE      also write one row per variant as CSV to FILE
  --json          print {seed, durationS, axes, variants: [{set, summary, goals}]} on stdout
  --quiet         nothing on stderr but errors
  -h, --help      this help

examples:
  serverless-sandbox sweep examples/cold-starts.json --set lambda.fn.memoryMb=128,256,512,1024
  serverless-sandbox sweep doc.json --set fn.memoryMb=512,1024 --set users.traffic.rps=50,100,200
  serverless-sandbox sweep doc.json --set settings.accountConcurrency=100,500 --json --quiet | jq '.variants[].summary.latencyMs.p99'

exit codes:
  0   every variant ran (and, when the document has goals, at least one meets all of them)
  1   the document has goals and no variant meets all of them
  2   bad input: unknown option, missing file, a PATH that names no field, a value the
      document does not allow (one message per problem on stderr)`;

export const SAM_HELP = `usage: serverless-sandbox sam import TEMPLATE.(yaml|yml|json) [--quiet]
       serverless-sandbox sam export FILE.json [--quiet]

import  reads an AWS SAM or CloudFormation template and prints the document (JSON) on
        stdout. What the sandbox does not model is listed as warnings on stderr, never
        fatal. Node ids are the template's logical IDs.
export  prints a SAM template (YAML) for a document on stdout; importing it again gives
        the same graph.

options:
  --json          sam import: accepted (its output is JSON already); not for export
  --quiet         no warnings on stderr
  -h, --help      this help

examples:
  serverless-sandbox sam import template.yaml > diagram.json
  serverless-sandbox sam import template.yaml --quiet | serverless-sandbox simulate /dev/stdin
  serverless-sandbox sam export diagram.json > template.yaml

exit codes:
  0   the output was produced
  2   bad input: unknown command or option, missing file, not a template (import),
      not a valid document (export)`;

/** Commands yet to come reserve their name here so the dispatcher can say so. */
export const PLANNED_COMMANDS: Record<string, string> = {};
