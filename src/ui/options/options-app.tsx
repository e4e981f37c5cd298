/**
 * @module The options page: per-site pause list, automatic chat saving, the export page's defaults, the
 * interface language, and the storage used (in total and per case) with a warning well before the quota.
 * Every change is stored at once through src/settings/store (no save button to forget).
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Demand } from '@/src/bundle/index';
import { readCaseSizes, type CaseSize } from '@/src/settings/case-sizes';
import { withSitePaused } from '@/src/settings/origins';
import type { Settings } from '@/src/settings/schema';
import { assessStorage, formatBytes, type StorageAssessment } from '@/src/settings/storage-usage';
import { readSettings, updateSettings, watchSettings } from '@/src/settings/store';
import { getDb } from '@/src/store/db';
import type { MessageKey } from '@/src/ui/i18n';
import { useT } from '@/src/ui/language';
import { LanguagePicker } from '@/src/ui/page-tools';

const DEMAND_LABEL: Record<Demand, MessageKey> = {
  refund: 'demand_refund',
  'refund-interest-costs': 'demand_refund_interest_costs',
  'triple-compensation': 'demand_triple_compensation',
};
const DEMANDS: readonly Demand[] = ['refund', 'refund-interest-costs', 'triple-compensation'];

/** The options page. */
export function OptionsApp(): ReactNode {
  const { t } = useT();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void readSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);

  async function change(apply: (current: Settings) => Settings): Promise<void> {
    // Shown at once (a controlled checkbox would otherwise flip back until storage answers), then stored.
    setSettings((current) => (current === null ? current : apply(current)));
    setSettings(await updateSettings(apply));
    setSaved(true);
  }

  if (settings === null) {
    return <p>{t('loading')}</p>;
  }
  return (
    <main className="options">
      <h1>{t('optionsTitle')}</h1>
      <p className="ok" role="status" aria-live="polite" data-testid="settings-saved">
        {saved ? t('settingsSaved') : ''}
      </p>
      <section aria-labelledby="options-language">
        <h2 id="options-language">{t('language')}</h2>
        <LanguagePicker />
      </section>
      <section aria-labelledby="options-sites">
        <h2 id="options-sites">{t('pausedSites')}</h2>
        <p className="muted">{t('pausedSitesHint')}</p>
        {settings.pausedOrigins.length === 0 ? <p data-testid="no-paused-sites">{t('noPausedSites')}</p> : null}
        <ul data-testid="paused-sites">
          {settings.pausedOrigins.map((origin) => (
            <li key={origin}>
              <span className="hash">{origin}</span>{' '}
              <button type="button" aria-label={t('resumeSiteNamed', { site: origin })} onClick={() => void change((current) => withSitePaused(current, origin, false))}>
                {t('resume')}
              </button>
            </li>
          ))}
        </ul>
        <label className="option-row">
          <input
            type="checkbox"
            checked={settings.autoSaveChats}
            onChange={(e) => {
              const on = e.target.checked;
              void change((current) => ({ ...current, autoSaveChats: on }));
            }}
            data-testid="auto-save-chats"
          />{' '}
          {t('autoSaveChats')}
        </label>
      </section>
      <section aria-labelledby="options-export">
        <h2 id="options-export">{t('exportDefaults')}</h2>
        <fieldset>
          <legend>{t('demand')}</legend>
          {DEMANDS.map((demand) => (
            <label key={demand} className="option-row">
              <input type="radio" name="default-demand" value={demand} checked={settings.defaultDemand === demand} onChange={() => void change((current) => ({ ...current, defaultDemand: demand }))} />{' '}
              {t(DEMAND_LABEL[demand])}
            </label>
          ))}
        </fieldset>
        <label className="option-row">
          <input
            type="checkbox"
            checked={settings.maskPrivacy}
            onChange={(e) => {
              const on = e.target.checked;
              void change((current) => ({ ...current, maskPrivacy: on }));
            }}
            data-testid="default-mask"
          />{' '}
          {t('maskPrivacy')}
        </label>
      </section>
      <StorageSection />
    </main>
  );
}

/** Storage used in total (the browser's estimate) and per case (summed from the database). */
function StorageSection(): ReactNode {
  const { t } = useT();
  const headingId = useId();
  const [assessment, setAssessment] = useState<StorageAssessment | null>(null);
  const [sizes, setSizes] = useState<CaseSize[] | null>(null);
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    void navigator.storage.estimate().then((estimate) => setAssessment(assessStorage(estimate)));
    const db = getDb();
    void readCaseSizes(db).then(setSizes);
    void db.cases.toArray().then((cases) => setTitles(new Map(cases.map((c) => [c.id, c.title]))));
  }, []);
  const total = sizes?.reduce((sum, size) => sum + size.bytes, 0) ?? 0;
  return (
    <section aria-labelledby={headingId} data-testid="storage">
      <h2 id={headingId}>{t('storageTitle')}</h2>
      {assessment === null ? <p>{t('loading')}</p> : null}
      {assessment !== null ? (
        <p data-testid="storage-used">
          {assessment.quotaBytes === null || assessment.usedRatio === null
            ? t('storageUsedNoQuota', { used: formatBytes(assessment.usedBytes) })
            : t('storageUsed', { used: formatBytes(assessment.usedBytes), quota: formatBytes(assessment.quotaBytes), percent: (assessment.usedRatio * 100).toFixed(1) })}
        </p>
      ) : null}
      {assessment?.warn === true ? (
        <p className="error" role="alert" data-testid="storage-warning">
          {t('storageWarning', { free: formatBytes(assessment.freeBytes ?? 0) })}
        </p>
      ) : null}
      <h3>{t('storageByCase')}</h3>
      {sizes === null ? <p>{t('loading')}</p> : null}
      {sizes !== null ? (
        <table className="events" data-testid="case-sizes">
          <thead>
            <tr>
              <th scope="col">{t('storageCase')}</th>
              <th scope="col">{t('storageSize')}</th>
            </tr>
          </thead>
          <tbody>
            {sizes.map((size) => (
              <tr key={size.caseId} data-testid="case-size">
                <td>{titles.get(size.caseId) ?? size.caseId}</td>
                <td>{formatBytes(size.bytes)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('storageTotal')}</th>
              <td data-testid="case-sizes-total">{formatBytes(total)}</td>
            </tr>
          </tfoot>
        </table>
      ) : null}
      <p className="muted">{t('storageNote')}</p>
    </section>
  );
}
