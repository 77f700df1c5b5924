import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/locales/en/electron.json';
import zhCN from '../../shared/i18n/locales/zh-CN/electron.json';
import { electronLabels, fillLabel, pickLabelLanguage } from './electron-labels';
import { dataDirFromArgs } from './launch-args';

function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

describe('main-process texts', () => {
  it('has every English key in Simplified Chinese and no extra ones', () => {
    expect(keyPaths(zhCN).sort()).toEqual(keyPaths(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string): string[] => (text.match(/\{\{\w+\}\}/g) ?? []).sort();
    const zhByKey = new Map(
      keyPaths(zhCN).map((path) => [
        path,
        path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], zhCN),
      ]),
    );
    for (const path of keyPaths(en)) {
      const english = path
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], en) as string;
      expect(placeholders(zhByKey.get(path) as string), path).toEqual(placeholders(english));
    }
  });

  it('follows a Chinese system and falls back to English for languages we lack', () => {
    expect(pickLabelLanguage(['zh-Hans-CN', 'en-US'])).toBe('zh-CN');
    expect(pickLabelLanguage(['zh-TW'])).toBe('zh-CN');
    expect(pickLabelLanguage(['de-DE', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLabelLanguage(['fr-FR'])).toBe('en');
    expect(pickLabelLanguage([])).toBe('en');
    expect(electronLabels('zh-CN').menu.quit).toBe('退出 NetLab');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillLabel('NetLab {{version}} at {{dataDir}}', { version: '0.1.0' })).toBe(
      'NetLab 0.1.0 at {{dataDir}}',
    );
  });
});

describe('--data-dir on the Electron command line', () => {
  it('reads both spellings among Electron switches', () => {
    expect(dataDirFromArgs(['/usr/bin/electron', 'out/main/index.js', '--data-dir', '/tmp/x'])).toBe(
      '/tmp/x',
    );
    expect(dataDirFromArgs(['NetLab', '--no-sandbox', '--data-dir=/tmp/y', '--inspect'])).toBe('/tmp/y');
  });

  it('ignores a missing or empty value instead of taking the next switch', () => {
    expect(dataDirFromArgs(['NetLab', '--data-dir', '--inspect'])).toBeUndefined();
    expect(dataDirFromArgs(['NetLab', '--data-dir='])).toBeUndefined();
    expect(dataDirFromArgs(['NetLab'])).toBeUndefined();
  });
});
