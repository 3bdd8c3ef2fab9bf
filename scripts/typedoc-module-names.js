// A TypeDoc plugin (typedoc.json loads it): names each entry point's module after
// the import path users write, instead of the source folder TypeDoc derives.
import { Converter, ReflectionKind } from 'typedoc';

const names = new Map([
  ['core/src', '@bursar/core'],
  ['core/src/pricing', '@bursar/core/pricing'],
  ['core/src/spec', '@bursar/core/spec'],
  ['core/src/testing', '@bursar/core/testing'],
  ['anthropic/src', '@bursar/anthropic'],
  ['simulator/src', '@bursar/simulator'],
]);

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const name = names.get(reflection.name);
    if (name === undefined) {
      throw new Error(
        `typedoc-module-names: no import path for the module "${reflection.name}"; add it to scripts/typedoc-module-names.js`,
      );
    }
    reflection.name = name;
  });
}
