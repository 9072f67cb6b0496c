import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { Device, createWx, wxFail, type Navigator } from './wx';
import { readTemplates, type NodeTemplate } from './wxml';

/** A node of the tree Taro sends with setData (`root.cn.[0]...`). */
export interface DataNode {
  nn: string;
  sid: string;
  uid?: string;
  v?: string;
  cn?: DataNode[];
  cl?: string;
  [prop: string]: unknown;
}

/** How WeChat opened the mini-program: `App.onLaunch` / `onShow` options and the first page's query. */
export interface LaunchOptions {
  path?: string;
  query?: Record<string, string>;
  /** 1001 the list, 1011 a scanned link (`q`), 1047 a scanned mini-program code (`scene`). */
  scene?: number;
}

type Lifecycle = (this: PageInstance, ...args: unknown[]) => unknown;

interface PageInstance {
  route: string;
  __route__: string;
  options: Record<string, string>;
  data: { root?: DataNode; [k: string]: unknown };
  setData(patch: Record<string, unknown>, cb?: () => void): void;
  [k: string]: unknown;
}

/** Scenes that open the first page (WeChat's A scenes); every other scene opens a page of its own. */
const A_SCENES = [1001, 1019, 1022, 1023, 1038, 1056];

const TIMEOUT = Number(process.env.WEAPP_WAIT_MS ?? 30_000);

function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [p, qs = ''] = url.split('?');
  const route = p.replace(/^\//, '');
  const query: Record<string, string> = {};
  // WeChat hands the page its query values as they were written in the url, not decoded.
  for (const pair of qs.split('&').filter(Boolean)) {
    const i = pair.indexOf('=');
    query[i < 0 ? pair : pair.slice(0, i)] = i < 0 ? '' : pair.slice(i + 1);
  }
  return { route, query };
}

/** WeChat's setData path syntax (`a.b[0].c`, and Taro's `root.cn.[0]`). */
function pathSegments(p: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const part of p.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function applyPath(target: Record<string | number, unknown>, segs: Array<string | number>, value: unknown): void {
  let cur = target;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i];
    if (cur[s] === null || typeof cur[s] !== 'object') cur[s] = typeof segs[i + 1] === 'number' ? [] : {};
    cur = cur[s] as Record<string | number, unknown>;
  }
  cur[segs[segs.length - 1]] = value;
}

/** Data crosses from the logic layer to the view as JSON, as in WeChat. */
const serialise = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

export class WeappError extends Error {}

/**
 * The built mini-program (`client/dist/weapp`) running in Node: app.js, the Taro runtime,
 * vendors, common and the page files are evaluated in a fresh context with WeChat's globals,
 * one context per launch (a cold start). Pages render into `data.root` through setData; the
 * test reads it and fires the events the templates in base.wxml bind.
 */
export class MiniProgram implements Navigator {
  readonly device: Device;
  readonly errors: unknown[] = [];
  readonly logs: string[] = [];
  private readonly dir: string;
  private readonly templates: Map<string, NodeTemplate>;
  private readonly context: vm.Context;
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, Record<string, unknown>>();
  private readonly tabRoutes: string[];
  private readonly appJson: { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; tabBar?: { list: Array<{ pagePath: string }> } };
  private app: Record<string, Lifecycle> | null = null;
  private stack: PageInstance[] = [];
  /** Tab pages stay alive while another tab is shown. */
  private tabPages = new Map<string, PageInstance>();
  private loadingRoute: string | null = null;
  private timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private lastSceneWasA = true;

  private constructor(dir: string, device: Device) {
    this.dir = dir;
    this.device = device;
    this.templates = readTemplates(path.join(dir, 'base.wxml'));
    this.appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'));
    this.tabRoutes = (this.appJson.tabBar?.list ?? []).map((t) => t.pagePath);
    const wx = createWx(device, this);
    const sandbox: Record<string, unknown> = {
      wx,
      console: {
        log: (...a: unknown[]) => this.log('log', a),
        info: (...a: unknown[]) => this.log('info', a),
        warn: (...a: unknown[]) => this.log('warn', a),
        error: (...a: unknown[]) => this.log('error', a),
        debug: () => undefined,
        group: () => undefined,
        groupEnd: () => undefined,
        time: () => undefined,
        timeEnd: () => undefined,
      },
      setTimeout: (cb: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
        if (this.closed) return 0;
        const t = setTimeout(() => {
          this.timers.delete(t);
          if (!this.closed) this.guard(() => cb(...args));
        }, ms);
        this.timers.add(t);
        return t;
      },
      setInterval: (cb: () => void, ms: number) => {
        const t = setInterval(() => !this.closed && this.guard(cb), ms);
        this.timers.add(t);
        return t;
      },
      clearTimeout: (t: NodeJS.Timeout) => (clearTimeout(t), this.timers.delete(t)),
      clearInterval: (t: NodeJS.Timeout) => (clearInterval(t), this.timers.delete(t)),
      App: (config: Record<string, Lifecycle>) => {
        this.app = config;
      },
      Page: (config: Record<string, unknown>) => {
        if (!this.loadingRoute) throw new WeappError('Page() called outside a page file');
        this.pageConfigs.set(this.loadingRoute, config);
      },
      // `comp`, the wrapper Taro nests below 15 levels: its data is part of the page's, its `eh` the page's.
      Component: () => undefined,
      Behavior: (b: unknown) => b,
      getApp: () => this.app,
      getCurrentPages: () => [...this.stack],
      requirePlugin: () => ({}),
      __wxConfig: { envVersion: 'develop', platform: 'ios', accountInfo: { appId: 'wx-test-app' } },
    };
    this.context = vm.createContext(sandbox);
  }

  /**
   * Cold-starts the mini-program: app.js (and the files it requires), App.onLaunch and onShow,
   * then the first page (options.path or the first page of app.json) with options.query.
   */
  static async launch(opts: { device: Device; dir: string; launch?: LaunchOptions }): Promise<MiniProgram> {
    const mp = new MiniProgram(opts.dir, opts.device);
    const launch = opts.launch ?? {};
    const route = (launch.path ?? mp.appJson.pages[0]).replace(/^\//, '');
    const options = { path: route, query: launch.query ?? {}, scene: launch.scene ?? 1001, referrerInfo: {} };
    mp.require(path.join(opts.dir, 'app.js'));
    if (!mp.app) throw new WeappError('app.js did not call App()');
    mp.lastSceneWasA = A_SCENES.includes(options.scene);
    const app = mp.app as unknown as PageInstance;
    mp.call(app, 'onLaunch', options);
    mp.call(app, 'onShow', options);
    mp.openPage(route, { ...options.query });
    return mp;
  }

  // ---------------------------------------------------------------- modules

  private require(file: string): unknown {
    const abs = file.endsWith('.js') ? file : `${file}.js`;
    const cached = this.modules.get(abs);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.modules.set(abs, module);
    const code = fs.readFileSync(abs, 'utf8');
    const fn = vm.runInContext(`(function (require, module, exports) {${code}\n})`, this.context, { filename: abs });
    const localRequire = (p: string) => this.require(path.resolve(path.dirname(abs), p));
    fn(localRequire, module, module.exports);
    return module.exports;
  }

  private log(level: string, args: unknown[]): void {
    const line = `[${level}] ${args.map((a) => (a instanceof Error ? a.stack : typeof a === 'string' ? a : safeJson(a))).join(' ')}`;
    this.logs.push(line);
    if (process.env.WEAPP_DEBUG) process.stdout.write(`${line}\n`);
  }

  /** An exception the app does not catch is kept (a test fails on it), as WeChat's onError would see it. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.errors.push(e);
      this.log('uncaught', [e]);
    }
  }

  // ---------------------------------------------------------------- pages

  private isTab(route: string): boolean {
    return this.tabRoutes.includes(route);
  }

  private knownRoute(route: string): boolean {
    if (this.appJson.pages.includes(route)) return true;
    return (this.appJson.subPackages ?? []).some((s) => s.pages.some((p) => `${s.root}/${p}` === route));
  }

  private pageConfig(route: string): Record<string, unknown> {
    if (!this.pageConfigs.has(route)) {
      if (!this.knownRoute(route)) throw wxFail(`page "${route}" is not found`);
      this.loadingRoute = route;
      try {
        this.require(path.join(this.dir, `${route}.js`));
      } finally {
        this.loadingRoute = null;
      }
      if (!this.pageConfigs.has(route)) throw new WeappError(`${route}.js did not call Page()`);
    }
    return this.pageConfigs.get(route)!;
  }

  private createPage(route: string, query: Record<string, string>): PageInstance {
    const config = this.pageConfig(route);
    const page = { route, __route__: route, options: query, data: serialise(config.data ?? {}) } as PageInstance;
    for (const [k, v] of Object.entries(config)) if (k !== 'data') page[k] = v;
    page.setData = (patch, cb) => {
      for (const [p, v] of Object.entries(patch)) applyPath(page.data as Record<string, unknown>, pathSegments(p), serialise(v));
      if (cb) setTimeout(() => this.guard(cb), 0);
    };
    page.getOpenerEventChannel = () => ({ emit: () => undefined, on: () => undefined, once: () => undefined, off: () => undefined });
    page.selectComponent = () => null;
    page.createSelectorQuery = (this.context.wx as { createSelectorQuery: () => unknown }).createSelectorQuery;
    return page;
  }

  private call(page: PageInstance, name: string, ...args: unknown[]): void {
    const fn = page[name];
    if (typeof fn === 'function') this.guard(() => (fn as Lifecycle).apply(page, args));
  }

  private openPage(route: string, query: Record<string, string>): void {
    const page = this.createPage(route, query);
    this.stack.push(page);
    if (this.isTab(route)) this.tabPages.set(route, page);
    this.call(page, 'onLoad', query);
    this.call(page, 'onShow');
    this.call(page, 'onReady');
  }

  private unload(page: PageInstance): void {
    if (this.tabPages.get(page.route) === page) this.tabPages.delete(page.route);
    this.call(page, 'onUnload');
  }

  private hideTop(): void {
    const top = this.stack[this.stack.length - 1];
    if (top) this.call(top, 'onHide');
  }

  navigateTo(url: string): void {
    const { route, query } = parseUrl(url);
    if (this.isTab(route)) throw wxFail('can not navigateTo a tabbar page');
    if (this.stack.length >= 10) throw wxFail('webview count limit exceed');
    this.pageConfig(route);
    this.hideTop();
    this.openPage(route, query);
  }

  redirectTo(url: string): void {
    const { route, query } = parseUrl(url);
    if (this.isTab(route)) throw wxFail('can not redirectTo a tabbar page');
    this.pageConfig(route);
    const top = this.stack.pop();
    if (top) this.unload(top);
    this.openPage(route, query);
  }

  switchTab(url: string): void {
    const { route } = parseUrl(url);
    if (!this.isTab(route)) throw wxFail('can not switch to no-tabBar page');
    this.hideTop();
    // Every page above the tabs closes; the tab page is shown again or opened.
    for (const p of this.stack.splice(0).reverse()) if (!this.isTab(p.route)) this.unload(p);
    const alive = this.tabPages.get(route);
    if (alive) {
      this.stack.push(alive);
      this.call(alive, 'onShow');
    } else {
      this.openPage(route, {});
    }
  }

  reLaunch(url: string): void {
    const { route, query } = parseUrl(url);
    this.pageConfig(route);
    for (const p of this.stack.splice(0).reverse()) this.unload(p);
    for (const p of this.tabPages.values()) this.call(p, 'onUnload');
    this.tabPages.clear();
    this.openPage(route, query);
  }

  navigateBack(delta: number): void {
    if (this.stack.length <= 1) throw wxFail('cannot navigate back at first page.');
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop()!);
    this.call(this.stack[this.stack.length - 1], 'onShow');
  }

  /** A tap on WeChat's own tab bar (drawn by WeChat, not by the page). */
  tapTabBar(route: string): void {
    this.switchTab(`/${route}`);
  }

  /**
   * The person leaves the mini-program and opens it again while it is still alive (a hot
   * start), as WeChat's 再次打开逻辑 says: App.onShow with the new options; then an A scene
   * (list, wallet, desktop icon...) after an A scene keeps the pages, after a B scene (a scanned
   * code, a shared card: a page of its own) opens the first page afresh; a B scene opens its page
   * afresh (both as wx.reLaunch). Without options: back from the list (1001).
   */
  hotStart(launch: LaunchOptions = {}): void {
    const scene = launch.scene ?? 1001;
    const isA = A_SCENES.includes(scene);
    const route = (launch.path ?? (isA ? this.appJson.pages[0] : this.route)).replace(/^\//, '');
    const options = { path: route, query: launch.query ?? {}, scene, referrerInfo: {} };
    this.hideTop();
    this.call(this.app as unknown as PageInstance, 'onHide');
    this.call(this.app as unknown as PageInstance, 'onShow', options);
    const relaunch = !isA || !this.lastSceneWasA;
    this.lastSceneWasA = isA;
    if (relaunch) {
      const qs = Object.entries(options.query)
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
      this.reLaunch(`/${route}${qs ? `?${qs}` : ''}`);
    } else {
      this.call(this.top(), 'onShow');
    }
  }

  // ---------------------------------------------------------------- the view

  top(): PageInstance {
    const p = this.stack[this.stack.length - 1];
    if (!p) throw new WeappError('no page is open');
    return p;
  }

  get route(): string {
    return this.stack.length ? this.top().route : '';
  }

  routes(): string[] {
    return this.stack.map((p) => p.route);
  }

  /** The visible text of the page on top, as WeChat would draw it (text nodes in tree order). */
  text(node: DataNode | undefined = this.top().data.root): string {
    if (!node) return '';
    if (node.v !== undefined) return String(node.v);
    return (node.cn ?? []).map((c) => this.text(c)).join(node.cn && this.template(node)?.tag === 'view' ? '\n' : '');
  }

  private template(node: DataNode): NodeTemplate | undefined {
    return this.templates.get(String(node.nn));
  }

  /** The element with this id (the React `id`, or Taro's generated one) on the page on top. */
  find(id: string): DataNode | null {
    return this.findPath((n) => (n.uid ?? n.sid) === id)?.at(-1) ?? null;
  }

  /** The innermost element whose text contains `text`. */
  findByText(text: string): DataNode | null {
    let found: DataNode | null = null;
    const walk = (n: DataNode): void => {
      if (n.v !== undefined) return;
      if (!this.text(n).includes(text)) return;
      found = n;
      for (const c of n.cn ?? []) walk(c);
    };
    const root = this.top().data.root;
    if (root) for (const c of root.cn ?? []) walk(c);
    return found;
  }

  /** The attribute WeChat would render for the node (`disabled`, `value`, `src`, ...). */
  attr(node: DataNode, name: string): unknown {
    const key = this.template(node)?.attrs[name];
    return key ? node[key] : undefined;
  }

  private findPath(pred: (n: DataNode) => boolean): DataNode[] | null {
    const walk = (n: DataNode, trail: DataNode[]): DataNode[] | null => {
      const here = [...trail, n];
      if (n.v === undefined && n !== this.top().data.root && pred(n)) return here;
      for (const c of n.cn ?? []) {
        const r = walk(c, here);
        if (r) return r;
      }
      return null;
    };
    const root = this.top().data.root;
    return root ? walk(root, []) : null;
  }

  /**
   * Fires an event as WeChat does: from the target up through every ancestor whose template
   * binds it to `eh` (a `catch` binding stops it), each call with that element as currentTarget.
   */
  fire(target: string | DataNode, type: string, detail: Record<string, unknown> = {}): void {
    const page = this.top();
    const id = typeof target === 'string' ? target : (target.uid ?? target.sid);
    const trail = this.findPath((n) => (n.uid ?? n.sid) === id);
    if (!trail) throw new WeappError(`no element #${id} on ${page.route}:\n${this.text()}`);
    const el = trail[trail.length - 1];
    if (type === 'tap' && trail.some((n) => this.template(n)?.tag === 'button' && this.attr(n, 'disabled'))) {
      throw new WeappError(`#${id} is disabled: a tap does nothing`);
    }
    const ref = (n: DataNode) => ({ id: n.uid ?? n.sid, dataset: { sid: n.sid }, offsetLeft: 0, offsetTop: 0 });
    let delivered = false;
    for (let i = trail.length - 1; i >= 1; i--) {
      const n = trail[i];
      const binding = this.template(n)?.events[type];
      if (!binding) continue;
      const event = { type, timeStamp: Date.now(), target: ref(el), currentTarget: ref(n), detail, mark: {}, touches: [], changedTouches: [] };
      delivered = true;
      this.guard(() => (page.eh as (e: unknown) => void).call(page, event));
      if (binding === 'catch') break;
    }
    if (!delivered) throw new WeappError(`#${id} (${this.template(el)?.tag}) and its ancestors bind no ${type} event`);
  }

  tap(target: string | DataNode): void {
    this.fire(target, 'tap', { x: 10, y: 10 });
  }

  /** Types into an <input>/<textarea>, as the keyboard does: one input event with the whole value. */
  input(target: string, value: string): void {
    this.fire(target, 'input', { value, cursor: value.length, keyCode: 0 });
  }

  /** Waits until `check` returns something truthy (polling; the page updates asynchronously). */
  async waitFor<T>(check: () => T | null | undefined | false, what: string, timeout = TIMEOUT): Promise<T> {
    const start = Date.now();
    for (;;) {
      if (this.errors.length) throw new WeappError(`the mini-program threw: ${String((this.errors[0] as Error)?.stack ?? this.errors[0])}`);
      let v: T | null | undefined | false = null;
      try {
        v = check();
      } catch {
        v = null;
      }
      if (v) return v;
      if (Date.now() - start > timeout) {
        throw new WeappError(
          `timed out waiting for ${what}; on ${this.route}:\n${this.stack.length ? this.text() : ''}\n--- wx calls: ${this.device.calls
            .slice(-12)
            .map((c) => c.api)
            .join(', ')}\n--- log:\n${this.logs.slice(-20).join('\n')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  waitForRoute(route: string): Promise<true> {
    return this.waitFor(() => this.route === route && !!this.top().data.root?.cn?.length, `page ${route}`);
  }

  waitForText(text: string): Promise<string> {
    return this.waitFor(() => (this.text().includes(text) ? this.text() : null), `"${text}"`);
  }

  waitForElement(id: string): Promise<DataNode> {
    return this.waitFor(() => this.find(id), `#${id}`);
  }

  /** Stops every timer of this launch (the process ends). */
  close(): void {
    this.closed = true;
    for (const t of this.timers) {
      clearTimeout(t);
      clearInterval(t);
    }
    this.timers.clear();
    this.device.removeNetworkListener();
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
