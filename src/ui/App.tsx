import { lazy, Suspense, useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useDocumentStore } from '../state/documentStore';
import { useEditorStore } from '../state/editorStore';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './inspector/Inspector';
import { NoticeBar } from './notice/NoticeBar';
import { useLessonStore } from '../state/lessonStore';
import { STORAGE_KEYS } from '../state/storageKeys';
import { Palette } from './palette/Palette';
import { BottomPanel } from './BottomPanel';
import { Drawer } from './Drawer';
import { TopBar } from './toolbar/TopBar';
import { VIEW_MODE } from './share/viewMode';
import { useShortcuts } from './useShortcuts';
import { useLessonRoom } from './lessons/useLessonRoom';

// The lessons' documents load with the first lesson opened, not with the page.
const LessonPanel = lazy(() => import('./lessons/LessonPanel').then((m) => ({ default: m.LessonPanel })));

export function App() {
  useShortcuts();
  const lessonOpen = useLessonStore((s) => s.lessonId !== null);
  const presentation = useEditorStore((s) => s.presentation);
  // A lesson opens with its panel showing; on a narrow window the palette and inspector fold for it.
  useLessonRoom();
  useEffect(() => {
    const problems = useDocumentStore.getState().loadProblems;
    if (problems) {
      useEditorStore.getState().showNotice({
        kind: 'error',
        text: `Your saved diagram could not be opened, so the sample is shown. The saved copy is kept in local storage under "${STORAGE_KEYS.unreadableDocument.key}".`,
        details: problems,
      });
    }
  }, []);

  return (
    <ReactFlowProvider>
      <div className={`app${VIEW_MODE ? ' app--view' : ''}${presentation ? ' app--present' : ''}`}>
        <TopBar />
        <div className="app__body">
          {!VIEW_MODE && !presentation && (
            <Drawer panel="paletteOpen" side="left" title="Services">
              <Palette />
            </Drawer>
          )}
          <main className="app__main">
            <div className="app__canvas">
              <Canvas />
              <NoticeBar />
            </div>
            <BottomPanel />
          </main>
          {lessonOpen && !presentation && (
            <Drawer panel="lessonPanelOpen" side="right" title="Lesson" className="drawer--lesson">
              <Suspense fallback={null}>
                <LessonPanel />
              </Suspense>
            </Drawer>
          )}
          {!VIEW_MODE && !presentation && (
            <Drawer panel="inspectorOpen" side="right" title="Inspector">
              <Inspector />
            </Drawer>
          )}
        </div>
      </div>
    </ReactFlowProvider>
  );
}
