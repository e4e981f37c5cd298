/** @module Mounts an extension page's root component with the language context and shared styles. */
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { getDb } from '@/src/store/db';
import { LanguageProvider } from '@/src/ui/language-provider';
import '@/src/ui/styles.css';

/** Renders `Page` into `#root`. */
export function mountPage(Page: ComponentType): void {
  const container = document.getElementById('root');
  if (container === null) {
    throw new Error('#root missing');
  }
  // Open the database while React renders the first frame: every page lists something from it.
  void getDb().open();
  createRoot(container).render(
    <StrictMode>
      <LanguageProvider>
        <Page />
      </LanguageProvider>
    </StrictMode>,
  );
}
