// Minimal typings for bpmn-moddle 9 (it ships none); only what the tests call.
declare module 'bpmn-moddle' {
  interface ModdleElement {
    $type: string;
    $attrs?: Record<string, string>;
    [property: string]: unknown;
  }
  interface BpmnModdleInstance {
    fromXML(xml: string): Promise<{
      rootElement: ModdleElement;
      warnings: { message: string }[];
      elementsById: Record<string, ModdleElement>;
    }>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
  }
  function BpmnModdle(packages?: unknown, options?: unknown): BpmnModdleInstance;
  export = BpmnModdle;
}
