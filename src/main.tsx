import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles/base.css';
import './ui/styles/layout.css';
import './ui/styles/canvas.css';
import './ui/styles/inspector.css';
import { App } from './ui/App';
import { startSharing } from './ui/share/sharedSession';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// A share link in the address opens before the first render (and never over unsaved work).
startSharing();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
