/** Moved to model/fieldEdit.ts (checking an edit is a model rule); kept for existing imports. */
export { checkConfigEdit, checkValue, switchVariant, unionAt, type FieldCheck } from '../model/fieldEdit';
export { getAt, setAt } from '../model/valuePath';
