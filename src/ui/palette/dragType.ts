/** The dataTransfer type that carries a node type from the palette to the canvas. */
export const NODE_DRAG_TYPE = 'application/x-serverless-sandbox-node';
