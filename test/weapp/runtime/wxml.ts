import fs from 'node:fs';

/**
 * What WeChat would render for one Taro node kind, read from the build's own base.wxml: the
 * tag, which template attribute carries which aliased prop (`disabled="{{i.p2}}"`), and the
 * events the template binds to the page's `eh` handler (only those reach the app).
 */
export interface NodeTemplate {
  nn: string;
  tag: string;
  /** attribute name -> key in the node's data (`p2`, `cl`, `st`, ...) */
  attrs: Record<string, string>;
  /** event name -> 'bind' (bubbles on) or 'catch' (stops bubbling here) */
  events: Record<string, 'bind' | 'catch'>;
}

export function readTemplates(baseWxmlPath: string): Map<string, NodeTemplate> {
  const src = fs.readFileSync(baseWxmlPath, 'utf8');
  const out = new Map<string, NodeTemplate>();
  // Depth 0 templates name every node kind; inputs and textareas have a `_blur`/`_focus` pair.
  const re = /<template name="tmpl_0_(\w+?)(_blur)?">\s*<([\w-]+)([^>]*)>/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const [, nn, , tag, attrText] = m;
    if (tag === 'template' || (out.has(nn) && !m[2])) continue;
    const attrs: Record<string, string> = {};
    const events: Record<string, 'bind' | 'catch'> = {};
    for (const a of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      const [, name, value] = a;
      const ev = /^(bind|catch):?([a-z]+)$/.exec(name);
      if (ev && value === 'eh') {
        events[ev[2]] = ev[1] as 'bind' | 'catch';
        continue;
      }
      const prop = /\bi\.(\w+)/.exec(value);
      if (prop) attrs[name] = prop[1];
    }
    out.set(nn, { nn, tag, attrs, events });
  }
  return out;
}
