// The view layer: wcc's template functions with a `window` and `console` of their own, and
// WeChat's component framework exparser (through j-component) renders them. The test file's jsdom
// is that WebView's document; nothing here lays anything out.
const exparser = require('miniprogram-exparser');
const jComponent = require('j-component');

const PROPERTY_TYPES = { String, Number, Boolean, Object, Array };

class ViewLayer {
  /**
   * @param {string} source wcc's output (defines $gwx)
   * @param {(problem: string) => void} report
   */
  constructor(source, report) {
    this.report = report;
    const log =
      (level) =>
      (...args) => {
        const text = args.map((arg) => (arg instanceof Error ? `${arg.message}` : String(arg))).join(' ');
        // wxs's own console.log prints WXSRT: lines; everything else wcc's runtime prints is an error.
        if (level === 'log' && text.startsWith('WXSRT:')) return;
        this.report(`view layer (template/wxs) ${level}: ${text}`);
      };
    // Evaluated in this realm, where exparser keeps the data: wcc's runtime checks
    // `value.constructor === Object`, so data from another realm would reach wxs as null.
    const evaluate = new Function('window', 'console', `${source}\nreturn $gwx;`);
    /** @type {(path: string) => ((data: object) => object) | undefined} */
    this.gwx = evaluate({}, { log: log('log'), warn: log('warn'), error: log('error') });
  }

  /** The compiled template of `file` (e.g. 'pages/index/index.wxml'), which must exist. */
  template(file) {
    const generate = this.gwx(file);
    if (typeof generate !== 'function') throw new Error(`wcc compiled no template ${file}`);
    return (data) => {
      try {
        return generate(data);
      } catch (error) {
        this.report(
          `template ${file} failed to render: ${error instanceof Error ? error.message : String(error)}`,
        );
        throw error;
      }
    };
  }

  /**
   * Registers a page or component with exparser.
   * @param {string} id unique within the process
   * @param {object} definition
   * @param {string} definition.template the .wxml file
   * @param {Record<string, string>} definition.usingComponents tag → registered id
   * @param {Record<string, { type: unknown, value?: unknown }>} [definition.properties] from the logic layer
   * @param {object} [definition.data] initial data (already JSON)
   * @param {object} [definition.options]
   * @param {Record<string, (this: object, event: object) => void>} definition.methods
   * @param {Record<string, (this: object) => void>} [definition.lifetimes]
   */
  define(
    id,
    { template, usingComponents, properties = {}, data = {}, options = {}, methods, lifetimes = {} },
  ) {
    /** @type {Record<string, { type: unknown, value?: unknown }>} */
    const props = {};
    for (const [name, property] of Object.entries(properties)) {
      // Types cross the bridge by name: the logic realm's Object is not the view's.
      const spec = property && typeof property === 'object' ? property : { type: property };
      const type = spec.type === null ? null : (PROPERTY_TYPES[spec.type?.name] ?? null);
      props[name] = {
        type,
        value: spec.value === undefined ? undefined : JSON.parse(JSON.stringify(spec.value)),
      };
    }
    jComponent.register({
      id,
      template: this.template(template),
      usingComponents,
      properties: props,
      data,
      options,
      methods,
      lifetimes,
    });
  }

  /** Creates a registered page and attaches it to `container`, like a new WebView. */
  create(id, container) {
    const root = jComponent.create(id);
    root.attach(container);
    return root;
  }

  /** Dispatches an exparser event on a rendered DOM node, bubbling like a user's touch. */
  dispatch(domNode, type, detail) {
    const element = domNode.__wxElement;
    if (!element) throw new Error(`<${domNode.tagName}> is not an exparser node`);
    exparser.Event.dispatchEvent(
      element,
      exparser.Event.create(type, detail, {
        bubbles: true,
        composed: true,
        capturePhase: true,
        extraFields: { touches: [], changedTouches: [] },
      }),
    );
  }
}

module.exports = { ViewLayer };
