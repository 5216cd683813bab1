import { lazy, Suspense, useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useDocumentStore } from '../state/documentStore';
import { useEditorStore } from '../state/editorStore';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './inspector/Inspector';
import { NoticeBar } from './notice/NoticeBar';
import { useLessonStore } from './lessons/lessonStore';
import { Palette } from './palette/Palette';
import { BottomPanel } from './BottomPanel';
import { TopBar } from './toolbar/TopBar';
import { VIEW_MODE } from './share/viewMode';
import { useShortcuts } from './useShortcuts';

// The lessons' documents load with the first lesson opened, not with the page.
const LessonPanel = lazy(() => import('./lessons/LessonPanel').then((m) => ({ default: m.LessonPanel })));

export function App() {
  useShortcuts();
  const lessonOpen = useLessonStore((s) => s.lessonId !== null);
  useEffect(() => {
    const problems = useDocumentStore.getState().loadProblems;
    if (problems) {
      useEditorStore.getState().showNotice({
        kind: 'error',
        text: 'Your saved diagram could not be opened, so the sample is shown. The saved copy is kept in local storage under "serverless-sandbox:document:unreadable".',
        details: problems,
      });
    }
  }, []);

  return (
    <ReactFlowProvider>
      <div className={VIEW_MODE ? 'app app--view' : 'app'}>
        <TopBar />
        <div className="app__body">
          <Palette />
          <main className="app__main">
            <div className="app__canvas">
              <Canvas />
              <NoticeBar />
            </div>
            <BottomPanel />
          </main>
          {lessonOpen && (
            <Suspense fallback={null}>
              <LessonPanel />
            </Suspense>
          )}
          <Inspector />
        </div>
      </div>
    </ReactFlowProvider>
  );
}
