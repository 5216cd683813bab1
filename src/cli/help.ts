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

examples:
  serverless-sandbox simulate examples/cold-starts.json
  serverless-sandbox simulate examples/dax.json --json --seed 7 --duration 600 > summary.json
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
  --csv FILE      also write the run's windows as CSV to FILE
  --report FILE   also write a one-page report to FILE (Markdown; HTML for .html)
  --json          print the JSON summary on stdout instead of the table
  --quiet         nothing on stderr but errors
  -h, --help      this help

examples:
  serverless-sandbox simulate examples/cold-starts.json
  serverless-sandbox simulate examples/cold-starts.json --json --seed 7 --duration 600
  serverless-sandbox simulate examples/dax.json --precision 0.03
  serverless-sandbox simulate my.json --quiet --json | jq .latencyMs.p99

${EXIT_CODES}`;

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
export const PLANNED_COMMANDS: Record<string, string> = {
  sweep: 'sweep (a parameter sweep over a document) is not available yet',
};
