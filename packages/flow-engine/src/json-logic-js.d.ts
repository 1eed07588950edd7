// Minimal typings for json-logic-js 2.x (it ships none); only what the engine calls.
declare module 'json-logic-js' {
  interface JsonLogicStatic {
    apply(logic: unknown, data?: unknown): unknown;
    truthy(value: unknown): boolean;
  }
  const jsonLogic: JsonLogicStatic;
  export = jsonLogic;
}
