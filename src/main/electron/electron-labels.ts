/**
 * Texts the main process shows itself (menu, About box, start-up errors), in English and Simplified
 * Chinese. They live with the other translations under src/shared/i18n and are bundled at build
 * time, so the main process needs no i18n runtime.
 */
import en from '../../shared/i18n/locales/en/electron.json';
import zhCN from '../../shared/i18n/locales/zh-CN/electron.json';

export type ElectronLabels = typeof en;
export type LabelLanguage = 'en' | 'zh-CN';

const LABELS: Record<LabelLanguage, ElectronLabels> = { en, 'zh-CN': zhCN };

/** The first of the system's preferred languages we have texts for; English otherwise. */
export function pickLabelLanguage(preferred: readonly string[]): LabelLanguage {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function electronLabels(language: LabelLanguage): ElectronLabels {
  return LABELS[language];
}

/** Fills `{{name}}` placeholders; unknown names stay visible so a missing value is noticed. */
export function fillLabel(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
