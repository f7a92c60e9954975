import { defaultLocale, isNumberLocale, numberFormats, type NumberLocale } from './number-format';

const STORAGE_KEY = 'pocket-lakehouse:number-locale';

/** The number and money format the user chose (remembered in localStorage across reloads). */
class FormatSetting {
  locale = $state<NumberLocale>(stored() ?? defaultLocale(navigator.languages ?? [navigator.language]));
  /** The formatters of the chosen locale; read it in markup or an effect to follow a change. */
  readonly f = $derived(numberFormats(this.locale));

  /** Choose a locale and remember it. */
  set(locale: NumberLocale): void {
    this.locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // storage disabled (private mode): the choice lasts for this page only
    }
  }
}

function stored(): NumberLocale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isNumberLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export const formats = new FormatSetting();
