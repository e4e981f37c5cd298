/**
 * @module The popup's per-site switch: shows whether 留证 works on the current site and pauses or resumes it.
 * The setting is stored; content scripts of that site stop or restart on the change, and the background
 * refuses their reports while the site is paused.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { isPausedUrl, siteOrigin, withSitePaused } from '@/src/settings/origins';
import type { Settings } from '@/src/settings/schema';
import { readSettings, updateSettings, watchSettings } from '@/src/settings/store';
import { useT } from '@/src/ui/language';

/** The pause switch for the site of `pageUrl`; nothing for pages that are not web sites. */
export function SitePause({ pageUrl }: { pageUrl: string }): ReactNode {
  const { t } = useT();
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void readSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  const origin = siteOrigin(pageUrl);
  if (settings === null || origin === null) {
    return null;
  }
  const paused = isPausedUrl(settings, pageUrl);
  return (
    <div className="site-pause" data-testid="site-pause" data-paused={paused}>
      <p className={paused ? 'error' : 'ok'} role="status" style={{ margin: 0 }} data-testid="site-state">
        {paused ? t('sitePaused') : t('siteActive')}
      </p>
      {!paused && !settings.autoSaveChats ? <p className="muted" style={{ margin: 0 }}>{t('chatSavingOff')}</p> : null}
      <button
        type="button"
        aria-pressed={paused}
        onClick={() => void updateSettings((current) => withSitePaused(current, pageUrl, !paused)).then(setSettings)}
        data-testid="site-pause-toggle"
      >
        {paused ? t('resumeSite') : t('pauseSite')}
      </button>
    </div>
  );
}
