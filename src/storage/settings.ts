/** Keys of the settings store. */
export const SETTING_BACKEND = 'backend';
export const SETTING_OPERATING_POINT = 'operatingPoint';
export const SETTING_REFER_BAND = 'referBand';
