/**
 * What a dropped or chosen file is, from its content (never its name): a Serverless Sandbox
 * document (JSON with "format": "serverless-sandbox") or a SAM / CloudFormation template
 * (YAML or JSON). Looks at the text only; parsing is the importers' job.
 */
export type FileKind = 'document' | 'template';

const DOCUMENT_FORMAT = /"format"\s*:\s*"serverless-sandbox"/;
const TEMPLATE_KEY = /"(Resources|AWSTemplateFormatVersion|Transform)"\s*:/;

export function detectFileKind(text: string): FileKind {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return 'template'; // YAML: only templates are YAML
  if (DOCUMENT_FORMAT.test(text)) return 'document';
  // JSON without the document marker: a CloudFormation template if it has a template's keys,
  // otherwise the document reader says what is wrong with it.
  return TEMPLATE_KEY.test(text) ? 'template' : 'document';
}
