import type { NodeTypes } from '@xyflow/react';
import { NODE_TYPES } from '../../model';
import { ServiceNode } from './nodes/ServiceNode';

/** At module scope: React Flow re-mounts every node when this object changes. */
export const nodeTypes: NodeTypes = Object.fromEntries(NODE_TYPES.map((type) => [type, ServiceNode]));
