/**
 * How each service looks: our own glyph (stroked white, 24×24) on a tile in the AWS
 * architecture-diagram category colour. Drawn here rather than taken from AWS's icon set,
 * whose terms are separate from any npm package's licence. One entry per node type.
 */
import type { ReactElement } from 'react';
import type { NodeType } from '../../model';

export const SERVICE_STYLE: Record<NodeType, { colour: string; glyph: ReactElement }> = {
  client: {
    colour: '#5A6B86',
    glyph: (
      <>
        <rect x="5" y="6" width="14" height="9.5" rx="1.5" />
        <path d="M9.5 19h5M12 15.5V19" />
      </>
    ),
  },
  cloudfront: {
    colour: '#8C4FFF',
    glyph: (
      <>
        <circle cx="12" cy="12" r="7" />
        <path d="M5 12h14M12 5c-2.4 2-2.4 12 0 14M12 5c2.4 2 2.4 12 0 14" />
      </>
    ),
  },
  apiGateway: {
    colour: '#8C4FFF',
    glyph: (
      <>
        <path d="M9 6.5 4.5 12 9 17.5M15 6.5l4.5 5.5-4.5 5.5" />
        <path d="M13 7.5 11 16.5" />
      </>
    ),
  },
  lambda: {
    colour: '#ED7100',
    glyph: <path d="M7 19.5 11.6 10M8.8 4.5h2.4l6.3 15h1.8" />,
  },
  sqs: {
    colour: '#E7157B',
    glyph: (
      <>
        <rect x="4" y="8.5" width="4" height="7" rx="1" />
        <rect x="10" y="8.5" width="4" height="7" rx="1" />
        <path d="M16.5 12H20M18.5 10l2 2-2 2" />
      </>
    ),
  },
  sns: {
    colour: '#E7157B',
    glyph: (
      <>
        <circle cx="8" cy="12" r="2" />
        <path d="M13 8.5c1.3 1 1.3 6 0 7M16 6.5c2.2 2 2.2 9 0 11M19 4.5c3 3 3 12 0 15" />
      </>
    ),
  },
  eventbridge: {
    colour: '#E7157B',
    glyph: (
      <>
        <circle cx="6.5" cy="12" r="2" />
        <circle cx="17.5" cy="6.5" r="2" />
        <circle cx="17.5" cy="17.5" r="2" />
        <path d="M8.5 12h3.5M12 12l3.7-4.2M12 12l3.7 4.2" />
      </>
    ),
  },
  dynamodb: {
    colour: '#C925D1',
    glyph: (
      <>
        <ellipse cx="12" cy="6.5" rx="6" ry="2.2" />
        <path d="M6 6.5v11c0 1.2 2.7 2.2 6 2.2s6-1 6-2.2v-11M6 12c0 1.2 2.7 2.2 6 2.2s6-1 6-2.2" />
      </>
    ),
  },
  dax: {
    colour: '#C925D1',
    glyph: (
      <>
        <ellipse cx="10" cy="7" rx="5" ry="2" />
        <path d="M5 7v10c0 1.1 2.2 2 5 2M15 7v3.5" />
        <path d="M17.5 11 14.5 15.5h3l-1.5 4 3.5-5h-3l1.5-3.5z" />
      </>
    ),
  },
  kinesis: {
    colour: '#8C4FFF',
    glyph: (
      <>
        <path d="M4.5 7.5c3-2 5-2 8 0s5 2 7 0" />
        <path d="M4.5 12c3-2 5-2 8 0s5 2 7 0" />
        <path d="M4.5 16.5c3-2 5-2 8 0s5 2 7 0" />
      </>
    ),
  },
  s3: {
    colour: '#7AA116',
    glyph: (
      <>
        <ellipse cx="12" cy="6.5" rx="7" ry="2.2" />
        <path d="M5 6.5 7 18c.3 1 2.4 1.7 5 1.7s4.7-.7 5-1.7l2-11.5" />
      </>
    ),
  },
  stepFunctions: {
    colour: '#E7157B',
    glyph: (
      <>
        <rect x="9" y="3.5" width="6" height="4" rx="1" />
        <rect x="3.5" y="16.5" width="6" height="4" rx="1" />
        <rect x="14.5" y="16.5" width="6" height="4" rx="1" />
        <path d="M12 7.5V12M6.5 16.5V12h11v4.5" />
      </>
    ),
  },
  rdsProxy: {
    colour: '#C925D1',
    glyph: (
      <>
        <path d="M3.5 7h5M3.5 12h5M3.5 17h5" />
        <path d="M8.5 7 12 12l-3.5 5M8.5 12H15" />
        <ellipse cx="17.5" cy="8.5" rx="3" ry="1.3" />
        <path d="M14.5 8.5v7c0 .7 1.3 1.3 3 1.3s3-.6 3-1.3v-7" />
      </>
    ),
  },
  rds: {
    colour: '#C925D1',
    glyph: (
      <>
        <ellipse cx="12" cy="6" rx="6.5" ry="2.3" />
        <path d="M5.5 6v12c0 1.3 2.9 2.3 6.5 2.3s6.5-1 6.5-2.3V6" />
        <path d="M5.5 12c0 1.3 2.9 2.3 6.5 2.3s6.5-1 6.5-2.3" />
      </>
    ),
  },
};

export const SERVICE_COLOUR = Object.fromEntries(Object.entries(SERVICE_STYLE).map(([t, s]) => [t, s.colour])) as Record<NodeType, string>;
