import { useEffect, useState } from 'react';

/**
 * The canvas area (App's `.app__canvas`), to portal bars over the diagram from the top bar's
 * slot. It exists once the app has mounted, so it is looked up after the first commit.
 */
export function useCanvasHost(): Element | null {
  const [host, setHost] = useState<Element | null>(null);
  useEffect(() => {
    setHost(document.querySelector('.app__canvas'));
  }, []);
  return host;
}
