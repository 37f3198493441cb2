/**
 * A `<span>` whose per-item CSS (a computed colour, size or position) is applied through the CSSOM
 * after mount, never as a `style` attribute: the Content-Security-Policy (server/http/security.ts)
 * has no `'unsafe-inline'` for styles, so a server-rendered `style="…"` would be blocked and logged
 * as a violation. Until hydration the span has only its class; text beside it carries the meaning.
 *
 * `css` maps CSS property names in kebab case (`inline-size`, `background-color`, `--custom`) to values.
 */
import { useEffect, useRef, type ReactNode } from "react";

export function CssomSpan({ css, className, children, hidden = true }: { css: Record<string, string>; className: string; children?: ReactNode; hidden?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  const key = JSON.stringify(css);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    for (const [prop, value] of Object.entries(JSON.parse(key) as Record<string, string>)) el.style.setProperty(prop, value);
  }, [key]);
  return (
    <span ref={ref} className={className} aria-hidden={hidden || undefined}>
      {children}
    </span>
  );
}
